"""Pages at a province (issue 15): as wards are added, no page of a ward's clerk or of the level above runs more
queries, and none grows in HTML (a province of 3 wards, then 12, then 21, written by demo.scale as generate_scale
does; on SQLite and PostgreSQL, as every test)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from demo.data import PASSWORD
from demo.scale import Generator

# Each page's answer may differ a little with the rows it happens to show (other names): not with the wards.
TOLERANCE = 0.10

PAGES = ["/members/", "/members/?q=nguyen", "/members/?q=n", "/members/?list=fees_unpaid", "/members/?list=badges",
         "/people/", "/people/?q=nguyen", "/meetings/", "/documents/", "/positions/?on=01/06/2026", "/audit/",
         "/inspections/", "/tasks/", "/members/fees/", "/commendations/", "/gradings/", "/api/v1/members?q=nguyen",
         "/api/v1/people", "/api/v1/organizations"]
# The dashboard (one ward's; the level above's a page of its wards, here of 10 so that 12 wards fill it, sorted by a
# figure or in the tree's order, with the totals of all): the same statements and page whatever the wards.
DASHBOARD_PER_PAGE = 10
PAGES += ["/", "/?sort=-members", "/?sort=targets_achieved", "/api/v1/dashboard?page_size=10",
          "/api/v1/dashboard?page_size=10&sort=-tasks_overdue"]
# The tree lists the province's wards (a level holds at most 300 units, org.tree.TREE_LEVEL): it grows with the
# wards by design, the rest of its cost does not (queries).
GROWING = ["/organizations/"]


def analyze():
    """The planner's statistics of the tables just written, as autovacuum keeps them in a real database (without,
    PostgreSQL plans a search over thousands of rows as over a handful: minutes)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def figures(username, paths):
    client = Client()
    client.force_login(User.objects.get(username=username))
    token = client.post("/api/v1/auth/token", {"username": username, "password": PASSWORD},
                        content_type="application/json").json()["token"]
    answers = {}
    for path in paths:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if path.startswith("/api/") else {}
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **headers)
        assert response.status_code == 200, (username, path, response.status_code)
        answers[path] = (len(queries), len(response.content))
    return answers


@pytest.mark.django_db
def test_no_page_grows_with_the_number_of_wards(settings, monkeypatch):
    monkeypatch.setattr("dashboard.views.PER_PAGE", DASHBOARD_PER_PAGE)
    settings.DEMO_MODE = True  # the generated logins are demo accounts
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    generator = Generator(wards=3, cells=20, members=400, years=1, progress=lambda *_: None)
    generator.run()
    analyze()
    users = ("scale-province", "scale-ward-1")
    small = {username: figures(username, PAGES + GROWING) for username in users}
    generator.extend(9)
    analyze()
    middle = {username: figures(username, PAGES + GROWING) for username in users}
    generator.extend(9)
    analyze()
    large = {username: figures(username, PAGES + GROWING) for username in users}
    failures = []
    for username, pages in large.items():
        for path, (queries, size) in pages.items():
            # The same queries at 3, 12 and 21 wards; the same size from 12 to 21 (a list of a few wards may not
            # fill its page of 50 yet).
            counts = {small[username][path][0], middle[username][path][0], queries}
            old_size = middle[username][path][1]
            if len(counts) > 1 or (abs(size - old_size) > TOLERANCE * old_size
                                   and not (path in GROWING and username == "scale-province")):
                failures.append((username, path, sorted(counts), old_size, size))
    assert failures == [], "\n".join(map(str, failures))

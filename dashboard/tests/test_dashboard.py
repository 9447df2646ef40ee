"""The ward's dashboard (charts with their figures, what is overdue and next, targets, inbox) and the level above's
(each ward side by side with totals, sortable, a link into each ward), in a number of queries that does not grow
with the wards; the API gives the same figures."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.permissions import Role
from conftest import make_org, make_user
from dashboard.figures import MEASURES
from org.models import Kind
from org.tests.test_api_people import bearer
from reminders.services import collect_reminders
from work.models import Indicator, TaskStatus
from work.services import create_target, create_task, record_actual, report_progress

D = datetime.date


def test_the_wards_dashboard_draws_its_figures_and_lists_what_is_due(client, clerk, world, tasks):
    report_progress(tasks.mttq, actor=clerk, note="Xong", status=TaskStatus.DONE)
    target = create_target(ward=world.ward, actor=clerk, year=datetime.date.today().year,
                           indicator=Indicator.BUDGET_REVENUE, target_value=Decimal("11031000000"))
    record_actual(target, actor=clerk, day=datetime.date.today().replace(month=1, day=2), value=4000000000,
                  source="Báo cáo")
    collect_reminders()
    client.force_login(clerk)
    response = client.get(reverse("dashboard"))
    page = response.content.decode()
    assert '<td class="num" data-bar="task-done_late">1</td>' not in page  # last year's tasks are not this year's
    assert "36,26%" in page and tasks.ubnd.get_absolute_url() in page  # a target's bar; an overdue task
    assert 'id="inbox-preview"' in page and "Quá hạn" in page
    assert "Chi bộ số 1" in page  # no meeting this month
    assert "So sánh các phường, xã" not in page


def test_this_years_tasks_are_charted_by_status(client, clerk, world):
    today = datetime.date.today()
    for number, status in enumerate(("in_progress", "in_progress", "")):
        task = create_task(ward=world.ward, actor=clerk, text=f"Việc {number}", lead_unit=world.ubnd, start=today)
        if status:
            report_progress(task, actor=clerk, note="Đang làm", status=status)
    client.force_login(clerk)
    page = client.get(reverse("dashboard")).content.decode()
    assert 'data-bar="task-in_progress">2</td>' in page and 'data-bar="task-not_started">1</td>' in page
    assert 'width="100.0"' in page and 'width="50.0"' in page


def test_the_level_above_compares_its_wards_with_totals_sorted_in_constant_queries(client, clerk, superior, world,
                                                                                   tasks):
    create_target(ward=world.ward, actor=clerk, year=D.today().year, indicator=Indicator.MEETINGS_HELD,
                  target_value=12)
    client.force_login(superior)
    with CaptureQueriesContext(connection) as two:
        response = client.get(reverse("dashboard"), {"sort": "-tasks_overdue"})
    rows = response.context["rows"]
    assert [row["unit"] for row in rows] == [world.ward, world.other_ward]  # 3 overdue, then 1
    assert response.context["totals"]["tasks_overdue"] == 4
    page = response.content.decode()
    assert f'href="?ward={world.ward.pk}"' in page and 'data-total="tasks_overdue"><strong>4</strong>' in page
    ascending = client.get(reverse("dashboard"), {"sort": "tasks_overdue"}).context["rows"]
    assert [row["unit"] for row in ascending] == [world.other_ward, world.ward]
    for number in range(4):
        ward = make_org(world.district, f"Đảng ủy phường Thêm {number}", Kind.WARD_COMMITTEE)
        make_org(ward, f"Chi bộ {number}", Kind.CELL)
        create_target(ward=ward, actor=make_user(f"clerk{number}", ward, Role.WARD_CLERK), year=D.today().year,
                      indicator=Indicator.MEETINGS_HELD, target_value=12)
    with CaptureQueriesContext(connection) as six:
        assert len(client.get(reverse("dashboard"), {"sort": "-tasks_overdue"}).context["rows"]) == 6
    assert len(six.captured_queries) == len(two.captured_queries)


def test_the_level_above_looks_into_one_ward(client, superior, world, tasks, outsider):
    client.force_login(superior)
    response = client.get(reverse("dashboard"), {"ward": world.ward.pk})
    assert response.context["chosen"] == world.ward and "← So sánh các phường, xã" in response.content.decode()
    client.force_login(outsider)
    assert client.get(reverse("dashboard"), {"ward": world.ward.pk}).status_code == 404


def test_the_api_gives_the_same_figures(client, clerk, superior, world, tasks, outsider):
    mine = client.get("/api/v1/dashboard", **bearer(client, clerk)).json()
    assert [ward["name"] for ward in mine["wards"]] == [world.ward.name]
    assert (mine["wards"][0]["tasks_open"], mine["wards"][0]["tasks_overdue"]) == (3, 3)
    above = client.get("/api/v1/dashboard", **bearer(client, superior)).json()
    assert {ward["name"] for ward in above["wards"]} == {world.ward.name, world.other_ward.name}
    assert above["totals"]["tasks_open"] == sum(ward["tasks_open"] for ward in above["wards"]) == 4
    assert client.get(f"/api/v1/dashboard?ward={world.ward.pk}", **bearer(client, outsider)).status_code == 404


def more_wards(world, count: int) -> list:
    wards = []
    for number in range(count):
        ward = make_org(world.district, f"Đảng ủy phường Thêm {number}", Kind.WARD_COMMITTEE)
        make_org(ward, f"Chi bộ {number}", Kind.CELL)
        wards.append(ward)
    return wards


def test_the_level_above_reads_its_wards_a_page_at_a_time_with_the_totals_of_all(client, superior, world, tasks,
                                                                                   monkeypatch):
    monkeypatch.setattr("dashboard.views.PER_PAGE", 2)
    more_wards(world, 3)
    client.force_login(superior)
    with CaptureQueriesContext(connection) as first:
        response = client.get(reverse("dashboard"), {"sort": "-tasks_overdue"})
    assert [row["unit"] for row in response.context["rows"]] == [world.ward, world.other_ward]  # 3 overdue, then 1
    page = response.content.decode()
    assert "Tổng cộng (5 đơn vị)" in page and 'data-total="tasks_overdue"><strong>4</strong>' in page
    assert "Trang 1/3" in page and "page=2" in page and "sort=-tasks_overdue" in page
    with CaptureQueriesContext(connection) as last:
        response = client.get(reverse("dashboard"), {"sort": "-tasks_overdue", "page": 3})
    assert len(response.context["rows"]) == 1 and response.context["totals"]["tasks_overdue"] == 4
    assert response.context["totals"]["tasks_open"] == 4 and response.context["totals"]["members"] == 0
    assert len(first.captured_queries) == len(last.captured_queries)
    # In the tree's order, without a figure to sort by: one statement fewer.
    tree = client.get(reverse("dashboard"), {"page": 2}).context["rows"]
    assert [row["unit"].name for row in tree] == ["Đảng ủy phường Thêm 0", "Đảng ủy phường Thêm 1"]


def test_the_totals_are_those_of_every_ward_whatever_the_page(client, clerk, superior, world, tasks, monkeypatch):
    create_target(ward=world.ward, actor=clerk, year=D.today().year, indicator=Indicator.MEETINGS_HELD,
                  target_value=12)
    client.force_login(superior)
    whole = client.get(reverse("dashboard")).context
    monkeypatch.setattr("dashboard.views.PER_PAGE", 1)
    paged = client.get(reverse("dashboard"), {"page": 2}).context
    assert paged["totals"] == whole["totals"]
    assert {key: sum(row[key] for row in whole["rows"]) for key in MEASURES} == {
        key: whole["totals"][key] for key in MEASURES}
    assert whole["totals"]["targets"] == 1 and whole["totals"]["tasks_open"] == 4


def test_the_api_pages_the_wards_and_keeps_the_totals_of_all(client, superior, world, tasks):
    more_wards(world, 2)
    headers = bearer(client, superior)
    first = client.get("/api/v1/dashboard?page_size=1&sort=-tasks_overdue", **headers).json()
    assert [ward["name"] for ward in first["wards"]] == [world.ward.name]
    assert first["count"] == 4 and first["totals"]["tasks_overdue"] == 4
    second = client.get("/api/v1/dashboard?page_size=1&page=2&sort=-tasks_overdue", **headers).json()
    assert [ward["name"] for ward in second["wards"]] == [world.other_ward.name]
    past = client.get("/api/v1/dashboard?page=9", **headers).json()
    assert past["wards"] == [] and past["totals"] == first["totals"]
    assert client.get("/api/v1/dashboard?sort=nothing", **headers).status_code == 422

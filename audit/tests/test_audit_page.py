"""The audit page a page at a time from the index (issue 15): no count, no offset; the cursor carries on where the
page ended, ties of the same moment broken by the row's id; the scope holds on every page."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import LogEntry
from audit.services import log_actions
from audit.views import PAGE_SIZE


@pytest.fixture
def entries(world, clerk):
    with transaction.atomic():
        log_actions("org.person.updated", actor=clerk, entries=[(world.hung, world.ward, {"n": i}) for i in range(120)])
        log_actions("org.person.updated", actor=clerk,
                    entries=[(world.stranger, world.other_ward, {"n": i}) for i in range(30)])
    return LogEntry.objects.filter(organization=world.ward).order_by("-created", "-id")


def test_the_pages_follow_each_other_without_a_gap_or_a_repeat(client, world, clerk, entries):
    client.force_login(clerk)
    seen, cursor, pages, queries = [], None, 0, []
    while True:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("audit_log"), {"after": cursor} if cursor else {})
        queries.append(len(captured))
        page = response.context["page"]
        seen += [entry.pk for entry in page]
        pages += 1
        assert all(entry.organization_id == world.ward.pk for entry in page)  # never another ward's rows
        cursor = page.after
        if cursor is None:
            assert "Cũ hơn" not in response.content.decode()
            break
        assert "Cũ hơn" in response.content.decode()
    assert seen == list(entries.values_list("pk", flat=True)) and len(seen) == 120
    assert pages == 3 and len(set(queries)) == 1  # 50, 50, 20: the same queries a page, no COUNT
    assert "Mới nhất" in response.content.decode()


@pytest.mark.parametrize("cursor", ["nonsense", "2026-13-45T00:00:00_1", "_", "2026-01-01T00:00:00+00:00_x"])
def test_a_cursor_that_does_not_parse_starts_from_the_first_page(client, clerk, entries, cursor):
    client.force_login(clerk)
    page = client.get(reverse("audit_log"), {"after": cursor}).context["page"]
    assert page.first and len(page) == PAGE_SIZE

"""The level above's table read from kept figures (dashboard.table): the same figures as counting them, each ward's
row kept until a change is logged under it, another day comes or MAX_AGE passes; never for a user who may not
read every figure."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from audit.models import LogEntry
from conftest import bulk_members, make_org, make_user
from dashboard import table
from dashboard.figures import MEASURES, scope_totals, unit_rows
from dashboard.models import KeptFigures
from members.models import PartyMember
from members.services import update_member
from org.models import CellCategory, Kind
from org.services import update_person
from org.stats import dashboard_units
from work.models import TaskStatus
from work.services import create_task, report_progress

D = datetime.date


def test_the_kept_figures_are_the_counted_ones(superior, world, tasks):
    today = timezone.localdate()
    units = dashboard_units(superior)
    assert len(units) == 2
    kept = table.kept_figures(superior, units, today)
    counted = {row["unit"].pk: row for row in unit_rows(superior, units, today)}
    for unit in units:
        assert kept[unit.pk] == {key: counted[unit.pk][key] for key in table.KEPT}
    assert kept[world.ward.pk]["tasks_open"] == 3 and kept[world.other_ward.pk]["tasks_open"] == 1
    live = scope_totals(superior, units, today)
    assert {key: table.totals(kept.values())[key] for key in MEASURES} == {key: live[key] for key in MEASURES}
    assert table.totals(kept.values())["tasks_by_status"] == live["tasks_by_status"]
    assert KeptFigures.objects.count() == 2


def test_a_ward_is_counted_again_only_when_a_change_is_logged_under_it(client, clerk, superior, world, tasks,
                                                                       monkeypatch):
    monkeypatch.setattr(table, "SETTLE", datetime.timedelta(0))
    client.force_login(superior)
    with CaptureQueriesContext(connection) as cold:
        response = client.get(reverse("dashboard"))
    assert response.context["totals"]["tasks_open"] == 4
    assert "được tính lại khi phường, xã đó có thay đổi, và ít nhất 1 giờ một lần" in response.content.decode()
    counted_at = dict(KeptFigures.objects.values_list("unit_id", "counted_at"))
    with CaptureQueriesContext(connection) as warm:
        assert client.get(reverse("dashboard")).context["totals"]["tasks_open"] == 4
    assert len(warm.captured_queries) < len(cold.captured_queries) - 5  # nothing counted
    assert dict(KeptFigures.objects.values_list("unit_id", "counted_at")) == counted_at
    report_progress(tasks.ubnd, actor=clerk, note="Xong", status=TaskStatus.DONE)  # logged under the ward
    response = client.get(reverse("dashboard"))
    assert response.context["totals"]["tasks_open"] == 3
    assert {row["unit"]: row["tasks_open"] for row in response.context["rows"]} == {world.ward: 2,
                                                                                    world.other_ward: 1}
    again = dict(KeptFigures.objects.values_list("unit_id", "counted_at"))
    assert again[world.ward.pk] > counted_at[world.ward.pk]  # counted again
    assert again[world.other_ward.pk] == counted_at[world.other_ward.pk]  # kept


def test_a_member_moved_to_another_ward_has_both_wards_counted_again(client, superior, admin_user, world, tasks,
                                                                    monkeypatch):
    """A move is logged under the unit moved to, and names the one left (audit.services.MOVED_FROM): the ward the
    member left is counted again too, not kept with the member still in it."""
    monkeypatch.setattr(table, "SETTLE", datetime.timedelta(0))
    cell = make_org(world.other_ward, "Chi bộ số 1 Bồ Đề", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    bulk_members([world.cell], ["Lê Văn Tám"], analyze=False)
    member = PartyMember.objects.select_related("person").get(person__full_name="Lê Văn Tám")
    client.force_login(superior)

    def members() -> dict:
        return {row["unit"]: row["members"] for row in client.get(reverse("dashboard")).context["rows"]}

    assert members() == {world.ward: 1, world.other_ward: 0}
    update_person(member.person, actor=admin_user, organization=world.other_group)  # the person moves first
    assert members() == {world.ward: 1, world.other_ward: 0}
    update_member(member, actor=admin_user, organization=cell)
    entry = LogEntry.objects.filter(action="members.member.updated").get()
    assert entry.organization == cell and entry.data["moved_from"] == world.cell.pk.hex
    assert members() == {world.ward: 0, world.other_ward: 1}


def test_a_change_written_without_a_log_entry_shows_once_the_row_is_max_age_old(client, superior, world, tasks,
                                                                                monkeypatch):
    monkeypatch.setattr(table, "SETTLE", datetime.timedelta(0))
    client.force_login(superior)
    assert client.get(reverse("dashboard")).context["totals"]["tasks_open"] == 4
    type(tasks.other).objects.filter(pk=tasks.other.pk).update(status=TaskStatus.DONE)  # no log entry
    assert client.get(reverse("dashboard")).context["totals"]["tasks_open"] == 4  # the kept row holds
    monkeypatch.setattr(table, "MAX_AGE", datetime.timedelta(0))  # as if MAX_AGE had passed
    assert client.get(reverse("dashboard")).context["totals"]["tasks_open"] == 3


def test_a_change_logged_just_before_the_count_is_looked_for_again(client, clerk, superior, world, tasks):
    """A transaction stamps its log entry when it writes it and may commit after a count that could not see it:
    a change logged less than SETTLE before the count still has its ward counted again."""
    client.force_login(superior)
    client.get(reverse("dashboard"))
    counted_at = KeptFigures.objects.get(unit=world.ward).counted_at
    client.get(reverse("dashboard"))  # the tasks fixture's entries are younger than SETTLE before the count
    assert KeptFigures.objects.get(unit=world.ward).counted_at > counted_at


def test_another_day_is_counted_again(superior, world, tasks, monkeypatch):
    monkeypatch.setattr(table, "SETTLE", datetime.timedelta(0))
    today = timezone.localdate()
    units = dashboard_units(superior)
    table.kept_figures(superior, units, today)
    create_task(ward=world.other_ward, actor=make_user("c2", world.other_ward, Role.WARD_CLERK), text="Việc mới",
                lead_unit=world.other_group, start=today, due_on=today)  # logged: but look at tomorrow's
    KeptFigures.objects.update(counted_at=timezone.now())  # as if counted after it
    assert table.kept_figures(superior, units, today)[world.other_ward.pk]["tasks_overdue"] == 1
    tomorrow = table.kept_figures(superior, units, today + datetime.timedelta(days=1))
    assert tomorrow[world.other_ward.pk]["tasks_overdue"] == 2  # due today: overdue tomorrow
    assert set(KeptFigures.objects.values_list("day", flat=True)) == {today + datetime.timedelta(days=1)}


def test_a_user_who_may_not_read_every_figure_gets_them_counted_as_they_see_them(client, world, tasks):
    """A chi bộ secretary's grant on one ward holds no inspections.view: the kept figures (every record) are not
    theirs, so their table is counted for them."""
    mixed = make_user("mixed", world.ward, Role.CELL_SECRETARY)
    mixed.assignments.create(organization=world.other_ward, role=Role.SUPERIOR_VIEWER)
    units = dashboard_units(mixed)
    assert len(units) == 2
    today = timezone.localdate()
    assert table.kept_figures(mixed, units, today) is None
    client.force_login(mixed)
    response = client.get(reverse("dashboard"))
    assert response.context["totals"]["tasks_open"] == 4
    assert not KeptFigures.objects.exists() and 'id="kept-note"' not in response.content.decode()


def test_the_command_keeps_every_wards_figures_for_today_so_the_first_table_counts_nothing(client, superior, world,
                                                                                          tasks, monkeypatch):
    monkeypatch.setattr(table, "SETTLE", datetime.timedelta(0))
    out = io.StringIO()
    call_command("keep_dashboard_figures", batch=1, stdout=out)
    printed = out.getvalue()
    assert "Đã tính 1/2 phường, xã." in printed and "Đã lưu số liệu tổng quan của 2 phường, xã." in printed
    kept = dict(KeptFigures.objects.values_list("unit_id", "counted_at"))
    assert set(kept) == {world.ward.pk, world.other_ward.pk}
    assert set(KeptFigures.objects.values_list("day", flat=True)) == {timezone.localdate()}
    client.force_login(superior)
    assert client.get(reverse("dashboard")).context["totals"]["tasks_open"] == 4
    assert dict(KeptFigures.objects.values_list("unit_id", "counted_at")) == kept  # read, not counted
    with pytest.raises(CommandError, match="--batch"):
        call_command("keep_dashboard_figures", batch=0)

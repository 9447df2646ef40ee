"""The audit log is append-only, written inside the change's transaction, and records only what changed."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from audit.models import AuditLogImmutableError, LogEntry
from audit.services import log_action, update_audited
from conftest import make_org
from org.models import CellCategory, Kind


@pytest.fixture
def entry(world, clerk):
    return log_action("org.person.updated", actor=clerk, obj=world.hung, organization=world.ward,
                      data={"changes": {"note": {"old": "", "new": "x"}}})


def update_hung(world, clerk, **changes):
    return update_audited(world.hung, changes, actor=clerk, action="org.person.updated", organization=world.ward)


# Append-only ---------------------------------------------------------------------------------------------------


def test_it_refuses_to_save_an_existing_row_again(entry):
    entry.action = "org.person.created"
    with pytest.raises(AuditLogImmutableError):
        entry.save()
    assert LogEntry.objects.get(pk=entry.pk).action == "org.person.updated"


def test_it_refuses_to_delete_a_row(entry):
    with pytest.raises(AuditLogImmutableError):
        entry.delete()
    assert LogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("change", [
    lambda qs: qs.update(action="x"),
    lambda qs: qs.delete(),
    lambda qs: LogEntry.objects.bulk_update(list(qs), ["action"]),
])
def test_it_refuses_queryset_updates_and_deletes(entry, change):
    with pytest.raises(AuditLogImmutableError), transaction.atomic():  # bulk_update runs in its own atomic block
        change(LogEntry.objects.filter(pk=entry.pk))
    assert LogEntry.objects.filter(pk=entry.pk, action="org.person.updated").exists()


def test_the_database_refuses_raw_sql_changes_on_postgresql_and_the_model_guards_on_sqlite(entry):
    if connection.vendor == "postgresql":
        for sql in ("UPDATE audit_logentry SET action = 'x' WHERE id = %s", "DELETE FROM audit_logentry WHERE id = %s"):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql, [entry.pk])
    else:
        assert connection.vendor == "sqlite"  # no trigger there: the model and queryset guards are the defence
        with pytest.raises(AuditLogImmutableError):
            entry.save()
        with pytest.raises(AuditLogImmutableError):
            LogEntry.objects.filter(pk=entry.pk).delete()
    assert LogEntry.objects.filter(pk=entry.pk, action="org.person.updated").exists()


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_log_outside_a_transaction():
    organization = make_org(None, "Thành ủy Hà Nội", Kind.CITY_COMMITTEE)
    with pytest.raises(RuntimeError):
        log_action("org.organization.created", actor=None, obj=organization, organization=organization)
    assert not LogEntry.objects.exists()


# update_audited ------------------------------------------------------------------------------------------------


def test_it_logs_only_the_changed_fields_old_and_new(world, clerk):
    changed = update_hung(world, clerk, full_name="Nguyễn Văn Hưng", ethnicity="Kinh", religion="Không")
    assert changed == {"full_name": {"old": "Nguyễn Văn Hùng", "new": "Nguyễn Văn Hưng"}}
    entry = LogEntry.objects.get()
    assert (entry.action, entry.actor, entry.organization, entry.changes) == (
        "org.person.updated", clerk, world.ward, changed,
    )
    world.hung.refresh_from_db()
    assert world.hung.full_name == "Nguyễn Văn Hưng"


def test_it_neither_saves_nor_logs_when_nothing_changed(world, clerk):
    with CaptureQueriesContext(connection) as queries:
        changed = update_hung(world, clerk, full_name="Nguyễn Văn Hùng", phone="091 234 5678")
    assert changed == {}
    assert not LogEntry.objects.exists()
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith(("UPDATE", "INSERT"))]


def test_it_masks_cccd_and_phone_keeping_the_last_three_digits(world, clerk):
    changed = update_hung(world, clerk, phone="0987654999", cccd="001060000456")
    assert changed == {
        "phone": {"old": "*******678", "new": "*******999"},
        "cccd": {"old": "*********123", "new": "*********456"},
    }
    assert "0912345678" not in str(LogEntry.objects.get().data)


def test_it_detects_a_cccd_change_whose_last_three_digits_are_equal(world, clerk):
    changed = update_hung(world, clerk, cccd="002060000123")
    assert changed == {"cccd": {"old": "*********123", "new": "*********123"}}
    world.hung.refresh_from_db()
    assert world.hung.cccd == "002060000123"
    assert LogEntry.objects.count() == 1


def test_it_detects_a_move_between_two_units_of_the_same_name(world, clerk):
    """Every ward has a "Chi bộ số 1": moving a person from one to the other is a change."""
    other_cell = make_org(world.other_ward, "Chi bộ số 1", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    changed = update_audited(world.dung, {"organization": other_cell}, actor=clerk, action="org.person.updated")
    assert "organization" in changed
    world.dung.refresh_from_db()
    assert world.dung.organization == other_cell


# Scoping -------------------------------------------------------------------------------------------------------


def test_each_ward_sees_its_own_entries_and_the_level_above_sees_both(world, clerk, outsider, superior):
    with transaction.atomic():
        mine = log_action("org.person.updated", actor=clerk, obj=world.hung, organization=world.ward)
        theirs = log_action("org.person.updated", actor=outsider, obj=world.stranger, organization=world.other_ward)
    assert list(LogEntry.objects.for_user(clerk, "audit.view")) == [mine]
    assert list(LogEntry.objects.for_user(outsider, "audit.view")) == [theirs]
    assert set(LogEntry.objects.for_user(superior, "audit.view")) == {mine, theirs}

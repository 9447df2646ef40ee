"""Events recorded before they carried where they happened (members 0016) are given the member's chi bộ: what the
targets counted until then. Migrated back to before, rows written as that schema held them, migrated forward."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from members.models import MembershipEvent

BEFORE = [("members", "0015_member_unit_indexes")]
D = datetime.date


@pytest.mark.django_db(transaction=True)
def test_every_earlier_event_is_placed_in_its_members_chi_bo(world):
    loader = MigrationExecutor(connection).loader
    latest, old = loader.graph.leaf_nodes(), loader.project_state(BEFORE).apps
    MigrationExecutor(connection).migrate(BEFORE)
    try:
        PartyMember, Event = old.get_model("members", "PartyMember"), old.get_model("members", "MembershipEvent")
        dung = PartyMember.objects.create(person_id=world.dung.pk, organization_id=world.cell2.pk,
                                          status="probationary", status_since=D(2026, 3, 2))
        hung = PartyMember.objects.create(person_id=world.hung.pk, organization_id=world.cell.pk,
                                          status="official", status_since=D(1990, 3, 2))
        Event.objects.bulk_create([
            Event(member=dung, kind="admission_decision", effective_date=D(2026, 3, 2)),
            Event(member=dung, kind="ceremony", effective_date=D(2026, 3, 20)),
            Event(member=hung, kind="admission_decision", effective_date=D(1989, 3, 2)),
        ])
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert sorted(MembershipEvent.objects.values_list("member__person__full_name", "kind", "organization")) == [
        ("Nguyễn Văn Hùng", "admission_decision", world.cell.pk),
        ("Đặng Thị Dung", "admission_decision", world.cell2.pk),
        ("Đặng Thị Dung", "ceremony", world.cell2.pk),
    ]

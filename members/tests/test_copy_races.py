"""A member's copies kept by triggers (its name words, its numbers: members migrations 0019–0021) hold when the member
and its person change at the same moment in two transactions, as two clerks or two app servers may change them.

PostgreSQL only: SQLite takes one writer at a time, so its transactions cannot interleave (and it has no copies)."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from core.search import fold, sort_key
from members.models import MemberNumber, NameWord, NumberKind, PartyMember, Status
from org.models import Person

pytestmark = pytest.mark.django_db(transaction=True)
DAY = datetime.date(2026, 12, 4)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time")


def in_another_transaction(work) -> tuple[threading.Thread, dict]:
    """`work` run by another thread, on its own connection, in a transaction of its own: (the thread, {"error": …}
    if it failed)."""
    outcome = {}

    def run():
        try:
            with transaction.atomic():
                work()
        except Exception as error:  # reported to the test
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def until_it_waits_or_ends(thread: threading.Thread) -> None:
    """Until the other transaction waits for a lock (of this one's), or has ended."""
    deadline = time.monotonic() + 10
    while thread.is_alive() and time.monotonic() < deadline:
        with connection.cursor() as cursor:  # pg_locks is read live, not from the transaction's snapshot
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted)")
            if cursor.fetchone()[0]:
                return
        time.sleep(0.02)


def renamed(person: Person, name: str, cccd: str) -> None:
    Person.objects.filter(pk=person.pk).update(full_name=name, search_name=fold(name), sort_name=sort_key(name),
                                               cccd=cccd)


def copies_hold(member: PartyMember) -> bool:
    member = PartyMember.objects.select_related("person").get(pk=member.pk)
    person = member.person
    numbers = {(kind, number) for kind, number in ((NumberKind.MEMBERSHIP, member.membership_no),
                                                   (NumberKind.CARD, member.card_no),
                                                   (NumberKind.CCCD, person.cccd or "")) if number}
    words = set(person.search_name.split())
    copied_words = NameWord.objects.filter(member=member)
    return (set(MemberNumber.objects.filter(member=member).values_list("kind", "number")) == numbers
            and MemberNumber.objects.filter(member=member).exclude(unit_path=member.unit_path).count() == 0
            and {row.word for row in copied_words} == words and len(copied_words) == len(words)
            and all(row.unit_path == member.unit_path and row.search_name == person.search_name
                    for row in copied_words))


def test_a_member_and_its_person_changed_at_once_both_commit_and_the_copies_hold(world):
    """A card number and a move of the member, and a rename and a CCCD of its person, in two transactions: the
    second used to fail on the copies' keys (its DELETE had waited for rows the first then replaced)."""
    person = Person.objects.create(organization=world.cell, full_name="Lê Văn An", cccd="001077000001")
    member = PartyMember.objects.create(person=person, organization=world.cell, status=Status.OFFICIAL,
                                        status_since=DAY, membership_no="01-0000001", card_no="01.0000001")
    with transaction.atomic():
        PartyMember.objects.filter(pk=member.pk).update(card_no="01.0000002", organization=world.cell2)
        other, outcome = in_another_transaction(lambda: renamed(person, "Lê Văn Bình", "001077000002"))
        until_it_waits_or_ends(other)
    other.join(timeout=30)
    assert outcome == {}
    assert copies_hold(member)
    assert set(MemberNumber.objects.filter(member=member).values_list("number", flat=True)) == {
        "01-0000001", "01.0000002", "001077000002"}


def test_a_member_inserted_while_its_person_changes_is_copied_as_the_person_ends(world):
    """A member entered for a person whom another transaction renames and gives a CCCD: the insert used to copy the
    person as it was, and the person's change, not seeing the new member, left the copies so."""
    person = Person.objects.create(organization=world.cell, full_name="Trần Thị Cúc", cccd="001177000001")
    with transaction.atomic():
        member = PartyMember.objects.create(person=person, organization=world.cell, status=Status.OFFICIAL,
                                            status_since=DAY, card_no="01.0000003")
        other, outcome = in_another_transaction(lambda: renamed(person, "Trần Thị Dung", "001177000002"))
        until_it_waits_or_ends(other)
    other.join(timeout=30)
    assert outcome == {}
    assert copies_hold(member)
    assert set(NameWord.objects.filter(member=member).values_list("word", flat=True)) == {"tran", "thi", "dung"}


def test_a_persons_rename_and_a_change_of_its_member_in_the_other_order_both_commit(world):
    """The person renamed (its row locked first, as org.services.update_person does, then its member's by the copies'
    trigger) while a member service locks the member (PartyMemberQuerySet.locked, as recording an event or a fee
    does) and then writes it: with the person locked beside the member, the two waited for each other (deadlock)."""
    person = Person.objects.create(organization=world.cell, full_name="Lê Văn An", cccd="001077000001")
    member = PartyMember.objects.create(person=person, organization=world.cell, status=Status.OFFICIAL,
                                        status_since=DAY, card_no="01.0000001")
    person_locked = threading.Event()
    member_locked = threading.Event()

    def rename():
        Person.objects.select_for_update().get(pk=person.pk)
        person_locked.set()
        member_locked.wait(10)
        time.sleep(0.3)  # the member service holds its lock by now
        renamed(person, "Lê Văn Bình", "001077000002")

    renaming, renamed_outcome = in_another_transaction(rename)
    person_locked.wait(10)

    def change_member():
        locked = PartyMember.objects.locked().select_related("person").get(pk=member.pk)
        member_locked.set()
        until_it_waits_or_ends(renaming)  # the rename waits for this member
        PartyMember.objects.filter(pk=locked.pk).update(note="Đã ghi sự kiện")

    changing, changed_outcome = in_another_transaction(change_member)
    changing.join(timeout=30)
    renaming.join(timeout=30)
    assert changed_outcome == {} and renamed_outcome == {}
    assert PartyMember.objects.get(pk=member.pk).note == "Đã ghi sự kiện"
    assert copies_hold(member)

"""The number search at national scale (issue 15): one order, two ways of reading it (members.search).

A search of numbers lists its matches by the number matched (the membership number if it starts with what was typed,
else the card number, else the CCCD where its reader may read it), then by id. One number over a large scope on
PostgreSQL reads the members' numbers' index (members migration 0020) in that order; elsewhere the matches are found
by the columns' indexes and sorted. Both must give the same rows, order and count; the triggers must keep the index's
copy of every number, unit and CCCD."""

import datetime
import uuid

import pytest
from django.db import connection

from conftest import bulk_members, copies_follow_moves, make_org
from core.pagination import capped_count
from core.scoping import has_perm
from members import search
from members.lists import ALL_FILTER, select_members
from members.models import MemberNumber, NumberKind, PartyMember, Status
from org.models import Kind, Person

TODAY = datetime.date(2026, 12, 4)
QUERIES = ["0", "00", "001", "0010", "00106", "0015", "01", "01-", "01.", "01-0001", "01.000013", "001060000010",
           "9", "0a", "01 001"]


@pytest.fixture
def numbered(world):
    """18 members in each ward: membership numbers 01-0000NN (not every fourth), card numbers 01.0000NN or, every
    third, 0015NNN (which "001" matches, as the CCCD do), the CCCD 0010600NNN.. of the persons N = 0, 1, 4 (mod 6). The
    second person stands at the ward's level, outside its member's chi bộ: that chi bộ's secretary may not read its
    CCCD."""
    members = []
    for index in range(18):
        card = "0015{index:02d}{side}" if index % 3 == 0 else "01.{index:04d}{side}3"
        for unit, ward in ((world.cell if index % 2 else world.cell2, world.ward), (world.other_group, None)):
            person = Person.objects.create(
                organization=ward if index == 1 and ward is not None else unit, full_name=f"Số {index:02d}",
                cccd=f"0010600{index:03d}{0 if ward else 1}{index % 10}" if index % 3 == 1 or index % 6 == 0 else None)
            members.append(PartyMember.objects.create(
                person=person, organization=unit, status=Status.OFFICIAL if index % 3 else Status.PROBATIONARY,
                status_since=datetime.date(2020, 1, 1),
                membership_no=f"01-{index:04d}{0 if ward else 1}{index % 10}" if index % 4 else "",
                card_no=card.format(index=index, side=0 if ward else 1)))
    return members


def listed(user, query, *, within=None):
    found = select_members(user, today=TODAY, q=query, status=ALL_FILTER, within=within)
    return [member.pk for member in found], capped_count(found)


def matched(member: PartyMember, word: str, user) -> str:
    """The number `member` is listed at for `word`, as a clerk reads the rule: the smallest of its numbers that start
    with `word` (the CCCD only if `user` may read it); of two equal, the membership number, then the card number."""
    person = member.person
    numbers = [(member.membership_no, 1), (member.card_no, 2)]
    if has_perm(user, "people.view_sensitive", person.organization):
        numbers.append((person.cccd or "", 3))
    return min((number, kind) for number, kind in numbers if number and number.startswith(word))[0]


def test_a_number_search_lists_by_the_number_matched(numbered, world, clerk, cell_secretary):
    """"001" finds card numbers 0015… and CCCD 00106… and lists them by the number, byte by byte: every CCCD first;
    "0" finds every number, and lists each member once, at its smallest ("0010…" before "0015…" before "01-…");
    "01" finds membership numbers 01-… before card numbers 01.…, a member once, at its membership number."""
    rows, count = listed(clerk, "001")
    members = [PartyMember.objects.select_related("person").get(pk=pk) for pk in rows]
    numbers = [matched(member, "001", clerk) for member in members]
    assert count == len(rows) == len(set(rows)) > 6
    assert numbers == sorted(numbers) and all(number.startswith("001") for number in numbers)
    assert numbers[0].startswith("00106") and numbers[-1].startswith("0015")
    rows, _ = listed(clerk, "0")
    members = [PartyMember.objects.select_related("person").get(pk=pk) for pk in rows]
    numbers = [matched(member, "0", clerk) for member in members]
    assert numbers == sorted(numbers) and len(rows) == len(set(rows)) == 18  # every member of the ward
    assert [number[:4] for number in numbers] == sorted(number[:4] for number in numbers)
    assert {number[:3] for number in numbers} == {"001", "01-", "01."}
    rows, _ = listed(clerk, "01")
    members = [PartyMember.objects.select_related("person").get(pk=pk) for pk in rows]
    numbers = [matched(member, "01", clerk) for member in members]
    assert numbers == sorted(numbers) and len(rows) == len(set(rows))
    assert {number[:3] for number in numbers} == {"01-", "01."}
    assert all(member.membership_no in numbers for member in members if member.membership_no)
    # The chi bộ's secretary lists by membership and card numbers; a CCCD only where they may read it.
    own = {member.pk for member in numbered if member.organization == world.cell}
    rows, _ = listed(cell_secretary, "00106")
    assert rows and set(rows) <= own
    assert numbered[2].person.organization == world.ward and numbered[2].organization == world.cell
    assert numbered[2].pk not in rows  # its person is at the ward's level: its CCCD is not theirs to read
    assert numbered[2].pk in listed(clerk, "00106")[0]


@pytest.mark.parametrize("query", QUERIES)
def test_the_number_walk_and_the_sort_give_the_same_rows_order_and_count(numbered, world, clerk, superior,
                                                                        cell_secretary, admin_user, query,
                                                                        monkeypatch):
    """For the ward's clerk, its chi bộ's secretary, the level above (who may read no CCCD), the admin and a unit
    chosen within: the same members, in the same order, counted alike, whichever way is read."""
    for user, within in ((clerk, None), (cell_secretary, None), (superior, None), (admin_user, None),
                         (admin_user, world.ward), (superior, world.cell)):
        monkeypatch.setattr(search, "WALK_SCOPE", -1)
        walked = listed(user, query, within=within)
        monkeypatch.setattr(search, "WALK_SCOPE", float("inf"))
        assert walked == listed(user, query, within=within), (user, within, query)
    if query in {"0", "001", "01"}:
        assert len(listed(admin_user, query)[0]) >= 12  # the test says something
    monkeypatch.setattr(search, "WALK_SCOPE", -1)  # a ward's clerk, read by the walk: its own ward only
    assert {member.organization.path[:len(world.ward.path)]
            for member in PartyMember.objects.filter(pk__in=listed(clerk, query)[0])} <= {world.ward.path}
    for member in PartyMember.objects.filter(pk__in=listed(superior, query)[0]).select_related("person"):
        assert member.membership_no.startswith(query) or member.card_no.startswith(query) or " " in query


def test_a_number_walk_is_counted_from_the_numbers_alone_unless_the_members_are_filtered(numbered, admin_user,
                                                                                       monkeypatch):
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        assert not search.walks(PartyMember.objects.all())
        return
    monkeypatch.setattr(search, "WALK_SCOPE", -1)
    everyone = select_members(admin_user, today=TODAY, q="001", status=ALL_FILTER)
    assert everyone.count_source().model is MemberNumber
    assert capped_count(everyone) == PartyMember.objects.search("001", reader=admin_user).count() > 0
    official = select_members(admin_user, today=TODAY, q="001", status=Status.OFFICIAL)
    assert official.count_source() is official
    assert 0 < capped_count(official) < capped_count(everyone)


def test_the_numbers_follow_every_write(numbered, world):
    """The index's copy: members inserted in bulk, a number changed or emptied, a CCCD changed, a person or a unit
    moved, a member deleted, the table emptied."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return

    def rows_of(member):
        return sorted((row.kind, row.number, row.unit_path, row.person_path, row.membership_no, row.card_no, row.cccd,
                       row.membership_before, row.card_before, row.cccd_before)
                      for row in MemberNumber.objects.filter(member=member))

    def expected(member):
        member = PartyMember.objects.select_related("person").get(pk=member.pk)
        person = member.person
        numbers = {NumberKind.MEMBERSHIP: member.membership_no, NumberKind.CARD: member.card_no,
                   NumberKind.CCCD: person.cccd or ""}

        def before(other, kind):  # the member's `other` number comes before its `kind` one
            return other != kind and bool(numbers[other]) and (numbers[other], other) < (numbers[kind], kind)

        return sorted((kind, number, member.unit_path, person.unit_path, member.membership_no, member.card_no,
                       person.cccd or "", *(before(other, kind) for other in NumberKind))
                      for kind, number in numbers.items() if number)

    assert all(rows_of(member) == expected(member) for member in numbered)
    bulk_members([world.cell], ["Tạ Quang Bửu"], analyze=False)
    bulk = PartyMember.objects.get(person__full_name="Tạ Quang Bửu")
    assert rows_of(bulk) == []  # no number
    person = Person(id=uuid.uuid4(), organization=world.cell, full_name="Lê Số", cccd="001099000001")
    Person.objects.bulk_create([person])
    inserted = PartyMember.objects.bulk_create([PartyMember(person=person, organization=world.cell, card_no="09.1",
                                                            status=Status.OFFICIAL, status_since=TODAY)])[0]
    assert [row[:2] for row in rows_of(inserted)] == [(NumberKind.CARD, "09.1"), (NumberKind.CCCD, "001099000001")]
    assert rows_of(inserted) == expected(inserted)
    changed = numbered[12]  # with a CCCD
    PartyMember.objects.filter(pk=changed.pk).update(membership_no="02-1", card_no="")
    assert rows_of(changed) == expected(changed) and len(rows_of(changed)) == 2
    Person.objects.filter(pk=changed.person_id).update(cccd="001088000002", organization=world.cell2)
    assert rows_of(changed) == expected(changed)
    assert ("001088000002", world.cell2.path) in [(row[1], row[3]) for row in rows_of(changed)]
    assert [row[-3:] for row in rows_of(changed)] == [(False, False, True), (False, False, False)]  # 001… < 02-…
    moved = numbered[2]
    copies_follow_moves(world, moved, numbered, lambda member: rows_of(member) == expected(member))
    gone = numbered[8]
    PartyMember.objects.filter(pk=gone.pk).delete()
    assert not MemberNumber.objects.filter(member_id=gone.pk).exists()
    with connection.cursor() as cursor:  # as Django's flush empties the tables between tests
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE members_partymember CASCADE")
    assert not MemberNumber.objects.exists()


def test_over_a_large_scope_a_number_search_reads_the_numbers_index_in_order(world, clerk, admin_user, monkeypatch):
    """The admin's "01" over 12,000 members with numbers: the page is a range of the numbers' index in its order (no
    sort of the 12,000 matches), its count stopped at 10,001. The ward's clerk keeps the scope's index."""
    ward = make_org(world.city, "Đảng ủy phường Quy Mô", Kind.WARD_COMMITTEE)
    cells = [make_org(ward, f"Chi bộ {index}", Kind.CELL) for index in range(1, 5)]
    bulk_members(cells, [f"Nguyễn Văn {index:05d}" for index in range(12_000)], numbers=True)
    monkeypatch.setattr(search, "WALK_SCOPE", 10_000)
    everyone = select_members(admin_user, today=TODAY, q="01", status=ALL_FILTER)
    page = list(everyone[:50])
    assert [member.membership_no for member in page] == sorted(member.membership_no for member in page)
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    plan = everyone[:50].explain()
    assert "members_membernumber_order" in plan and "Sort" not in plan, plan
    assert capped_count(everyone) == 10_001
    assert not search.walks(PartyMember.objects.for_user(clerk, "members.view"))
    assert "members_membernumber" not in select_members(clerk, today=TODAY, q="01", status=ALL_FILTER)[:50].explain()


def test_a_number_walks_count_does_not_depend_on_numbers_its_reader_may_not_read(numbered, world, superior,
                                                                                 monkeypatch):
    """The level above may read no CCCD. Its count of "0015" (the card numbers 0015NNN), stopped early
    (RangeCount.budget), is the same whether or not CCCD starting with 0015 lie among those numbers in the index:
    the budget is spent on the rows it may see only."""
    from core.pagination import RangeCount

    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    monkeypatch.setattr(search, "WALK_SCOPE", -1)
    monkeypatch.setattr(RangeCount, "budget", 3)
    before = listed(superior, "0015")
    assert 0 < before[1] < len(before[0])  # a lower bound
    for index in range(4):  # CCCD 00150000000N: between the cards 0015000 and 0015001
        person = Person.objects.create(organization=world.cell, full_name=f"Ẩn {index}", cccd=f"00150000000{index}")
        PartyMember.objects.create(person=person, organization=world.cell, status=Status.OFFICIAL,
                                   status_since=datetime.date(2020, 1, 1))
    assert listed(superior, "0015") == before

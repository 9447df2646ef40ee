"""Each org service (and the accounts services beside them): success writes one audit row; a forbidden actor or
invalid input writes nothing at all."""

import datetime
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services as accounts_services
from accounts.models import ApiToken, Assignment
from accounts.permissions import Role
from audit.models import LogEntry
from conftest import make_user
from core.scoping import forget_grants, has_perm
from org import services
from org.models import (
    CellCategory,
    Committee,
    CommitteeKind,
    CommitteeMember,
    Kind,
    Organization,
    Person,
    Position,
    Term,
    Title,
)

D = datetime.date
TABLES = [Organization, Term, Committee, CommitteeMember, Position, Person, Assignment, ApiToken, LogEntry]


def table_contents():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in TABLES}


@contextmanager
def writes_nothing():
    """Every row of every table the services touch is the same afterwards (no insert, update or delete)."""
    before = table_contents()
    yield
    assert table_contents() == before


def assert_refused(call, message):
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        call()
    assert message in " ".join(exc.value.messages)


def the_entry(action, organization):
    entry = LogEntry.objects.get()  # exactly one row
    assert (entry.action, entry.organization) == (action, organization)
    return entry


@pytest.fixture
def rec(world, clerk, admin_user):
    """The world, the clerk and the admin, with a term, a committee, a seat and a position made without services."""
    term = Term.objects.create(organization=world.ward, name="2020–2025", start_date=D(2020, 6, 20))
    committee = Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=term)
    return SimpleNamespace(
        w=world, clerk=clerk, admin=admin_user, term=term, committee=committee,
        membership=committee.memberships.create(person=world.hung, start_date=D(2020, 6, 20)),
        position=Position.objects.create(
            person=world.hung, organization=world.ward, title=Title.SECRETARY, start_date=D(2020, 6, 20)
        ),
    )


# Permission: one table, every service --------------------------------------------------------------------------

CALLS = {
    "create_organization": lambda r, a: services.create_organization(
        parent=r.w.ward, actor=a, name="Chi bộ số 3", kind=Kind.CELL, cell_category=CellCategory.RESIDENTIAL),
    "update_organization": lambda r, a: services.update_organization(r.w.cell, actor=a, name="Đổi tên"),
    "create_term": lambda r, a: services.create_term(
        organization=r.w.cell, actor=a, name="2020–2025", start_date=D(2020, 6, 1)),
    "update_term": lambda r, a: services.update_term(r.term, actor=a, end_date=D(2025, 6, 30)),
    "create_committee": lambda r, a: services.create_committee(
        organization=r.w.ward, actor=a, kind=CommitteeKind.STANDING, term=r.term),
    "add_committee_member": lambda r, a: services.add_committee_member(
        committee=r.committee, actor=a, person=r.w.dung, start_date=D(2020, 6, 20)),
    "update_committee_member": lambda r, a: services.update_committee_member(r.membership, actor=a, note="x"),
    "create_position": lambda r, a: services.create_position(
        organization=r.w.ward, actor=a, person=r.w.dung, title=Title.DEPUTY_SECRETARY, start_date=D(2020, 6, 20)),
    "update_position": lambda r, a: services.update_position(r.position, actor=a, note="x"),
    "update_committee": lambda r, a: services.update_committee(r.committee, actor=a, note="x"),
    "end_position": lambda r, a: services.end_position(r.position, end_date=D(2025, 6, 30), actor=a),
    "create_person": lambda r, a: services.create_person(organization=r.w.ward, actor=a, full_name="Lê Văn Nam"),
    "update_person": lambda r, a: services.update_person(r.w.hung, actor=a, phone="0987654321"),
    "assign_role": lambda r, a: accounts_services.assign_role(
        user=r.clerk, organization=r.w.ward, role=Role.WARD_SECRETARY, actor=a),
}


@pytest.mark.parametrize("persona", ["secretary", "outsider"])
@pytest.mark.parametrize("service", sorted(CALLS))
def test_it_refuses_every_change_to_a_secretary_and_an_outsider(request, rec, service, persona):
    actor = request.getfixturevalue(persona)
    with writes_nothing(), pytest.raises(PermissionDenied):
        CALLS[service](rec, actor)


def test_it_refuses_role_assignment_to_a_ward_clerk(rec):
    with writes_nothing(), pytest.raises(PermissionDenied):
        CALLS["assign_role"](rec, rec.clerk)


# Organisations -------------------------------------------------------------------------------------------------


def test_it_creates_a_chi_bo_under_the_ward_and_logs_it(rec):
    cell = CALLS["create_organization"](rec, rec.clerk)
    assert Organization.objects.get_parent(cell) == rec.w.ward
    entry = the_entry("org.organization.created", cell)
    assert entry.changes == {
        "name": {"old": None, "new": "Chi bộ số 3"},
        "kind": {"old": None, "new": "cell"},
        "cell_category": {"old": None, "new": "residential"},
    }


def test_it_refuses_a_chi_bo_directly_under_a_thanh_uy(rec):
    assert_refused(lambda: services.create_organization(
        parent=rec.w.city, actor=rec.admin, name="Chi bộ X", kind=Kind.CELL, cell_category=CellCategory.AGENCY,
    ), "Chi bộ không thể trực thuộc Thành ủy.")


def test_it_refuses_a_district_committee_from_1_july_2025_but_not_before(rec):
    def district(day, until=None):
        return services.create_organization(
            parent=rec.w.city, actor=rec.admin, name="Quận ủy Mới", kind=Kind.DISTRICT_COMMITTEE, valid_from=day,
            valid_until=until,
        )

    assert_refused(lambda: district(D(2025, 7, 1)), "01/07/2025")
    assert_refused(lambda: district(D(1990, 1, 1)), "30/06/2025")  # still open today: no district level now
    assert_refused(lambda: district(D(1990, 1, 1), until=D(2025, 7, 1)), "30/06/2025")
    assert district(D(2025, 6, 30), until=D(2025, 6, 30)).kind == Kind.DISTRICT_COMMITTEE


def test_it_refuses_a_chi_bo_without_a_category(rec):
    assert_refused(lambda: services.create_organization(
        parent=rec.w.ward, actor=rec.clerk, name="Chi bộ số 3", kind=Kind.CELL,
    ), "Chi bộ phải chọn loại")


def test_it_renames_a_unit_logging_old_and_new_name(rec):
    assert services.update_organization(rec.w.cell, actor=rec.clerk, name="Chi bộ số 1 mới", address="")
    assert the_entry("org.organization.updated", rec.w.cell).changes == {
        "name": {"old": "Chi bộ số 1", "new": "Chi bộ số 1 mới"}
    }


def test_it_refuses_changing_a_chi_bo_into_a_kind_its_parent_cannot_hold(rec):
    assert_refused(lambda: services.update_organization(rec.w.cell, actor=rec.clerk, kind=Kind.DISTRICT_COMMITTEE,
                                                        cell_category=""), "không thể trực thuộc Đảng ủy phường")


# Terms and committees ------------------------------------------------------------------------------------------


def test_it_creates_a_term_and_logs_it(rec):
    term = CALLS["create_term"](rec, rec.clerk)
    assert the_entry("org.term.created", rec.w.cell).changes == {
        "name": {"old": None, "new": "2020–2025"}, "start_date": {"old": None, "new": "2020-06-01"},
    }
    assert term.organization == rec.w.cell


def test_opening_the_next_term_ends_the_open_one_and_its_seats_on_the_eve(rec):
    next_term = services.create_term(organization=rec.w.ward, actor=rec.clerk, name="2025–2030",
                                     start_date=D(2025, 8, 20))
    rec.term.refresh_from_db()
    rec.membership.refresh_from_db()
    assert (rec.term.end_date, rec.membership.end_date, next_term.start_date) == (
        D(2025, 8, 19), D(2025, 8, 19), D(2025, 8, 20))
    assert [e.action for e in LogEntry.objects.order_by("id")] == [
        "org.term.updated", "org.committee_member.updated", "org.term.created"]


def test_it_refuses_a_term_overlapping_one_that_has_its_end(rec):
    services.update_term(rec.term, actor=rec.clerk, end_date=D(2025, 9, 30))
    assert_refused(lambda: services.create_term(organization=rec.w.ward, actor=rec.clerk, name="2025–2030",
                                                start_date=D(2025, 7, 1)),
                   "Nhiệm kỳ này trùng thời gian với một nhiệm kỳ khác.")
    rec.term.refresh_from_db()
    assert rec.term.end_date == D(2025, 9, 30)


def test_it_refuses_a_term_ending_before_it_starts(rec):
    assert_refused(lambda: services.update_term(rec.term, actor=rec.clerk, end_date=D(2020, 1, 1)),
                   "Ngày kết thúc không được trước ngày bắt đầu.")


def test_it_creates_a_committee_and_logs_it(rec):
    committee = CALLS["create_committee"](rec, rec.clerk)
    entry = the_entry("org.committee.created", rec.w.ward)
    assert entry.object_id == str(committee.pk)
    assert entry.changes == {
        "kind": {"old": None, "new": "standing"}, "term": {"old": None, "new": "Nhiệm kỳ 2020–2025"},
    }


def test_it_refuses_a_committee_whose_term_belongs_to_another_organisation(rec):
    assert_refused(lambda: services.create_committee(
        organization=rec.w.cell, actor=rec.clerk, kind=CommitteeKind.EXECUTIVE, term=rec.term,
    ), "Nhiệm kỳ phải là nhiệm kỳ của chính tổ chức này.")


def test_it_refuses_a_committee_for_the_peoples_committee(rec):
    ubnd_term = Term.objects.create(organization=rec.w.ubnd, name="2021–2026", start_date=D(2021, 6, 1))
    assert_refused(lambda: services.create_committee(
        organization=rec.w.ubnd, actor=rec.clerk, kind=CommitteeKind.EXECUTIVE, term=ubnd_term,
    ), "Chỉ tổ chức đảng mới có Ban Chấp hành")


def test_it_adds_a_committee_member_and_logs_it(rec):
    CALLS["add_committee_member"](rec, rec.clerk)
    assert the_entry("org.committee_member.added", rec.w.ward).changes == {
        "person": {"old": None, "new": "Đặng Thị Dung"}, "start_date": {"old": None, "new": "2020-06-20"},
    }


def test_it_refuses_the_same_person_twice_in_a_committee_over_overlapping_dates(rec):
    assert_refused(lambda: services.add_committee_member(
        committee=rec.committee, actor=rec.clerk, person=rec.w.hung, start_date=D(2023, 1, 1),
    ), "Người này đã là ủy viên của ban trong thời gian đó.")


def test_it_seats_a_person_again_after_their_earlier_seat_ended(rec):
    services.update_committee_member(rec.membership, actor=rec.clerk, end_date=D(2022, 12, 31))
    services.add_committee_member(committee=rec.committee, actor=rec.clerk, person=rec.w.hung, start_date=D(2023, 1, 1))
    assert rec.committee.memberships.count() == 2
    assert [e.action for e in LogEntry.objects.order_by("id")] == [
        "org.committee_member.updated", "org.committee_member.added",
    ]


def test_it_refuses_a_committee_member_from_another_ward(rec):
    assert_refused(lambda: services.add_committee_member(
        committee=rec.committee, actor=rec.clerk, person=rec.w.stranger, start_date=D(2020, 6, 20),
    ), "Không tìm thấy người này trong phạm vi được giao.")


def test_it_refuses_a_seat_ending_before_it_starts(rec):
    assert_refused(lambda: services.update_committee_member(rec.membership, actor=rec.clerk, end_date=D(2019, 1, 1)),
                   "Ngày kết thúc không được trước ngày bắt đầu.")


# Positions -----------------------------------------------------------------------------------------------------


def test_it_gives_a_position_and_logs_it(rec):
    position = CALLS["create_position"](rec, rec.clerk)
    entry = the_entry("org.position.created", rec.w.ward)
    assert entry.object_id == str(position.pk)
    assert entry.changes["title"] == {"old": None, "new": "deputy_secretary"}
    assert entry.changes["person"] == {"old": None, "new": "Đặng Thị Dung"}


def test_it_refuses_a_position_ending_before_it_starts(rec):
    assert_refused(lambda: services.create_position(
        organization=rec.w.ward, actor=rec.clerk, person=rec.w.dung, title=Title.DEPUTY_SECRETARY,
        start_date=D(2021, 1, 1), end_date=D(2020, 1, 1),
    ), "Ngày kết thúc không được trước ngày bắt đầu.")


def test_it_refuses_an_other_title_without_its_detail(rec):
    assert_refused(lambda: services.create_position(
        organization=rec.w.ward, actor=rec.clerk, person=rec.w.dung, title=Title.OTHER, start_date=D(2021, 1, 1),
    ), "Hãy ghi chức danh cụ thể")


def test_it_allows_one_person_to_hold_concurrent_positions(rec):
    services.create_position(organization=rec.w.ubnd, actor=rec.clerk, person=rec.w.hung, title=Title.CHAIR,
                             start_date=D(2021, 6, 1))
    assert rec.w.hung.positions.held_on(D(2022, 1, 1)).count() == 2


def test_it_ends_a_position_logging_the_end_date(rec):
    assert services.end_position(rec.position, end_date=D(2025, 6, 30), actor=rec.clerk)
    assert the_entry("org.position.updated", rec.w.ward).changes == {"end_date": {"old": None, "new": "2025-06-30"}}
    rec.position.refresh_from_db()
    assert rec.position.end_date == D(2025, 6, 30)


def test_it_refuses_to_end_a_position_before_it_started(rec):
    assert_refused(lambda: services.end_position(rec.position, end_date=D(2020, 6, 19), actor=rec.clerk),
                   "Ngày kết thúc không được trước ngày bắt đầu.")


def test_it_answers_who_held_which_position_on_a_day_counting_boundary_days(rec):
    w = rec.w

    def position(person, start, end=None):
        return Position.objects.create(person=person, organization=w.ward, title=Title.DEPUTY_SECRETARY,
                                       start_date=start, end_date=end)

    rec.position.delete()
    ended_that_day = position(w.hung, D(2016, 6, 20), D(2021, 6, 28))
    began_that_day = position(w.dung, D(2021, 6, 28))
    position(w.hung, D(2010, 1, 1), D(2021, 6, 27))  # ended the day before
    position(w.dung, D(2021, 6, 29))  # began the day after
    assert set(Position.objects.held_on(D(2021, 6, 28))) == {ended_that_day, began_that_day}


# People --------------------------------------------------------------------------------------------------------


def test_it_creates_a_person_living_in_a_to_dan_pho_of_the_ward_and_logs_it_masked(rec):
    person = services.create_person(
        organization=rec.w.ward, actor=rec.clerk, full_name="  Lê  Thị Hoa ", gender="female",
        date_of_birth=D(2001, 3, 4), cccd="001301012345", phone="091 234 5999", residence=rec.w.group,
    )
    assert (person.full_name, person.search_name, person.phone) == ("Lê Thị Hoa", "le thi hoa", "0912345999")
    changes = the_entry("org.person.created", rec.w.ward).changes
    assert changes["cccd"] == {"old": None, "new": "*********345"}
    assert changes["phone"] == {"old": None, "new": "*******999"}
    assert changes["residence"] == {"old": None, "new": "Tổ dân phố số 1"}


def test_it_refuses_a_residence_in_another_wards_to_dan_pho(rec):
    assert_refused(lambda: services.create_person(
        organization=rec.w.ward, actor=rec.clerk, full_name="Lê Văn Nam", residence=rec.w.other_group,
    ), "Tổ dân phố phải thuộc cùng phường/xã")
    assert_refused(lambda: services.update_person(rec.w.hung, actor=rec.clerk, residence=rec.w.other_group),
                   "Tổ dân phố phải thuộc cùng phường/xã")


def test_it_refuses_a_second_person_with_the_same_cccd(rec):
    assert_refused(lambda: services.create_person(
        organization=rec.w.ward, actor=rec.clerk, full_name="Lê Văn Nam", cccd="001060000123",
    ), "Số CCCD này đã được ghi cho một người khác.")
    nam = Person.objects.create(organization=rec.w.ward, full_name="Lê Văn Nam", search_name="le van nam")
    assert_refused(lambda: services.update_person(nam, actor=rec.clerk, cccd="001060000123"),
                   "Số CCCD này đã được ghi cho một người khác.")


def test_it_refuses_a_person_without_a_name(rec):
    assert_refused(lambda: services.create_person(organization=rec.w.ward, actor=rec.clerk, full_name="   "),
                   "Trường này không được để trắng.")


def test_it_updates_a_persons_phone_and_logs_it_masked(rec):
    assert services.update_person(rec.w.hung, actor=rec.clerk, phone="0987654321", full_name="Nguyễn Văn Hùng")
    assert the_entry("org.person.updated", rec.w.ward).changes == {"phone": {"old": "*******678", "new": "*******321"}}


# Roles and API tokens ------------------------------------------------------------------------------------------


def test_it_assigns_a_role_and_logs_it(rec):
    newcomer = make_user("newcomer")
    accounts_services.assign_role(user=newcomer, organization=rec.w.ward, role=Role.WARD_CLERK, actor=rec.admin)
    assert the_entry("org.assignment.created", rec.w.ward).data == {"user": "newcomer", "role": "ward_clerk"}
    assert has_perm(newcomer, "people.change", rec.w.cell)


def test_it_refuses_an_unknown_role(rec):
    newcomer = make_user("newcomer")
    assert_refused(lambda: accounts_services.assign_role(user=newcomer, organization=rec.w.ward, role="chief",
                                                         actor=rec.admin), "chief")


def test_it_issues_an_api_token_storing_only_its_hash(rec):
    key, _token = accounts_services.issue_api_token(user=rec.clerk)
    token = ApiToken.objects.get()
    assert token.key_hash != key and key not in token.key_hash
    entry = the_entry("org.api_token.issued", None)
    assert entry.actor == rec.clerk and key not in str(entry.data)
    assert accounts_services.user_for_api_token(key) == rec.clerk


def test_it_revokes_an_api_token_once(rec):
    key, _token = accounts_services.issue_api_token(user=rec.clerk)
    assert accounts_services.revoke_api_token(key, actor=rec.clerk) is True
    assert LogEntry.objects.filter(action="org.api_token.revoked", actor=rec.clerk).count() == 1
    assert accounts_services.user_for_api_token(key) is None
    with writes_nothing():
        assert accounts_services.revoke_api_token(key, actor=rec.clerk) is False
        assert accounts_services.revoke_api_token("not-a-key", actor=rec.clerk) is False


def test_it_refuses_to_give_a_position_or_seat_to_someone_of_another_ward(rec):
    """Even a user who can see both wards (clerk here, viewer above) cannot seat Bồ Đề's people in Sài Đồng."""

    rec.clerk.assignments.create(organization=rec.w.district, role=Role.SUPERIOR_VIEWER)
    forget_grants(rec.clerk)
    assert_refused(lambda: services.create_position(
        organization=rec.w.ward, actor=rec.clerk, person=rec.w.stranger, title=Title.SECRETARY,
        start_date=D(2021, 1, 1),
    ), "Người được giao phải thuộc cùng phường/xã")
    assert_refused(lambda: services.add_committee_member(
        committee=rec.committee, actor=rec.clerk, person=rec.w.stranger, start_date=D(2021, 1, 1),
    ), "Người được giao phải thuộc cùng phường/xã")


def test_it_refuses_to_turn_a_ward_into_a_kind_its_units_cannot_sit_under(rec):
    assert_refused(lambda: services.update_organization(rec.w.ward, actor=rec.clerk, kind=Kind.PEOPLES_COMMITTEE),
                   "Không đổi được loại tổ chức")


def test_it_refuses_a_second_bi_thu_over_the_same_dates_and_positions_after_closure(rec):
    # rec.position: Hùng is Bí thư of the ward from 20/06/2020, open-ended
    assert_refused(lambda: services.create_position(
        organization=rec.w.ward, actor=rec.clerk, person=rec.w.dung, title=Title.SECRETARY, start_date=D(2021, 1, 1),
    ), "đã có người giữ chức Bí thư")
    closed = services.create_organization(parent=rec.w.ward, actor=rec.clerk, name="Tổ dân phố 9",
                                          kind=Kind.RESIDENTIAL_GROUP, valid_until=D(2020, 12, 31))
    assert_refused(lambda: services.create_position(
        organization=closed, actor=rec.clerk, person=rec.w.hung, title=Title.GROUP_LEADER, start_date=D(2021, 1, 1),
    ), "không còn hoạt động")


def test_it_refuses_a_term_for_a_non_party_body_and_a_standing_committee_for_a_chi_bo(rec):
    from org.models import CommitteeKind, Term

    assert_refused(lambda: services.create_term(organization=rec.w.ubnd, actor=rec.clerk, name="2021–2026",
                                                start_date=D(2021, 7, 1)), "Chỉ tổ chức đảng mới có nhiệm kỳ")
    term = Term.objects.create(organization=rec.w.cell, name="2020–2022", start_date=D(2020, 6, 1))
    assert_refused(lambda: services.create_committee(organization=rec.w.cell, actor=rec.clerk,
                                                     kind=CommitteeKind.STANDING, term=term), "Chi bộ chỉ có chi ủy")

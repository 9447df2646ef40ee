"""load_demo: the demo world as the five ward posts describe it, and the demo accounts.

The demo is loaded once for the module, inside a transaction rolled back when the module ends; each test runs in
a savepoint within it. Refusals and failed runs, which need an empty database, are in test_load_demo_refusals.py.
"""

import datetime
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from accounts.models import User
from accounts.permissions import Role
from audit.models import LogEntry
from demo.data import DEMO_ACCOUNTS, PASSWORD, URL, WARDS
from org.models import CellCategory, Committee, CommitteeKind, Kind, Organization, Person, Position, Title
from org.validators import cccd_consistency_errors, validate_cccd_format

D = datetime.date


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def subtree(organization: Organization):
    return Organization.objects.filter(path__startswith=organization.path)


def children(organization: Organization):
    return Organization.objects.filter(path__startswith=organization.path, depth=organization.depth + 1)


def held_on(day: datetime.date, organization: Organization):
    return Position.objects.held_on(day).filter(organization__in=subtree(organization)).select_related("person")


def holders(day: datetime.date, code: str, title: str) -> list[str]:
    positions = Position.objects.held_on(day).filter(organization__code=code, title=title)
    return sorted(positions.values_list("person__full_name", flat=True))


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Organization, Person, Position, Committee, User, LogEntry)
    }


def login(username: str, password: str = PASSWORD):
    return authenticate(RequestFactory().post("/dang-nhap/"), username=username, password=password)


# The tree ------------------------------------------------------------------------------------------------------


def test_it_builds_the_five_wards_under_their_districts_as_they_stood_in_2020(demo):
    expected = {
        "saidong": "longbien", "bode": "longbien", "cukhoi": "longbien", "thanhkhetay": "thanhkhe",
        "cauonglanh": "quan1",
    }
    for ward_code, district_code in expected.items():
        ward = org(ward_code)
        assert ward.kind == Kind.WARD_COMMITTEE
        assert ward.path.startswith(org(district_code).path) and ward.depth == 3
    assert [o.code for o in Organization.objects.filter(depth=1, code__in=["hanoi", "danang", "hcm"])] == [
        "hanoi", "danang", "hcm",
    ]
    for district_code in ("longbien", "thanhkhe", "quan1"):
        district = org(district_code)
        assert district.kind == Kind.DISTRICT_COMMITTEE
        assert district.valid_until == D(2025, 6, 30)
        assert district.is_open(D(2021, 1, 1)) and not district.is_open(D(2025, 7, 1))


def test_each_ward_has_its_bodies_ten_to_thirty_chi_bo_and_its_tổ_dân_phố(demo):
    for spec in WARDS:
        below = children(org(spec.code))
        cells = below.filter(kind=Kind.CELL)
        assert 10 <= cells.count() <= 30, spec.code
        assert cells.filter(cell_category=CellCategory.AGENCY).exists()
        assert below.filter(kind=Kind.RESIDENTIAL_GROUP).count() == len(spec.groups)
        kinds = set(below.values_list("kind", flat=True))
        assert {
            Kind.PEOPLES_COMMITTEE, Kind.PEOPLES_COUNCIL, Kind.FATHERLAND_FRONT, Kind.YOUTH_UNION,
            Kind.WOMENS_UNION, Kind.VETERANS_ASSOCIATION, Kind.ELDERLY_ASSOCIATION,
        } <= kinds
    assert children(org("cukhoi")).filter(kind=Kind.RESIDENTIAL_GROUP).count() == 7
    assert org("cukhoi-nongdan").kind == Kind.FARMERS_ASSOCIATION


def test_each_ward_has_the_three_committees_of_its_2020_2025_term(demo):
    for spec in WARDS:
        ward = org(spec.code)
        term = ward.terms.get(name="2020–2025")
        assert term.start_date <= D(2020, 7, 7)
        sizes = {}
        for committee in Committee.objects.filter(term=term):
            sizes[committee.kind] = committee.memberships.held_on(D(2021, 7, 1)).count()
        assert set(sizes) == set(CommitteeKind)
        assert 13 <= sizes[CommitteeKind.EXECUTIVE] <= 15, spec.code
        assert 3 <= sizes[CommitteeKind.STANDING] <= 5, spec.code
        assert 3 <= sizes[CommitteeKind.INSPECTION] <= 5, spec.code


def test_each_ward_opened_its_2025_2030_term_with_its_committees_reelected(demo):
    """The 2025 congress closes the 2020–2025 term on its eve (org.services.create_term) and its seats with it."""
    for spec in WARDS:
        ward = org(spec.code)
        old, new = ward.terms.get(name="2020–2025"), ward.terms.get(name="2025–2030")
        assert old.end_date == new.start_date - datetime.timedelta(days=1)
        assert new.start_date.year == 2025 and new.start_date > D(2025, 7, 1) and new.end_date is None
        for kind in CommitteeKind:
            before = Committee.objects.get(term=old, kind=kind).memberships.held_on(old.end_date).count()
            after = Committee.objects.get(term=new, kind=kind).memberships.held_on(new.start_date).count()
            assert before == after > 0, (spec.code, kind)
        assert not Committee.objects.filter(term=old, memberships__end_date__isnull=True).exists()


# Who held which position on the posts' dates -------------------------------------------------------------------


def test_cu_khoi_on_28_12_2020_had_toan_minh_and_nam_holding_two_positions_at_once(demo):
    day = D(2020, 12, 28)
    positions = {(p.person.full_name, p.organization.code, p.title) for p in held_on(day, org("cukhoi"))}
    assert ("Nguyễn Quốc Toản", "cukhoi", Title.SECRETARY) in positions
    assert ("Nguyễn Thị Minh", "cukhoi", Title.STANDING_DEPUTY_SECRETARY) in positions
    assert ("Ngô Văn Nam", "cukhoi", Title.DEPUTY_SECRETARY) in positions
    assert ("Ngô Văn Nam", "cukhoi-ubnd", Title.CHAIR) in positions
    assert Person.objects.filter(full_name="Ngô Văn Nam").count() == 1


def test_cu_khoi_has_four_chi_bo_secretaries_who_also_lead_the_front_work_of_their_tổ_dân_phố(demo):
    day = D(2020, 12, 28)
    front_heads = Position.objects.held_on(day).filter(
        organization__in=subtree(org("cukhoi")), title=Title.FRONT_WORK_HEAD
    )
    assert front_heads.count() == 4
    secretaries = set(
        Position.objects.held_on(day)
        .filter(organization__in=subtree(org("cukhoi")), organization__kind=Kind.CELL, title=Title.SECRETARY)
        .values_list("person_id", flat=True)
    )
    assert set(front_heads.values_list("person_id", flat=True)) <= secretaries


@pytest.mark.parametrize(
    ("day", "code", "title", "full_name"),
    [
        (D(2021, 7, 1), "thanhkhetay", Title.SECRETARY, "Lê Văn Cương"),
        (D(2021, 7, 1), "thanhkhe", Title.EXECUTIVE_COMMITTEE_MEMBER, "Lê Văn Cương"),
        (D(2021, 7, 1), "thanhkhetay", Title.STANDING_DEPUTY_SECRETARY, "Nguyễn Tiến Sữ"),
        (D(2021, 7, 1), "thanhkhe", Title.STANDING_COMMITTEE_MEMBER, "Mai Quốc Thạnh"),
        (D(2021, 7, 1), "thanhkhe", Title.HEAD, "Mai Quốc Thạnh"),
        (D(2020, 7, 7), "cauonglanh", Title.SECRETARY, "Phạm Xuân Khánh"),
        (D(2020, 7, 7), "cauonglanh-ubnd", Title.CHAIR, "Nguyễn Võ Uyên Linh"),
        (D(2020, 7, 7), "quan1", Title.STANDING_COMMITTEE_MEMBER, "Nguyễn Duy An"),
        (D(2020, 7, 7), "quan1-hdnd", Title.CHAIR, "Nguyễn Duy An"),
        (D(2020, 7, 7), "quan1-mttq", Title.STANDING_VICE_CHAIR, "Hứa Vĩnh Phúc"),
        (D(2020, 7, 9), "bode", Title.SECRETARY, "Nguyễn Ngọc Quang"),
        (D(2020, 7, 9), "bode-hdnd", Title.CHAIR, "Nguyễn Ngọc Quang"),
        (D(2020, 7, 9), "bode-ccb", Title.CHAIR, "Nguyễn Văn Hùng"),
    ],
)
def test_the_people_the_posts_name_hold_their_titles_on_the_posts_dates(demo, day, code, title, full_name):
    assert holders(day, code, title) == [full_name]


def test_mai_quoc_thanh_is_head_of_the_district_propaganda_board_and_kept_by_the_district(demo):
    position = Position.objects.get(person__full_name="Mai Quốc Thạnh", title=Title.HEAD)
    assert position.label == "Trưởng Ban Tuyên giáo Quận ủy"
    assert position.person.organization == org("thanhkhe")


def test_sai_dong_has_a_new_chair_of_the_peoples_committee_from_1_7_2021(demo):
    before = holders(D(2021, 6, 30), "saidong-ubnd", Title.CHAIR)
    after = holders(D(2021, 7, 1), "saidong-ubnd", Title.CHAIR)
    assert len(before) == len(after) == 1
    assert before != after


def test_ward_councils_end_with_the_urban_government_pilot_on_30_6_2021(demo):
    assert holders(D(2021, 6, 30), "bode-hdnd", Title.CHAIR) == ["Nguyễn Ngọc Quang"]
    assert holders(D(2021, 7, 1), "bode-hdnd", Title.CHAIR) == []


def test_every_ward_has_its_leaders_and_a_secretary_for_each_chi_bo_and_a_leader_for_each_tổ(demo):
    day = D(2021, 1, 15)
    for spec in WARDS:
        ward = org(spec.code)
        for code, title in [
            (spec.code, Title.SECRETARY), (spec.code, Title.STANDING_DEPUTY_SECRETARY),
            (spec.code, Title.INSPECTION_CHAIR), (f"{spec.code}-ubnd", Title.CHAIR),
            (f"{spec.code}-hdnd", Title.CHAIR), (f"{spec.code}-mttq", Title.CHAIR),
            (f"{spec.code}-phunu", Title.CHAIR), (f"{spec.code}-ccb", Title.CHAIR),
            (f"{spec.code}-nct", Title.CHAIR), (f"{spec.code}-doantn", Title.SECRETARY),
        ]:
            assert len(holders(day, code, title)) == 1, (code, title)
        for child in children(ward).filter(kind__in=[Kind.CELL, Kind.RESIDENTIAL_GROUP]):
            title = Title.SECRETARY if child.kind == Kind.CELL else Title.GROUP_LEADER
            assert len(holders(day, child.code, title)) == 1, child.name


# People --------------------------------------------------------------------------------------------------------


def test_each_ward_has_sixty_to_a_hundred_and_fifty_people_living_in_its_own_tổ_dân_phố(demo):
    for spec in WARDS:
        ward = org(spec.code)
        people = Person.objects.filter(organization__in=subtree(ward))
        assert 60 <= people.count() <= 150, spec.code
        assert not people.exclude(residence__isnull=True).exclude(residence__in=subtree(ward)).exists()


def test_invented_people_have_valid_unique_cccd_matching_sex_and_birth_year(demo):
    invented = Person.objects.filter(note="Tên minh họa")
    assert invented.count() > 400
    cccds = list(invented.values_list("cccd", flat=True))
    assert len(set(cccds)) == len(cccds)
    for person in invented:
        validate_cccd_format(person.cccd)
        assert not cccd_consistency_errors(person.cccd, gender=person.gender, date_of_birth=person.date_of_birth)
        assert person.residence is not None and person.phone.startswith("09") and len(person.phone) == 10
    assert invented.filter(organization__code="saidong-cb01").exists()


def test_real_people_carry_no_invented_identity_numbers(demo):
    real = Person.objects.filter(note__startswith="Người có thật")
    assert real.count() == 12
    assert not real.filter(cccd__isnull=False).exists()
    assert not real.exclude(phone="").exists()


def test_every_record_was_created_through_the_audited_services(demo):
    logged = LogEntry.objects.filter(action="org.person.created").values_list("object_id", flat=True)
    assert {str(pk) for pk in Person.objects.values_list("pk", flat=True)} == set(logged)
    assert LogEntry.objects.filter(action="org.position.created").count() == Position.objects.count()
    assert LogEntry.objects.filter(action="org.organization.created").count() == Organization.objects.count()


# Accounts ------------------------------------------------------------------------------------------------------


def test_each_demo_account_exists_and_logs_in_with_the_demo_password_in_demo_mode(demo):
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.is_demo
        assert login(account.username) == user
        assert login(account.username, "sai-mat-khau") is None
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


def test_no_demo_account_logs_in_outside_demo_mode(demo, settings):
    settings.DEMO_MODE = False
    for account in DEMO_ACCOUNTS:
        assert login(account.username) is None


def test_the_accounts_hold_their_roles_and_the_personal_ones_belong_to_their_people(demo):
    assert User.objects.get(username="saidong").assignments.get().role == Role.WARD_CLERK
    longbien = User.objects.get(username="longbien").assignments.get()
    assert (longbien.role, longbien.organization.code) == (Role.SUPERIOR_VIEWER, "longbien")
    chibo1 = User.objects.get(username="saidong-chibo1")
    assert chibo1.assignments.get().organization.code == "saidong-cb01"
    assert holders(D(2021, 1, 1), "saidong-cb01", Title.SECRETARY) == [chibo1.person.full_name]
    bithu = User.objects.get(username="saidong-bithu")
    assert holders(D(2021, 1, 1), "saidong", Title.SECRETARY) == [bithu.person.full_name]
    assert bithu.get_full_name() == bithu.person.full_name


def test_the_sai_dong_clerk_sees_sai_dong_people_and_none_of_bo_de(demo):
    clerk = User.objects.get(username="saidong")
    visible = Person.objects.for_user(clerk, "people.view")
    assert visible.filter(organization__in=subtree(org("saidong"))).count() == (
        Person.objects.filter(organization__in=subtree(org("saidong"))).count()
    )
    assert not visible.filter(organization__in=subtree(org("bode"))).exists()
    assert not visible.filter(full_name="Nguyễn Ngọc Quang").exists()


def test_the_chi_bo_secretary_sees_only_the_people_of_the_chi_bo(demo):
    secretary = User.objects.get(username="saidong-chibo1")
    visible = Person.objects.for_user(secretary, "people.view")
    assert visible.filter(pk=secretary.person_id).exists()
    assert set(visible.values_list("organization__code", flat=True)) == {"saidong-cb01"}


def test_the_long_bien_viewer_sees_the_three_long_bien_wards_but_not_thanh_khe_tay(demo):
    viewer = User.objects.get(username="longbien")
    wards = Organization.objects.for_user(viewer, "org.view").wards()
    assert set(wards.values_list("code", flat=True)) == {"saidong", "bode", "cukhoi"}
    assert not Person.objects.for_user(viewer, "people.view").filter(
        organization__in=subtree(org("thanhkhetay"))
    ).exists()


# The command ---------------------------------------------------------------------------------------------------


def test_it_prints_the_accounts_the_password_and_the_address(demo):
    for account in DEMO_ACCOUNTS:
        assert account.username in demo
    assert PASSWORD in demo and URL in demo
    assert "Đã nạp dữ liệu trình diễn" in demo
    assert len(demo.splitlines()) <= len(DEMO_ACCOUNTS) + 4


def test_a_second_run_changes_nothing_and_prints_the_accounts_again(demo):
    before = counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "Dữ liệu trình diễn đã có sẵn" in out.getvalue()
    assert "saidong-chibo1" in out.getvalue() and URL in out.getvalue()
    assert login("saidong") is not None


def test_a_second_run_restores_a_changed_demo_password(demo):
    user = User.objects.get(username="bode")
    user.set_password("mat-khau-khac-123")
    user.save()
    call_command("load_demo", stdout=io.StringIO())
    assert login("bode") == user

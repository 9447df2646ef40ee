"""Loading the demo world (demo/data.py, demo/members.py) through the org and members services, so every record is

`load_demo()` runs in one transaction: a failure leaves nothing behind. A second run finds the demo provinces,
builds nothing, and only makes sure the demo accounts exist and log in with the demo password.
"""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import Q

from accounts.models import User
from accounts.services import assign_role
from audit.models import LogEntry
from audit.services import log_action
from demo import data
from demo.commendations import build as build_commendations
from demo.documents import build as build_documents
from demo.gradings import build as build_gradings
from demo.inspections import build as build_inspections
from demo.meetings import build as build_meetings
from demo.members import SAIDONG_BTV_SESSION, issue_registered, status_counts
from demo.members import build as build_members
from demo.staffing import build as build_staffing
from demo.work import build as build_work
from documents.services import set_sequence_start
from org.models import (
    CommitteeKind,
    CommitteeMember,
    Gender,
    Kind,
    Organization,
    Person,
    PoliticalTheory,
    Position,
    Title,
)
from org.services import (
    add_committee_member,
    create_committee,
    create_organization,
    create_person,
    create_position,
    create_term,
)

DEMO_MODE_REQUIRED = (
    "Chỉ nạp dữ liệu trình diễn khi chạy ở chế độ trình diễn (DANGVU_DEMO=1). "
    "/ Demo data is loaded only in demo mode (set DANGVU_DEMO=1)."
)


class DemoError(Exception):
    """The demo cannot be loaded here; the message says why, in Vietnamese and English."""


@dataclass(frozen=True)
class AccountRow:
    username: str
    password: str
    role_label: str
    organization: str


@dataclass(frozen=True)
class DemoResult:
    built: bool  # False when the demo was already there
    counts: dict[str, int]
    accounts: list[AccountRow]
    members: dict[str, int]  # Party dossiers by status


def load_demo() -> DemoResult:
    if not settings.DEMO_MODE:
        raise DemoError(DEMO_MODE_REQUIRED)
    with transaction.atomic():
        admin = _ensure_admin()
        present = set(Organization.objects.filter(code__in=data.ROOT_CODES).values_list("code", flat=True))
        if present and present != set(data.ROOT_CODES):
            raise DemoError(
                f"Chỉ có một phần dữ liệu trình diễn ({', '.join(sorted(present))}); hãy xóa cơ sở dữ liệu rồi "
                f"nạp lại. / Only part of the demo data is present; reset the database and load again."
            )
        if not present:
            _Builder(admin).build()
        accounts = _ensure_accounts(admin)
    return DemoResult(
        built=not present, counts=demo_counts(), accounts=accounts, members=status_counts(_demo_organizations())
    )


def _demo_organizations():
    in_demo = Q(pk__in=[])
    for path in Organization.objects.filter(code__in=data.ROOT_CODES).values_list("path", flat=True):
        in_demo |= Q(path__startswith=path)
    return Organization.objects.filter(in_demo)


def demo_counts() -> dict[str, int]:
    """What the demo holds, for the one-line summary and the tests."""
    organizations = _demo_organizations()
    return {
        "organizations": organizations.count(),
        "wards": organizations.filter(kind__in=[Kind.WARD_COMMITTEE, Kind.COMMUNE_COMMITTEE]).count(),
        "cells": organizations.filter(kind=Kind.CELL).count(),
        "residential_groups": organizations.filter(kind=Kind.RESIDENTIAL_GROUP).count(),
        "people": Person.objects.filter(organization__in=organizations).count(),
        "positions": Position.objects.filter(organization__in=organizations).count(),
        "committee_members": CommitteeMember.objects.filter(committee__organization__in=organizations).count(),
        "accounts": User.objects.filter(is_demo=True).count(),
        "log_entries": LogEntry.objects.count(),
    }


# Accounts -------------------------------------------------------------------------------------------------------


class _Password:
    """The demo password, hashed at most once per run (hashing is deliberately slow).

    All demo accounts share one hash: the password is public anyway, and a hash that is already right is kept,
    so a restart of `make run` does not log anyone out.
    """

    def __init__(self):
        self._hash = None
        self._checked: dict[str, bool] = {}

    @property
    def hash(self) -> str:
        if self._hash is None:
            self._hash = make_password(data.PASSWORD)
        return self._hash

    def is_right(self, encoded: str) -> bool:
        if encoded not in self._checked:
            self._checked[encoded] = check_password(data.PASSWORD, encoded)
        return self._checked[encoded]


def _split_name(full_name: str) -> tuple[str, str]:
    """(first_name, last_name) such that Django's get_full_name() reads in Vietnamese order: "Đỗ Thu" + "Trang"."""
    *family, given = full_name.split()
    return " ".join(family), given


def _refuse_real_account(user: User) -> None:
    if not user.is_demo:
        raise DemoError(
            f"Đã có tài khoản “{user.username}” không phải tài khoản trình diễn; không ghi đè. "
            f"/ A non-demo account “{user.username}” exists; not overwriting it."
        )


def _ensure_admin() -> User:
    spec = next(account for account in data.DEMO_ACCOUNTS if account.superuser)
    user = User.objects.filter(username=spec.username).first()
    if user is not None:
        _refuse_real_account(user)
        return user
    first_name, last_name = _split_name(spec.display_name)
    user = User.objects.create_superuser(
        username=spec.username, email="", password=None, is_demo=True, first_name=first_name, last_name=last_name
    )
    log_action("org.user.created", actor=user, obj=user, data={"username": user.username, "is_demo": True})
    return user


def _ensure_accounts(admin: User) -> list[AccountRow]:
    password = _Password()
    organizations = Organization.objects.in_bulk(
        [account.organization for account in data.DEMO_ACCOUNTS if account.organization], field_name="code"
    )
    rows = []
    for spec in data.DEMO_ACCOUNTS:
        organization = organizations.get(spec.organization)
        person = _holder(*spec.person) if spec.person else None
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(username=spec.username, is_demo=True, is_staff=spec.superuser, is_superuser=spec.superuser)
            user.first_name, user.last_name = _split_name(person.full_name if person else spec.display_name)
            user.password = password.hash
            user.person = person
            user.save()
            log_action(
                "org.user.created", actor=admin, obj=user, organization=organization,
                data={"username": user.username, "is_demo": True},
            )
        else:
            _refuse_real_account(user)
            _repair(user, spec, person, password)
        if spec.role:
            assign_role(user=user, organization=organization, role=spec.role, actor=admin)
        rows.append(
            AccountRow(spec.username, data.PASSWORD, spec.role_label, organization.name if organization else "Tất cả")
        )
    return rows


def _repair(user: User, spec: data.DemoAccount, person: Person | None, password: _Password) -> None:
    """Make an existing demo account usable again: active, the demo password, its person. Silent when it is."""
    changed = []
    if not user.is_active:
        user.is_active = True
        changed.append("is_active")
    if not password.is_right(user.password):
        user.password = password.hash
        changed.append("password")
    if person is not None and user.person_id != person.pk:
        user.person = person
        changed.append("person")
    if spec.superuser and not (user.is_superuser and user.is_staff):
        user.is_superuser = user.is_staff = True
        changed += ["is_superuser", "is_staff"]
    if changed:
        user.save(update_fields=changed)


def _holder(organization_code: str, title: str) -> Person | None:
    position = (
        Position.objects.filter(organization__code=organization_code, title=title)
        .select_related("person").order_by("-start_date").first()
    )
    return position.person if position else None


# Building -------------------------------------------------------------------------------------------------------


@dataclass
class _Tenure:
    person: Person
    start: datetime.date
    end: datetime.date | None


class _Builder:
    """Creates the demo world of demo/data.py through the org services, acting as the demo superuser."""

    def __init__(self, actor: User):
        self.actor = actor
        self.rng = random.Random(data.SEED)
        self.orgs: dict[str, Organization] = {}
        self.named: dict[str, Person] = {}
        # Middle and given name pairs already taken: no two demo people differ by their surname alone.
        self.used_names = {tuple(person.full_name.split()[-2:]) for person in data.NAMED_PEOPLE.values()}
        self.used_cccd: set[str] = set()

    def build(self) -> None:
        for province in data.PROVINCES:
            province_org = self.organization(None, province.org)
            for district in province.districts:
                district_org = self.organization(province_org, district.org)
                for body in district.bodies:
                    self.organization(district_org, body)
                for ward in district.wards:
                    _WardBuilder(self, province, district_org, ward).build()
        for key, code in data.DISTRICT_PEOPLE.items():
            self.named_person(key, self.orgs[code])
        for named in data.NAMED_POSITIONS:
            self.position(self.named[named.person], self.orgs[named.organization], named.title, named.start,
                          None, named.title_detail)
        paused, registered = build_members(self.actor, self.orgs)  # it needs the people, positions and committees
        # The ward decisions in date order, up to the Ban Thường vụ session whose decisions a demo meeting records.
        issue_registered(registered, before=SAIDONG_BTV_SESSION)
        drafts = build_documents(self.actor, self.orgs)
        build_meetings(self.actor, self.orgs, paused=paused, drafts=drafts)  # resumes the paused histories
        build_work(self.actor, self.orgs)
        build_inspections(self.actor, self.orgs)
        build_commendations(self.actor, self.orgs)
        build_gradings(self.actor, self.orgs)
        build_staffing(self.actor, self.orgs)
        issue_registered(registered)

    # Records through the services ------------------------------------------------------------------------------

    def organization(self, parent: Organization | None, spec: data.OrgSpec) -> Organization:
        organization = create_organization(
            parent=parent, actor=self.actor, name=spec.name, kind=spec.kind, cell_category=spec.cell_category,
            code=spec.code, valid_from=spec.valid_from, valid_until=spec.valid_until, note=spec.note,
        )
        self.orgs[spec.code] = organization
        return organization

    def position(self, person, organization, title, start, end=None, detail="", note="") -> Position:
        """A position, ending at the latest when its organisation closed."""
        if organization.valid_until and (end is None or end > organization.valid_until):
            end = organization.valid_until
        return create_position(
            organization=organization, actor=self.actor, person=person, title=title, title_detail=detail,
            start_date=start, end_date=end, note=note,
        )

    def named_person(self, key: str, owner: Organization) -> Person:
        if key not in self.named:
            named = data.NAMED_PEOPLE[key]
            self.named[key] = create_person(
                organization=owner, actor=self.actor, full_name=named.full_name, gender=named.gender,
                note=named.note,
            )
        return self.named[key]

    def invented_person(
        self, owner: Organization, residence: Organization, address: str, province: data.Province, *,
        gender: str | None = None, born: tuple[int, int] = (1946, 2002), education: str | None = None,
        theory: str | None = None,
    ) -> Person:
        rng = self.rng
        gender = gender or (Gender.MALE if rng.random() < 0.5 else Gender.FEMALE)
        date_of_birth = datetime.date(rng.randint(*born), 1, 1) + datetime.timedelta(days=rng.randrange(365))
        if education is None:
            education = rng.choice(("12/12", "12/12", "12/12", "Đại học", "Cao đẳng", "9/12"))
            if date_of_birth.year < 1962 and province.cccd_code == "001":
                education = "10/10"  # the northern ten-year school system
        if theory is None:
            theory = rng.choice((PoliticalTheory.NONE, PoliticalTheory.NONE, PoliticalTheory.ELEMENTARY))
        religion = rng.choices(("Không", "Phật giáo", "Công giáo"), weights=(90, 6, 4))[0]
        ethnicity = "Hoa" if province.cccd_code == "079" and rng.random() < 0.05 else "Kinh"
        return create_person(
            organization=owner, actor=self.actor, full_name=self.new_name(gender), gender=gender,
            date_of_birth=date_of_birth, cccd=self.new_cccd(province.cccd_code, gender, date_of_birth.year),
            ethnicity=ethnicity, religion=religion, residence=residence,
            address=address,
            education=education, political_theory=theory, phone="09" + "".join(rng.choices("0123456789", k=8)),
            note=data.INVENTED_NOTE,
        )

    def new_name(self, gender: str) -> str:
        surnames, weights = zip(*data.SURNAMES, strict=True)
        while True:
            surname = self.rng.choices(surnames, weights=weights)[0]
            middle = self.rng.choice(data.MIDDLE_NAMES[gender])
            given = self.rng.choice(data.GIVEN_NAMES[gender])
            if middle != given and (middle, given) not in self.used_names:
                self.used_names.add((middle, given))
                return f"{surname} {middle} {given}"

    def new_cccd(self, province_code: str, gender: str, year: int) -> str:
        """Province code, sex and century digit (0/1 born 1900s, 2/3 born 2000s; odd = female), year, 6 digits."""
        century = 0 if year < 2000 else 2
        prefix = f"{province_code}{century + (gender == Gender.FEMALE)}{year % 100:02d}"
        while True:
            cccd = prefix + f"{self.rng.randrange(10**6):06d}"
            if cccd not in self.used_cccd:
                self.used_cccd.add(cccd)
                return cccd


class _WardBuilder:
    """One ward: its bodies, tổ dân phố, chi bộ, term and committees, leaders, secretaries, tổ trưởng, residents."""

    def __init__(self, builder: _Builder, province: data.Province, district: Organization, ward: data.Ward):
        self.b = builder
        self.province = province
        self.district = district
        self.ward = ward
        self.people = 0
        self.holders: dict[str, list[_Tenure]] = {}  # person key -> tenures
        self.cell_secretaries: list[Person] = []  # residential chi bộ, in order

    def build(self) -> None:
        ward = self.ward
        self.org = self.b.organization(
            self.district, data.OrgSpec(ward.code, ward.name, Kind.WARD_COMMITTEE, note=data.WARD_NOTE)
        )
        self.bodies = {key: self.b.organization(self.org, self.body_spec(key)) for key in ward.bodies}
        self.groups = [
            self.b.organization(
                self.org,
                data.OrgSpec(f"{ward.code}-tdp{n:02d}", name, Kind.RESIDENTIAL_GROUP, note=ward.group_note),
            )
            for n, name in enumerate(ward.groups, start=1)
        ]
        self.cells = [
            (cell, self.b.organization(
                self.org, data.OrgSpec(f"{ward.code}-{cell.key}", cell.name, Kind.CELL, cell_category=cell.category)
            ))
            for cell in ward.cells
        ]
        # The chi bộ that keeps the records of each tổ dân phố's residents (the ward where no chi bộ does).
        self.group_owner = dict.fromkeys(range(1, len(self.groups) + 1), self.org)
        for cell, cell_org in self.cells:
            for n in cell.groups:
                self.group_owner[n] = cell_org
        self.leaders()
        self.cell_leaders()
        self.group_leaders()
        self.committees()
        self.residents()

    def body_spec(self, key: str) -> data.OrgSpec:
        kind, name = data.BODIES[key]
        note, until = "", None
        if key == "hdnd":
            note = f"Từ 01/7/2021 phường không tổ chức HĐND (thí điểm chính quyền đô thị, {self.province.council_law})."
            until = data.COUNCILS_LAST_DAY
        return data.OrgSpec(f"{self.ward.code}-{key}", name.format(place=self.ward.place), kind, valid_until=until,
                            note=note)

    # People --------------------------------------------------------------------------------------------------------

    def person(self, owner: Organization, group: int | None = None, **profile) -> Person:
        group = group or self.b.rng.randint(1, len(self.groups))
        residence = self.groups[group - 1]
        self.people += 1
        return self.b.invented_person(
            owner, residence, f"{residence.name}, phường {self.ward.place}", self.province, **profile
        )

    def tenures(self, key: str, role: data.LeaderRole) -> list[_Tenure]:
        """Who holds the person key `key`, from when to when (two people when it changed hands)."""
        if key not in self.holders:
            start = self.ward.congress
            if key in data.NAMED_PEOPLE:
                self.people += 1
                self.holders[key] = [_Tenure(self.b.named_person(key, self.org), start, None)]
            elif key in self.ward.successions:
                handover = self.ward.successions[key]
                self.holders[key] = [
                    _Tenure(self.leader(role), start, handover - datetime.timedelta(days=1)),
                    _Tenure(self.leader(role), handover, None),
                ]
            else:
                self.holders[key] = [_Tenure(self.leader(role), start, None)]
        return self.holders[key]

    def leader(self, role: data.LeaderRole) -> Person:
        rng = self.b.rng
        gender = role.gender or (Gender.MALE if rng.random() < 0.7 else Gender.FEMALE)
        return self.person(
            self.org, gender=gender, born=role.born, education=rng.choice(("Đại học", "Đại học", "Thạc sĩ")),
            theory=rng.choice((PoliticalTheory.INTERMEDIATE, PoliticalTheory.ADVANCED)),
        )

    def role_tenures(self, role_key: str) -> list[_Tenure]:
        """The tenures of a leader role, or of "cell:N" (the Bí thư of residential chi bộ N); [] when unfilled."""
        if role_key.startswith("cell:"):
            return [_Tenure(self.cell_secretaries[int(role_key[5:]) - 1], self.ward.congress, None)]
        role = data.LEADER_ROLES[role_key]
        if any(body and body not in self.bodies for body, _title, _detail in role.positions):
            return []
        key = self.ward.holders.get(role_key, role_key)
        return [] if key is None else self.tenures(key, role)

    def leaders(self) -> None:
        for role_key, role in data.LEADER_ROLES.items():
            for tenure in self.role_tenures(role_key):
                for body, title, detail in role.positions:
                    organization = self.bodies[body] if body else self.org
                    self.b.position(tenure.person, organization, title, tenure.start, tenure.end, detail)

    def cell_leaders(self) -> None:
        rng = self.b.rng
        for cell, cell_org in self.cells:
            holders = self.role_tenures(cell.secretary_role) if cell.secretary_role else []
            if holders:
                secretary = holders[0].person
            else:
                secretary = self.person(
                    cell_org, group=rng.choice(cell.groups) if cell.groups else None, born=(1950, 1975),
                    education=rng.choice(("10/10", "12/12", "12/12", "Đại học")),
                    theory=rng.choice((PoliticalTheory.ELEMENTARY, PoliticalTheory.INTERMEDIATE)),
                )
            self.b.position(secretary, cell_org, Title.SECRETARY, self.ward.congress)
            if cell.groups:
                self.cell_secretaries.append(secretary)
        for number in self.ward.front_work_heads:
            cell = [cell for cell, _org in self.cells if cell.groups][number - 1]
            self.b.position(
                self.cell_secretaries[number - 1], self.groups[cell.groups[0] - 1], Title.FRONT_WORK_HEAD,
                self.ward.congress, note="Bí thư chi bộ kiêm Trưởng ban Công tác Mặt trận",
            )

    def group_leaders(self) -> None:
        for n, group in enumerate(self.groups, start=1):
            leader = self.person(self.group_owner[n], group=n, born=(1952, 1975))
            self.b.position(leader, group, Title.GROUP_LEADER, self.ward.congress)

    def committees(self) -> None:
        term = create_term(organization=self.org, actor=self.b.actor, name=data.TERM_NAME,
                           start_date=self.ward.congress)
        starts = data.SEQUENCE_STARTS.get(self.ward.code, data.SEQUENCE_STARTS["*"])
        for code, last_number in starts.items():
            set_sequence_start(organization=self.org, term=term, code=code, last_number=last_number,
                               actor=self.b.actor)
        committees = []
        for kind, role_keys in data.COMMITTEES.items():
            committee = create_committee(organization=self.org, actor=self.b.actor, kind=CommitteeKind(kind),
                                         term=term)
            committees.append(committee)
            seen = set()
            for role_key in role_keys:
                for tenure in self.role_tenures(role_key):
                    if tenure.person.pk in seen:
                        continue
                    seen.add(tenure.person.pk)
                    add_committee_member(
                        committee=committee, actor=self.b.actor, person=tenure.person, start_date=tenure.start,
                        end_date=tenure.end,
                    )
        self.next_term(committees)

    def next_term(self, committees) -> None:
        """The 2025–2030 term, its committees re-elected with the members seated on the congress day."""
        year, month = data.NEXT_CONGRESS_MONTH
        congress = datetime.date(year, month, self.ward.congress.day)
        seated = {old.kind: [seat.person for seat in CommitteeMember.objects.held_on(congress).filter(committee=old)
                             .select_related("person")] for old in committees}
        term = create_term(organization=self.org, actor=self.b.actor, name=data.NEXT_TERM_NAME, start_date=congress)
        for kind, people in seated.items():
            committee = create_committee(organization=self.org, actor=self.b.actor, kind=kind, term=term)
            for person in people:
                add_committee_member(committee=committee, actor=self.b.actor, person=person, start_date=congress)

    def residents(self) -> None:
        """Party members and others of the tổ dân phố, kept by the chi bộ of their area, up to the ward's size."""
        for i in range(max(self.ward.people - self.people, 0)):
            n = i % len(self.groups) + 1
            self.person(self.group_owner[n], group=n)

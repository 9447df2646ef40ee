"""Merging wards into a new ward (the 2025 reorganisation, issue 4): a dry run says what will move, then one
audited transaction moves it.

Readings, named here once:
- The old wards' last day is the day before the merger date: a merger effective 01/07/2025 closes them on
  30/06/2025, as the district committees (org.models.DISTRICT_LEVEL_ABOLISHED_ON).
- What moves: every unit under an old ward still open on the merger date (chi bộ, UBND, MTTQ, mass organisations,
  tổ dân phố), with all that hangs on it (its members and their open dossiers, its positions, its people, its
  history); the people filed under the old ward itself. The old ward's own terms, committees and seats end with
  it and stay, readable, under its old name; units closed before the merger stay with it.
- Positions held on an old ward itself (Bí thư Đảng ủy, Chánh Văn phòng…) end on its last day and continue on the
  new ward from the merger date, unless a one-holder title is held in more than one old ward: then those end,
  and the new ward's holder is given afterwards through the ordinary position form (the dry run names them).
- The roles held on an old ward are given on the new ward too, so that its users keep reaching what moved.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q

from accounts.models import Assignment
from audit.services import log_action, log_actions, update_audited
from core.db import analyze_after_commit
from core.scoping import forget_grants, require_perm
from org import services
from org.models import SINGLE_HOLDER_TITLES, CommitteeMember, Kind, Organization, Person, Position, Term

ONE_DAY = datetime.timedelta(days=1)


@dataclass
class MergerPlan:
    """What a merger will do; `problems` (in Vietnamese) say why it cannot be done as asked."""

    wards: list[Organization]
    name: str
    code: str | None
    kind: str
    parent: Organization | None
    merger_date: datetime.date
    units: list[Organization] = field(default_factory=list)  # moved with their subtrees
    units_by_kind: dict[str, int] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)  # filed under an old ward itself
    people_in_units: int = 0
    members_by_status: dict[str, int] = field(default_factory=dict)
    open_dossiers: int = 0
    positions_carried: list[Position] = field(default_factory=list)
    positions_ended: list[tuple[Position, str]] = field(default_factory=list)
    positions_in_units: int = 0
    seats_ended: list[CommitteeMember] = field(default_factory=list)
    terms_ended: list[Term] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    duplicate_bodies: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def last_day(self) -> datetime.date:
        return self.merger_date - ONE_DAY

    @property
    def members(self) -> int:
        return sum(self.members_by_status.values())

    def summary(self) -> dict:
        """The counts, as the audit entry and the API give them."""
        return {
            "wards": [{"id": str(ward.pk), "name": ward.name} for ward in self.wards],
            "merger_date": self.merger_date.isoformat(),
            "units": len(self.units), "units_by_kind": self.units_by_kind, "people": len(self.people),
            "people_in_units": self.people_in_units, "members": self.members,
            "members_by_status": self.members_by_status, "open_dossiers": self.open_dossiers,
            "positions_carried": len(self.positions_carried), "positions_ended": len(self.positions_ended),
            "positions_in_units": self.positions_in_units, "seats_ended": len(self.seats_ended),
            "terms_ended": len(self.terms_ended), "roles_carried": len(self.assignments),
            "duplicate_bodies": self.duplicate_bodies,
        }


def plan_merger(*, wards, name: str, merger_date: datetime.date, parent: Organization | None, actor,
                code: str | None = None, kind: str = Kind.WARD_COMMITTEE) -> MergerPlan:
    """The dry run: everything the merger would move, end and create, and the problems that forbid it. Writes
    nothing."""
    wards = sorted({ward.pk: ward for ward in wards}.values(), key=lambda ward: ward.path)
    plan = MergerPlan(wards=wards, name=(name or "").strip(), code=(code or "").strip() or None, kind=kind,
                      parent=parent, merger_date=merger_date)
    for ward in wards:
        require_perm(actor, "org.change", ward)
    if parent is not None:
        require_perm(actor, "org.change", parent)
    _check(plan)
    if not wards:
        return plan
    ward_q = Q()
    for ward in wards:
        ward_q |= Q(path__startswith=ward.path, depth=ward.depth + 1)
    plan.units = list(Organization.objects.filter(ward_q).open_on(merger_date).order_by("path"))
    kinds = Counter(unit.get_kind_display() for unit in plan.units)
    plan.units_by_kind = dict(sorted(kinds.items()))
    same_kind = Counter(unit.kind for unit in plan.units if unit.kind not in {Kind.CELL, Kind.RESIDENTIAL_GROUP})
    plan.duplicate_bodies = [
        f"{Kind(kind).label}: {count} đơn vị" for kind, count in sorted(same_kind.items()) if count > 1
    ]
    subtree_q = Q(pk__in=[])
    for unit in plan.units:
        subtree_q |= Q(organization__path__startswith=unit.path)
    plan.people = list(Person.objects.filter(organization__in=wards).select_related("organization")
                       .order_by("sort_name"))
    plan.people_in_units = Person.objects.filter(subtree_q).count()
    party_member = apps.get_model("members", "PartyMember")  # members hang on chi bộ: they move with them
    plan.members_by_status = dict(
        party_member.objects.filter(subtree_q).values_list("status").annotate(n=Count("pk")).order_by("status")
    )
    plan.open_dossiers = party_member.objects.filter(subtree_q, status__in=["candidate", "admitted"]).count()
    plan.positions_in_units = Position.objects.filter(subtree_q).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=merger_date)
    ).count()
    _plan_positions(plan)
    plan.seats_ended = list(
        CommitteeMember.objects.filter(committee__organization__in=wards)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=plan.last_day)).select_related("person", "committee")
    )
    plan.terms_ended = list(
        Term.objects.filter(organization__in=wards).filter(Q(end_date__isnull=True) | Q(end_date__gt=plan.last_day))
    )
    plan.assignments = list(Assignment.objects.filter(organization__in=wards).select_related("user"))
    return plan


def _check(plan: MergerPlan) -> None:
    problems = plan.problems
    if len(plan.wards) < 2:
        problems.append("Cần chọn ít nhất hai phường, xã để hợp nhất.")
    if not plan.name:
        problems.append("Cần ghi tên của phường, xã mới.")
    if plan.kind not in {Kind.WARD_COMMITTEE, Kind.COMMUNE_COMMITTEE}:
        problems.append("Tổ chức mới phải là Đảng ủy phường hoặc Đảng ủy xã.")
    if plan.code and Organization.objects.filter(code=plan.code).exists():
        problems.append(f"Mã “{plan.code}” đã dùng cho một tổ chức khác.")
    for ward in plan.wards:
        if not ward.is_ward:
            problems.append(f"{ward.name} không phải là Đảng ủy phường, xã.")
        elif not ward.is_open(plan.last_day):
            problems.append(f"{ward.name} không còn hoạt động vào ngày {plan.last_day:%d/%m/%Y}.")
        if ward.valid_from and ward.valid_from >= plan.merger_date:
            problems.append(f"{ward.name} thành lập từ {ward.valid_from:%d/%m/%Y}, không trước ngày hợp nhất.")
    if plan.parent is None:
        problems.append("Cần chọn tổ chức cấp trên của phường, xã mới.")
    else:
        try:
            Organization(kind=plan.kind).check_parent(plan.parent)
        except ValidationError as error:
            problems.extend(error.messages)
        if not plan.parent.is_open(plan.merger_date):
            problems.append(f"{plan.parent.name} không còn hoạt động vào ngày hợp nhất {plan.merger_date:%d/%m/%Y}.")
    later = Position.objects.filter(organization__in=plan.wards, start_date__gte=plan.merger_date)
    for position in later.select_related("person", "organization"):
        problems.append(
            f"{position.person.full_name} giữ chức {position.label} ở {position.organization.name} từ "
            f"{position.start_date:%d/%m/%Y}, sau ngày hợp nhất: hãy sửa chức danh này trước."
        )
    for term in Term.objects.filter(organization__in=plan.wards, start_date__gte=plan.merger_date):
        problems.append(
            f"{term.organization.name} có nhiệm kỳ {term.name} bắt đầu từ {term.start_date:%d/%m/%Y}, sau ngày hợp "
            f"nhất: hãy sửa nhiệm kỳ này trước."
        )


def _plan_positions(plan: MergerPlan) -> None:
    open_positions = list(
        Position.objects.filter(organization__in=plan.wards, start_date__lt=plan.merger_date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=plan.last_day))
        .select_related("person", "organization").order_by("organization__path", "title", "start_date")
    )
    holders = Counter(
        (position.title, position.title_detail) for position in open_positions
        if position.title in SINGLE_HOLDER_TITLES
    )
    for position in open_positions:
        if holders[position.title, position.title_detail] > 1:
            plan.positions_ended.append((position, (
                f"{position.label}: mỗi phường cũ có một người giữ; người giữ chức ở phường mới được giao sau "
                "khi hợp nhất."
            )))
        else:
            plan.positions_carried.append(position)


@transaction.atomic
def merge_wards(*, wards, name: str, merger_date: datetime.date, parent: Organization | None, actor,
                code: str | None = None, kind: str = Kind.WARD_COMMITTEE) -> tuple[Organization, MergerPlan]:
    """Merge `wards` into a new ward as the dry run shows: all or nothing, every change audited."""
    wards = list(Organization.objects.select_for_update().filter(pk__in=[ward.pk for ward in wards]))
    plan = plan_merger(wards=wards, name=name, merger_date=merger_date, parent=parent, actor=actor, code=code,
                       kind=kind)
    if plan.problems:
        raise ValidationError(plan.problems)
    new_ward = services.create_organization(
        parent=parent, actor=actor, name=plan.name, kind=kind, code=plan.code, valid_from=merger_date,
        note="Hợp nhất từ " + ", ".join(ward.name for ward in plan.wards) + f" ngày {merger_date:%d/%m/%Y}.",
    )
    _move_people(plan, new_ward, actor)
    _move_units(plan, new_ward, actor)
    _move_positions(plan, new_ward, actor)
    for seat in plan.seats_ended:
        update_audited(seat, {"end_date": plan.last_day}, actor=actor, action="org.committee_member.updated",
                       organization=seat.committee.organization)
    for term in plan.terms_ended:
        update_audited(term, {"end_date": plan.last_day}, actor=actor, action="org.term.updated",
                       organization=term.organization)
    for ward in plan.wards:
        services.update_organization(ward, actor=actor, valid_until=plan.last_day)
    _carry_roles(plan, new_ward, actor)
    summary = {"new_ward": {"id": str(new_ward.pk), "name": new_ward.name}, **plan.summary()}
    log_action("org.ward.merged", actor=actor, obj=new_ward, organization=new_ward, data=summary)
    log_actions("org.ward.merged", actor=actor, entries=[(ward, ward, summary) for ward in plan.wards])
    # The new ward's thousands of rows (its units, people and members, which carry its path) are new to the planner.
    analyze_after_commit(Organization, Person, Position, apps.get_model("members", "PartyMember"))
    return Organization.objects.get(pk=new_ward.pk), plan


def _move_people(plan: MergerPlan, new_ward: Organization, actor) -> None:
    if not plan.people:
        return
    Person.objects.filter(pk__in=[person.pk for person in plan.people]).update(
        organization=new_ward, version=F("version") + 1)  # each a new version (core.versions)
    log_actions("org.person.updated", actor=actor, entries=[
        (person, new_ward, {"changes": {"organization": {"old": person.organization.name, "new": new_ward.name}},
                            "reason": "Hợp nhất phường, xã"})
        for person in plan.people
    ])


def _move_units(plan: MergerPlan, new_ward: Organization, actor) -> None:
    entries = []
    for unit in plan.units:
        old_parent = Organization.objects.get_parent(unit)
        target = Organization.objects.get(pk=new_ward.pk)  # fresh: each move changes its children count
        Organization.objects.move(Organization.objects.get(pk=unit.pk), target, pos="last-child")
        entries.append((unit, unit, {"changes": {"parent": {"old": old_parent.name, "new": new_ward.name}},
                                     "reason": "Hợp nhất phường, xã"}))
    log_actions("org.organization.moved", actor=actor, entries=entries)


def _move_positions(plan: MergerPlan, new_ward: Organization, actor) -> None:
    for position, _why in plan.positions_ended:
        services.end_position(position, end_date=plan.last_day, actor=actor)
    for position in plan.positions_carried:
        services.end_position(position, end_date=plan.last_day, actor=actor)
        services.create_position(
            organization=new_ward, actor=actor, person=Person.objects.get(pk=position.person_id),
            title=position.title, title_detail=position.title_detail, start_date=plan.merger_date,
            end_date=position.end_date if position.end_date and position.end_date > plan.last_day else None,
            note=f"Tiếp tục từ {position.organization.name} khi hợp nhất.",
        )


def _carry_roles(plan: MergerPlan, new_ward: Organization, actor) -> None:
    for assignment in plan.assignments:
        carried, created = Assignment.objects.get_or_create(
            user=assignment.user, organization=new_ward, role=assignment.role
        )
        if created:
            log_action("org.assignment.created", actor=actor, obj=carried, organization=new_ward,
                       data={"user": assignment.user.username, "role": assignment.role,
                             "reason": f"Hợp nhất: giữ vai trò như ở {assignment.organization.name}"})
        forget_grants(assignment.user)

"""Changes to Party member dossiers. Every event goes through record_event, which asks the rules first."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from audit.services import log_action, log_actions, log_creation, update_audited
from core.scoping import require_perm
from core.versions import require_version
from members.lifecycle import COMMITTEE_RESOLUTIONS, VOTING_EVENTS, Lifecycle, MembershipRuleError, ProposedEvent
from members.models import (
    ON_ROLL,
    PAYMENT_METHODS,
    RELIEF_REASONS,
    EventKind,
    FeeCategory,
    FeeMethod,
    FeePayment,
    FeeRelief,
    Introducer,
    IntroducerKind,
    MembershipEvent,
    PartyMember,
    ReliefKind,
    ReliefReason,
    Status,
)
from members.rules import add_months, fee_rules_for, rules_on, whole_months_between
from org.models import CommitteeKind, CommitteeMember, Kind, Organization, Person

EVENT_FIELDS = [
    "decision_no", "issuer", "signer", "document", "votes_for", "voters_total", "counterpart", "introduced_on",
    "with_provincial_consent", "ends_on", "superior_consent", "note",
]
MEMBER_FIELDS = ["membership_no", "card_no", "note", "organization", "fee_category", "fee_base"]
FEES_AHEAD_MONTHS = 12  # a member may pay up to a year ahead
PAST_DECISION_NO = "(theo hồ sơ chuyển đến)"  # a past decision whose number the transfer papers do not show


def lifecycle_of(member: PartyMember) -> Lifecycle:
    return Lifecycle(member.events.all(), date_of_birth=member.person.date_of_birth)


# What other apps ask of a member's lifecycle, without rebuilding it (meetings: its roster and its ready dossiers).

def status_on(member: PartyMember, day: datetime.date) -> tuple[str | None, bool]:
    """(status, temporarily away) of `member` as they stood on `day`, from their (prefetched) events up to it."""
    status, _since, away = Lifecycle([e for e in member.events.all() if e.effective_date <= day]).fold()
    return status, away


def allows(member: PartyMember, kind: str, day: datetime.date, *, by_registry: bool = False) -> bool:
    """Whether the member's rules allow step `kind` on `day`, its votes and number being in order: the dossiers a
    meeting may decide on."""
    try:
        lifecycle_of(member).check(ProposedEvent(kind, day, votes_for=1, voters_total=1, decision_no="-",
                                                 by_registry=by_registry), today=timezone.localdate())
    except MembershipRuleError:
        return False
    return True


@dataclass(frozen=True)
class RollEntry:
    member: PartyMember
    status: str
    away: bool  # temporarily active elsewhere: not counted in the chi bộ's total (Quy định 24-QĐ/TW, điểm 9.3)

    @property
    def counted(self) -> bool:
        """Whether the member counts in the chi bộ's total for a vote: an official member not away."""
        return self.status == Status.OFFICIAL and not self.away


def roll_on(cell: Organization, day: datetime.date) -> list[RollEntry]:
    """The chi bộ's members on the roll on `day`, each as they stood then (from their events up to that day: a
    meeting or a vote entered afterwards is judged by the roll of its day), in name order."""
    entries = []
    for member in (PartyMember.objects.filter(organization=cell).select_related("person")
                   .prefetch_related("events").order_by("person__sort_name")):
        status, away = status_on(member, day)
        if status in ON_ROLL:
            entries.append(RollEntry(member, status, away))
    return entries


def roll_known_since(cell: Organization) -> datetime.date | None:
    """The day the system began to hold the chi bộ's roll: its first member record was entered then. Before that
    day the roll it knows is what was entered of the past, and may miss members who had left by the time the
    list was entered, so a count of it bounds nothing."""
    first = PartyMember.objects.filter(organization=cell).aggregate(first=Min("created"))["first"]
    return None if first is None else timezone.localdate(first)


def _check_vote_size(member: PartyMember, kind: str, day: datetime.date, voters_total: int | None) -> None:
    """Impossible data is refused: a vote counting more voters than the body had on its day (a chi bộ's official
    members not away, a ward committee's members), where the system holds that body on that day."""
    if kind not in VOTING_EVENTS or not voters_total:
        return
    if kind in COMMITTEE_RESOLUTIONS:
        committee = member.organization.home_unit().committee_on(CommitteeKind.EXECUTIVE, day)
        seats = CommitteeMember.objects.held_on(day).filter(committee=committee).count() if committee else 0
        body = f"Ban Chấp hành Đảng ủy có {seats} ủy viên vào ngày {day:%d/%m/%Y}"
        known = seats or None
    else:
        since = roll_known_since(member.organization)
        known = None
        if since is not None and day >= since:
            known = sum(1 for entry in roll_on(member.organization, day) if entry.counted)
        body = (f"{member.organization.name} có {known} đảng viên chính thức tính vào tổng số biểu quyết vào ngày "
                f"{day:%d/%m/%Y} (không kể người tạm thời sinh hoạt nơi khác)")
    if known is not None and voters_total > known:
        raise ValidationError({"voters_total": (
            f"Tổng số người có quyền biểu quyết ({voters_total}) nhiều hơn thực tế: {body}. Nếu danh sách trên hệ "
            f"thống còn thiếu, hãy ghi bổ sung trước."
        )})


def _require_cell(organization: Organization, person: Person) -> None:
    if organization.kind != Kind.CELL:
        raise ValidationError({"organization": "Đảng viên sinh hoạt ở một chi bộ: hãy chọn chi bộ."})
    if not organization.home_unit().contains(person.organization):
        raise ValidationError({"person": "Người này không thuộc phường/xã của chi bộ."})


def _require_candidate_age(person: Person, day: datetime.date) -> None:
    """Impossible data is refused: a candidate younger than the candidates' minimum age (MembershipRules)."""
    if person.date_of_birth is None:
        return
    rules = rules_on(day)
    if day < person.date_of_birth or whole_months_between(person.date_of_birth, day) < rules.candidate_min_age_months:
        age = whole_months_between(person.date_of_birth, day) // 12 if day >= person.date_of_birth else 0
        raise ValidationError({"person": (
            f"{person.full_name} mới {age} tuổi vào ngày {day:%d/%m/%Y} (sinh ngày {person.date_of_birth:%d/%m/%Y}): "
            f"chưa thể là quần chúng ưu tú đề nghị kết nạp (từ đủ {rules.candidate_min_age_months // 12} tuổi)."
        )})


@transaction.atomic
def register_candidate(
    *, person: Person, organization: Organization, day: datetime.date, actor, note: str = ""
) -> PartyMember:
    """Open an admission dossier for a person (quần chúng ưu tú), or a new round for one who left or was not
    admitted (docs/rules.md §1.14)."""
    require_perm(actor, "members.change", organization)
    _require_cell(organization, person)
    _require_candidate_age(person, day)
    member = PartyMember.objects.select_for_update().filter(person=person).first()
    if member is None:
        member = PartyMember(person=person, organization=organization, status=Status.CANDIDATE, status_since=day)
        member.full_clean()
        member.save(force_insert=True)
        log_creation("members.member.registered", actor=actor, obj=member, fields=["organization"],
                     organization=organization)
    elif member.organization != organization:
        update_member(member, actor=actor, organization=organization)
    record_event(member, kind=EventKind.CANDIDATE, day=day, actor=actor, note=note)
    member.refresh_from_db()
    return member


@transaction.atomic
def record_event(member: PartyMember, *, kind: str, day: datetime.date, actor, by_registry: bool = False,
                 authority: str = "members.change", **fields) -> MembershipEvent:
    """Record one dated event if the rules allow it: the status follows, and the change is audited.

    `by_registry`: the event is a decision the ward issues with the number its register gave (only
    documents.services.issue_member_decision passes it); any other decision is a superior's, typed by hand.
    `authority`: the permission the actor needs on the member's chi bộ; a meeting's decision passes
    "meetings.change" (a chi bộ secretary records her chi bộ's resolutions through its meeting, not by hand)."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValidationError(f"Không ghi được trường: {', '.join(sorted(unknown))}.")
    member = PartyMember.objects.locked().select_related("person", "organization").get(pk=member.pk)
    require_perm(actor, authority, member.organization)
    if kind not in EventKind.values:
        raise ValidationError({"kind": f"Loại sự kiện “{kind}” không có trong hệ thống."})
    lifecycle = lifecycle_of(member)
    lifecycle.check(ProposedEvent(
        kind, day, votes_for=fields.get("votes_for"), voters_total=fields.get("voters_total"),
        decision_no=fields.get("decision_no", ""), with_provincial_consent=fields.get("with_provincial_consent", False),
        introduced_on=fields.get("introduced_on"), note=fields.get("note", ""), by_registry=by_registry,
        ends_on=fields.get("ends_on"), superior_consent=fields.get("superior_consent", ""),
    ), today=timezone.localdate())
    _check_vote_size(member, kind, day, fields.get("voters_total"))
    event = MembershipEvent(member=member, organization_id=member.organization_id, kind=kind, effective_date=day,
                            **fields)
    event.full_clean()
    event.save(force_insert=True)

    old_status = member.status
    _refresh_cache(member, Lifecycle([*lifecycle.events, event], date_of_birth=member.person.date_of_birth))
    status = member.status
    log_action(
        "members.event.recorded", actor=actor, obj=member, organization=member.organization,
        data={
            "event": str(event.pk), "kind": kind, "date": day.isoformat(), "decision_no": event.decision_no,
            "summary": str(event),
            "changes": {"status": {"old": old_status, "new": status}} if status != old_status else {},
        },
    )
    return event


# A member's past before the system knew them, as events (a member list, a member received by transfer).
PAST = (
    (EventKind.ADMISSION_DECISION, "admitted_on"),
    (EventKind.CEREMONY, "ceremony_on"),
    (EventKind.RECOGNITION_DECISION, "official_on"),
)


class PastRefused(MembershipRuleError):
    """A date of a member's past the rules refuse; `field` names it."""

    def __init__(self, message, field):
        super().__init__(message)
        self.field = field


def past_events(member: PartyMember, dates: dict, *, date_of_birth, today, decision_no: str, note: str,
                organization: Organization | None):
    """The events of a member's past from its dates (admitted_on, ceremony_on, official_on: the ceremony taken as
    the decision's day when unknown; no official_on for a probationary member), each allowed by the rules as
    history (Lifecycle.check(historical=True)), as having happened in `organization` (None: outside the system).
    Raises PastRefused naming the date refused."""
    dates = {**dates, "ceremony_on": dates.get("ceremony_on") or dates.get("admitted_on")}
    events = []
    for kind, key in PAST:
        day = dates.get(key)
        if day is None:
            if key == "official_on":
                break
            raise PastRefused("Cần ngày quyết định kết nạp.", key)
        number = decision_no if kind != EventKind.CEREMONY else ""
        try:
            Lifecycle(events, date_of_birth=date_of_birth).check(
                ProposedEvent(kind, day, decision_no=number, historical=True), today=today)
        except MembershipRuleError as error:
            raise PastRefused(error.messages[0], key) from None
        events.append(MembershipEvent(member=member, organization=organization, kind=kind, effective_date=day,
                                      decision_no=number, note=note))
    return events


@transaction.atomic
def receive_transfer(
    *, person: Person, organization: Organization, day: datetime.date, admitted_on: datetime.date,
    ceremony_on: datetime.date | None = None, official_on: datetime.date | None = None,
    introduced_on: datetime.date | None = None, counterpart: str, decision_no: str = "", issuer: str = "",
    membership_no: str = "", card_no: str = "", note: str = "", interruptions=(), actor,
) -> PartyMember:
    """Receive a member new to the system by official transfer from elsewhere (tiếp nhận sinh hoạt đảng chính thức,
    docs/rules.md §7.1): their past as history, with the interruptions of Party activity their papers show
    (`interruptions`: (from, to) pairs, deducted from Party age, docs/rules.md §1.13), then the transfer in, checked
    against the 30 working days."""
    require_perm(actor, "members.change", organization)
    _require_cell(organization, person)
    existing = PartyMember.objects.filter(person=person).first()
    if existing is not None:
        raise ValidationError({"person": (
            f"Người này đã có hồ sơ đảng viên ({existing.get_status_display()}, {existing.organization.name}): "
            "nếu đã chuyển đi và nay trở về, hãy ghi sự kiện “Tiếp nhận sinh hoạt chính thức” trên hồ sơ đó."
        )})
    if not counterpart.strip():
        raise ValidationError({"counterpart": "Cần ghi nơi chuyển đến từ (đảng bộ, chi bộ cũ)."})
    member = PartyMember(person=person, organization=organization, membership_no=membership_no, card_no=card_no,
                         status=Status.PROBATIONARY, status_since=day)
    member.full_clean(exclude=["status"])
    today = timezone.localdate()
    try:
        events = past_events(
            member, {"admitted_on": admitted_on, "ceremony_on": ceremony_on, "official_on": official_on},
            date_of_birth=person.date_of_birth, today=today, decision_no=PAST_DECISION_NO,
            note=f"Theo hồ sơ chuyển đến từ {counterpart}.", organization=None,  # it happened elsewhere
        )
        for number, (begin, end) in enumerate(sorted(interruptions), start=1):
            try:
                Lifecycle(events).check(
                    ProposedEvent(EventKind.INTERRUPTION, begin, ends_on=end, historical=True), today=today)
            except MembershipRuleError as refused:
                raise ValidationError({"interruptions": f"Gián đoạn thứ {number}: {refused.messages[0]}"}) from None
            events.append(MembershipEvent(member=member, kind=EventKind.INTERRUPTION, effective_date=begin,
                                          ends_on=end, note=f"Theo hồ sơ chuyển đến từ {counterpart}."))
            events.sort(key=lambda e: e.effective_date)
        Lifecycle(events, date_of_birth=person.date_of_birth).check(ProposedEvent(
            EventKind.TRANSFER_IN, day, arriving=True, introduced_on=introduced_on, note=note), today=today)
    except PastRefused as refused:
        raise ValidationError({refused.field: refused.messages}) from None
    except MembershipRuleError as refused:
        raise ValidationError({"day": refused.messages}) from None
    arrival = MembershipEvent(member=member, organization=organization, kind=EventKind.TRANSFER_IN, effective_date=day,
                              decision_no=decision_no, issuer=issuer, counterpart=counterpart,
                              introduced_on=introduced_on, note=note)
    lifecycle = Lifecycle([*events, arrival], date_of_birth=person.date_of_birth)
    for field, value in cached_values(lifecycle).items():
        setattr(member, field, value)
    member.save(force_insert=True)
    for event in [*events, arrival]:
        event.full_clean()
        event.save(force_insert=True)  # in order: events of one day fold by `created`
    log_creation("members.member.received", actor=actor, obj=member, organization=organization, fields=[
        "organization", "membership_no", "card_no", "status", "admitted_on", "official_on", "last_transfer_on",
    ])
    return member


CACHED_FIELDS = [
    "status", "status_since", "temporarily_away", "admitted_on", "ceremony_on", "probation_ends_on", "official_on",
    "next_due_on", "next_due_label", "age_base_on", "fees_owed_from", "last_transfer_on",
]


def cached_values(lifecycle: Lifecycle) -> dict:
    """What the events add up to, by cached column of PartyMember (CACHED_FIELDS)."""
    status, since, away = lifecycle.fold()
    due = lifecycle.next_open_deadline()
    return {
        "status": status, "status_since": since, "temporarily_away": away,
        "admitted_on": lifecycle.admitted_on, "ceremony_on": lifecycle.ceremony_on,
        "probation_ends_on": lifecycle.probation_ends_on, "official_on": lifecycle.official_on,
        "next_due_on": due.due if due else None, "next_due_label": due.label if due else "",
        "age_base_on": lifecycle.age_base_on(), "fees_owed_from": lifecycle.fees_owed_from,
        "last_transfer_on": lifecycle.last_transfer_on,
    }


def _refresh_cache(member: PartyMember, lifecycle: Lifecycle) -> None:
    """Write what the events add up to into the member's cached columns (only record_event calls this)."""
    for field, value in cached_values(lifecycle).items():
        setattr(member, field, value)
    member.save(update_fields=[*CACHED_FIELDS, "updated"])


@transaction.atomic
def update_member(member: PartyMember, *, actor, version: int | None = None, **changes) -> dict:
    """Change a member's record; `version`, the one the change was drawn from, is refused when stale."""
    member = PartyMember.objects.locked().select_related("person").get(pk=member.pk)
    require_perm(actor, "members.change", member.organization)
    require_version(member, version)
    unknown = set(changes) - set(MEMBER_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    if changes.get("fee_category") == FeeCategory.STUDENT:
        changes["fee_base"] = None  # a fixed amount (docs/rules.md §6.1)
    if "organization" in changes and changes["organization"] != member.organization:
        require_perm(actor, "members.change", changes["organization"])
        _require_cell(changes["organization"], member.person)
    return update_audited(
        member, changes, actor=actor, action="members.member.updated",
        organization=changes.get("organization", member.organization), extra_update_fields=["updated"],
    )


@transaction.atomic
def record_fee_payments(*, month: datetime.date, entries: list[dict], actor) -> list[FeePayment]:
    """Record one month's Party fees for several members at once (the chi bộ's monthly collection, docs/rules.md §6.3).
    Each entry: member, amount, paid_on, method, note. All or none: every refused entry is named."""
    month = month.replace(day=1)
    today = timezone.localdate()
    if month > add_months(today.replace(day=1), FEES_AHEAD_MONTHS):
        raise ValidationError({"month": f"Chỉ ghi đảng phí đóng trước tối đa {FEES_AHEAD_MONTHS} tháng."})
    ids = [entry["member"].pk for entry in entries]
    members = {m.pk: m for m in PartyMember.objects.locked().select_related("person", "organization")
               .filter(pk__in=ids)}
    already = set(FeePayment.objects.filter(member__in=ids, month=month).values_list("member_id", flat=True))
    problems, payments = [], []
    for entry in entries:
        member = members[entry["member"].pk]
        require_perm(actor, "members.fees", member.organization)
        name = member.person.full_name
        if member.status not in ON_ROLL:
            problems.append(f"{name}: không còn trong danh sách đảng viên của chi bộ ({member.get_status_display()}).")
        elif member.fee_exempt_by_party_age(month):
            problems.append(f"{name}: được miễn đảng phí tháng {month:%m/%Y} (đủ 50 năm tuổi đảng, Quy định "
                            f"01-QĐ/TW, Điều 5).")
        elif not member.owes_fee_for(month):
            since = f" (từ tháng {member.fees_owed_from:%m/%Y})" if member.fees_owed_from else ""
            problems.append(f"{name}: tháng {month:%m/%Y} chưa đóng đảng phí tại chi bộ{since}.")
        elif member.pk in already:
            problems.append(f"{name}: tháng {month:%m/%Y} đã ghi đảng phí.")
        elif (entry.get("method") or FeeMethod.CASH) not in PAYMENT_METHODS:
            problems.append(f"{name}: miễn, hoãn đảng phí được ghi ở “Miễn, giảm, hoãn đảng phí” trên hồ sơ.")
        elif not entry.get("amount") or entry["amount"] <= 0:
            problems.append(f"{name}: số tiền phải lớn hơn 0.")
        elif entry["paid_on"] > today:
            problems.append(f"{name}: ngày đóng không được sau hôm nay.")
        else:
            payment = FeePayment(member=member, month=month, amount=entry["amount"], paid_on=entry["paid_on"],
                                 method=entry.get("method") or FeeMethod.CASH, note=entry.get("note", ""))
            try:
                payment.full_clean(validate_constraints=False)
            except ValidationError as error:
                problems.extend(f"{name}: {message}" for message in error.messages)
            else:
                payments.append(payment)
    if problems:
        raise ValidationError(problems)
    FeePayment.objects.bulk_create(payments)
    log_actions("members.fee.paid", actor=actor, entries=[
        (p.member, p.member.organization,
         {"month": f"{month:%Y-%m}", "amount": p.amount, "paid_on": p.paid_on.isoformat(), "method": p.method,
          "summary": str(p)})
        for p in payments
    ])
    return payments


RELIEF_METHODS = {ReliefKind.EXEMPT: FeeMethod.EXEMPT, ReliefKind.DEFERRED: FeeMethod.DEFERRED}


@transaction.atomic
def record_fee_relief(member: PartyMember, *, kind: str, reason: str, start_month: datetime.date,
                      end_month: datetime.date, decided_on: datetime.date, percent: int | None = None,
                      note: str = "", actor) -> FeeRelief:
    """The chi bộ exempts, reduces or defers a member's Party fee for a period (Quy định 01-QĐ/TW, Điều 5; docs/rules.md
    §6.5). An exempt or deferred month is settled by a zero-amount row (FeeMethod.EXEMPT, DEFERRED), so it is never
    unpaid; a reduced month is due at the reduced rate. A month already paid is named and nothing is kept."""
    member = PartyMember.objects.locked().select_related("person", "organization").get(pk=member.pk)
    require_perm(actor, "members.fees", member.organization)
    start_month, end_month = start_month.replace(day=1), end_month.replace(day=1)
    rules = fee_rules_for(start_month)
    if rules is None:
        raise ValidationError({"start_month": "Chỉ ghi miễn, giảm, hoãn đảng phí từ tháng 02/2026 (Quy định "
                                              "01-QĐ/TW); mức và chế độ trước đó chưa có trong hệ thống."})
    if kind not in RELIEF_REASONS:
        raise ValidationError({"kind": "Hãy chọn miễn, giảm hoặc hoãn đóng."})
    if reason not in RELIEF_REASONS[kind]:
        allowed = ", ".join(sorted(ReliefReason(r).label for r in RELIEF_REASONS[kind]))
        raise ValidationError({"reason": f"“{ReliefKind(kind).label}” chỉ áp dụng cho: {allowed} (Quy định "
                                         f"01-QĐ/TW, Điều 5)."})
    if kind == ReliefKind.REDUCED:
        if percent not in rules.reduction_percents:
            raise ValidationError({"percent": "Mức giảm là 30%, 50% hoặc 70% (Quy định 01-QĐ/TW, Điều 5)."})
    elif percent:
        raise ValidationError({"percent": "Chỉ ghi mức giảm khi giảm mức đóng."})
    if end_month < start_month:
        raise ValidationError({"end_month": "Tháng kết thúc không được trước tháng bắt đầu."})
    months = []
    month = start_month
    while month <= end_month:
        months.append(month)
        month = add_months(month, 1)
    if len(months) > rules.relief_max_months:
        raise ValidationError({"end_month": f"Mỗi lần miễn, giảm, hoãn tối đa {rules.relief_max_months} tháng, sau "
                                            f"đó chi bộ xem xét lại (Quy định 01-QĐ/TW, Điều 5)."})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "Ngày chi bộ quyết định không được sau hôm nay."})
    if member.status not in ON_ROLL:
        raise ValidationError(f"{member.person.full_name} không còn trong danh sách đảng viên của chi bộ.")
    overlapping = member.fee_reliefs.filter(start_month__lte=end_month, end_month__gte=start_month).first()
    if overlapping is not None:
        raise ValidationError({"start_month": f"Trùng thời gian với “{overlapping}” đã ghi."})
    settled = []
    if kind in RELIEF_METHODS:
        paid = set(member.fee_payments.filter(month__in=months).values_list("month", flat=True))
        if paid:
            listed = ", ".join(f"{m:%m/%Y}" for m in sorted(paid))
            raise ValidationError({"start_month": f"Đã ghi đảng phí các tháng {listed}: hãy chọn thời gian khác."})
        settled = [FeePayment(member=member, month=m, amount=0, paid_on=decided_on, method=RELIEF_METHODS[kind],
                              note=ReliefReason(reason).label[:200]) for m in months if member.owes_fee_for(m)]
    relief = FeeRelief(member=member, kind=kind, reason=reason, percent=percent or None, start_month=start_month,
                       end_month=end_month, decided_on=decided_on, note=note.strip())
    relief.full_clean()
    relief.save(force_insert=True)
    FeePayment.objects.bulk_create(settled)
    log_action("members.fee.relieved", actor=actor, obj=member, organization=member.organization, data={
        "relief": str(relief.pk), "kind": kind, "reason": reason, "percent": percent,
        "months": [f"{m:%Y-%m}" for m in months], "summary": str(relief),
    })
    return relief


def record_dossier_view(member: PartyMember, *, actor) -> None:
    """Who read whose full dossier (docs/rules.md §10.2: member records are confidential)."""
    with transaction.atomic():
        log_action("members.dossier.viewed", actor=actor, obj=member, organization=member.organization)


# Introducers (Điều lệ Đảng, Điều 4) ---------------------------------------------------------------------------------

INTRODUCERS_NEEDED = 2  # two official members, or one and a union's base committee (Điều lệ Đảng, Điều 4)


def round_introducers(candidate: PartyMember, introducers=None) -> list[Introducer]:
    """The introducers of the candidate's current admission round (given, e.g. prefetched, or read)."""
    start = Lifecycle(candidate.events.all()).last(EventKind.CANDIDATE) or datetime.date.min
    rows = candidate.introducers.all() if introducers is None else introducers
    return [row for row in rows if row.introduced_on >= start]


@transaction.atomic
def add_introducer(candidate: PartyMember, *, introduced_on: datetime.date, kind: str = IntroducerKind.MEMBER,
                   member: PartyMember | None = None, name: str = "",
                   worked_with_since: datetime.date | None = None, actor) -> Introducer:
    """Record one introducer of the candidate's current round. Refused where the system knows better: a member of
    the ward who is not an official member on the day of the introduction, the candidate introducing themselves,
    a third introducer, a second union, dates out of order. Whether an introducer from elsewhere is an official
    member, and the 12 months of working together, are shown by members.conditions.introducer_condition."""
    candidate = PartyMember.objects.locked().select_related("person", "organization").get(pk=candidate.pk)
    require_perm(actor, "members.change", candidate.organization)
    if candidate.status != Status.CANDIDATE:
        raise ValidationError(f"{candidate.person.full_name} không đang làm hồ sơ kết nạp "
                              f"({candidate.get_status_display()}).")
    if kind not in IntroducerKind.values:
        raise ValidationError({"kind": "Hãy chọn đảng viên chính thức hoặc Ban Chấp hành Đoàn, Công đoàn cơ sở."})
    start = lifecycle_of(candidate).last(EventKind.CANDIDATE)
    if introduced_on > timezone.localdate():
        raise ValidationError({"introduced_on": "Ngày giới thiệu không được sau hôm nay."})
    if start and introduced_on < start:
        raise ValidationError({"introduced_on": f"Ngày giới thiệu trước ngày bắt đầu đợt xét kết nạp này "
                                                f"({start:%d/%m/%Y})."})
    present = round_introducers(candidate)
    if len(present) >= INTRODUCERS_NEEDED:
        raise ValidationError(f"Đã có {INTRODUCERS_NEEDED} người giới thiệu: {', '.join(i.name for i in present)} "
                              f"(Điều lệ Đảng, Điều 4).")
    if kind == IntroducerKind.UNION:
        if member is not None:
            raise ValidationError({"member": "Tổ chức Đoàn, Công đoàn giới thiệu: chỉ ghi tên tổ chức."})
        if any(i.kind == IntroducerKind.UNION for i in present):
            raise ValidationError({"kind": "Chỉ một tổ chức Đoàn hoặc Công đoàn giới thiệu, cùng một đảng viên chính "
                                           "thức (Điều lệ Đảng, Điều 4)."})
        if not name.strip():
            raise ValidationError({"name": "Hãy ghi tên tổ chức giới thiệu, ví dụ “Ban Chấp hành Đoàn phường”."})
        worked_with_since = None
    else:
        if member is not None:
            _check_introducing_member(candidate, member, introduced_on, present)
            name = member.person.full_name
        if not name.strip():
            raise ValidationError({"member": "Hãy chọn đảng viên giới thiệu, hoặc ghi họ tên người ở nơi khác."})
        if worked_with_since is None:
            raise ValidationError({"worked_with_since": "Hãy ghi từ ngày nào người giới thiệu cùng công tác, sinh "
                                                        "hoạt với người vào Đảng."})
        if worked_with_since > introduced_on:
            raise ValidationError({"worked_with_since": "Ngày cùng công tác không được sau ngày giới thiệu."})
    introducer = Introducer(candidate=candidate, kind=kind, member=member, name=name.strip(),
                            worked_with_since=worked_with_since, introduced_on=introduced_on)
    introducer.full_clean()
    introducer.save(force_insert=True)
    log_creation("members.introducer.added", actor=actor, obj=introducer, organization=candidate.organization,
                 fields=["candidate", "kind", "member", "name", "worked_with_since", "introduced_on"])
    return introducer


def _check_introducing_member(candidate: PartyMember, member: PartyMember, day: datetime.date, present) -> None:
    if member.pk == candidate.pk:
        raise ValidationError({"member": "Người vào Đảng không tự giới thiệu mình."})
    if not candidate.organization.home_unit().contains(member.organization):
        raise ValidationError({"member": "Đảng viên giới thiệu không thuộc phường/xã này: hãy ghi họ tên."})
    if any(i.member_id == member.pk for i in present):
        raise ValidationError({"member": f"{member.person.full_name} đã là người giới thiệu trong đợt này."})
    status, _since, _away = Lifecycle([e for e in member.events.all() if e.effective_date <= day]).fold()
    if status != Status.OFFICIAL:
        held = Status(status).label.lower() if status else "chưa có hồ sơ"
        raise ValidationError({"member": (
            f"{member.person.full_name} chưa là đảng viên chính thức vào ngày {day:%d/%m/%Y} ({held}): người giới "
            f"thiệu phải là đảng viên chính thức (Điều lệ Đảng, Điều 4)."
        )})


@transaction.atomic
def remove_introducer(introducer: Introducer, *, actor) -> None:
    """Remove an introducer entered by mistake from a dossier still in its admission round; audited."""
    introducer = Introducer.objects.select_for_update().select_related("candidate__organization").get(pk=introducer.pk)
    candidate = introducer.candidate
    require_perm(actor, "members.change", candidate.organization)
    if candidate.status != Status.CANDIDATE:
        raise ValidationError("Hồ sơ không còn trong đợt xét kết nạp: không xóa người giới thiệu được.")
    log_action("members.introducer.removed", actor=actor, obj=candidate, organization=candidate.organization,
               data={"introducer": introducer.name, "introduced_on": introducer.introduced_on.isoformat()})
    introducer.delete()

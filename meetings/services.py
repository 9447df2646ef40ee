"""Entering a meeting and recording its decisions. A decision that acts on a record moves that record through the
record's own service (members.services.record_event, documents.services.adopt_document) inside the same
transaction: when the vote or the record's rules refuse, nothing is kept.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from audit.services import log_action, snapshot
from core.scoping import require_perm
from core.versions import require_version
from documents.models import Document
from documents.services import adopt_document, issue_member_decision
from documents.types import IssuingBody, issuing_body_of
from meetings.key_tasks import keeper as key_task_keeper
from meetings.models import (
    CELL_KINDS,
    SESSION_KINDS,
    AgendaItem,
    Attendance,
    Ballot,
    Decision,
    DecisionKind,
    Guest,
    Meeting,
    MeetingKind,
    Presence,
    Speech,
    attendance_warning_share,
)
from meetings.rules import (
    Tally,
    attendance_is_low,
    check_tally,
    committee_decides_members,
    judge_vote,
    shortfall,
    ward_decides_members,
)
from members.lifecycle import COMMITTEE_DECISIONS
from members.models import EventKind, PartyMember, Status
from members.rules import rules_on as membership_rules_on
from members.services import allows, record_event, roll_on
from org.models import Committee, CommitteeKind, CommitteeMember, Kind, Organization, Person, Position

COMMITTEE_MEMBER_ROLE = {
    CommitteeKind.EXECUTIVE: "Ủy viên Ban Chấp hành",
    CommitteeKind.STANDING: "Ủy viên Ban Thường vụ",
    CommitteeKind.INSPECTION: "Ủy viên Ủy ban Kiểm tra",
}
AWAY_REASON = "Đang sinh hoạt tạm thời nơi khác"
# What the meeting form and its refusals tell a clerk of who decides on members (members.rules.WARD_DECIDES [U]).
WHO_DECIDES_ON_MEMBERS = (
    "chi bộ xét và ra nghị quyết đề nghị; đến 30/6/2025 Ban Chấp hành Đảng ủy ra nghị quyết đề nghị (ít nhất 2/3 "
    "ủy viên tán thành) để Ban Thường vụ quận ủy, huyện ủy quyết định; từ 01/7/2025 Ban Thường vụ Đảng ủy quyết "
    "định ngay trên nghị quyết của chi bộ, quyết định lấy số trong sổ văn bản của Đảng ủy"
)


# The roster ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterEntry:
    person: Person
    role: str
    voting: bool = True
    presence: str = Presence.PRESENT
    reason: str = ""


def roster(organization: Organization, committee: Committee | None, day: datetime.date) -> list[RosterEntry]:
    """Who is called to a meeting of `organization` on `day`: the committee's members that day (with the title each
    holds in the organisation), or, for a chi bộ, its members on the roll (the probationary ones without a vote,
    those temporarily away not counted: docs/rules.md §3.4)."""
    if committee is not None:
        seats = (CommitteeMember.objects.held_on(day).filter(committee=committee).select_related("person")
                 .order_by("person__sort_name"))
        people = [seat.person for seat in seats]
        titles: dict = {}
        for position in (Position.objects.held_on(day).by_precedence()
                         .filter(organization=organization, person__in=people)):
            titles.setdefault(position.person_id, position.label)
        entries = [RosterEntry(p, titles.get(p.pk, COMMITTEE_MEMBER_ROLE[committee.kind])) for p in people]
        return sorted(entries, key=lambda e: (e.person.pk not in titles, _title_rank(e.role)))
    entries = [
        RosterEntry(entry.member.person, Status(entry.status).label, voting=entry.status == Status.OFFICIAL,
                    presence=Presence.NOT_COUNTED if entry.away else Presence.PRESENT,
                    reason=AWAY_REASON if entry.away else "")
        for entry in roll_on(organization, day)
    ]
    return sorted(entries, key=lambda e: not e.voting)  # official members first, then probationary


def _title_rank(role: str) -> int:
    order = ["Bí thư", "Phó Bí thư Thường trực", "Phó Bí thư"]
    return order.index(role) if role in order else len(order)


# Entering a meeting -------------------------------------------------------------------------------------------

ROW_FIELDS = {
    "guests": (Guest, ("name", "title"), "Đại biểu"),
    "agenda": (AgendaItem, ("title",), "Nội dung chương trình"),
    "speeches": (Speech, ("speaker", "summary"), "Ý kiến phát biểu"),
}


def _check_body(organization: Organization, committee: Committee | None, kind: str, day: datetime.date) -> None:
    if organization.kind == Kind.CELL:
        if kind not in CELL_KINDS | {"extraordinary"}:
            raise ValidationError({"kind": "Chi bộ họp sinh hoạt thường kỳ, chuyên đề hoặc bất thường."})
        if committee is not None:
            raise ValidationError({"committee": "Cuộc họp chi bộ: thành phần là đảng viên của chi bộ, không chọn ban."})
        return
    if not organization.is_party:
        raise ValidationError({"organization": "Chỉ tổ chức đảng (Đảng ủy, chi bộ) tổ chức cuộc họp ở đây."})
    if kind in CELL_KINDS:
        raise ValidationError({"kind": "Sinh hoạt chi bộ chỉ dành cho chi bộ."})
    if committee is None:
        raise ValidationError({"committee": "Hãy chọn ban họp (Ban Chấp hành, Ban Thường vụ hoặc UBKT)."})
    if committee.organization_id != organization.pk:
        raise ValidationError({"committee": "Ban họp phải là ban của chính tổ chức này."})
    term = committee.term
    if not term.holds(day):
        raise ValidationError({"committee": f"Ngày họp không thuộc nhiệm kỳ {term.name} của ban này: hãy chọn ban "
                                            f"của nhiệm kỳ đang diễn ra vào ngày họp."})


def _check_person(organization: Organization, person: Person | None, field: str, label: str) -> None:
    if person is not None and not organization.home_unit().contains(person.organization):
        raise ValidationError({field: f"{label} ({person.full_name}) không thuộc phường/xã của cuộc họp."})


def _rows(name: str, rows: Iterable[Mapping]) -> list:
    model, required, label = ROW_FIELDS[name]
    objects = []
    for number, row in enumerate(rows, start=1):
        values = {key: value.strip() if isinstance(value, str) else value for key, value in row.items()}
        missing = [model._meta.get_field(field).verbose_name for field in required if not values.get(field)]
        if missing:
            raise ValidationError({name: f"{label} dòng {number}: thiếu {', '.join(missing)}."})
        objects.append(model(order=number, **values))
    return objects


@dataclass(frozen=True)
class MeetingRecord:
    """What is entered of a meeting (the form and the API alike). `attendance` ({person id: (presence, reason)})
    corrects the roster of the day, everyone present otherwise; the rows (guests, agenda, speeches, key tasks) are
    mappings of their fields; `documents` are the papers the meeting cites."""

    organization: Organization
    kind: str
    starts_at: datetime.datetime
    place: str
    chair: Person
    committee: Committee | None = None
    title: str = ""
    ends_at: datetime.datetime | None = None
    secretary: Person | None = None
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    content: str = ""
    conclusion: str = ""
    attendance: Mapping | None = None
    guests: Iterable[Mapping] = ()
    agenda: Iterable[Mapping] = ()
    speeches: Iterable[Mapping] = ()
    key_tasks: Iterable[Mapping] = ()
    documents: Iterable[Document] = ()


class DecisionRefused(ValidationError):
    """The decision at `index` of those entered with a meeting was refused (its own refusal in `error`): nothing of
    the meeting was kept."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(error.messages)
        self.index, self.error = index, error


@transaction.atomic
def enter_meeting(record: MeetingRecord, decisions: Iterable[Mapping] = (), *, actor) -> tuple[Meeting, list]:
    """A meeting and what it decided, all or nothing: the one entry of the meeting form and POST /api/v1/meetings.
    Each decision is record_decision's keyword arguments; the first refused one raises DecisionRefused naming it, and
    nothing is kept."""
    meeting = create_meeting(record, actor=actor)
    recorded = []
    for index, fields in enumerate(decisions):
        try:
            recorded.append(record_decision(meeting, **fields, actor=actor))
        except ValidationError as error:
            raise DecisionRefused(index, error) from error
    return meeting, recorded


@transaction.atomic
def create_meeting(record: MeetingRecord, *, actor) -> Meeting:
    """Enter a meeting in one go: its roster on the day is taken as the attendance, everyone present unless
    `attendance` ({person id: (presence, reason)}) says otherwise; a person not on the roster is refused."""
    organization, kind, starts_at, ends_at = record.organization, record.kind, record.starts_at, record.ends_at
    committee, chair, secretary = record.committee, record.chair, record.secretary
    period_start, period_end, attendance = record.period_start, record.period_end, record.attendance
    require_perm(actor, "meetings.change", organization)
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if ends_at is not None and timezone.is_naive(ends_at):
        ends_at = timezone.make_aware(ends_at)
    day = timezone.localtime(starts_at).date()
    _check_body(organization, committee, kind, day)
    _check_person(organization, chair, "chair", "Người chủ trì")
    _check_person(organization, secretary, "secretary", "Thư ký")
    if ends_at is not None and ends_at < starts_at:
        raise ValidationError({"ends_at": "Giờ kết thúc không được trước giờ bắt đầu."})
    if bool(period_start) != bool(period_end):
        raise ValidationError({"period_end": "Kỳ đánh giá: hãy ghi cả ngày đầu và ngày cuối, hoặc bỏ trống cả hai."})
    if period_start and period_end < period_start:
        raise ValidationError({"period_end": "Kỳ đánh giá: ngày cuối không được trước ngày đầu."})
    if day > timezone.localdate():
        raise ValidationError({"starts_at": "Chỉ ghi cuộc họp đã diễn ra (ngày họp không được sau hôm nay)."})
    meeting = Meeting(
        organization=organization, committee=committee, kind=kind,
        title=record.title.strip() or _default_title(kind, day), starts_at=starts_at, ends_at=ends_at,
        place=record.place.strip(), chair=chair, secretary=secretary, period_start=period_start,
        period_end=period_end, content=record.content.strip(), conclusion=record.conclusion.strip(),
    )
    meeting.full_clean()
    meeting.save(force_insert=True)
    Attendance.objects.bulk_create(_attendance(meeting, roster(organization, committee, day), attendance or {}))
    for name in ROW_FIELDS:
        objects = _rows(name, getattr(record, name))
        for obj in objects:
            obj.meeting = meeting
            obj.full_clean()
        ROW_FIELDS[name][0].objects.bulk_create(objects)
    documents, home = list(record.documents), organization.home_unit()
    for document in documents:
        if not home.contains(document.organization):
            raise ValidationError({"documents": f"Văn bản {document} không thuộc sổ văn bản của phường/xã này."})
    meeting.cited_documents.set(documents)
    key_task_keeper().set_tasks(meeting, list(record.key_tasks), actor=actor)
    log_action("meetings.meeting.created", actor=actor, obj=meeting, organization=organization, data={
        "kind": kind, "title": meeting.title, "starts_at": starts_at.isoformat(), "place": meeting.place,
        "attendance": attendance_summary(meeting).as_dict(), "documents": [str(d) for d in documents],
    })
    return meeting


def _default_title(kind: str, day: datetime.date) -> str:
    label = MeetingKind(kind).label
    return f"{label[0].lower()}{label[1:]} tháng {day.month}/{day.year}"


def _attendance(meeting: Meeting, entries: list[RosterEntry], overrides: Mapping) -> list[Attendance]:
    on_roster = {str(entry.person.pk) for entry in entries}
    strangers = [str(key) for key in overrides if str(key) not in on_roster]
    if strangers:  # named by their ids: a person of another ward is not named to this ward's clerk
        raise ValidationError({"attendance": f"Không có trong thành phần của cuộc họp vào ngày họp: "
                                             f"{', '.join(strangers)}."})
    rows = []
    given = {str(key): value for key, value in overrides.items()}
    for order, entry in enumerate(entries, start=1):
        presence, reason = given.get(str(entry.person.pk), (entry.presence, entry.reason))
        if presence not in Presence.values:
            raise ValidationError({"attendance": f"{entry.person.full_name}: tình hình dự họp “{presence}” không có."})
        if presence == Presence.NOT_COUNTED and not (reason or "").strip():
            raise ValidationError({"attendance": f"{entry.person.full_name}: hãy ghi lý do không tính vào tổng số."})
        rows.append(Attendance(meeting=meeting, person=entry.person, role=entry.role, voting=entry.voting,
                               presence=presence, reason=(reason or "").strip(), order=order))
    return rows


@dataclass(frozen=True)
class AttendanceSummary:
    called: int  # everyone on the roster
    counted: int  # members with a vote counted in the body's total (docs/rules.md §3.4)
    present: int  # of those, present
    excused: int
    unexcused: int
    not_counted: int
    low: bool  # fewer than the warning share present

    def as_dict(self) -> dict:
        return {"called": self.called, "counted": self.counted, "present": self.present, "excused": self.excused,
                "unexcused": self.unexcused, "not_counted": self.not_counted, "low": self.low}


def attendance_summary(meeting: Meeting, rows: Iterable[Attendance] | None = None) -> AttendanceSummary:
    """Counts of the attendance (rows as given, e.g. prefetched, else read)."""
    rows = list(meeting.attendance.all() if rows is None else rows)
    voting = [r for r in rows if r.voting and r.presence != Presence.NOT_COUNTED]
    present = sum(1 for r in voting if r.presence == Presence.PRESENT)
    return AttendanceSummary(
        called=len(rows), counted=len(voting), present=present,
        excused=sum(1 for r in rows if r.presence == Presence.EXCUSED),
        unexcused=sum(1 for r in rows if r.presence == Presence.UNEXCUSED),
        not_counted=sum(1 for r in rows if r.presence == Presence.NOT_COUNTED),
        low=attendance_is_low(present, len(voting), attendance_warning_share()),
    )


# Decisions ----------------------------------------------------------------------------------------------------


def member_event_kind(meeting: Meeting, kind: str, member: PartyMember | None = None) -> str:
    """The step of a member's lifecycle a decision of `meeting` on `kind` records: a chi bộ passes its resolution;
    a ward committee its resolution proposing to the district, or, from 01/7/2025, its decision [U] (a readmission
    for someone admitted before)."""
    cell = meeting.organization.kind == Kind.CELL
    decides = numbered_by_registry(meeting.organization, meeting.day)
    if kind == DecisionKind.ADMISSION:
        if cell:
            return EventKind.CELL_ADMISSION_RESOLUTION
        if not decides:
            return EventKind.WARD_ADMISSION_RESOLUTION
        readmitted = member is not None and member.admitted_on is not None
        return EventKind.READMISSION_DECISION if readmitted else EventKind.ADMISSION_DECISION
    if cell:
        return EventKind.CELL_RECOGNITION_RESOLUTION
    return EventKind.RECOGNITION_DECISION if decides else EventKind.WARD_RECOGNITION_RESOLUTION


def numbered_by_registry(organization: Organization, day: datetime.date) -> bool:
    """Whether a meeting of `organization` on `day` decides on members itself, its decisions numbered from the ward's
    register (a ward committee from 01/7/2025), rather than passing a resolution with a number of its own."""
    return organization.kind != Kind.CELL and ward_decides_members(day)


def whom(meeting: Meeting) -> str:
    """Who votes, as the refusal messages name them: "ủy viên Ban Chấp hành", "đảng viên chính thức của chi bộ"."""
    if meeting.committee_id:
        label = COMMITTEE_MEMBER_ROLE[meeting.committee.kind]
        return label[0].lower() + label[1:]
    return "đảng viên chính thức của chi bộ"


def awaiting(meeting: Meeting, kind: str) -> list[PartyMember]:
    """The candidates (kind admission) or probationary members (recognition) of the meeting's organisation whose
    next step this meeting may take on its day, by the members' own rules."""
    if kind not in (DecisionKind.ADMISSION, DecisionKind.RECOGNITION):
        return []
    status = Status.CANDIDATE if kind == DecisionKind.ADMISSION else Status.PROBATIONARY
    members = (PartyMember.objects.under(meeting.organization).filter(status=status)
               .select_related("person", "organization").prefetch_related("events")
               .order_by("person__sort_name"))
    return [member for member in members
            if allows(member, event_kind := member_event_kind(meeting, kind, member), meeting.day,
                      by_registry=event_kind in COMMITTEE_DECISIONS)]


def _tally(meeting: Meeting, votes_for, votes_against, votes_abstained, ballots: Mapping | None):
    rows = list(meeting.attendance.select_related("person"))
    voters = {str(r.person_id): r for r in rows
              if r.voting and r.presence == Presence.PRESENT}
    ballot_rows = []
    if ballots:
        counts = {Ballot.Choice.FOR: 0, Ballot.Choice.AGAINST: 0, Ballot.Choice.ABSTAIN: 0}
        for person_id, choice in ballots.items():
            row = voters.get(str(person_id))
            if row is None:
                raise ValidationError({"ballots": "Phiếu của người không có mặt hoặc không có quyền biểu quyết."})
            if choice not in counts:
                raise ValidationError({"ballots": f"Lựa chọn “{choice}” không có (tán thành/không tán thành/không "
                                                  f"biểu quyết)."})
            counts[choice] += 1
            ballot_rows.append(Ballot(person=row.person, choice=choice))
        given = (votes_for, votes_against, votes_abstained)
        derived = (counts[Ballot.Choice.FOR], counts[Ballot.Choice.AGAINST], counts[Ballot.Choice.ABSTAIN])
        if votes_for is not None and given != derived:
            raise ValidationError({"ballots": "Số phiếu ghi không khớp với phiếu của từng người."})
        votes_for, votes_against, votes_abstained = derived
    if votes_for is None:
        raise ValidationError({"votes_for": "Hãy ghi số phiếu tán thành."})
    for field, value in (("votes_for", votes_for), ("votes_against", votes_against),
                         ("votes_abstained", votes_abstained)):
        if value < 0:
            raise ValidationError({field: "Số phiếu không được âm."})
    summary = attendance_summary(meeting, rows)
    return Tally(votes_for, votes_against, votes_abstained, summary.counted, len(voters)), ballot_rows


@transaction.atomic
def record_decision(meeting: Meeting, *, kind: str, title: str = "", text: str = "",
                    member: PartyMember | None = None, document: Document | None = None,
                    votes_for: int | None = None, votes_against: int = 0, votes_abstained: int = 0,
                    ballots: Mapping | None = None, decision_no: str = "", passed: bool = True, actor) -> Decision:
    """Record what the meeting voted on one matter, if the vote carries it (docs/rules.md §1.6, §3.3), and move the
    record it acts on: a candidate or probationary member to their next step, a draft document to issued.

    `passed=False` records a vote that fell short, refused if the tally does carry: nothing moves, except a chi bộ's
    recognition vote short of 2/3, which goes on the member's dossier (after three the case is referred up)."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related(
        "organization", "committee", "chair").get(pk=meeting.pk)
    require_perm(actor, "meetings.change", meeting.organization)
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": f"Loại quyết nghị “{kind}” không có."})
    _check_subject(meeting, kind, member, document)
    tally, ballot_rows = _tally(meeting, votes_for, votes_against, votes_abstained, ballots)
    special = kind if member is not None else ""
    if passed:
        judge_vote(tally, day=meeting.day, special=special, whom=whom(meeting))
    else:
        check_tally(tally, whom=whom(meeting))
        if shortfall(tally, day=meeting.day, special=special, whom=whom(meeting)) is None:
            raise ValidationError({"passed": f"Số phiếu tán thành {tally.votes_for}/{tally.members_counted} đủ để "
                                             f"thông qua: hãy ghi kết quả là thông qua."})

    decision = Decision(
        meeting=meeting, kind=kind, title=title.strip() or _subject_title(meeting, kind, member, document),
        text=text.strip(),
        member=member, document=document, votes_for=tally.votes_for, votes_against=tally.votes_against,
        votes_abstained=tally.votes_abstained, members_counted=tally.members_counted, passed=passed,
        order=meeting.decisions.count() + 1,
    )
    if not passed:
        if member is not None and kind == DecisionKind.RECOGNITION and meeting.organization.kind == Kind.CELL:
            decision.event = record_event(
                member, kind=EventKind.RECOGNITION_VOTE_SHORT, day=meeting.day, actor=actor,
                authority="meetings.change",
                votes_for=tally.votes_for, voters_total=tally.members_counted,
                note=f"{meeting.body_name}, {meeting.title} ngày {meeting.day:%d/%m/%Y}.",
            )
    elif member is not None:
        event_kind = member_event_kind(meeting, kind, member)
        fields = {"votes_for": tally.votes_for, "voters_total": tally.members_counted,
                  "note": f"{meeting.body_name}, {meeting.title} ngày {meeting.day:%d/%m/%Y}."}
        if event_kind in COMMITTEE_DECISIONS:  # the ward's own decision: a Quyết định of its register
            if decision_no.strip():
                raise ValidationError({"decision_no": "Quyết định của Đảng ủy lấy số tiếp theo trong sổ văn bản: "
                                                      "không ghi số bằng tay."})
            decision.document = issue_member_decision(member, kind=event_kind, day=meeting.day,
                                                      signer=meeting.chair.full_name, actor=actor, **fields)
            decision.event = decision.document.member_event
        else:
            decision.event = record_event(member, kind=event_kind, day=meeting.day, actor=actor,
                                          authority="meetings.change", decision_no=decision_no.strip(),
                                          issuer=meeting.body_name, **fields)
    if document is not None and passed:
        adopt_document(document, day=meeting.day, signer=meeting.chair.full_name,
                       by=f"{meeting.body_name}, {meeting.title} ngày {meeting.day:%d/%m/%Y}", actor=actor)
        meeting.cited_documents.add(document)
    decision.full_clean()
    decision.save(force_insert=True)
    for ballot in ballot_rows:
        ballot.decision = decision
    Ballot.objects.bulk_create(ballot_rows)
    log_action("meetings.decision.recorded", actor=actor, obj=meeting, organization=meeting.organization, data={
        "decision": str(decision.pk), "kind": kind, "title": decision.title, "passed": passed,
        "votes": {"for": tally.votes_for, "against": tally.votes_against, "abstained": tally.votes_abstained,
                  "counted": tally.members_counted},
        "member": str(member.pk) if member else None,
        "document": str(decision.document) if decision.document else None,
    })
    return decision


def _check_subject(meeting: Meeting, kind: str, member: PartyMember | None, document: Document | None) -> None:
    if kind in (DecisionKind.ADMISSION, DecisionKind.RECOGNITION):
        if member is None:
            raise ValidationError({"member": "Hãy chọn người được xét (mỗi lần biểu quyết một người)."})
        if not meeting.organization.contains(member.organization):
            raise ValidationError({"member": f"{member.person.full_name} không sinh hoạt trong tổ chức của cuộc họp."})
        if meeting.committee_id and not committee_decides_members(meeting.committee.kind, meeting.day):
            raise ValidationError({"kind": f"{meeting.committee.get_kind_display()} không xét kết nạp, công nhận "
                                           f"đảng viên chính thức vào ngày {meeting.day:%d/%m/%Y}: "
                                           f"{WHO_DECIDES_ON_MEMBERS} ({membership_rules_on(meeting.day).source})."})
    elif member is not None:
        raise ValidationError({"member": "Chỉ quyết nghị kết nạp, công nhận chính thức mới gắn với một người."})
    if document is not None:
        if kind != DecisionKind.RESOLUTION:
            raise ValidationError({"document": "Chỉ quyết nghị thông qua văn bản mới gắn với một văn bản."})
        if document.organization_id != meeting.organization_id:
            raise ValidationError({"document": "Văn bản phải là văn bản đi của chính tổ chức họp."})
        inspection = bool(meeting.committee_id) and meeting.committee.kind == CommitteeKind.INSPECTION
        if (issuing_body_of(document.issuer_code) == IssuingBody.INSPECTION) != inspection:
            raise ValidationError({"document": (
                "Dự thảo của Ủy ban Kiểm tra do Ủy ban Kiểm tra thông qua, với số, ký hiệu riêng (…/UBKTĐU); dự thảo "
                "của Đảng ủy do Ban Chấp hành hoặc Ban Thường vụ thông qua."
            )})
    if meeting.kind not in SESSION_KINDS | CELL_KINDS and kind in (DecisionKind.ADMISSION, DecisionKind.RECOGNITION):
        raise ValidationError({"kind": "Xét kết nạp, công nhận chính thức tại phiên họp của cấp ủy hoặc chi bộ."})


# What a body's vote on a member is, in its own words: a chi bộ, or a ward committee before 01/7/2025, proposes; from
# then the ward's Ban Thường vụ decides.
MEMBER_DECISION_TITLES = {
    EventKind.CELL_ADMISSION_RESOLUTION: "Đề nghị kết nạp đảng viên",
    EventKind.WARD_ADMISSION_RESOLUTION: "Đề nghị kết nạp đảng viên",
    EventKind.ADMISSION_DECISION: "Quyết định kết nạp đảng viên",
    EventKind.READMISSION_DECISION: "Quyết định kết nạp lại đảng viên",
    EventKind.CELL_RECOGNITION_RESOLUTION: "Đề nghị công nhận đảng viên chính thức",
    EventKind.WARD_RECOGNITION_RESOLUTION: "Đề nghị công nhận đảng viên chính thức",
    EventKind.RECOGNITION_DECISION: "Quyết định công nhận đảng viên chính thức",
}


def _subject_title(meeting: Meeting, kind: str, member: PartyMember | None, document: Document | None) -> str:
    if member is not None:
        return f"{MEMBER_DECISION_TITLES[member_event_kind(meeting, kind, member)]} đối với {member.person.full_name}"
    if document is not None:
        return Truncator(f"Thông qua {document.name}").chars(500)
    raise ValidationError({"title": "Hãy ghi nội dung biểu quyết."})


# Correcting a meeting ------------------------------------------------------------------------------------------

CORRECTABLE = ("title", "place", "starts_at", "ends_at", "chair", "secretary", "period_start", "period_end",
               "content", "conclusion")


@transaction.atomic
def correct_meeting(meeting: Meeting, *, reason: str, actor, attendance: Mapping | None = None,
                    guests: Iterable[Mapping] | None = None, agenda: Iterable[Mapping] | None = None,
                    speeches: Iterable[Mapping] | None = None, key_tasks: Iterable[Mapping] | None = None,
                    version: int | None = None, **changes) -> dict:
    """Correct a meeting's record after entry (a typo in the place, a wrong hour, an absence entered as present),
    audited with the reason. What its decisions stand on is kept: the day (its roster and term) does not change,
    and the attendance may change only as far as every vote recorded stays possible with the same members counted.
    `version`, the one the correction was drawn from, is refused when stale. Returns what changed."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related(
        "organization", "committee").get(pk=meeting.pk)
    require_perm(actor, "meetings.change", meeting.organization)
    require_version(meeting, version)
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(f"Không sửa được: {', '.join(sorted(unknown))}.")
    if not reason.strip():
        raise ValidationError({"reason": "Hãy ghi lý do sửa biên bản cuộc họp."})
    if "starts_at" in changes and changes["starts_at"] is None:
        raise ValidationError({"starts_at": "Hãy ghi giờ bắt đầu."})
    for key in ("starts_at", "ends_at"):
        if changes.get(key) is not None and timezone.is_naive(changes[key]):
            changes[key] = timezone.make_aware(changes[key])
    if "starts_at" in changes and timezone.localtime(changes["starts_at"]).date() != meeting.day:
        raise ValidationError({"starts_at": (
            f"Ngày họp ({meeting.day:%d/%m/%Y}) không sửa được: thành phần, nhiệm kỳ và các quyết nghị theo ngày đó. "
            f"Nếu ghi nhầm ngày, hãy báo quản trị hệ thống."
        )})
    for field, label in (("chair", "Người chủ trì"), ("secretary", "Thư ký")):
        if field in changes:
            _check_person(meeting.organization, changes[field], field, label)
    if changes.get("title") is not None:
        changes["title"] = changes["title"].strip() or meeting.title
    diff, meeting_saved = {}, set()
    if changes:
        before = snapshot(meeting, changes)
        for name, value in changes.items():
            setattr(meeting, name, value)
        if meeting.ends_at is not None and meeting.ends_at < meeting.starts_at:
            raise ValidationError({"ends_at": "Giờ kết thúc không được trước giờ bắt đầu."})
        if bool(meeting.period_start) != bool(meeting.period_end) or (
                meeting.period_start and meeting.period_end < meeting.period_start):
            raise ValidationError({"period_end": "Kỳ đánh giá: ghi cả ngày đầu và ngày cuối, ngày cuối không trước "
                                                 "ngày đầu."})
        meeting.full_clean()
        after = snapshot(meeting, changes)
        diff = {name: {"old": before[name], "new": after[name]} for name in changes if before[name] != after[name]}
        if diff:
            meeting.save(update_fields=[*diff, "updated"])
            meeting_saved = {"updated"}
    if attendance:
        diff |= _correct_attendance(meeting, attendance)
    for name, rows in (("guests", guests), ("agenda", agenda), ("speeches", speeches)):
        if rows is None:
            continue
        model = ROW_FIELDS[name][0]
        before = list(model.objects.filter(meeting=meeting))
        old = [str(row) for row in before]
        objects = _rows(name, rows)
        for obj in objects:
            obj.meeting = meeting
            obj.full_clean()
        if [_row_values(obj) for obj in objects] != [_row_values(obj) for obj in before]:
            model.objects.filter(meeting=meeting).delete()
            model.objects.bulk_create(objects)
            diff[name] = {"old": old, "new": [str(obj) for obj in objects]}
    if key_tasks is not None:
        tasks_changed = key_task_keeper().correct_tasks(meeting, list(key_tasks), actor=actor)
        if tasks_changed:
            diff["key_tasks"] = tasks_changed
    if diff and "updated" not in meeting_saved:
        meeting.save(update_fields=["updated"])  # its rows changed: the record has a new version
    if diff:
        log_action("meetings.meeting.corrected", actor=actor, obj=meeting, organization=meeting.organization,
                   data={"reason": reason.strip(), "changes": diff})
    return diff


def _row_values(row) -> tuple:
    """What a row of a meeting's record says (its text, its unit, its date), for telling a change."""
    return tuple(getattr(row, field.attname) for field in row._meta.concrete_fields
                 if field.name not in ("id", "meeting", "order"))


def _correct_attendance(meeting: Meeting, attendance: Mapping) -> dict:
    rows = {str(row.person_id): row for row in meeting.attendance.select_related("person")}
    strangers = [str(key) for key in attendance if str(key) not in rows]
    if strangers:
        raise ValidationError({"attendance": f"Không có trong thành phần của cuộc họp: {', '.join(strangers)}."})
    before = attendance_summary(meeting, rows.values())
    changed, diff = [], {}
    for key, (presence, reason) in attendance.items():
        row = rows[str(key)]
        reason = (reason or "").strip()
        if presence not in Presence.values:
            raise ValidationError({"attendance": f"{row.person.full_name}: tình hình dự họp “{presence}” không có."})
        if presence == Presence.NOT_COUNTED and not reason:
            raise ValidationError({"attendance": f"{row.person.full_name}: hãy ghi lý do không tính vào tổng số."})
        if (row.presence, row.reason) != (presence, reason):
            diff[row.person.full_name] = {"old": row.get_presence_display(), "new": Presence(presence).label}
            row.presence, row.reason = presence, reason
            changed.append(row)
    if not changed:
        return {}
    balloted = set(Ballot.objects.filter(decision__meeting=meeting).values_list("person_id", flat=True))
    for row in changed:
        if row.person_id in balloted and row.presence != Presence.PRESENT:
            raise ValidationError({"attendance": (
                f"{row.person.full_name} đã có phiếu biểu quyết được ghi tại cuộc họp: không ghi vắng được."
            )})
    after = attendance_summary(meeting, rows.values())
    for decision in meeting.decisions.all():
        cast = decision.votes_for + decision.votes_against + decision.votes_abstained
        if after.counted != before.counted or cast > after.present:
            raise ValidationError({"attendance": (
                f"Đã ghi quyết nghị “{decision.title}” ({cast} phiếu, {decision.members_counted} thành viên tính "
                f"biểu quyết): sửa điểm danh như vậy thì kết quả biểu quyết không còn đúng (có mặt {after.present}, "
                f"tính biểu quyết {after.counted})."
            )})
    Attendance.objects.bulk_update(changed, ["presence", "reason"])
    return {"attendance": diff}

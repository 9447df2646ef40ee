"""What a member's events add up to, and which next event the Party's rules allow (docs/rules.md §1, §5, §7).

Pure code over a list of events: no database, so every rule is tested directly. The service that records an
event asks `Lifecycle.check()` first and refuses with the message it gives, which names the rule.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from members.calendar import HolidayTableMissing, add_working_days, working_days_between
from members.models import LEFT_PARTY, ON_ROLL, EventKind, Status
from members.rules import add_months, reaches, rules_on, whole_months_between

K = EventKind


class MembershipRuleError(ValidationError):
    """A transition the Party's rules forbid; the message names the rule and its source."""


# Which event may follow which status, and the status it leads to (None: the status does not change).
TRANSITIONS: dict[str | None, dict[str, str | None]] = {
    None: {K.CANDIDATE: Status.CANDIDATE},
    Status.CANDIDATE: {
        K.AWARENESS_COURSE: None, K.DOSSIER_DOCUMENT: None, K.CELL_ADMISSION_RESOLUTION: None,
        K.DEADLINE_EXTENSION: None,
        K.WARD_ADMISSION_RESOLUTION: None, K.ADMISSION_DECISION: Status.ADMITTED,
        K.READMISSION_DECISION: Status.ADMITTED, K.NOT_ADMITTED: Status.NOT_ADMITTED, K.DEATH: Status.DECEASED,
    },
    Status.ADMITTED: {K.DECISION_RECEIVED: None, K.CEREMONY: Status.PROBATIONARY, K.DEATH: Status.DECEASED},
    Status.PROBATIONARY: {
        K.INTERRUPTION: None, K.CELL_RECOGNITION_RESOLUTION: None, K.RECOGNITION_VOTE_SHORT: None,
        K.DEADLINE_EXTENSION: None, K.WARD_RECOGNITION_RESOLUTION: None,
        K.RECOGNITION_DECISION: Status.OFFICIAL,
        K.PROBATION_REMOVAL: Status.REMOVED, K.TRANSFER_OUT: Status.TRANSFERRED_OUT, K.TEMPORARY_OUT: None,
        K.TEMPORARY_RETURN: None, K.EXPULSION: Status.EXPELLED, K.RESIGNATION: Status.RESIGNED,
        K.DEATH: Status.DECEASED,
    },
    Status.OFFICIAL: {
        K.INTERRUPTION: None, K.TRANSFER_OUT: Status.TRANSFERRED_OUT, K.TEMPORARY_OUT: None, K.TEMPORARY_RETURN: None,
        K.REMOVAL: Status.REMOVED, K.EXPULSION: Status.EXPELLED, K.RESIGNATION: Status.RESIGNED,
        K.DEATH: Status.DECEASED,
    },
    Status.TRANSFERRED_OUT: {K.TRANSFER_IN: None},  # back to the status held before the transfer
    Status.NOT_ADMITTED: {K.CANDIDATE: Status.CANDIDATE},
    # Readmission (§1): a new dossier, then a readmission decision, at least 36 months after leaving, once.
    **{status: {K.CANDIDATE: Status.CANDIDATE} for status in sorted(LEFT_PARTY)},
    Status.DECEASED: {},
}
# A member's past, entered from a list (members/imports.py): the admission decision may open the history. Only
# Lifecycle.check(historical=True) allows it; fold() reads it for events that were recorded that way.
TRANSITIONS_HISTORICAL: dict[str | None, dict[str, str | None]] = {None: {K.ADMISSION_DECISION: Status.ADMITTED}}
# A member new to the system received by transfer from elsewhere: after their past (historical), the transfer in.
TRANSITIONS_ARRIVING: dict[str | None, dict[str, str | None]] = {
    Status.PROBATIONARY: {K.TRANSFER_IN: None}, Status.OFFICIAL: {K.TRANSFER_IN: None},
}
# Events that take the member out of Party life from their date (a gap in Party age).
LEAVING = {K.PROBATION_REMOVAL, K.REMOVAL, K.EXPULSION, K.RESIGNATION}
# A recognition the chi bộ voted on this many times without reaching 2/3 goes to the committee above (docs/rules.md
# §1.12).
RECOGNITION_VOTES_BEFORE_REFERRAL = 3
VOTES_NEEDED = {
    K.CELL_ADMISSION_RESOLUTION, K.WARD_ADMISSION_RESOLUTION,
    K.CELL_RECOGNITION_RESOLUTION, K.WARD_RECOGNITION_RESOLUTION,
}
# Events that carry a body's vote: the resolutions, and a recognition vote that fell short of 2/3.
VOTING_EVENTS = VOTES_NEEDED | {K.RECOGNITION_VOTE_SHORT}
# Resolutions of a committee (its members vote), not of a chi bộ (its official members vote).
COMMITTEE_RESOLUTIONS = {K.WARD_ADMISSION_RESOLUTION, K.WARD_RECOGNITION_RESOLUTION}
RECOGNITION_RESOLUTIONS = {K.CELL_RECOGNITION_RESOLUTION, K.WARD_RECOGNITION_RESOLUTION}
DECISION_NEEDED = {K.ADMISSION_DECISION, K.RECOGNITION_DECISION, K.READMISSION_DECISION, K.EXPULSION, K.REMOVAL}
# Decisions on a member that the committee directly above the chi bộ issues (docs/rules.md §1.7): the district's until
# 30/6/2025, the ward's own from 01/7/2025 (MembershipRules.ward_decides), numbered in the ward's register.
COMMITTEE_DECISIONS = {
    K.ADMISSION_DECISION, K.READMISSION_DECISION, K.RECOGNITION_DECISION, K.REMOVAL, K.PROBATION_REMOVAL,
}
# The ward committee's resolutions proposing a decision to the district: gone from 01/7/2025 (a committee does not
# propose to itself).
PROPOSING_RESOLUTIONS = {K.WARD_ADMISSION_RESOLUTION, K.WARD_RECOGNITION_RESOLUTION}
ADMISSIONS = {K.ADMISSION_DECISION, K.READMISSION_DECISION}


@dataclass(frozen=True)
class Deadline:
    """A step the rules require by a date (docs/rules.md §1.8), and where it stands on a given day."""

    label: str
    due: datetime.date
    done_on: datetime.date | None = None

    def working_days_left(self, on: datetime.date) -> int:
        """Working days from `on` to the deadline: negative once it is overdue."""
        return working_days_between(on, self.due)

    def is_overdue(self, on: datetime.date) -> bool:
        return self.done_on is None and on > self.due


@dataclass(frozen=True)
class Badge:
    milestone: int  # years of Party age
    reached_on: datetime.date
    occasion: datetime.date  # the first of 3/2, 19/5, 2/9, 7/11 on or after the day it is reached



@dataclass(frozen=True)
class ProposedEvent:
    """An event as it would be recorded, for Lifecycle.check: its kind and day, and what it carries.

    `historical`: the event is a member's past entered from a list. The history may then open with the admission
    decision, and the steps whose papers the list does not carry (the resolutions before a decision) are not
    required; the dates keep their rules: not after today, in order, and official recognition not before the 12
    months of probation end. `arriving`: a member new to the system received by transfer (after their past, entered
    as historical). `by_registry`: the decision is the ward's own, numbered in its register
    (documents.services.issue_member_decision); a decision typed by hand is a superior's."""

    kind: str
    day: datetime.date
    votes_for: int | None = None
    voters_total: int | None = None
    decision_no: str = ""
    with_provincial_consent: bool = False
    historical: bool = False
    arriving: bool = False
    introduced_on: datetime.date | None = None
    note: str = ""
    by_registry: bool = False
    ends_on: datetime.date | None = None
    superior_consent: str = ""

class Lifecycle:
    """A member's events in date order, and everything the rules derive from them."""

    def __init__(self, events, *, date_of_birth: datetime.date | None = None):
        # Stable: events of one day keep the order they were recorded in.
        self.events = sorted(events, key=lambda e: e.effective_date)
        self.date_of_birth = date_of_birth

    # What the events add up to ----------------------------------------------------------------------------

    def fold(self) -> tuple[str | None, datetime.date | None, bool]:
        """(status, since, temporarily away) after all the events."""
        status, since, away, before_transfer = None, None, False, None
        for event in self.events:
            following = TRANSITIONS.get(status, {}).get(event.kind)
            if following is None:
                following = TRANSITIONS_HISTORICAL.get(status, {}).get(event.kind)
            if event.kind == K.TRANSFER_OUT:
                before_transfer = status
            if event.kind == K.TRANSFER_IN:
                following = before_transfer
            if following is not None:
                status, since = following, event.effective_date
            if event.kind in {K.TEMPORARY_OUT, K.TEMPORARY_RETURN}:
                away = event.kind == K.TEMPORARY_OUT
            if event.kind in {K.TRANSFER_OUT, *LEAVING, K.DEATH}:
                away = False
        return status, since, away

    @property
    def status(self):
        return self.fold()[0]

    def last(self, *kinds) -> datetime.date | None:
        dates = [e.effective_date for e in self.events if e.kind in kinds]
        return dates[-1] if dates else None

    def first(self, *kinds) -> datetime.date | None:
        dates = [e.effective_date for e in self.events if e.kind in kinds]
        return dates[0] if dates else None

    @property
    def admitted_on(self) -> datetime.date | None:
        """The first admission decision: Party age counts from it, also after a readmission (docs/rules.md §1.13)."""
        return self.first(K.ADMISSION_DECISION, K.READMISSION_DECISION)

    @property
    def ceremony_on(self) -> datetime.date | None:
        return self.last(K.CEREMONY)

    @property
    def probation_ends_on(self) -> datetime.date | None:
        """The day the 12 months of probation end, counted from the (latest) ceremony: the member becomes
        official on this very day once recognised, even when the chi bộ or committee acts late (§1).

        Reading: the 12 months end on the same calendar day a year later (ceremony 15/06/2021 → 15/06/2022)."""
        if self.ceremony_on is None:
            return None
        return add_months(self.ceremony_on, rules_on(self.ceremony_on).probation_months)

    @property
    def official_on(self) -> datetime.date | None:
        if self.ceremony_on is None or self._after(self.ceremony_on, K.RECOGNITION_DECISION) is None:
            return None  # not recognised after the latest probation (a readmitted member starts anew)
        return self.probation_ends_on

    @property
    def last_transfer_on(self) -> datetime.date | None:
        return self.last(K.TRANSFER_OUT, K.TRANSFER_IN)

    @property
    def fees_owed_from(self) -> datetime.date | None:
        """The first month the member owes Party fees to this chi bộ: the month after the latest ceremony, transfer
        in or return from temporary activity elsewhere (members/fees.py)."""
        latest = self.last(K.CEREMONY, K.TRANSFER_IN, K.TEMPORARY_RETURN)
        if latest is None:
            latest = self.admitted_on  # a member entered from a list without the ceremony date
        return None if latest is None else add_months(latest.replace(day=1), 1)

    # Deadlines --------------------------------------------------------------------------------------------

    def deadlines(self) -> list[Deadline]:
        """The working-day deadlines of the open steps (§1), each with when it was met, if it was."""
        result = []
        cell_admission = self.current_round(K.CELL_ADMISSION_RESOLUTION)
        if cell_admission and self.status in {Status.CANDIDATE, Status.ADMITTED, Status.PROBATIONARY}:
            rules = rules_on(cell_admission)
            decided = self._after(cell_admission, K.ADMISSION_DECISION, K.READMISSION_DECISION)
            extended = self._extension_after(cell_admission, decided)
            result.append(_deadline(
                "Quyết định kết nạp (60 ngày làm việc từ nghị quyết chi bộ" + (", đã gia hạn 30)" if extended
                                                                              else ")"),
                cell_admission, rules.admission_decision_working_days + extended, decided,
            ))
        decision = self.last(K.ADMISSION_DECISION, K.READMISSION_DECISION)
        if decision and self.status in {Status.ADMITTED, Status.PROBATIONARY}:
            due = self.ceremony_due()
            received = self._after(decision, K.DECISION_RECEIVED)
            label = ("Lễ kết nạp (30 ngày làm việc từ khi nhận quyết định)" if received
                     else "Lễ kết nạp (30 ngày làm việc; chưa ghi ngày nhận quyết định, tính từ ngày quyết định)")
            if due is not None:
                result.append(Deadline(label, due, self._after(decision, K.CEREMONY)))
        ends = self.probation_ends_on
        if ends and self.status in {Status.PROBATIONARY, Status.OFFICIAL}:
            rules = rules_on(ends)
            cell_recognition = self._after(ends, K.CELL_RECOGNITION_RESOLUTION)
            # A member recorded from a list (historical) has the decision without the chi bộ resolution before it.
            recognised = cell_recognition or self._after(ends, K.RECOGNITION_DECISION)
            result.append(_deadline(
                "Chi bộ xét công nhận chính thức (30 ngày làm việc sau khi hết 12 tháng dự bị)",
                ends, rules.recognition_cell_working_days, recognised,
            ))
            if cell_recognition:
                decided = self._after(cell_recognition, K.RECOGNITION_DECISION)
                extended = self._extension_after(cell_recognition, decided)
                result.append(_deadline(
                    "Quyết định công nhận chính thức (30 ngày làm việc từ nghị quyết chi bộ"
                    + (", đã gia hạn 30)" if extended else ")"),
                    cell_recognition, rules.recognition_decision_working_days + extended, decided,
                ))
        return [deadline for deadline in result if deadline is not None]

    def _extension_after(self, start: datetime.date, decided: datetime.date | None) -> int:
        """The working days an extension recorded after `start` (and before the decision) adds (§1: at most 30)."""
        extension = self._after(start, K.DEADLINE_EXTENSION)
        if extension is None or (decided is not None and extension > decided):
            return 0
        return rules_on(start).extension_working_days

    def _after(self, day: datetime.date, *kinds) -> datetime.date | None:
        dates = [e.effective_date for e in self.events if e.kind in kinds and e.effective_date >= day]
        return dates[0] if dates else None

    # Party age and badges ---------------------------------------------------------------------------------

    def gaps(self, until: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
        """Periods out of Party activity before `until` (§1), each as [start, end): from leaving (removal,
        expulsion, resignation) to the readmission, and each interruption entered (an interruption during a
        transfer beyond the time allowed, a loss of contact: EventKind.INTERRUPTION). Years active in another
        organisation are not a gap: a transfer out and back in deducts nothing by itself."""
        result, opened = [], None
        for event in self.events:
            if event.effective_date > until:
                break
            if event.kind == K.INTERRUPTION:
                result.append((event.effective_date, min(event.ends_on, until)))
            elif opened is None and event.kind in LEAVING:
                opened = event.effective_date
            elif opened is not None and event.kind == K.READMISSION_DECISION:
                result.append((opened, event.effective_date))
                opened = None
        if opened is not None:  # still out on `until`
            result.append((opened, until))
        return result

    def age_base_on(self, on: datetime.date | None = None) -> datetime.date | None:
        """The admission date moved later by the gaps: Party age is N years on this day + N years. With `on`, the
        gaps up to `on` count (one still open counts to `on`); without it, the gaps that have ended (the date the
        badge list is kept by, PartyMember.age_base_on). The one computation of Party age: party_age, the badge
        list and the next badge all read it."""
        start = self.admitted_on
        if start is None:
            return None
        if on is None:
            far = datetime.date(9999, 1, 1)
            gaps = [(begin, end) for begin, end in self.gaps(far) if end != far]
        else:
            gaps = self.gaps(on)
        return start + datetime.timedelta(days=sum((end - begin).days for begin, end in gaps))

    def party_age_days(self, on: datetime.date) -> int:
        """Days of Party age on `on`: from the first admission decision, minus the gaps (§1)."""
        base = self.age_base_on(on)
        return 0 if base is None or on < base else (on - base).days

    def party_age(self, on: datetime.date) -> tuple[int, int]:
        """(years, months) of Party age on `on`, gaps deducted."""
        base = self.age_base_on(on)
        return (0, 0) if base is None or on < base else divmod(whole_months_between(base, on), 12)

    def reaches_age_on(self, years: int) -> datetime.date | None:
        """The day Party age reaches `years`, if the member stays active (gaps so far deducted)."""
        base = self.age_base_on()
        return None if base is None else add_months(base, 12 * years)

    def next_open_deadline(self) -> Deadline | None:
        open_steps = [deadline for deadline in self.deadlines() if deadline.done_on is None]
        return min(open_steps, key=lambda deadline: deadline.due, default=None)

    def next_badge(self, on: datetime.date, *, seriously_ill: bool = False) -> Badge | None:
        """The next badge milestone not yet reached on `on`, and the occasion on which it falls (§5)."""
        if self.admitted_on is None or self.status not in ON_ROLL | {Status.DECEASED}:
            return None
        rules = rules_on(on)
        died = self.last(K.DEATH) if self.status == Status.DECEASED else None
        for milestone in rules.badge_milestones:
            reached = self.reaches_age_on(milestone)
            if died and add_months(reached, -rules.badge_early_months_deceased) > died:
                return None  # posthumously, only up to 12 months early (§5)
            if seriously_ill:
                early = next(months for limit, months in rules.badge_early_months_ill if milestone <= limit)
                reached = add_months(reached, -early)
            if reached >= on:
                return Badge(milestone, reached, next_occasion(max(reached, on), rules.badge_occasions))
        return None

    # Which next event the rules allow ---------------------------------------------------------------------

    def check(self, event: ProposedEvent, *, today: datetime.date) -> None:
        """Raise MembershipRuleError, naming the rule, if the rules forbid `event` (its kind, on its day): the
        checks every event passes, then its kind's own (KIND_CHECKS)."""
        kind, day, historical, by_registry = event.kind, event.day, event.historical, event.by_registry
        status = self.status
        rules = rules_on(day)
        allowed = TRANSITIONS.get(status, {})
        if historical:
            allowed = {**allowed, **TRANSITIONS_HISTORICAL.get(status, {})}
        if event.arriving:
            allowed = {**allowed, **TRANSITIONS_ARRIVING.get(status, {})}
        if kind not in allowed:
            raise MembershipRuleError(
                f"Không thể ghi “{EventKind(kind).label}” khi đảng viên đang ở tình trạng "
                f"“{Status(status).label if status else 'chưa có hồ sơ'}”."
            )
        if day > today:
            raise MembershipRuleError("Ngày của sự kiện không được sau ngày hôm nay.")
        if kind == K.INTERRUPTION:  # a period of the past, entered whenever it comes to light
            self._check_interruption(day, event.ends_on, today=today)
            return
        if self.events and day < self.events[-1].effective_date:
            raise MembershipRuleError(
                f"Ngày {day:%d/%m/%Y} trước sự kiện đã ghi gần nhất "
                f"({self.events[-1].get_kind_display()} ngày {self.events[-1].effective_date:%d/%m/%Y})."
            )
        if kind in DECISION_NEEDED and not event.decision_no and not by_registry:
            raise MembershipRuleError(f"“{EventKind(kind).label}” cần có số quyết định.")
        if not historical:
            self._check_who_decides(kind, day, rules, by_registry=by_registry)
        if kind in VOTES_NEEDED:
            self._check_votes(kind, rules, event.votes_for, event.voters_total)
        kind_check = KIND_CHECKS.get(kind)
        if kind_check is not None:
            kind_check(self, event, rules)

    def needs_provincial_decision(self) -> bool:
        """Whether the current round's applicant was over 60 (in whole months) when the chi bộ considered the case:
        then the province decides the admission, and the ward records that decision (docs/rules.md §1.2)."""
        cell_day = self.current_round(K.CELL_ADMISSION_RESOLUTION)
        if cell_day is None or self.date_of_birth is None:
            return False
        return whole_months_between(self.date_of_birth, cell_day) > rules_on(cell_day).admission_max_age_months

    def _check_who_decides(self, kind, day, rules, *, by_registry: bool) -> None:
        """Who may take the step on `day` (docs/rules.md §1.7): the ward's proposing resolutions exist only while the
        district decides; from 01/7/2025 the ward's own decisions take their number from its register, except an
        over-60 admission, which the province decides."""
        if kind in PROPOSING_RESOLUTIONS and rules.ward_decides:
            raise MembershipRuleError(
                f"Từ 01/7/2025 không còn “{EventKind(kind).label}”: Đảng ủy phường, xã là cấp ủy cấp trên trực tiếp "
                f"của chi bộ, Ban Thường vụ Đảng ủy quyết định ngay trên nghị quyết của chi bộ ({rules.source})."
            )
        if kind not in COMMITTEE_DECISIONS:
            if by_registry:
                raise MembershipRuleError(f"“{EventKind(kind).label}” không phải quyết định của Đảng ủy.")
            return
        provincial = kind in ADMISSIONS and self.needs_provincial_decision()
        if by_registry and (not rules.ward_decides or provincial):
            whose = ("Tỉnh ủy, Thành ủy quyết định kết nạp người trên 60 tuổi" if provincial
                     else "trước 01/7/2025 Ban Thường vụ quận ủy, huyện ủy quyết định")
            raise MembershipRuleError(
                f"Đảng ủy không ban hành “{EventKind(kind).label}” ngày {day:%d/%m/%Y}: {whose}; hãy ghi quyết "
                f"định của cấp ủy đó với số của nó ({rules.source})."
            )
        if rules.ward_decides and not by_registry and not provincial:
            raise MembershipRuleError(
                f"Từ 01/7/2025 “{EventKind(kind).label}” do Ban Thường vụ Đảng ủy ban hành và lấy số trong sổ văn "
                f"bản của Đảng ủy: hãy ghi quyết định tại phiên họp Ban Thường vụ (Cuộc họp → Ghi cuộc họp) "
                f"({rules.source})."
            )

    @staticmethod
    def _check_votes(kind, rules, votes_for, voters_total) -> None:
        if votes_for is None or not voters_total:
            raise MembershipRuleError("Cần ghi số phiếu tán thành và tổng số người có quyền biểu quyết.")
        if votes_for > voters_total:
            raise MembershipRuleError("Số phiếu tán thành không được lớn hơn tổng số người biểu quyết.")
        whom = "ủy viên cấp ủy" if kind in COMMITTEE_RESOLUTIONS else "đảng viên chính thức của chi bộ"
        short = rules.vote_shortfall(votes_for, voters_total, recognition=kind in RECOGNITION_RESOLUTIONS, whom=whom)
        if short:
            raise MembershipRuleError(f"{short}; {rules.source}.")

    def _check_cell_admission_resolution(self, event: ProposedEvent, rules):
        day = event.day
        if self.current_round(K.CELL_ADMISSION_RESOLUTION) is not None:
            raise MembershipRuleError("Chi bộ đã có nghị quyết đề nghị kết nạp trong đợt xét này.")
        course = self.last(K.AWARENESS_COURSE)
        if course is None:
            raise MembershipRuleError(
                "Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (hồ sơ kết nạp, Hướng dẫn 12-HD/BTCTW)."
            )
        if add_months(course, 12 * rules.awareness_course_valid_years) < day:
            raise MembershipRuleError(
                f"Giấy chứng nhận lớp nhận thức về Đảng ({course:%d/%m/%Y}) đã quá "
                f"{rules.awareness_course_valid_years} năm."
            )
        if self.date_of_birth is None:
            raise MembershipRuleError("Cần ngày sinh của người được đề nghị kết nạp để xét điều kiện tuổi.")
        months = whole_months_between(self.date_of_birth, day)
        if months < rules.admission_min_age_months:
            raise MembershipRuleError(
                f"Chưa đủ 18 tuổi (tính theo tháng) vào ngày chi bộ xét: mới {months // 12} tuổi {months % 12} "
                f"tháng ({rules.source})."
            )

    def _check_ward_admission_resolution(self, event: ProposedEvent, rules):
        if self.current_round(K.CELL_ADMISSION_RESOLUTION) is None:
            raise MembershipRuleError("Chưa có nghị quyết chi bộ đề nghị kết nạp.")
        if self.current_round(K.WARD_ADMISSION_RESOLUTION) is not None:
            raise MembershipRuleError("Đã có nghị quyết của Đảng ủy đề nghị kết nạp trong đợt xét này.")

    def _check_transfer_in(self, event: ProposedEvent, rules):
        """The introduction is presented to the receiving chi ủy within 30 working days; later, the delay must be
        explained (QĐ 294 §6.3.1, docs/rules.md §7.1)."""
        day = event.day
        introduced_on = event.introduced_on
        note = event.note
        if introduced_on is None:
            return
        if introduced_on > day:
            raise MembershipRuleError("Ngày giấy giới thiệu sinh hoạt đảng không được sau ngày tiếp nhận.")
        try:
            due = add_working_days(introduced_on, rules.transfer_present_working_days)
        except HolidayTableMissing:
            return
        if day > due and not note.strip():
            raise MembershipRuleError(
                f"Quá {rules.transfer_present_working_days} ngày làm việc kể từ ngày giấy giới thiệu "
                f"({introduced_on:%d/%m/%Y}, hạn {due:%d/%m/%Y}): cần ghi rõ lý do chậm vào ghi chú "
                f"(Quy định 294-QĐ/TW, điểm 6.3.1)."
            )

    def _check_interruption(self, day, ends_on, *, today) -> None:
        """A period out of Party activity (docs/rules.md §1.13: deducted from Party age): after the admission, ended by
        today, not overlapping a gap already known."""
        if ends_on is None:
            raise MembershipRuleError("Cần ghi ngày kết thúc thời gian gián đoạn (ngày trở lại sinh hoạt).")
        if ends_on <= day:
            raise MembershipRuleError("Ngày kết thúc gián đoạn phải sau ngày bắt đầu.")
        if ends_on > today:
            raise MembershipRuleError("Ngày kết thúc gián đoạn không được sau ngày hôm nay.")
        if self.admitted_on is None or day < self.admitted_on:
            raise MembershipRuleError("Thời gian gián đoạn phải sau ngày quyết định kết nạp.")
        for begin, end in self.gaps(today):
            if day < end and begin < ends_on:
                raise MembershipRuleError(
                    f"Trùng với thời gian gián đoạn đã có ({begin:%d/%m/%Y}–{end:%d/%m/%Y}): mỗi ngày chỉ trừ một lần."
                )

    def _check_decision_received(self, event: ProposedEvent, rules):
        decision = self.last(*ADMISSIONS)
        if self._after(decision, K.DECISION_RECEIVED) is not None:
            raise MembershipRuleError("Đã ghi ngày chi bộ nhận quyết định kết nạp.")

    def _check_ceremony(self, event: ProposedEvent, rules):
        """Within 30 working days of receiving the decision; later only with the consent of the committee above,
        recorded (docs/rules.md §1.10)."""
        day = event.day
        superior_consent = event.superior_consent
        historical = event.historical
        if historical:
            return
        due = self.ceremony_due()
        if due is not None and day > due and not superior_consent.strip():
            raise MembershipRuleError(
                f"Quá 30 ngày làm việc kể từ khi chi bộ nhận quyết định (hạn {due:%d/%m/%Y}): chỉ tổ chức lễ kết nạp "
                f"khi có ý kiến đồng ý của cấp ủy cấp trên; hãy ghi số, ngày văn bản đồng ý ({rules.source})."
            )

    def ceremony_due(self) -> datetime.date | None:
        """The last day for the ceremony: 30 working days from the day the chi bộ received the decision (from the
        decision's own day while the receipt is not recorded)."""
        decision = self.last(*ADMISSIONS)
        if decision is None:
            return None
        start = self._after(decision, K.DECISION_RECEIVED) or decision
        try:
            return add_working_days(start, rules_on(decision).ceremony_working_days)
        except HolidayTableMissing:
            return None

    def _check_deadline_extension(self, event: ProposedEvent, rules):
        """At most +30 working days on the deadline of a decision (admission, recognition), once, with its reason
        (docs/rules.md §1.8)."""
        note = event.note
        if not note.strip():
            raise MembershipRuleError("Cần ghi lý do gia hạn vào ghi chú.")
        step = self._pending_decision_start()
        if step is None:
            raise MembershipRuleError("Không có quyết định nào đang chờ để gia hạn (cần nghị quyết chi bộ trước).")
        if self._after(step, K.DEADLINE_EXTENSION) is not None:
            raise MembershipRuleError(f"Chỉ gia hạn một lần, tối đa {rules.extension_working_days} ngày làm việc "
                                      f"({rules.source}).")

    def _pending_decision_start(self) -> datetime.date | None:
        """The chi bộ resolution whose decision is awaited: admission (a candidate) or recognition (probationary)."""
        if self.status == Status.CANDIDATE:
            return self.current_round(K.CELL_ADMISSION_RESOLUTION)
        if self.status == Status.PROBATIONARY and self.probation_ends_on:
            return self._after(self.probation_ends_on, K.CELL_RECOGNITION_RESOLUTION)
        return None

    def recognition_votes_short(self) -> int:
        """How many times the chi bộ voted on the recognition without reaching 2/3, in the current probation."""
        ends = self.probation_ends_on
        return 0 if ends is None else sum(
            1 for e in self.events if e.kind == K.RECOGNITION_VOTE_SHORT and e.effective_date >= ends)

    def referred_up(self) -> bool:
        """After three votes short of 2/3, the recognition is for the committee above to decide (docs/rules.md
        §1.12)."""
        return self.recognition_votes_short() >= RECOGNITION_VOTES_BEFORE_REFERRAL

    def _check_recognition_vote_short(self, event: ProposedEvent, rules):
        day = event.day
        votes_for = event.votes_for
        voters_total = event.voters_total
        self._check_probation_over(day, rules)
        if votes_for is None or not voters_total or votes_for > voters_total:
            raise MembershipRuleError("Cần ghi số phiếu tán thành và tổng số đảng viên chính thức của chi bộ.")
        if reaches(votes_for, voters_total, rules.recognition_vote_share):
            raise MembershipRuleError("Số phiếu đã đủ 2/3: hãy ghi “Nghị quyết chi bộ đề nghị công nhận chính thức”.")
        if self.referred_up():
            raise MembershipRuleError("Đã 3 lần biểu quyết không đủ 2/3: hồ sơ đã chuyển cấp ủy cấp trên xem xét.")

    def _check_temporary_out(self, event: ProposedEvent, rules):
        if self.fold()[2]:
            raise MembershipRuleError("Đảng viên đang sinh hoạt tạm thời nơi khác: hãy ghi trở lại trước.")

    def _check_temporary_return(self, event: ProposedEvent, rules):
        if not self.fold()[2]:
            raise MembershipRuleError("Đảng viên không đang sinh hoạt tạm thời nơi khác.")

    def _check_cell_recognition_resolution(self, event: ProposedEvent, rules):
        day = event.day
        if self.probation_ends_on and self._after(self.probation_ends_on, K.CELL_RECOGNITION_RESOLUTION):
            raise MembershipRuleError("Chi bộ đã có nghị quyết đề nghị công nhận đảng viên chính thức.")
        if self.referred_up():
            raise MembershipRuleError(
                f"Chi bộ đã {RECOGNITION_VOTES_BEFORE_REFERRAL} lần biểu quyết không đủ 2/3: hồ sơ chuyển cấp ủy cấp "
                f"trên xem xét, quyết định ({rules.source})."
            )
        self._check_probation_over(day, rules)

    def _check_ward_recognition_resolution(self, event: ProposedEvent, rules):
        day = event.day
        if self._after(self.probation_ends_on, K.CELL_RECOGNITION_RESOLUTION) is None:
            raise MembershipRuleError("Chưa có nghị quyết chi bộ đề nghị công nhận đảng viên chính thức.")
        if self._after(self.probation_ends_on, K.WARD_RECOGNITION_RESOLUTION) is not None:
            raise MembershipRuleError("Đã có nghị quyết của Đảng ủy đề nghị công nhận chính thức.")
        self._check_probation_over(day, rules)

    def _check_recognition_decision(self, event: ProposedEvent, rules):
        """The resolutions a recognition decision is taken on: the chi bộ's (unless referred up after three votes
        short); until 30/6/2025 also the ward Ban Chấp hành's proposing one (15-KNĐ), as for an admission
        (docs/rules.md §1.7, §1.12)."""
        day = event.day
        historical = event.historical
        if not historical and not self.referred_up():
            if self._after(self.probation_ends_on, K.CELL_RECOGNITION_RESOLUTION) is None:
                raise MembershipRuleError("Chưa có nghị quyết chi bộ đề nghị công nhận đảng viên chính thức.")
            if not rules.ward_decides and self._after(self.probation_ends_on, K.WARD_RECOGNITION_RESOLUTION) is None:
                raise MembershipRuleError(
                    f"Chưa có nghị quyết của Đảng ủy đề nghị công nhận đảng viên chính thức ({rules.source}).")
        self._check_probation_over(day, rules)

    def _check_probation_over(self, day, rules):
        ends = self.probation_ends_on
        if ends is None or day < ends:
            raise MembershipRuleError(
                f"Chưa hết 12 tháng dự bị: thời gian dự bị kết thúc ngày {ends:%d/%m/%Y} "
                f"({rules.source}; Điều lệ Đảng, Điều 5)."
            )

    def _check_admission_decision(self, event: ProposedEvent, rules):
        day = event.day
        historical = event.historical
        if self.date_of_birth is not None:
            months = whole_months_between(self.date_of_birth, day) if day >= self.date_of_birth else -1
            if months < rules.admission_min_age_months:
                age = "chưa sinh" if months < 0 else f"mới {months // 12} tuổi"
                raise MembershipRuleError(
                    f"Ngày quyết định kết nạp {day:%d/%m/%Y}: người này {age}, không thể được kết nạp (từ đủ 18 "
                    f"tuổi; {rules.source})."
                )
        if not historical:
            self._check_admission_proposed(day, rules)
        if self.admitted_on is not None:
            raise MembershipRuleError("Người này đã từng được kết nạp: hãy ghi “Quyết định kết nạp lại”.")

    def _check_admission_proposed(self, day, rules) -> None:
        """The resolution an admission decision is taken on: the chi bộ's; until 30/6/2025 also the ward Ban Chấp
        hành's proposing one (docs/rules.md §1.7)."""
        if self.current_round(K.CELL_ADMISSION_RESOLUTION) is None:
            raise MembershipRuleError("Chưa có nghị quyết chi bộ đề nghị kết nạp.")
        if not rules.ward_decides and self.current_round(K.WARD_ADMISSION_RESOLUTION) is None:
            raise MembershipRuleError(f"Chưa có nghị quyết của Đảng ủy đề nghị kết nạp ({rules.source}).")

    def _check_readmission_decision(self, event: ProposedEvent, rules):
        day = event.day
        self._check_admission_proposed(day, rules)
        left = self.last(*LEAVING)
        if left is None:
            raise MembershipRuleError("Người này chưa từng ra khỏi Đảng: không có gì để kết nạp lại.")
        if sum(1 for e in self.events if e.kind == K.READMISSION_DECISION) >= rules.readmissions_allowed:
            raise MembershipRuleError(f"Chỉ được kết nạp lại một lần ({rules.source}).")
        if whole_months_between(left, day) < rules.readmission_min_months:
            raise MembershipRuleError(
                f"Kết nạp lại chỉ xét sau ít nhất 36 tháng kể từ khi ra khỏi Đảng ({left:%d/%m/%Y}); "
                f"{rules.source}."
            )

    def current_round(self, kind) -> datetime.date | None:
        """`kind`'s date in the current admission round (since the candidate's latest registration)."""
        start = self.last(K.CANDIDATE) or datetime.date.min
        return self._after(start, kind)


# Each kind's own check, after those every event passes (Lifecycle.check): the explicit dispatch of the rules.
KIND_CHECKS = {
    K.CELL_ADMISSION_RESOLUTION: Lifecycle._check_cell_admission_resolution,
    K.WARD_ADMISSION_RESOLUTION: Lifecycle._check_ward_admission_resolution,
    K.ADMISSION_DECISION: Lifecycle._check_admission_decision,
    K.READMISSION_DECISION: Lifecycle._check_readmission_decision,
    K.DECISION_RECEIVED: Lifecycle._check_decision_received,
    K.DEADLINE_EXTENSION: Lifecycle._check_deadline_extension,
    K.CEREMONY: Lifecycle._check_ceremony,
    K.CELL_RECOGNITION_RESOLUTION: Lifecycle._check_cell_recognition_resolution,
    K.WARD_RECOGNITION_RESOLUTION: Lifecycle._check_ward_recognition_resolution,
    K.RECOGNITION_VOTE_SHORT: Lifecycle._check_recognition_vote_short,
    K.RECOGNITION_DECISION: Lifecycle._check_recognition_decision,
    K.TRANSFER_IN: Lifecycle._check_transfer_in,
    K.TEMPORARY_OUT: Lifecycle._check_temporary_out,
    K.TEMPORARY_RETURN: Lifecycle._check_temporary_return,
}

def _deadline(label, start, working_days, done_on) -> Deadline | None:
    """The deadline `working_days` after `start`; None when the holiday table does not cover the dates (a
    step from before 2015 is history, not a deadline to compute)."""
    try:
        return Deadline(label, add_working_days(start, working_days), done_on)
    except HolidayTableMissing:
        return None


def _occasions_around(year: int, occasions) -> list[datetime.date]:
    return sorted(datetime.date(y, month, day) for y in (year - 1, year, year + 1) for day, month in occasions)


def next_occasion(day: datetime.date, occasions) -> datetime.date:
    """The first badge occasion (3/2, 19/5, 2/9, 7/11) on or after `day` (§5)."""
    return next(occasion for occasion in _occasions_around(day.year, occasions) if occasion >= day)


def previous_occasion(day: datetime.date, occasions) -> datetime.date:
    """The last badge occasion before `day`."""
    return [occasion for occasion in _occasions_around(day.year, occasions) if occasion < day][-1]

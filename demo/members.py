"""Party members of the demo wards (issue 4): every status, each with a dated history the rules accept.

Everything goes through members.services (register_candidate, record_event, update_member) acting as the demo
admin, so each event is checked by `Lifecycle.check` and audited like a clerk's entry. Histories are drawn with
a fixed seed, so they come out the same on every machine.

Who is a member. About 40–50 % of each ward's invented people (the twelve real people have no birth date, so the age
rule of docs/rules.md §1.1 cannot be checked for them: they are left out). Everyone who holds a Party or ward position
(committee seat, Bí thư chi bộ, leader of a ward body) is an official member admitted before taking it up. Each
member is active in the chi bộ that keeps their record (Person.organization), a leader kept by the ward in the
agency chi bộ of their work or, once retired, the residential chi bộ of their tổ dân phố.

What the histories show, in every ward: candidates at each step of the dossier, one admitted and waiting for the
ceremony, probationary members, official members since the 1980s–2020s, one not admitted, one removed (xóa tên),
one expelled, one who resigned, one transferred out, one temporarily away, one deceased and one readmitted after
leaving (≥ 36 months, once). Some steps are overdue on the demo's today (late November 2026): a candidate whose
chi bộ resolution is more than 60 working days old with no decision, an admitted member without a ceremony after
30 working days, a probationary member whose 12 months ended more than 30 working days ago with no chi bộ
resolution. Sài Đồng, the ward of the demo personas, also has a candidate at the ward resolution, a recent
admission, a second probationary member, a recognition waiting for its decision, a probationary member removed
from the list, a transfer out and back, and a temporary absence that ended. Each ward received one member by
transfer in November 2026, and keeps a year of Party fees (two members of each ward behind with theirs). (More
would be slower: each event costs about 3 ms through the services, and load_demo should stay near 10 s.)

From the posts (/work/shared/domain/articles):
- Sài Đồng, 28/06/2021: the Ban Chấp hành approved 2 admission dossiers and 2 recognitions of official membership.
  Two candidates' chi bộ resolutions are of May/June 2021 and the ward resolutions of 28/06/2021; two probationary
  members had their ceremonies in early June 2020, and their chi bộ resolutions of June 2021 came before the
  session. No other Sài Đồng history touches those months.
- Cầu Ông Lãnh, 7/7/2020: "Trong 6 tháng đầu năm, kết nạp 2 đảng viên" — two admission decisions and ceremonies
  between 01/01 and 30/06/2020, and no other.

Who signs a decision (docs/rules.md §1.7): until 30/6/2025 the standing committee of the district (Quận ủy) decided
the admissions, recognitions and removals of a ward's members; from 01/7/2025, with no district level, the ward's
own. Before Long Biên was founded (2004) its wards were the thị trấn and xã of Gia Lâm. The decision numbers,
vote counts, the places members moved to and all dates other than the posts' are plausible, not researched.

Dates are fixed, not relative to the day the demo is loaded: record_event refuses a date after today, so a step
dated after timezone.localdate() is skipped together with the rest of that history.
"""

import datetime
import itertools
import math
import random
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from demo import data
from documents.services import issue_member_decision
from members import fees
from members.calendar import HolidayTableMissing, is_working_day
from members.lifecycle import COMMITTEE_DECISIONS
from members.models import ON_ROLL, DossierDocument, EventKind, FeeCategory, FeeMethod, PartyMember, Status
from members.rules import add_months, rules_on, whole_months_between
from members.services import (
    add_introducer,
    lifecycle_of,
    receive_transfer,
    record_event,
    record_fee_payments,
    register_candidate,
    roll_on,
    update_member,
)
from org.models import (
    DISTRICT_LEVEL_ABOLISHED_ON,
    CommitteeKind,
    CommitteeMember,
    Kind,
    Organization,
    Person,
    Position,
    Title,
)

D = datetime.date
K = EventKind

SEED = 20210628  # the Sài Đồng session; random.Random seed of the member histories
SHARE = 0.4  # of each ward's invented people who have a Party dossier, at least
FEES_DEMO_RULES_FROM = D(2026, 2, 1)  # the demo's earlier months were paid at QĐ 01-QĐ/TW's rates too
LATEST_GENERIC_DECISION = D(2024, 9, 30)  # official members' admissions end here; later ones are the stories below


@dataclass(frozen=True)
class Former:
    """What a district and its wards were called before the district was founded."""

    until: datetime.date  # the first day of the district
    district: str
    wards: dict[str, str]  # ward code -> its Party committee's name then


FORMER: dict[str, Former] = {
    # Quận Long Biên was split from huyện Gia Lâm from 01/01/2004 (Nghị định 132/2003/NĐ-CP).
    "longbien": Former(D(2004, 1, 1), "Huyện ủy Gia Lâm", {
        "saidong": "Đảng ủy thị trấn Sài Đồng", "bode": "Đảng ủy xã Bồ Đề", "cukhoi": "Đảng ủy xã Cự Khối",
    }),
}
# No admission in the demo before these days (Thanh Khê: the district's founding; the ward's earlier history is
# not modelled).
EARLIEST_ADMISSION: dict[str, datetime.date] = {
    "longbien": D(1985, 1, 1), "thanhkhe": D(1997, 3, 1), "quan1": D(1980, 1, 1),
}
# Months whose admission events belong to the posts' cases alone (see the module docstring): the ordinary
# histories keep their admission decisions out of these spans.
RESERVED: dict[str, tuple[datetime.date, datetime.date]] = {
    "saidong": (D(2020, 3, 1), D(2021, 9, 30)),
    "cauonglanh": (D(2019, 11, 1), D(2020, 8, 31)),
}
ELSEWHERE = (  # where members moved to (provinces as named after the 2025 merger)
    "tỉnh Bắc Ninh", "TP. Hải Phòng", "tỉnh Nghệ An", "tỉnh Thanh Hóa", "tỉnh Khánh Hòa", "tỉnh Lâm Đồng",
)
STATUS_LABELS = {  # short, for load_demo's summary line
    Status.OFFICIAL: "chính thức", Status.PROBATIONARY: "dự bị", Status.ADMITTED: "chờ lễ kết nạp",
    Status.CANDIDATE: "quần chúng ưu tú", Status.NOT_ADMITTED: "không được kết nạp", Status.REMOVED: "xóa tên",
    Status.EXPELLED: "khai trừ", Status.RESIGNED: "ra khỏi Đảng", Status.TRANSFERRED_OUT: "chuyển đi",
    Status.DECEASED: "từ trần",
}
COURSE_NOTE = "Lớp bồi dưỡng nhận thức về Đảng"
SAIDONG_SESSION = D(2021, 6, 28)
SAIDONG_SESSION_KEY = "saidong-000"  # demo/meetings.py: the session's decisions record these steps
SAIDONG_BTV_SESSION = D(2026, 11, 26)  # the Ban Thường vụ's session that admits and recognises (demo/meetings.py)
SAIDONG_BTV_KEY = "saidong-btv-2026"
SAIDONG_SESSION_NOTE = (
    "Ban Chấp hành Đảng bộ phường thông qua tại phiên họp thường kỳ ngày 28/06/2021 (tin bài ngày 29/06/2021)."
)
CAUONGLANH_NOTE = "Một trong 2 đảng viên kết nạp 6 tháng đầu năm 2020 (tin bài ngày 7/7/2020)."


@dataclass(frozen=True)
class Step:
    kind: str
    day: datetime.date
    fields: dict = field(default_factory=dict)
    session: str = ""  # the demo meeting whose decision records this step (demo/meetings.py), e.g. "saidong-000"


@dataclass
class Paused:
    """A history stopped at a step a demo meeting's decision records; `resume` records the rest afterwards."""

    ward: "_Ward"
    member: PartyMember
    person: Person
    step: Step
    rest: list[Step]

    def resume(self) -> None:
        self.ward.record(self.member, self.person, self.rest)


def status_counts(organizations) -> dict[str, int]:
    """Dossiers by status under `organizations`, in the order of Status, statuses with none left out."""
    rows = dict(
        PartyMember.objects.filter(organization__in=organizations)
        .values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {status: rows[status] for status in Status.values if rows.get(status)}


def build(actor, orgs: dict[str, Organization]) -> tuple[list[Paused], list[Paused]]:
    """The members of every demo ward; `orgs` are the demo organisations by code (demo/services.py's builder).
    Returns the histories paused at a step a seed meeting records (demo/meetings.py resumes them), and those paused
    at a decision the ward issues from its register (issue_registered resumes them)."""
    numbers = _Numbers(random.Random(SEED))
    paused: list[Paused] = []
    registered: list[Paused] = []
    for province in data.PROVINCES:
        for district in province.districts:
            for ward in district.wards:
                _Ward(actor, orgs, province, district, ward, numbers, paused, registered).build()
    return paused, registered


def issue_registered(registered: list[Paused], *, before: datetime.date | None = None) -> None:
    """Issue the paused ward decisions in date order (each ward's register numbers them as a real one would), those
    dated before `before` only; a resumed history may pause again at a later decision, which joins the queue."""
    while True:
        waiting = [p for p in registered if before is None or p.step.day < before]
        if not waiting:
            return
        first = min(waiting, key=lambda p: (p.step.day, p.person.search_name))
        registered.remove(first)
        first.ward.issue(first)


# Dates ----------------------------------------------------------------------------------------------------------


def _working(day: datetime.date) -> bool:
    try:
        return is_working_day(day)
    except HolidayTableMissing:  # outside the holiday table (2015–2027): Monday to Friday
        return day.weekday() < 5


def _on_or_after(day: datetime.date) -> datetime.date:
    while not _working(day):
        day += datetime.timedelta(days=1)
    return day


def _on_or_before(day: datetime.date) -> datetime.date:
    while not _working(day):
        day -= datetime.timedelta(days=1)
    return day


# Numbers --------------------------------------------------------------------------------------------------------


class _Numbers:
    """Document numbers that grow with the date within an issuer's year; membership and card numbers."""

    RATES = {"QĐ/QU": 1.4, "QĐ/HU": 1.6, "QĐ/ĐU": 0.9, "NQ/ĐU": 0.35, "NQ/CB": 0.04}  # documents a day

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[tuple[str, str, int, int]] = set()
        self.member_numbers: set[str] = set()

    def document(self, issuer: str, suffix: str, day: datetime.date) -> str:
        n = 1 + int((day.timetuple().tm_yday - 1) * self.RATES[suffix]) + self.rng.randint(0, 3)
        while (issuer, suffix, day.year, n) in self.used:
            n += 1
        self.used.add((issuer, suffix, day.year, n))
        return f"{n:02d}-{suffix}"

    def member(self, province_code: str, separator: str) -> str:
        """"01.012345" (card) or "01-012345" (membership): the province's two digits and six."""
        while True:
            number = f"{province_code}{separator}{self.rng.randrange(10**6):06d}"
            if number not in self.member_numbers:
                self.member_numbers.add(number)
                return number


# One ward -------------------------------------------------------------------------------------------------------


class _Ward:
    def __init__(self, actor, orgs, province: data.Province, district: data.District, ward: data.Ward,
                 numbers: _Numbers, paused: list[Paused], registered: list[Paused]):
        self.actor = actor
        self.paused = paused
        self.registered = registered
        self.orgs = orgs
        self.province = province
        self.district = district
        self.ward = ward
        self.numbers = numbers
        self.rng = random.Random(f"{SEED}-{ward.code}")
        self.org = orgs[ward.code]
        self.today = timezone.localdate()
        self.cells = {cell.key: orgs[f"{ward.code}-{cell.key}"] for cell in ward.cells}
        self.cell_of_group = {
            orgs[f"{ward.code}-tdp{n:02d}"].pk: self.cells[cell.key] for cell in ward.cells for n in cell.groups
        }
        self.executive_size = CommitteeMember.objects.held_on(DISTRICT_LEVEL_ABOLISHED_ON).filter(
            committee__organization=self.org, committee__kind=CommitteeKind.EXECUTIVE,
        ).count()

    # Who -----------------------------------------------------------------------------------------------------------

    def build(self) -> None:
        people = list(
            Person.objects.filter(organization__path__startswith=self.org.path, date_of_birth__isnull=False)
            .select_related("organization").order_by("cccd")
        )
        leaders, other_holders = self.leaders(people)
        pool = [
            person for person in people
            if person.pk not in leaders and person.pk not in other_holders and self.home_cell(person)
        ]
        self.rng.shuffle(pool)
        target = max(math.ceil(SHARE * len(people)), len(leaders))
        for person in people:
            if person.pk in leaders:
                start, cell = leaders[person.pk]
                steps = self.official(person, cell, before=add_months(start, -36)) or self.official(
                    person, cell, before=add_months(start, -16), ages=(18, 59)
                )
                if steps:  # always, for the demo's leaders (born 1944–1995, positions from 2020)
                    self.run(person, cell, steps)
        for story in self.stories():
            for person in pool:
                steps = story(person, self.home_cell(person))
                if steps:
                    pool.remove(person)
                    self.run(person, self.home_cell(person), steps)
                    break
        self.received(pool)
        members = PartyMember.objects.filter(organization__path__startswith=self.org.path).count()
        for person in list(pool):
            if members >= target:
                break
            steps = self.official(person, self.home_cell(person))
            if steps:
                self.run(person, self.home_cell(person), steps)
                members += 1
        self.fees()
        self.introducers()

    def received(self, pool: list) -> None:
        """One official member received by transfer from another ward in early November 2026 (docs/rules.md §7.1), so
        that the list of transfers shows an arrival: their past as history, then the transfer in."""
        day = self.on(2026, 11, 2, 13)
        if day > self.today:
            return
        for person in pool:
            admitted = D(self.rng.randrange(2008, 2018), self.rng.randrange(1, 13), self.rng.randrange(1, 28))
            if not self.young(person, day, 30, 55) or whole_months_between(person.date_of_birth, admitted) < 12 * 19:
                continue
            ceremony = self.after(admitted, 8, 25)
            member = receive_transfer(
                person=person, organization=self.home_cell(person), day=day, admitted_on=admitted,
                ceremony_on=ceremony, official_on=self.after(add_months(ceremony, 12), 5, 20),
                introduced_on=self.before(day, 5, 15), counterpart=f"Đảng bộ nơi ở cũ, {self.rng.choice(ELSEWHERE)}",
                decision_no=f"{self.rng.randrange(100, 400)}-GGT/ĐU", issuer="Đảng ủy nơi chuyển đi",
                membership_no=self.numbers.member(self.province.cccd_code[-2:], "-"),
                card_no=self.numbers.member(self.province.cccd_code[-2:], "."), actor=self.actor,
                note="Chuyển sinh hoạt đảng chính thức theo nơi cư trú mới.",
            )
            update_member(member, actor=self.actor, **self.fee_basis(person, self.today))
            pool.remove(person)
            return

    def introducers(self) -> None:
        """Each candidate of the ward has the two introducers of their dossier (Điều lệ Đảng, Điều 4): official members
        of their chi bộ, else of the ward, official on the day of the introduction and working with the applicant
        for some years (the dates plausible, not researched)."""
        officials = list(PartyMember.objects.filter(organization__path__startswith=self.org.path,
                                                    status=Status.OFFICIAL, official_on__isnull=False)
                         .select_related("person").order_by("official_on", "pk"))
        for candidate in (PartyMember.objects.filter(organization__path__startswith=self.org.path,
                                                     status=Status.CANDIDATE).order_by("pk")):
            start = lifecycle_of(candidate).last(EventKind.CANDIDATE)
            day = min(self.after(start, 3, 20), self.today)
            eligible = [m for m in officials if m.official_on <= day]
            eligible.sort(key=lambda m: (m.organization_id != candidate.organization_id, m.official_on, m.pk))
            for introducer in eligible[:2]:
                add_introducer(candidate, member=introducer, introduced_on=day,
                               worked_with_since=add_months(day, -12 * self.rng.randint(2, 6)), actor=self.actor)

    def fees(self) -> None:
        """The past year's Party fees (docs/rules.md §6.3), recorded a month of the ward at a time: everyone paid but
        two members (one 4 months behind, one who missed 3 scattered months, so the unpaid list shows them), the current
        month about half, members temporarily away not at all (they pay where they are active)."""
        members = list(
            PartyMember.objects.on_roll().filter(organization__path__startswith=self.org.path, temporarily_away=False)
            .select_related("organization").order_by("person__cccd")
        )
        behind = self.rng.sample(members, 2) if len(members) > 4 else []
        window = fees.unpaid_window(self.today)
        skipped = {behind[0].pk: set(window[-4:]), behind[1].pk: {window[2], window[6], window[9]}} if behind else {}
        current = fees.month_start(self.today)
        for month in [*window, current]:
            entries = []
            for member in members:
                if not member.owes_fee_for(month):
                    continue
                if month in skipped.get(member.pk, ()) or (month == current and self.rng.random() < 0.5):
                    continue
                due = fees.monthly_fee(member.fee_category, member.fee_base, max(month, FEES_DEMO_RULES_FROM))
                paid_on = min(month + datetime.timedelta(days=self.rng.randint(2, 24)), self.today)
                method = FeeMethod.PORTAL if self.rng.random() < 0.2 else FeeMethod.CASH
                entries.append({"member": member, "amount": due, "paid_on": paid_on, "method": method})
            if entries:
                record_fee_payments(month=month, entries=entries, actor=self.actor)

    def fee_basis(self, person: Person, day: datetime.date) -> dict:
        """Who pays what (docs/rules.md §6.1): retirees 0.5% of a pension, students 5,000 đ, wage earners 1% of the
        insured wage, a few others an amount set by the chi bộ."""
        age = whole_months_between(person.date_of_birth, day) // 12
        if age >= 60:
            return {"fee_category": FeeCategory.PENSION, "fee_base": self.rng.randrange(4_500, 12_000) * 1000}
        if age <= 22:
            return {"fee_category": FeeCategory.STUDENT}
        if self.rng.random() < 0.1:
            return {"fee_category": FeeCategory.OTHER, "fee_base": self.rng.choice((10_000, 20_000, 30_000))}
        return {"fee_category": FeeCategory.INSURED_WAGE, "fee_base": self.rng.randrange(5_000, 25_000) * 1000}

    def leaders(self, people) -> tuple[dict, set]:
        """({person pk: (the day they took their first seat or chi bộ, their chi bộ)} of those holding a Party
        office, a committee seat or a chi bộ's Bí thư; the pks of the other position holders but tổ trưởng)."""
        by_pk = {person.pk: person for person in people}
        starts: dict = {}
        held: dict = {}
        positions = (
            Position.objects.filter(organization__path__startswith=self.org.path, person__in=by_pk)
            .exclude(title=Title.GROUP_LEADER).select_related("organization")
        )
        for position in positions:
            held.setdefault(position.person_id, []).append(position)
            if position.organization.kind == Kind.CELL or position.organization == self.org:
                starts[position.person_id] = min(starts.get(position.person_id, position.start_date),
                                                 position.start_date)
        for person_id, start in CommitteeMember.objects.filter(
            committee__organization=self.org, person__in=by_pk
        ).values_list("person_id", "start_date"):
            starts[person_id] = min(starts.get(person_id, start), start)
        leaders = {pk: (start, self.leader_cell(by_pk[pk], held.get(pk, []))) for pk, start in starts.items()}
        return leaders, set(held) - set(leaders)

    def leader_cell(self, person: Person, positions) -> Organization:
        """A leader's chi bộ: the one they lead; else the agency chi bộ of their work; once retired, the chi bộ of
        the tổ dân phố they live in."""
        for position in positions:
            if position.organization.kind == Kind.CELL and position.title == Title.SECRETARY:
                return position.organization
        if person.organization.kind == Kind.CELL:
            return person.organization
        details = " ".join(position.title_detail for position in positions)
        if "Công an" in details:
            return self.cells["cb-congan"]
        if "Quân sự" in details:
            return self.cells["cb-quansu"]
        if person.date_of_birth.year < 1962 and person.residence_id in self.cell_of_group:
            return self.cell_of_group[person.residence_id]
        mass = {Kind.FATHERLAND_FRONT, Kind.YOUTH_UNION, Kind.WOMENS_UNION}
        if "cb-mttq" in self.cells and any(position.organization.kind in mass for position in positions):
            return self.cells["cb-mttq"]
        return self.cells["cb-ubnd"]

    def home_cell(self, person: Person) -> Organization | None:
        if person.organization.kind == Kind.CELL:
            return person.organization
        return self.cell_of_group.get(person.residence_id)

    # Recording -----------------------------------------------------------------------------------------------------

    def run(self, person: Person, cell: Organization, steps: list[Step]) -> None:
        """Record `steps` in order through the services, up to the last one not after today."""
        assert all(a.day <= b.day for a, b in itertools.pairwise(steps)), (person, steps)
        if steps[0].day > self.today:
            return
        member = register_candidate(person=person, organization=cell, day=steps[0].day, actor=self.actor,
                                    **steps[0].fields)
        self.record(member, person, steps[1:])

    def record(self, member: PartyMember, person: Person, steps: list[Step]) -> None:
        """Record `steps` up to the last one not after today, or up to one a seed meeting records, or a decision
        the ward issues from its register (then paused: numbers are given in date order, issue_registered)."""
        for index, step in enumerate(steps):
            if step.day > self.today:
                break
            if step.session:
                self.paused.append(Paused(self, member, person, step, steps[index + 1:]))
                break
            if step.kind in COMMITTEE_DECISIONS and rules_on(step.day).ward_decides:
                self.registered.append(Paused(self, member, person, step, steps[index + 1:]))
                break
            record_event(member, kind=step.kind, day=step.day, actor=self.actor, **step.fields)
        self.numbered(member, person)

    def issue(self, paused: Paused) -> None:
        """A ward decision of a paused history, issued from the register and signed by the ward's Bí thư that day;
        then the rest of the history."""
        step = paused.step
        secretary = (Position.objects.held_on(step.day).filter(organization=self.org, title=Title.SECRETARY)
                     .select_related("person").first())
        fields = {key: value for key, value in step.fields.items() if key not in {"decision_no", "issuer"}}
        issue_member_decision(paused.member, kind=step.kind, day=step.day, signer=secretary.person.full_name,
                              actor=self.actor, **fields)
        paused.resume()

    def numbered(self, member: PartyMember, person: Person) -> None:
        """The membership and card numbers and the fee basis a member's status calls for (those it has kept: a
        paused history is numbered when it pauses and again when it ends)."""
        status, membership_no, card_no, fee_category = PartyMember.objects.values_list(
            "status", "membership_no", "card_no", "fee_category").get(pk=member.pk)
        prefix = self.province.cccd_code[-2:]
        changes = {}
        if status in {Status.PROBATIONARY, Status.OFFICIAL, Status.DECEASED} and not membership_no:
            changes["membership_no"] = self.numbers.member(prefix, "-")  # the lý lịch, from the admission
        if status in {Status.OFFICIAL, Status.DECEASED} and not card_no:
            changes["card_no"] = self.numbers.member(prefix, ".")  # the card, from official membership
        if status in ON_ROLL and not fee_category:
            changes |= self.fee_basis(person, self.today)
        if changes:
            update_member(member, actor=self.actor, **changes)

    # Documents -----------------------------------------------------------------------------------------------------

    def committee_name(self, day: datetime.date) -> str:
        former = FORMER.get(self.district.org.code)
        if former and day < former.until:
            return former.wards[self.ward.code]
        return self.ward.name

    def deciding(self, day: datetime.date) -> tuple[str, str]:
        """(issuer, number suffix) of a decision on a member on `day`."""
        if rules_on(day).ward_decides:
            return self.ward.name, "QĐ/ĐU"
        former = FORMER.get(self.district.org.code)
        if former and day < former.until:
            return former.district, "QĐ/HU"
        return self.district.org.name, "QĐ/QU"

    def decision(self, day: datetime.date, note: str = "") -> dict:
        issuer, suffix = self.deciding(day)
        fields = {"decision_no": self.numbers.document(issuer, suffix, day), "issuer": issuer}
        return {**fields, "note": note} if note else fields

    def cell_resolution(self, cell: Organization, day: datetime.date) -> dict:
        """The chi bộ's vote counts its official members on the day as the demo holds them so far (members.services
        .roll_on; members built later only add to it), so that no vote counts more voters than the chi bộ had. A
        chi bộ's first admissions in the demo (all before 2017) came before any member it holds: their counts are
        invented."""
        total = sum(1 for entry in roll_on(cell, day) if entry.counted) or self.rng.randint(5, 12)
        return {
            **self.votes(total, day), "decision_no": self.numbers.document(cell.name, "NQ/CB", day),
            "issuer": cell.name,
        }

    def ward_resolution(self, day: datetime.date, note: str = "") -> dict:
        total = self.executive_size if day >= self.ward.congress else self.rng.choice((13, 15, 15, 17))
        issuer = self.committee_name(day)
        fields = {**self.votes(total, day), "decision_no": self.numbers.document(issuer, "NQ/ĐU", day),
                  "issuer": issuer}
        return {**fields, "note": note} if note else fields

    def votes(self, total: int, day: datetime.date) -> dict:
        """Enough in favour by the rules of `day` (docs/rules.md §1.6: members.rules), mostly all or nearly all."""
        share = rules_on(day).admission_vote_share
        least = -(-total * share.numerator // share.denominator)  # the least whole number that reaches the share
        return {"votes_for": max(least, total - self.rng.choice((0, 0, 0, 1, 1, 2, 3))), "voters_total": total}

    # Dates ---------------------------------------------------------------------------------------------------------

    def on(self, year: int, month: int, first: int, last: int) -> datetime.date:
        return _on_or_after(D(year, month, self.rng.randint(first, last)))

    def after(self, day: datetime.date, least: int, most: int) -> datetime.date:
        return _on_or_after(day + datetime.timedelta(days=self.rng.randint(least, most)))

    def before(self, day: datetime.date, least: int, most: int) -> datetime.date:
        return _on_or_before(day - datetime.timedelta(days=self.rng.randint(least, most)))

    def decision_day(self, date_of_birth, *, before: datetime.date = LATEST_GENERIC_DECISION, ages=(20, 55)):
        """A day for an admission decision: between the ages `ages`, not before the demo's earliest admission in
        the district, before `before`, outside the posts' reserved months. None when there is none."""
        first = max(add_months(date_of_birth, 12 * ages[0]), EARLIEST_ADMISSION[self.district.org.code])
        last = min(add_months(date_of_birth, 12 * ages[1]), before)
        if first > last:
            return None
        reserved = RESERVED.get(self.ward.code)
        for _ in range(20):
            day = first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))
            if not (reserved and reserved[0] <= day <= reserved[1]):
                return _on_or_before(day)
        return None

    def ages_ok(self, person: Person, steps: list[Step], ages: tuple[int, int] | None = None) -> bool:
        """Each chi bộ admission resolution within the age rule (18–60, docs/rules.md §1.1) and, if given, the story's
        own range of ages."""
        low, high = ages or (18, 60)
        for step in steps:
            if step.kind == K.CELL_ADMISSION_RESOLUTION:
                months = whole_months_between(person.date_of_birth, step.day)
                if not (max(low, 18) * 12 < months < min(high, 60) * 12):
                    return False
        return True

    # Histories -----------------------------------------------------------------------------------------------------

    def admission(self, person: Person, cell: Organization, decision: datetime.date, *, readmission=False,
                  documents=False, decision_note="", cell_day=None, ward_day=None, ward_note="") -> list[Step]:
        """Candidate → course → (papers) → chi bộ resolution → ward resolution → decision on `decision`, within
        the 60 working days of §1."""
        ward_day = ward_day or self.before(decision, 5, 16)
        cell_day = cell_day or self.before(ward_day, 8, 25)
        course = self.before(cell_day, 45, 280)
        candidate = self.before(course, 15, 120)
        steps = [
            Step(K.CANDIDATE, candidate),
            Step(K.AWARENESS_COURSE, course, {"note": COURSE_NOTE}),
        ]
        if documents:
            steps += self.papers(person, course, cell_day)
        steps.append(Step(K.CELL_ADMISSION_RESOLUTION, cell_day, self.cell_resolution(cell, cell_day)))
        ward_step = Step(K.WARD_ADMISSION_RESOLUTION, ward_day, self.ward_resolution(ward_day, ward_note))
        if not rules_on(decision).ward_decides:  # from 01/7/2025 the ward decides on the chi bộ resolution
            steps.append(ward_step)
        steps.append(Step(K.READMISSION_DECISION if readmission else K.ADMISSION_DECISION, decision,
                          self.decision(decision, decision_note)))
        return steps

    def papers(self, person: Person, after: datetime.date, until: datetime.date, count: int = 5) -> list[Step]:
        """Dossier papers (HD 12-HD/BTCTW §II.1.1) received between `after` and `until`, in the form order."""
        kinds = [
            DossierDocument.APPLICATION, DossierDocument.PERSONAL_HISTORY, DossierDocument.INTRODUCTION,
            DossierDocument.UNION_RESOLUTION, DossierDocument.COMMENTS_SUMMARY,
        ]
        if whole_months_between(person.date_of_birth, until) > 30 * 12:
            kinds.remove(DossierDocument.UNION_RESOLUTION)  # introduced by two members, not by the Youth Union
        kinds = kinds[:count]
        span = max((until - after).days, len(kinds))
        days = sorted(after + datetime.timedelta(days=self.rng.randint(1, span)) for _ in kinds)
        return [Step(K.DOSSIER_DOCUMENT, min(_on_or_after(day), until), {"document": kind})
                for day, kind in zip(days, kinds, strict=True)]

    def ceremony(self, decision: datetime.date, least=7, most=24) -> Step:
        return Step(K.CEREMONY, self.after(decision, least, most))

    def recognition(self, cell: Organization, ceremony: datetime.date, *, cell_day=None, decision_day=None,
                    decision_note="", ward_step: Step | None = None) -> list[Step]:
        """The chi bộ resolution within 30 working days of the end of probation, the decision within 30 more; until
        30/6/2025 the ward's proposing resolution between them, as for an admission (the rules of the decision's day:
        members.rules)."""
        ends = add_months(ceremony, 12)
        cell_day = cell_day or self.after(ends, 0, 16)
        decision_day = decision_day or self.after(cell_day, 7, 24)
        steps = [Step(K.CELL_RECOGNITION_RESOLUTION, cell_day, self.cell_resolution(cell, cell_day))]
        if not rules_on(decision_day).ward_decides:
            ward_day = cell_day + (decision_day - cell_day) // 2
            steps.append(ward_step or Step(K.WARD_RECOGNITION_RESOLUTION, ward_day, self.ward_resolution(ward_day)))
        steps.append(Step(K.RECOGNITION_DECISION, decision_day, self.decision(decision_day, decision_note)))
        return steps

    def official(self, person, cell, *, before=LATEST_GENERIC_DECISION, ages=(20, 55)) -> list[Step] | None:
        """An official member, admitted on a day drawn before `before`."""
        decision = self.decision_day(person.date_of_birth, before=before, ages=ages)
        if decision is None:
            return None
        steps = self.admission(person, cell, decision)
        ceremony = self.ceremony(decision)
        steps += [ceremony, *self.recognition(cell, ceremony.day)]
        return steps if self.ages_ok(person, steps) else None

    def stories(self) -> list:
        """The histories to give, each a function (person, cell) -> steps, or None when it does not fit them."""
        stories = [
            self.candidate_registered, self.candidate_papers, self.candidate_cell_resolution,
            self.candidate_overdue_decision, self.admitted_overdue_ceremony, self.probationary,
            self.probationary_overdue_recognition, self.not_admitted, self.removed, self.expelled, self.resigned,
            self.transferred_out, self.temporarily_away, self.deceased, self.readmitted,
        ]
        if self.ward.code == "saidong":  # the ward of the demo personas
            stories += [
                self.candidate_admitted_by_standing_committee, self.admitted_recently, self.probationary,
                self.probationary_awaiting_decision, self.recognised_by_standing_committee, self.probation_removed,
                self.transferred_and_back,
                self.away_and_back,
            ]
        if self.ward.code == "saidong":  # the post of 29/06/2021
            stories += [self.saidong_candidate(5), self.saidong_candidate(6)]
            stories += [self.saidong_probationary(1, 5), self.saidong_probationary(8, 12)]
        if self.ward.code == "cauonglanh":
            stories += [self.cauonglanh_admission(2), self.cauonglanh_admission(5)]
        return stories

    # Candidates in 2026 ---

    def young(self, person: Person, on: datetime.date, low: int = 19, high: int = 42) -> bool:
        return low * 12 <= whole_months_between(person.date_of_birth, on) <= high * 12

    def candidate_registered(self, person, cell):
        day = self.on(2026, 10, 5, 23)
        if not self.young(person, day):
            return None
        return [Step(K.CANDIDATE, day, {"note": "Chi bộ giới thiệu quần chúng ưu tú, tạo nguồn phát triển đảng viên."})]

    def candidate_papers(self, person, cell):
        """Course done, papers coming in, no chi bộ resolution yet."""
        candidate, course = self.on(2026, 5, 4, 15), self.on(2026, 7, 13, 24)
        if not self.young(person, course):
            return None
        return [
            Step(K.CANDIDATE, candidate), Step(K.AWARENESS_COURSE, course, {"note": COURSE_NOTE}),
            *self.papers(person, course, self.on(2026, 11, 9, 20), count=3),
        ]

    def round_in_2026(self, person, cell, *, candidate, course, cell_day, papers=5) -> list[Step] | None:
        if not self.young(person, cell_day, high=45):
            return None
        steps = [Step(K.CANDIDATE, candidate), Step(K.AWARENESS_COURSE, course, {"note": COURSE_NOTE}),
                 *self.papers(person, course, self.before(cell_day, 3, 10), count=papers),
                 Step(K.CELL_ADMISSION_RESOLUTION, cell_day, self.cell_resolution(cell, cell_day))]
        return steps if self.ages_ok(person, steps) else None

    def candidate_cell_resolution(self, person, cell):
        """Chi bộ resolution of October 2026: the 60 working days run into January 2027."""
        return self.round_in_2026(
            person, cell, candidate=self.on(2026, 2, 23, 27), course=self.on(2026, 4, 6, 17),
            cell_day=self.on(2026, 10, 12, 23),
        )

    def candidate_admitted_by_standing_committee(self, person, cell):
        """Chi bộ resolution of September 2026; admitted at the Ban Thường vụ's session of SAIDONG_BTV_SESSION
        (demo/meetings.py), whose decision takes the next QĐ number of the 2025–2030 register."""
        steps = self.round_in_2026(
            person, cell, candidate=self.on(2026, 3, 2, 13), course=self.on(2026, 5, 11, 22),
            cell_day=self.on(2026, 9, 14, 25),
        )
        if steps:
            self.on(2026, 10, 19, 30)  # the day the ward resolution had before the reform: the draws stay the same
            steps.append(Step(K.ADMISSION_DECISION, SAIDONG_BTV_SESSION, session=SAIDONG_BTV_KEY))
        return steps

    def candidate_overdue_decision(self, person, cell):
        """Chi bộ resolution of early June 2026 and no decision of the Ban Thường vụ: overdue since September."""
        steps = self.round_in_2026(
            person, cell, candidate=self.on(2025, 11, 3, 14), course=self.on(2026, 1, 12, 23),
            cell_day=self.on(2026, 6, 1, 12),
        )
        if steps:
            self.on(2026, 7, 1, 10)  # the day the ward resolution had before the reform: the draws stay the same
        return steps

    def admitted(self, person, cell, decision: datetime.date):
        if not self.young(person, decision, high=45):
            return None
        steps = self.admission(person, cell, decision)
        return steps if self.ages_ok(person, steps) else None

    def admitted_overdue_ceremony(self, person, cell):
        """Decision of early August 2026 and no ceremony: the 30 working days ended in September."""
        return self.admitted(person, cell, self.on(2026, 8, 3, 14))

    def admitted_recently(self, person, cell):
        return self.admitted(person, cell, self.on(2026, 11, 9, 18))

    # Probation ---

    def probationary(self, person, cell):
        steps = self.admitted(person, cell, self.on(2026, self.rng.randint(1, 4), 5, 25))
        if steps:
            steps.append(self.ceremony(steps[-1].day))
        return steps

    def probationary_overdue_recognition(self, person, cell):
        """Ceremony of early August 2025: the 12 months ended in August 2026, no chi bộ resolution since."""
        steps = self.admitted(person, cell, self.on(2025, 7, 14, 18))
        if steps:
            steps.append(Step(K.CEREMONY, self.on(2025, 8, 4, 8)))
        return steps

    def probationary_awaiting_decision(self, person, cell):
        """12 months ended in October 2026; the chi bộ resolution is in, the decision not yet."""
        steps = self.admitted(person, cell, self.on(2025, 9, 15, 24))
        if steps:
            ceremony = self.on(2025, 10, 6, 10)
            cell_day = self.after(add_months(ceremony, 12), 8, 20)
            steps += [Step(K.CEREMONY, ceremony),
                      Step(K.CELL_RECOGNITION_RESOLUTION, cell_day, self.cell_resolution(cell, cell_day))]
        return steps

    def recognised_by_standing_committee(self, person, cell):
        """12 months ended in October 2026, the chi bộ resolution followed, and the Ban Thường vụ's session of
        SAIDONG_BTV_SESSION recognised the member (demo/meetings.py)."""
        steps = self.probationary_awaiting_decision(person, cell)
        if steps:
            steps.append(Step(K.RECOGNITION_DECISION, SAIDONG_BTV_SESSION, session=SAIDONG_BTV_KEY))
        return steps

    def probation_removed(self, person, cell):
        steps = self.admitted(person, cell, self.on(2023, 9, 11, 22))
        if steps:
            ceremony = self.ceremony(steps[-1].day)
            removal = self.after(add_months(ceremony.day, 12), 5, 20)
            steps += [ceremony, Step(K.PROBATION_REMOVAL, removal, self.decision(
                removal, "Chi bộ xét không đủ tiêu chuẩn công nhận đảng viên chính thức."
            ))]
        return steps

    def not_admitted(self, person, cell):
        candidate = self.on(2024, 3, 4, 15)
        if not self.young(person, candidate, high=45):
            return None
        return [
            Step(K.CANDIDATE, candidate), Step(K.AWARENESS_COURSE, self.on(2024, 5, 13, 24), {"note": COURSE_NOTE}),
            Step(K.NOT_ADMITTED, self.on(2025, 4, 7, 18), {
                "note": "Thẩm tra lý lịch chưa đủ điều kiện; chi bộ dừng xem xét kết nạp.",
            }),
        ]

    # Official members who left, moved or died ---

    def left(self, person, cell, kind, day, *, before, ages=(20, 50), note="", decision=True):
        steps = self.official(person, cell, before=before, ages=ages)
        if not steps:
            return None
        fields = self.decision(day, note) if decision else {"note": note}
        return [*steps, Step(kind, day, fields)]

    def removed(self, person, cell):
        return self.left(person, cell, K.REMOVAL, self.on(2024, 10, 7, 18), before=D(2019, 1, 1),
                         note="Bỏ sinh hoạt chi bộ ba tháng trong năm không có lý do chính đáng.")

    def expelled(self, person, cell):
        return self.left(person, cell, K.EXPULSION, self.on(2023, 6, 5, 16), before=D(2018, 1, 1),
                         note="Vi phạm đến mức phải khai trừ (quyết định kỷ luật).")

    def resigned(self, person, cell):
        return self.left(person, cell, K.RESIGNATION, self.on(2022, 8, 8, 19), before=D(2018, 1, 1),
                         note="Đơn xin ra khỏi Đảng vì hoàn cảnh gia đình.", decision=False)

    def transferred_out(self, person, cell):
        day = self.on(2025, 10, 6, 17)
        if not self.young(person, day, 25, 58):
            return None
        steps = self.official(person, cell, before=D(2023, 1, 1))
        return steps and [*steps, Step(K.TRANSFER_OUT, day, {
            "counterpart": f"Đảng bộ nơi cư trú mới, {self.rng.choice(ELSEWHERE)}",
            "note": "Chuyển sinh hoạt đảng chính thức theo nơi cư trú mới.",
        })]

    def transferred_and_back(self, person, cell):
        out, back = self.on(2019, 3, 4, 15), self.on(2021, 4, 5, 16)
        if not self.young(person, out, 25, 55):
            return None
        steps = self.official(person, cell, before=D(2015, 1, 1))
        place = f"Đảng bộ nơi công tác, {self.rng.choice(ELSEWHERE)}"
        return steps and [*steps, Step(K.TRANSFER_OUT, out, {"counterpart": place}),
                          Step(K.TRANSFER_IN, back, {"counterpart": place, "note": "Trở về sinh hoạt tại nơi cư trú."})]

    def temporarily_away(self, person, cell):
        day = self.on(2026, 3, 2, 13)
        if not self.young(person, day, 25, 55):
            return None
        steps = self.official(person, cell, before=D(2024, 1, 1))
        return steps and [*steps, Step(K.TEMPORARY_OUT, day, {
            "counterpart": f"Chi bộ nơi làm việc có thời hạn, {self.rng.choice(ELSEWHERE)}",
            "note": "Đi làm việc có thời hạn 12 tháng.",
        })]

    def away_and_back(self, person, cell):
        out, back = self.on(2023, 2, 6, 17), self.on(2024, 2, 19, 29)
        if not self.young(person, out, 25, 55):
            return None
        steps = self.official(person, cell, before=D(2021, 1, 1))
        place = f"Chi bộ nơi học tập, {self.rng.choice(ELSEWHERE)}"
        return steps and [*steps, Step(K.TEMPORARY_OUT, out, {"counterpart": place}),
                          Step(K.TEMPORARY_RETURN, back, {"counterpart": place})]

    def deceased(self, person, cell):
        if person.date_of_birth.year >= 1956:
            return None
        return self.left(person, cell, K.DEATH, self.on(2024, 12, 2, 20), before=D(2010, 1, 1), ages=(20, 55),
                         note="Từ trần; chi bộ và Đảng ủy phường tổ chức viếng.", decision=False)

    def readmitted(self, person, cell):
        """Resigned in 2018; readmitted in 2022, more than 36 months later (once, docs/rules.md §1.14); official
        again."""
        steps = self.official(person, cell, before=D(2013, 1, 1), ages=(20, 45))
        if not steps:
            return None
        resignation = self.on(2018, 4, 2, 13)
        decision = self.on(2022, 5, 9, 20)
        again = self.admission(person, cell, decision, readmission=True)
        ceremony = self.ceremony(decision)
        steps = [
            *steps, Step(K.RESIGNATION, resignation, {"note": "Xin ra khỏi Đảng vì hoàn cảnh gia đình."}),
            *again, ceremony, *self.recognition(cell, ceremony.day),
        ]
        return steps if self.ages_ok(person, steps) else None

    # The posts ---

    def saidong_candidate(self, month: int):
        """Chi bộ resolution in May or June 2021, ward resolution at the session of 28/06/2021, admitted by the
        Quận ủy in July, recognised in 2022."""

        def story(person, cell):
            cell_day = self.on(2021, month, 17, 21) if month == 5 else self.on(2021, month, 7, 11)
            if not self.young(person, cell_day, 20, 40):
                return None
            decision = self.on(2021, 7, 7, 9)
            steps = self.admission(person, cell, decision, documents=True, cell_day=cell_day,
                                   ward_day=SAIDONG_SESSION, ward_note=SAIDONG_SESSION_NOTE)
            steps = [Step(s.kind, s.day, session=SAIDONG_SESSION_KEY) if s.kind == K.WARD_ADMISSION_RESOLUTION else s
                     for s in steps]
            ceremony = Step(K.CEREMONY, self.on(2021, 7, 19, 22))
            steps += [ceremony, *self.recognition(cell, ceremony.day)]
            return steps if self.ages_ok(person, steps) else None

        return story

    def saidong_probationary(self, first: int, last: int):
        """Ceremony in early June 2020; the 12 months ended in June 2021, the chi bộ resolution followed within the
        month, the session of 28/06/2021 approved the dossier and the Quận ủy decided in July."""

        def story(person, cell):
            ceremony = self.on(2020, 6, first, last)
            decision = self.before(ceremony, 12, 20)
            if not self.young(person, decision, 20, 42):
                return None
            steps = self.admission(person, cell, decision)
            ends = add_months(ceremony, 12)
            steps += [Step(K.CEREMONY, ceremony), *self.recognition(
                cell, ceremony, cell_day=self.after(ends, 2, 8), decision_day=self.on(2021, 7, 5, 9),
                decision_note=SAIDONG_SESSION_NOTE,
                ward_step=Step(K.WARD_RECOGNITION_RESOLUTION, SAIDONG_SESSION, session=SAIDONG_SESSION_KEY),
            )]
            return steps if self.ages_ok(person, steps) else None

        return story

    def cauonglanh_admission(self, month: int):
        """Admitted by the Quận ủy Quận 1 in the first half of 2020, ceremony before 30/06/2020."""

        def story(person, cell):
            decision = self.on(2020, month, 10, 20)
            if not self.young(person, decision, 20, 40):
                return None
            steps = self.admission(person, cell, decision, decision_note=CAUONGLANH_NOTE)
            ceremony = self.ceremony(decision, 7, 20)
            steps += [ceremony, *self.recognition(cell, ceremony.day)]
            return steps if self.ages_ok(person, steps) else None

        return story


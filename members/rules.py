"""The Party's membership rules as versioned data (docs/rules.md §0.1): a case is judged by the rules in force on the
day of the act in question, so a 2021 admission by QĐ 24-QĐ/TW and a 2026 one by QĐ 294-QĐ/TW.

The values did not change between the versions listed here (docs/rules.md §0.1: "the same text in QĐ 29, 24 and 232");
each version is kept so that a change is one new row, and so that a refusal can name its source.
"""

import calendar
import datetime
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class MembershipRules:
    effective_from: datetime.date
    source: str
    # §1 conditions: age counted in whole months on the day the chi bộ considers the case.
    admission_min_age_months: int = 18 * 12
    admission_max_age_months: int = 60 * 12
    # A person may be registered as a candidate (quần chúng ưu tú) from 16, the Youth Union's age [U]: younger is
    # impossible data, refused.
    candidate_min_age_months: int = 16 * 12
    # §1 votes: at least 2/3 of the chi bộ's official members; of the committee's members.
    admission_vote_share: Fraction = Fraction(2, 3)
    recognition_vote_share: Fraction = Fraction(2, 3)
    # §1 deadlines, in working days.
    admission_decision_working_days: int = 60
    recognition_decision_working_days: int = 30
    extension_working_days: int = 30
    ceremony_working_days: int = 30
    recognition_cell_working_days: int = 30
    # §1 probation, readmission; §1 awareness-course certificate [S: valid 5 years].
    probation_months: int = 12
    readmission_min_months: int = 36
    readmissions_allowed: int = 1
    awareness_course_valid_years: int = 5
    # The age past which a paper of the admission dossier is flagged for checking at the chi bộ's vote [U: the
    # reading kept here; the guides ask for papers that are current, without a period the sources confirm].
    dossier_paper_months: int = 12
    # Điều lệ Đảng, Điều 4 (docs/rules.md §1.4): an introducer has worked with the applicant for at least a year.
    introducer_months: int = 12
    # §7 transfers: present the introduction to the receiving chi ủy within 30 working days.
    transfer_present_working_days: int = 30
    # §5 badges.
    badge_milestones: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
    badge_occasions: tuple[tuple[int, int], ...] = ((3, 2), (19, 5), (2, 9), (7, 11))  # (day, month)
    badge_early_months_ill: tuple[tuple[int, int], ...] = ((65, 12), (90, 24))  # up to milestone → months early
    badge_early_months_deceased: int = 12  # posthumous award, up to 12 months early
    # §0–§1 who decides on members (admission, official recognition, removal) [U from QĐ 294]. `ward_decides`:
    # the ward's own committee decides, through `member_committees`, on the chi bộ resolution directly (QĐ 294,
    # 298: the ward is the committee directly above its chi bộ), with a Quyết định of its own register. Before, the
    # district's standing committee decided, on a proposing resolution of the ward's Ban Chấp hành (Charter Art. 4).
    ward_decides: bool = False
    member_committees: frozenset = frozenset({"executive"})

    def vote_share(self, *, recognition: bool) -> Fraction:
        return self.recognition_vote_share if recognition else self.admission_vote_share

    def vote_shortfall(self, votes_for: int, voters_total: int, *, recognition: bool, whom: str) -> str | None:
        """The one rule of a vote on a member (docs/rules.md §1.6), wherever the vote enters (a dossier's event, a
        meeting's decision): None when `votes_for` of `voters_total` reach the share; else what is missing, as
        the callers' messages begin ("Chưa đủ 2/3 số {whom} tán thành (v/t)")."""
        share = self.vote_share(recognition=recognition)
        if reaches(votes_for, voters_total, share):
            return None
        return f"Chưa đủ {share.numerator}/{share.denominator} số {whom} tán thành ({votes_for}/{voters_total})"


def reaches(part: int, whole: int, share: Fraction) -> bool:
    """Whether `part` of `whole` is at least `share`, in whole numbers (no rounding of 2/3)."""
    return part * share.denominator >= whole * share.numerator


# The one named place of the 2025 reading of who decides (docs/rules.md §1.7 [U]: inferred from QĐ 298 and 294; confirm
# it with the province): from 01/7/2025 the ward's Ban Thường vụ decides.
WARD_DECIDES = {"ward_decides": True, "member_committees": frozenset({"standing"})}

RULES: tuple[MembershipRules, ...] = (
    MembershipRules(datetime.date(2016, 7, 25), "Quy định 29-QĐ/TW ngày 25/7/2016"),
    MembershipRules(datetime.date(2021, 7, 30), "Quy định 24-QĐ/TW ngày 30/7/2021"),
    MembershipRules(datetime.date(2025, 1, 20), "Quy định 232-QĐ/TW ngày 20/01/2025"),
    MembershipRules(datetime.date(2025, 7, 1), "Quy định 294-QĐ/TW (hiệu lực từ 01/7/2025)", **WARD_DECIDES),
)


def in_force(versions, day: datetime.date, *, default=None):
    """Of versioned rules (each with `effective_from`, oldest first), the one in force on `day`; `default` before
    the first."""
    current = default
    for version in versions:
        if version.effective_from <= day:
            current = version
    return current


def rules_on(day: datetime.date) -> MembershipRules:
    """The rules in force on `day` (the earliest version for older days)."""
    return in_force(RULES, day, default=RULES[0])


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31/01 + 1 month = 28/02 or 29/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months_between(start: datetime.date, end: datetime.date) -> int:
    """Completed months from `start` to `end` (age "counted in months": 18 years = 216 full months)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


@dataclass(frozen=True)
class FeeRules:
    """The monthly Party fee (docs/rules.md §6.1)."""

    effective_from: datetime.date
    source: str
    insured_wage_rate: Fraction = Fraction(1, 100)  # of the previous month's insured wage
    pension_rate: Fraction = Fraction(1, 200)
    student_amount: int = 5_000
    unpaid_months_for_removal: int = 3  # in a year, without good reason: proposal to remove (xóa tên)
    # Điều 5 (docs/rules.md §6.4): exempt with this Party age, from the first month that begins once it is reached [U:
    # the month's first day on or after the day the 50 years are reached].
    exempt_party_age_years: int | None = 50
    # An exemption, reduction or deferral recorded on application lasts at most this many months, then is reviewed
    # (read as applying to every recorded relief, the social pension too [U]).
    relief_max_months: int = 12
    reduction_percents: tuple[int, ...] = (30, 50, 70)


# Only QĐ 01-QĐ/TW is in docs/rules.md §6.1; the amounts under QĐ 342-QĐ/TW (2010) before it were not captured, so the
# system does not reckon the amount due for earlier months (the clerk records what was paid). QĐ 01 was signed on
# 03/02/2026 and applies from 01/02/2026: February 2026 is its first month.
FEE_RULES: tuple[FeeRules, ...] = (FeeRules(datetime.date(2026, 2, 1), "Quy định 01-QĐ/TW ngày 03/02/2026"),)


def fee_rules_for(month: datetime.date) -> FeeRules | None:
    """The fee rules for the month that holds `month` (None before the first version)."""
    return in_force(FEE_RULES, month.replace(day=1))

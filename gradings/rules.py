"""The rules of the annual quality grading (đánh giá, xếp loại chất lượng; docs/rules.md §4), versioned by the day the
Đảng ủy decides, in one named place.

From 30/8/2025 (Quy định 366-QĐ/TW, Điều 11) a grade follows a score out of 100: "hoàn thành xuất sắc" from 90 with
every task on time and at least 30% of them exceeded (a collective: no unit or leader disciplined); "hoàn thành tốt"
from 70 with every task on time; "hoàn thành" from 50 (a collective: at most 20% of its tasks late); below, or with a
disqualifying breach, "không hoàn thành". Before (Hướng dẫn 21-HD/BTCTW 2019, Quy định 124-QĐ/TW 2023) the grade was
decided on criteria, without a score: the Đảng ủy's grade is taken as given.

The quota: "hoàn thành xuất sắc" at most 20% of those graded "hoàn thành tốt" in each grassroots organisation (HD 21,
QĐ 124) [U: whether QĐ 366 keeps exactly 20% is not confirmed]. Our reading, here only: the base counts those graded
good or better (the excellent are chosen among the good), rounded down; the grassroots organisation is the ward's
Đảng bộ until 30/6/2025 and, from 01/7/2025 (QĐ 294: the ward is the committee directly above the grassroots
organisations), each chi bộ for its members and the ward for its chi bộ [U]."""

import datetime
from dataclasses import dataclass

from gradings.models import Grade
from members.rules import in_force


@dataclass(frozen=True)
class GradingRules:
    effective_from: datetime.date
    source: str
    scored: bool  # the grade follows the score
    excellent_from: int = 90
    good_from: int = 70
    completed_from: int = 50
    excellent_exceeded_share: int = 30  # % of the tasks exceeded, for "hoàn thành xuất sắc"
    collective_late_share: int = 20  # % of a collective's tasks late at most, for "hoàn thành"
    excellent_quota: int = 20  # % of those graded good or better [U]


RULES: tuple[GradingRules, ...] = (
    GradingRules(datetime.date(2019, 1, 1), "Hướng dẫn 21-HD/BTCTW (2019)", scored=False),  # [U] its day
    GradingRules(datetime.date(2023, 10, 16), "Quy định 124-QĐ/TW (2023)", scored=False),
    GradingRules(datetime.date(2025, 8, 30), "Quy định 366-QĐ/TW ngày 30/8/2025", scored=True),
)
CELLS_ARE_GRASSROOTS_FROM = datetime.date(2025, 7, 1)  # Quy định 294-QĐ/TW [U]


def grading_rules_on(day: datetime.date) -> GradingRules:
    return in_force(RULES, day, default=RULES[0])


def excellent_allowed(good_or_better: int, rules: GradingRules) -> int:
    """How many of a grassroots organisation's `good_or_better` may be graded excellent (rounded down) [U]."""
    return good_or_better * rules.excellent_quota // 100


def grade_for(score, *, rules: GradingRules, collective: bool, all_on_time: bool = True, exceeded_share: int = 0,
              late_share: int = 0, disciplined: bool = False, breach: bool = False) -> str:
    """The grade a score earns under `rules` (QĐ 366-QĐ/TW, Điều 11): the best whose score and conditions hold."""
    if breach or score < rules.completed_from:
        return Grade.NOT_COMPLETED
    if (score >= rules.excellent_from and all_on_time and exceeded_share >= rules.excellent_exceeded_share
            and not (collective and disciplined)):
        return Grade.EXCELLENT
    if score >= rules.good_from and all_on_time:
        return Grade.GOOD
    if not collective or late_share <= rules.collective_late_share:
        return Grade.COMPLETED
    return Grade.NOT_COMPLETED

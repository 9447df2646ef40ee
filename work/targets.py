"""How far a target got: its latest actual (reported, or counted from what the system holds), the share achieved
computed exactly and written the Vietnamese way ("đạt 36,26%"), and how that compares with the share of the year
elapsed. What the page, the API and the dashboard show of a target is built here, once."""

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from core.numbers import rounded, vn_number
from meetings.models import Meeting
from members.models import EventKind, MembershipEvent
from org.stats import UnitCounts
from work.models import Actual, Indicator, Target

HUNDRED = Decimal(100)


class Standing:
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"
    LABELS = {ACHIEVED: "Đã đạt", ON_TRACK: "Đúng tiến độ", BEHIND: "Chậm so với tiến độ",
              NO_DATA: "Chưa có số liệu"}


# What the system counts for a DERIVED indicator: (the records of the days from first to last, the field naming their
# organisation, the source named beside the figure). Each is counted from an index that starts with that field.
def _derived_measures():
    admissions = [EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION]
    return {
        Indicator.MEMBERS_ADMITTED: (
            lambda first, last: MembershipEvent.objects.filter(kind__in=admissions,
                                                               effective_date__range=(first, last)),
            "organization", "Quyết định kết nạp trong hồ sơ đảng viên"),
        Indicator.MEMBERS_RECOGNISED: (
            lambda first, last: MembershipEvent.objects.filter(kind=EventKind.RECOGNITION_DECISION,
                                                               effective_date__range=(first, last)),
            "organization", "Quyết định công nhận đảng viên chính thức trong hồ sơ đảng viên"),
        Indicator.MEETINGS_HELD: (lambda first, last: Meeting.objects.held_between(first, last),
                                  "organization", "Cuộc họp đã ghi trong hệ thống"),
    }


def share(actual: Decimal, target: Target) -> Decimal | None:
    """The share achieved, in percent, exact (no rounding): actual / target, or target / actual for a ceiling
    (less is better; None when the actual is 0, a ceiling kept in full)."""
    if target.more_is_better:
        return actual * HUNDRED / target.target_value
    return target.target_value * HUNDRED / actual if actual else None


def elapsed_share(year: int, today: datetime.date) -> Decimal:
    """The share of `year` gone by `today`, in percent: 0 before it starts, 100 once it is over."""
    if today.year < year:
        return Decimal(0)
    if today.year > year:
        return HUNDRED
    days = 366 if calendar.isleap(year) else 365
    return Decimal((today - datetime.date(year, 1, 1)).days + 1) * HUNDRED / days


@dataclass(frozen=True)
class Achievement:
    actual: Decimal | None
    as_of: datetime.date | None
    source: str
    percent: Decimal | None  # rounded to the target's decimals
    elapsed: Decimal
    standing: str

    @property
    def standing_label(self) -> str:
        return Standing.LABELS[self.standing]

    @property
    def percent_text(self) -> str:
        return f"{vn_number(self.percent)}%" if self.percent is not None else ""

    @property
    def bar(self) -> Decimal:
        """The bar's length: the share, up to 100."""
        return min(self.percent or Decimal(0), HUNDRED)


def achievement(target: Target, actual: Decimal | None, as_of, source: str, today: datetime.date) -> Achievement:
    elapsed = elapsed_share(target.year, today)
    if actual is None:
        return Achievement(None, None, "", None, elapsed, Standing.NO_DATA)
    exact = share(actual, target)
    percent = rounded(exact, target.decimals) if exact is not None else None
    if target.more_is_better:
        standing = (Standing.ACHIEVED if exact >= HUNDRED else Standing.ON_TRACK if exact >= elapsed
                    else Standing.BEHIND)
    else:
        standing = Standing.ACHIEVED if actual <= target.target_value else Standing.BEHIND
    return Achievement(actual, as_of, source, percent, elapsed, standing)


def with_actuals(targets):
    """The targets' queryset with their reported actuals as the list `reported`, newest last (one query)."""
    return targets.prefetch_related(Prefetch("actuals", queryset=Actual.objects.order_by("day", "created"),
                                             to_attr="reported"))


def achievements(targets: list[Target], today: datetime.date) -> dict:
    """{target id: Achievement} of targets loaded by with_actuals: reported ones from their latest actual, derived
    ones counted from the records of their ward up to today (one query per indicator and year, whatever the number
    of wards)."""
    result = {}
    derived = [target for target in targets if target.is_derived]
    counted = _derived_counts(derived, today)
    for target in targets:
        if target.is_derived:
            value, source = counted[target.pk]
            result[target.pk] = achievement(target, Decimal(value), min(today, datetime.date(target.year, 12, 31)),
                                            source, today)
            continue
        latest = target.reported[-1] if target.reported else None
        result[target.pk] = achievement(target, latest.value if latest else None, latest.day if latest else None,
                                        latest.source if latest else "", today)
    return result


def _derived_counts(targets: list[Target], today: datetime.date) -> dict:
    measures, counts = _derived_measures(), {}
    groups: dict[tuple, list[Target]] = {}
    for target in targets:
        groups.setdefault((target.indicator, target.year), []).append(target)
    wards = UnitCounts(list({target.ward.pk: target.ward for target in targets}.values()))
    for (indicator, year), group in groups.items():
        records, via, source = measures[indicator]
        end = min(today, datetime.date(year, 12, 31))
        by_ward = wards.count(records(datetime.date(year, 1, 1), end), None, via=via, by_index=True)
        for target in group:
            counts[target.pk] = (by_ward[target.ward_id], source)
    return counts


def figure(value: Decimal | None, target: Target) -> str:
    """"4.000.000.000 đồng", "18 người", "95,5%"."""
    if value is None:
        return ""
    unit = target.unit_label
    return f"{vn_number(value)}{unit}" if unit == "%" else f"{vn_number(value)} {unit}".strip()


def rows_of(targets, today: datetime.date, reached: dict | None = None) -> list[dict]:
    """What a list shows of each target (pages and dashboard alike): the target, how far it got (`reached`, when the
    caller has it from achievements()), its figures."""
    targets = list(targets)
    reached = achievements(targets, today) if reached is None else reached
    return [{"target": target, "reached": reached[target.pk], "value_text": figure(target.target_value, target),
             "actual_text": figure(reached[target.pk].actual, target)} for target in targets]

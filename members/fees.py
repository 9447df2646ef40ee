"""Party fees (docs/rules.md §6): the amount due each month by the rule in force, and the months left unpaid.

Readings, named here once:
- A member owes fees to this chi bộ from the month after the latest of: the admission ceremony (probationary
  members pay too), a transfer in, a return from temporary activity elsewhere (`Lifecycle.fees_owed_from`).
  While temporarily away they pay where they are active, so they are not on the unpaid list.
- "3 months unpaid in a year" counts the 12 complete months before the current one (a rolling year).
- Amounts are rounded half up to the whole đồng.
- The rate for members outside the three named groups was not captured [U]: the chi bộ sets the monthly amount
  (category "other", the amount in `fee_base`).
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from members.models import FeeCategory, FeePayment, ReliefKind
from members.rules import add_months, fee_rules_for

UNPAID_WINDOW_MONTHS = 12


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def parse_month(text: str) -> datetime.date | None:
    """"2026-10" or "10/2026" → 01/10/2026; None when it is not a month."""
    text = (text or "").strip()
    for separator, order in (("-", (0, 1)), ("/", (1, 0))):
        parts = text.split(separator)
        if len(parts) == 2 and all(part.isdigit() for part in parts):
            year, month = int(parts[order[0]]), int(parts[order[1]])
            if 1900 <= year <= 9999 and 1 <= month <= 12:
                return datetime.date(year, month, 1)
    return None


def monthly_fee(category: str, base: int | None, month: datetime.date) -> int | None:
    """The fee due for `month` by the rule in force (None when the category is not set or no rule is known)."""
    rules = fee_rules_for(month)
    if rules is None or not category:
        return None
    if category == FeeCategory.STUDENT:
        return rules.student_amount
    if base is None:
        return None
    if category == FeeCategory.INSURED_WAGE:
        return _round(base * rules.insured_wage_rate)
    if category == FeeCategory.PENSION:
        return _round(base * rules.pension_rate)
    return base  # FeeCategory.OTHER: the amount the chi bộ set


def _round(amount: Fraction) -> int:
    return int(amount + Fraction(1, 2))


def unpaid_window(today: datetime.date) -> list[datetime.date]:
    """The months the unpaid list looks at: the 12 complete months before `today`'s month, oldest first."""
    current = month_start(today)
    return [add_months(current, -n) for n in range(UNPAID_WINDOW_MONTHS, 0, -1)]


def owed_in_month(month: datetime.date) -> Q:
    """The condition, in SQL, that a member owes this chi bộ the fee of `month`: PartyMember.owes_fee_for (from
    `fees_owed_from`, not exempt by Party age), for many members at once."""
    owed = Q(fees_owed_from__lte=month)
    rules = fee_rules_for(month)
    if rules is not None and rules.exempt_party_age_years is not None:
        # exempt from add_months(age_base_on, 12 × years) ≤ month  ⇔  age_base_on ≤ month − years (same day rule)
        exempt = Q(age_base_on__lte=add_months(month, -12 * rules.exempt_party_age_years))
        owed &= ~exempt | Q(age_base_on__isnull=True)
    return owed


def annotate_unpaid(members, today: datetime.date):
    """`members` with `owed_months` and `unpaid_months` over the window (column comparisons and one subquery per
    row, no extra query). A month settled by a relief (exempt, deferred) has its zero-amount row, so counts paid."""
    window = unpaid_window(today)
    owed = sum(
        (Case(When(owed_in_month(month), then=Value(1)), default=Value(0), output_field=IntegerField())
         for month in window),
        start=Value(0, output_field=IntegerField()),
    )
    paid = (
        FeePayment.objects.filter(member=OuterRef("pk"), month__gte=OuterRef("fees_owed_from"),
                                  month__range=(window[0], window[-1]))
        .order_by().values("member").annotate(count=Count("*")).values("count")
    )
    members = members.annotate(owed_months=owed, paid_months=Coalesce(Subquery(paid), 0))
    return members.annotate(unpaid_months=F("owed_months") - F("paid_months"))


@dataclass(frozen=True)
class FeeMonth:
    month: datetime.date
    due: int | None  # by the rule in force; None when no rule is known or the basis is not set
    owed: bool  # the member owed this month here
    payment: FeePayment | None


def due_for(member, month: datetime.date, reliefs=()) -> int | None:
    """What `member` is to pay for `month`: the rule's amount, 0 when exempt (by Party age or a relief), less the
    share of a reduction that covers the month (Quy định 01-QĐ/TW, Điều 5)."""
    if member.fee_exempt_by_party_age(month):
        return 0
    relief = next((relief for relief in reliefs if relief.covers(month)), None)
    if relief is not None and relief.kind in (ReliefKind.EXEMPT, ReliefKind.DEFERRED):
        return 0
    due = monthly_fee(member.fee_category, member.fee_base, month)
    if due is not None and relief is not None and relief.percent:
        due = _round(Fraction(due * (100 - relief.percent), 100))
    return due


def member_fee_months(member, payments, today: datetime.date, reliefs=()) -> list[FeeMonth]:
    """One member's months of the unpaid window and the current month, newest first, with what was paid: the
    same reckoning as annotate_unpaid, for one dossier page."""
    by_month = {payment.month: payment for payment in payments}
    months = [*unpaid_window(today), month_start(today)]
    return [
        FeeMonth(month, due_for(member, month, reliefs), member.owes_fee_for(month), by_month.get(month))
        for month in reversed(months)
    ]


def unpaid_count(fee_months: list[FeeMonth], today: datetime.date) -> int:
    current = month_start(today)
    return sum(1 for row in fee_months if row.owed and row.payment is None and row.month < current)

"""Working days of Vietnam's public offices, for the Party's working-day deadlines (docs/rules.md §1.9).

The deadlines counted here: 60 working days from the chi bộ resolution to the admission decision, 30 to the
decision on official membership, at most 30 more as an extension, the ceremony within 30 working days of receiving
the decision (§1); a transfer started within 60 working days and its papers presented within 30 (§7).

A working day is Monday to Friday, except the official days off (ngày nghỉ lễ, Tết) of the year, plus any Saturday
decreed a working day to make up a swap (hoán đổi ngày làm việc). The days off are those of cán bộ, công chức,
viên chức, who rest on Saturday and Sunday:

- Labour Code 2012 art. 115 (2013-2020): Tết Dương lịch 1 day, Tết Nguyên đán 5, Giỗ Tổ Hùng Vương (10/3 lunar) 1,
  30/4 1, 1/5 1, Quốc khánh 2/9 1 — 10 days.
- Labour Code 2019 art. 112 (from 2021): the same, with Quốc khánh 2 days (2/9 and the day before or after) — 11.
- A holiday on a Saturday or Sunday is made up on the next working day (nghỉ bù; art. 115(3) / art. 111(3)).
- Each year the Prime Minister decides the block of Tết Nguyên đán days, the day next to 2/9, and swaps of a
  working day with a Saturday; the labour ministry (Bộ LĐTB&XH, from 2025 Bộ Nội vụ) announces them.

So every year the days off that fall on a weekday, less the decreed working Saturdays, number exactly 10 (11 from
2021), apart from swaps that cross a year end. The tests check this.

Years outside the table raise HolidayTableMissing rather than count without holidays. Add each year once the
Prime Minister's decision is out (usually in October–December of the year before), with its source.

Uncertain values ([U], as docs/rules.md §1.9 tags them) are named in this one place: UNCONFIRMED_YEARS and the `# [U]`
comments.
"""

import bisect
import functools
from datetime import date, timedelta

__all__ = [
    "PUBLIC_HOLIDAYS",
    "UNCONFIRMED_YEARS",
    "WORKING_SATURDAYS",
    "HolidayTableMissing",
    "add_working_days",
    "is_working_day",
    "working_days_between",
]

NEW_YEAR = "Tết Dương lịch"
LUNAR_NEW_YEAR = "Tết Nguyên đán"
HUNG_KINGS = "Giỗ Tổ Hùng Vương"
VICTORY = "Ngày Chiến thắng (30/4)"
LABOUR = "Ngày Quốc tế lao động (1/5)"
NATIONAL = "Quốc khánh (2/9)"
NATIONAL_ADJACENT = "Quốc khánh (ngày liền kề)"


def _in_lieu(name: str) -> str:
    """The compensatory day (nghỉ bù) of a holiday that fell on a Saturday or Sunday."""
    return f"{name} (nghỉ bù)"


def _swapped(saturday: date) -> str:
    """A working day taken off in exchange for a Saturday worked (hoán đổi)."""
    return f"Nghỉ hoán đổi (làm bù thứ Bảy {saturday:%d/%m/%Y})"


def _tet(first: date, last: date) -> tuple[tuple[date, str], ...]:
    """The weekdays of a decreed Tết Nguyên đán block, first and last day included, as the decision states it.

    The block's weekdays are its 5 Tết days, their compensatory days and any swapped day; its Saturdays and
    Sundays are weekly rest days anyway."""
    days = (first + timedelta(n) for n in range((last - first).days + 1))
    return tuple((day, LUNAR_NEW_YEAR) for day in days if day.weekday() < 5)


# Sources are secondary pages quoting the decisions (tags as in docs/rules.md §1.9); "VPCP" = Văn phòng Chính phủ.
# A single holiday that fell on a weekend is listed too, beside its compensatory day, so a reader sees why; a Tết
# block lists its weekdays (_tet).
PUBLIC_HOLIDAYS: dict[int, tuple[tuple[date, str], ...]] = {
    # 2015 [C] MOLISA notice after TTr 89/TTr-LĐTBXH (xahoi.com.vn, baomoi.com): 2/1 swapped with Saturday
    # 27/12/2014 (before the table); Tết 15/2–23/2 with 16/2 swapped for Saturday 14/2 and 23/2 in lieu of mùng 3
    # (Saturday 21/2); 29/4 swapped for Saturday 25/4. Quốc khánh 2/9 a Wednesday, no swap (24h.com.vn).
    2015: (
        (date(2015, 1, 1), NEW_YEAR),
        (date(2015, 1, 2), _swapped(date(2014, 12, 27))),
        *_tet(date(2015, 2, 15), date(2015, 2, 23)),
        (date(2015, 4, 28), HUNG_KINGS),
        (date(2015, 4, 29), _swapped(date(2015, 4, 25))),
        (date(2015, 4, 30), VICTORY),
        (date(2015, 5, 1), LABOUR),
        (date(2015, 9, 2), NATIONAL),
    ),
    # 2016 [C] Government meeting of 29/10/2015 (khachsandanang.net.vn), MOLISA (kienthuc.net.vn): Tết 6/2–14/2,
    # no swap in the year; Giỗ Tổ on Saturday 16/4 → 18/4; 30/4 and 1/5 on the weekend → 2/5 and 3/5.
    2016: (
        (date(2016, 1, 1), NEW_YEAR),
        *_tet(date(2016, 2, 6), date(2016, 2, 14)),
        (date(2016, 4, 16), HUNG_KINGS),
        (date(2016, 4, 18), _in_lieu(HUNG_KINGS)),
        (date(2016, 4, 30), VICTORY),
        (date(2016, 5, 1), LABOUR),
        (date(2016, 5, 2), _in_lieu(VICTORY)),
        (date(2016, 5, 3), _in_lieu(LABOUR)),
        (date(2016, 9, 2), NATIONAL),
    ),
    # 2017 [C] (vietnammoi.vn, MOLISA): 1/1 on Sunday → 2/1; Tết 26/1–1/2 (mùng 1–2 on the weekend, made up on
    # mùng 4–5); 30/4 on Sunday → 2/5; 2/9 on Saturday → 4/9. No swap.
    2017: (
        (date(2017, 1, 1), NEW_YEAR),
        (date(2017, 1, 2), _in_lieu(NEW_YEAR)),
        *_tet(date(2017, 1, 26), date(2017, 2, 1)),
        (date(2017, 4, 6), HUNG_KINGS),
        (date(2017, 4, 30), VICTORY),
        (date(2017, 5, 1), LABOUR),
        (date(2017, 5, 2), _in_lieu(VICTORY)),
        (date(2017, 9, 2), NATIONAL),
        (date(2017, 9, 4), _in_lieu(NATIONAL)),
    ),
    # 2018 [C] (thukyluat.vn; CV 6519/VPCP-KGVX for the year end): Tết 14/2–20/2; 2/9 on Sunday → 3/9;
    # Monday 31/12/2018 swapped for Saturday 5/1/2019 (WORKING_SATURDAYS[2019]).
    2018: (
        (date(2018, 1, 1), NEW_YEAR),
        *_tet(date(2018, 2, 14), date(2018, 2, 20)),
        (date(2018, 4, 25), HUNG_KINGS),
        (date(2018, 4, 30), VICTORY),
        (date(2018, 5, 1), LABOUR),
        (date(2018, 9, 2), NATIONAL),
        (date(2018, 9, 3), _in_lieu(NATIONAL)),
        (date(2018, 12, 31), _swapped(date(2019, 1, 5))),
    ),
    # 2019 [C] (docnhanh.vn, infonet.vietnamnet.vn; CV 6519/VPCP-KGVX): Tết 2/2–10/2; Giỗ Tổ on Sunday 14/4 →
    # 15/4; Monday 29/4 swapped for Saturday 4/5.
    2019: (
        (date(2019, 1, 1), NEW_YEAR),
        *_tet(date(2019, 2, 2), date(2019, 2, 10)),
        (date(2019, 4, 14), HUNG_KINGS),
        (date(2019, 4, 15), _in_lieu(HUNG_KINGS)),
        (date(2019, 4, 29), _swapped(date(2019, 5, 4))),
        (date(2019, 4, 30), VICTORY),
        (date(2019, 5, 1), LABOUR),
        (date(2019, 9, 2), NATIONAL),
    ),
    # 2020 [C] (kienthuc.net.vn, socongthuong.daklak.gov.vn): Tết 23/1–29/1 (mùng 1–2 on the weekend, made up on
    # mùng 4–5); every other holiday on a weekday, no swap.
    2020: (
        (date(2020, 1, 1), NEW_YEAR),
        *_tet(date(2020, 1, 23), date(2020, 1, 29)),
        (date(2020, 4, 2), HUNG_KINGS),
        (date(2020, 4, 30), VICTORY),
        (date(2020, 5, 1), LABOUR),
        (date(2020, 9, 2), NATIONAL),
    ),
    # 2021 [C] (vietnamnet.vn on the MOLISA plan; published holiday lists): Labour Code 2019 in force. Tết
    # 10/2–16/2; 1/5 on Saturday → 3/5; Quốc khánh 2/9 and Friday 3/9.
    2021: (
        (date(2021, 1, 1), NEW_YEAR),
        *_tet(date(2021, 2, 10), date(2021, 2, 16)),
        (date(2021, 4, 21), HUNG_KINGS),
        (date(2021, 4, 30), VICTORY),
        (date(2021, 5, 1), LABOUR),
        (date(2021, 5, 3), _in_lieu(LABOUR)),
        (date(2021, 9, 2), NATIONAL),
        (date(2021, 9, 3), NATIONAL_ADJACENT),
    ),
    # 2022 [C] (CV 245/VPCP-KGVX; vnfinance.vn, qbtv.vn): 1/1 on Saturday → 3/1; Tết 29/1–6/2; Giỗ Tổ on Sunday
    # 10/4 → 11/4; 30/4 and 1/5 on the weekend → 2/5 and 3/5; Quốc khánh Thursday 1/9 and 2/9.
    2022: (
        (date(2022, 1, 1), NEW_YEAR),
        (date(2022, 1, 3), _in_lieu(NEW_YEAR)),
        *_tet(date(2022, 1, 29), date(2022, 2, 6)),
        (date(2022, 4, 10), HUNG_KINGS),
        (date(2022, 4, 11), _in_lieu(HUNG_KINGS)),
        (date(2022, 4, 30), VICTORY),
        (date(2022, 5, 1), LABOUR),
        (date(2022, 5, 2), _in_lieu(VICTORY)),
        (date(2022, 5, 3), _in_lieu(LABOUR)),
        (date(2022, 9, 1), NATIONAL_ADJACENT),
        (date(2022, 9, 2), NATIONAL),
    ),
    # 2023 [C] (CV 8056/VPCP-KGVX of 01/12/2022; tvpl; vnexpress via investinquangninh.vn): 1/1 on Sunday → 2/1;
    # Tết 20/1–26/1; Giỗ Tổ on Saturday 29/4 → 2/5 and 30/4 on Sunday → 3/5, so 29/4–3/5 off by compensation
    # alone: no swap, no working Saturday (6/5/2023 was an ordinary Saturday). Quốc khánh Friday 1/9 and
    # Saturday 2/9 → Monday 4/9.
    2023: (
        (date(2023, 1, 1), NEW_YEAR),
        (date(2023, 1, 2), _in_lieu(NEW_YEAR)),
        *_tet(date(2023, 1, 20), date(2023, 1, 26)),
        (date(2023, 4, 29), HUNG_KINGS),
        (date(2023, 4, 30), VICTORY),
        (date(2023, 5, 1), LABOUR),
        (date(2023, 5, 2), _in_lieu(HUNG_KINGS)),
        (date(2023, 5, 3), _in_lieu(VICTORY)),
        (date(2023, 9, 1), NATIONAL_ADJACENT),
        (date(2023, 9, 2), NATIONAL),
        (date(2023, 9, 4), _in_lieu(NATIONAL)),
    ),
    # 2024 [C] (MOLISA notice, sucsongtre.vn / chinhphu.vn; CV 2450/VPCP-KGVX for 29/4): Tết 8/2–14/2; Monday
    # 29/4 swapped for Saturday 4/5; Quốc khánh 2/9 and Tuesday 3/9.
    2024: (
        (date(2024, 1, 1), NEW_YEAR),
        *_tet(date(2024, 2, 8), date(2024, 2, 14)),
        (date(2024, 4, 18), HUNG_KINGS),
        (date(2024, 4, 29), _swapped(date(2024, 5, 4))),
        (date(2024, 4, 30), VICTORY),
        (date(2024, 5, 1), LABOUR),
        (date(2024, 9, 2), NATIONAL),
        (date(2024, 9, 3), NATIONAL_ADJACENT),
    ),
    # 2025 [C] (CV 8726/VPCP-KGVX; MOLISA notice via baophapluat.vn, vietnamplus.vn): Tết 25/1–2/2; Friday 2/5
    # swapped for Saturday 26/4; Quốc khánh Monday 1/9 and 2/9.
    2025: (
        (date(2025, 1, 1), NEW_YEAR),
        *_tet(date(2025, 1, 25), date(2025, 2, 2)),
        (date(2025, 4, 7), HUNG_KINGS),
        (date(2025, 4, 30), VICTORY),
        (date(2025, 5, 1), LABOUR),
        (date(2025, 5, 2), _swapped(date(2025, 4, 26))),
        (date(2025, 9, 1), NATIONAL_ADJACENT),
        (date(2025, 9, 2), NATIONAL),
    ),
    # 2026 [C] Tết and Quốc khánh: Prime Minister's agreement of 13/10/2025 (kienthuc.net.vn, thanhnien.vn):
    # Tết 14/2–22/2; Quốc khánh Tuesday 1/9 and 2/9, Monday 31/8 swapped for Saturday 22/8. Tết Dương lịch:
    # CV 12729/VPCP-KGVX of 25/12/2025, Friday 2/1 swapped for Saturday 10/1. Giỗ Tổ on Sunday 26/4 → 27/4
    # (thanhnien.vn, 23/02/2026).
    # [U] Ngày Văn hóa Việt Nam (24/11) is to become a paid holiday (Nghị quyết 80-NQ/TW, Nghị quyết 30/NQ-CP);
    # not in force while the Labour Code is unamended (02/2026), so not listed. Add it when the law passes.
    2026: (
        (date(2026, 1, 1), NEW_YEAR),
        (date(2026, 1, 2), _swapped(date(2026, 1, 10))),
        *_tet(date(2026, 2, 14), date(2026, 2, 22)),
        (date(2026, 4, 26), HUNG_KINGS),
        (date(2026, 4, 27), _in_lieu(HUNG_KINGS)),
        (date(2026, 4, 30), VICTORY),
        (date(2026, 5, 1), LABOUR),
        (date(2026, 8, 31), _swapped(date(2026, 8, 22))),
        (date(2026, 9, 1), NATIONAL_ADJACENT),
        (date(2026, 9, 2), NATIONAL),
    ),
    # 2027 [U] unconfirmed: no decision seen. Fixed by law: 1/1 (Friday), Giỗ Tổ 16/4 (Friday; 10/3 lunar),
    # 30/4 (Friday), 1/5 on Saturday → Monday 3/5, 2/9 (Thursday). A reading, from precedent:
    2027: (
        (date(2027, 1, 1), NEW_YEAR),
        # [U] unconfirmed: mùng 1 Tết is Saturday 6/2/2027; block read as 4/2 (Thursday) – 10/2 (Wednesday),
        # as in 2017, 2020 and 2024 when mùng 1 also fell on a Saturday.
        *_tet(date(2027, 2, 4), date(2027, 2, 10)),
        (date(2027, 4, 16), HUNG_KINGS),
        (date(2027, 4, 30), VICTORY),
        (date(2027, 5, 1), LABOUR),
        (date(2027, 5, 3), _in_lieu(LABOUR)),
        (date(2027, 9, 2), NATIONAL),
        (date(2027, 9, 3), NATIONAL_ADJACENT),  # [U] unconfirmed: Friday after, as in 2021 (2/9 a Thursday)
    ),
}

# Saturdays decreed working days, each making up a swapped weekday listed above. 27/12/2014 (for 2/1/2015) is
# before the table.
WORKING_SATURDAYS: dict[int, tuple[date, ...]] = {
    2015: (date(2015, 2, 14), date(2015, 4, 25)),
    2019: (date(2019, 1, 5), date(2019, 5, 4)),
    2024: (date(2024, 5, 4),),
    2025: (date(2025, 4, 26),),
    2026: (date(2026, 1, 10), date(2026, 8, 22)),
}

# Years whose days off are a reading, not a published decision ([U] in docs/rules.md §1.9): a deadline that reaches into
# one of them may move when the decision comes out.
UNCONFIRMED_YEARS: frozenset[int] = frozenset({2027})


class HolidayTableMissing(LookupError):
    """The days off of a year are not in PUBLIC_HOLIDAYS, so its working days cannot be counted."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"No public-holiday table for {year}: working days in {year} cannot be counted. "
            f"Add the year's days off to members/calendar.py (PUBLIC_HOLIDAYS, WORKING_SATURDAYS)."
        )


@functools.cache
def _working_days(year: int) -> tuple[int, ...]:
    """The ordinals of the year's working days, in order (built once per year, on first use)."""
    if year not in PUBLIC_HOLIDAYS:
        raise HolidayTableMissing(year)
    off = {day for day, _name in PUBLIC_HOLIDAYS[year]}
    saturdays = set(WORKING_SATURDAYS.get(year, ()))
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    return tuple(
        ordinal
        for ordinal in range(first, last + 1)
        if (day := date.fromordinal(ordinal)) in saturdays or (day.weekday() < 5 and day not in off)
    )


@functools.cache
def _working_set(year: int) -> frozenset[int]:
    return frozenset(_working_days(year))


def is_working_day(day: date) -> bool:
    """Whether public offices work on `day`: Monday to Friday and not a day off, or a decreed working Saturday.

    Raises HolidayTableMissing for a year outside the table."""
    return day.toordinal() in _working_set(day.year)


def add_working_days(start: date, n: int) -> date:
    """The day `n` working days after `start`, `start` itself not counted; `start` when n == 0.

    "Within 60 working days of the resolution" (docs/rules.md §1.8) ends on add_working_days(resolution, 60): the last
    day allowed. The result is always a working day when n > 0. Raises HolidayTableMissing when the count runs
    through a year outside the table, and ValueError for a negative n."""
    if n < 0:
        raise ValueError(f"n must be zero or more, not {n}")
    if n == 0:
        return start
    year = start.year
    days = _working_days(year)
    index = bisect.bisect_right(days, start.toordinal())
    remaining = n
    while remaining > len(days) - index:
        remaining -= len(days) - index
        year += 1
        days = _working_days(year)
        index = 0
    return date.fromordinal(days[index + remaining - 1])


def _working_days_upto(day: date) -> int:
    """How many working days of `day`'s year fall on or before `day`."""
    return bisect.bisect_right(_working_days(day.year), day.toordinal())


def working_days_between(start: date, end: date) -> int:
    """The number of working days d with start < d <= end; negative (-(end, start] count) when end < start.

    Days left before a deadline: working_days_between(today, due); overdue when negative. For every n >= 0,
    working_days_between(start, add_working_days(start, n)) == n. Raises HolidayTableMissing when the span
    touches a year outside the table."""
    if end < start:
        return -working_days_between(end, start)
    count = _working_days_upto(end) - _working_days_upto(start)
    for year in range(start.year, end.year):
        count += len(_working_days(year))
    return count


def working_days_before(end: date, n: int) -> date:
    """The earliest day `start` with add_working_days(start, n) >= end: a step taken on or after it is still within
    n working days on `end` ("transfers of the last 30 working days"). Raises HolidayTableMissing outside the
    table, and ValueError for a negative n."""
    if n < 0:
        raise ValueError(f"n must be zero or more, not {n}")
    if n == 0:
        return end
    year = end.year
    days = _working_days(year)
    index = bisect.bisect_left(days, end.toordinal())  # working days strictly before `end` in its year
    remaining = n
    while remaining > index:
        remaining -= index
        year -= 1
        days = _working_days(year)
        index = len(days)
    # The n-th working day before `end`: from it, the n-th working day after is `end` or the first one after.
    return date.fromordinal(days[index - remaining])

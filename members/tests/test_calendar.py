"""Working days for the Party's working-day deadlines (docs/rules.md §1.9): pure functions, no database."""

from datetime import date, timedelta

import pytest

from members.calendar import (
    PUBLIC_HOLIDAYS,
    UNCONFIRMED_YEARS,
    WORKING_SATURDAYS,
    HolidayTableMissing,
    add_working_days,
    is_working_day,
    working_days_between,
)

FIRST_YEAR, LAST_YEAR = 2015, 2027


def days(first: date, last: date):
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# The table ---------------------------------------------------------------------------------------------------


def test_the_table_covers_every_year_from_2015_to_2027():
    """docs/rules.md §1.9: deadlines from 2015 on are counted in working days, so each year needs its days off."""
    assert sorted(PUBLIC_HOLIDAYS) == list(range(FIRST_YEAR, LAST_YEAR + 1))
    assert set(WORKING_SATURDAYS) <= set(PUBLIC_HOLIDAYS)
    assert UNCONFIRMED_YEARS.issubset(PUBLIC_HOLIDAYS)


def test_each_year_lists_its_own_dates_once_and_in_order():
    for year, entries in PUBLIC_HOLIDAYS.items():
        dates = [day for day, _name in entries]
        assert all(day.year == year for day in dates), year
        assert dates == sorted(set(dates)), year
        assert all(name for _day, name in entries), year


def test_working_saturdays_are_saturdays_and_not_days_off():
    for year, saturdays in WORKING_SATURDAYS.items():
        off = {day for day, _name in PUBLIC_HOLIDAYS[year]}
        for day in saturdays:
            assert day.year == year and day.weekday() == 5 and day not in off, day
            assert is_working_day(day)


# Swaps whose two halves fall in different years: 2/1/2015 for Saturday 27/12/2014; 31/12/2018 for 5/1/2019.
CROSS_YEAR_SWAPS = {2015: 1, 2018: 1, 2019: -1}


@pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
def test_each_year_takes_off_exactly_its_legal_number_of_weekdays(year):
    """Labour Code 2012 art. 115 gives 10 days off a year, Labour Code 2019 art. 112 gives 11 from 2021; a day off on
    a weekend is made up on a weekday, and each swapped weekday is worked back on a Saturday. So the weekdays off
    less the working Saturdays are exactly 10 or 11: a Tết block or a compensatory day too many or too few shows."""
    weekdays_off = [day for day, _name in PUBLIC_HOLIDAYS[year] if day.weekday() < 5]
    legal = 10 if year <= 2020 else 11
    net = len(weekdays_off) - len(WORKING_SATURDAYS.get(year, ()))
    assert net == legal + CROSS_YEAR_SWAPS.get(year, 0)
    assert sum(not is_working_day(day) for day in days(date(year, 1, 1), date(year, 12, 31))
               if day.weekday() < 5) == len(weekdays_off)


# Which days are working days ---------------------------------------------------------------------------------


def test_weekends_are_not_working_days():
    """docs/rules.md §1.9 counts working days: Saturdays and Sundays are skipped."""
    assert is_working_day(date(2024, 3, 8))  # a Friday
    assert not is_working_day(date(2024, 3, 9))  # Saturday
    assert not is_working_day(date(2024, 3, 10))  # Sunday
    assert add_working_days(date(2024, 3, 8), 1) == date(2024, 3, 11)
    assert add_working_days(date(2024, 3, 9), 1) == date(2024, 3, 11)
    assert add_working_days(date(2024, 3, 4), 5) == date(2024, 3, 11)


def test_a_decreed_working_saturday_is_a_working_day():
    """docs/rules.md §1.9: 2/5/2025 (Friday) was swapped for Saturday 26/4/2025, which counts as a working day."""
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2025, 4, 19))
    assert add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)


def test_the_tet_block_is_skipped():
    """docs/rules.md §1.8: 60 working days from the chi bộ resolution; Tết Giáp Thìn (8/2–14/2/2024) is not counted.

    By hand, from Tuesday 2/1/2024 (not counted):
      January 3–31: 3 + 5 + 5 + 5 + 3 = 21 working days            → 21
      February 1–2 (2), 5–7 (3); 8, 9, 12, 13, 14 are Tết; 15–16 (2) → 28
      February 19–23 (5), 26–29 (4)                                 → 37
      March 1 (1), 4–8, 11–15, 18–22, 25–29 (20)                    → 58
      April 1, April 2                                              → 60: the deadline is Tuesday 2/4/2024,
    five working days later than 26/3/2024, which a count without Tết would give."""
    assert [is_working_day(day) for day in days(date(2024, 2, 7), date(2024, 2, 15))] == [
        True, False, False, False, False, False, False, False, True,
    ]
    assert add_working_days(date(2024, 1, 2), 60) == date(2024, 4, 2)
    assert working_days_between(date(2024, 1, 2), date(2024, 4, 2)) == 60
    assert add_working_days(date(2024, 2, 7), 1) == date(2024, 2, 15)


def test_quoc_khanh_is_two_days_from_2021_and_one_before():
    """docs/rules.md §1.9 deadlines across September: Labour Code 2019 adds the day next to 2/9 (3/9/2021), which
    Labour Code 2012 did not (3/9/2020 was worked)."""
    assert not is_working_day(date(2021, 9, 2))
    assert not is_working_day(date(2021, 9, 3))
    assert add_working_days(date(2021, 9, 1), 1) == date(2021, 9, 6)
    assert not is_working_day(date(2020, 9, 2))
    assert is_working_day(date(2020, 9, 3))
    assert add_working_days(date(2020, 9, 1), 1) == date(2020, 9, 3)
    assert not is_working_day(date(2024, 9, 3))  # the day after, 2024
    assert not is_working_day(date(2025, 9, 1))  # the day before, 2025


def test_30_april_and_1_may_are_skipped():
    """docs/rules.md §1.9: 30/4 and 1/5 are days off; in 2024 Monday 29/4 was swapped for Saturday 4/5."""
    assert add_working_days(date(2024, 4, 26), 1) == date(2024, 5, 2)
    assert is_working_day(date(2024, 5, 4))
    assert add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 4)
    assert add_working_days(date(2020, 4, 29), 1) == date(2020, 5, 4)


def test_a_holiday_on_sunday_is_made_up_on_monday():
    """docs/rules.md §1.9: Quốc khánh fell on Sunday 2/9/2018, so Monday 3/9/2018 was the compensatory day (nghỉ bù);
    Giỗ Tổ on Sunday 10/4/2022 gave Monday 11/4/2022."""
    assert not is_working_day(date(2018, 9, 3))
    assert add_working_days(date(2018, 8, 31), 1) == date(2018, 9, 4)
    assert not is_working_day(date(2022, 4, 11))
    assert add_working_days(date(2022, 4, 8), 1) == date(2022, 4, 12)


def test_a_holiday_on_saturday_is_made_up_on_the_next_working_day():
    """docs/rules.md §1.9: in 2023 Giỗ Tổ (Saturday 29/4) and 30/4 (Sunday) were made up on 2/5 and 3/5, after 1/5;
    no Saturday was worked for it."""
    assert [is_working_day(day) for day in days(date(2023, 4, 28), date(2023, 5, 6))] == [
        True, False, False, False, False, False, True, True, False,
    ]


# Counting -------------------------------------------------------------------------------------------------------


def test_zero_working_days_is_the_start_itself():
    """docs/rules.md §1.9: n == 0 returns the start, even on a day off."""
    assert add_working_days(date(2024, 2, 10), 0) == date(2024, 2, 10)
    assert add_working_days(date(2024, 3, 5), 0) == date(2024, 3, 5)
    assert working_days_between(date(2024, 3, 5), date(2024, 3, 5)) == 0


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2024, 3, 5), -1)


def test_counting_crosses_the_new_year():
    """docs/rules.md §7.1: 30 working days from 20/12/2018 run through 31/12/2018 (swapped) and 1/1/2019, and count
    Saturday 5/1/2019."""
    start = date(2018, 12, 20)
    deadline = add_working_days(start, 30)
    assert working_days_between(start, deadline) == 30
    # 21, 24–28 Dec (6), 2–4 Jan (3), Sat 5 Jan (1), 7–11, 14–18, 21–25 (15), 28–31 Jan (4), 1 Feb (1) = 30
    assert deadline == date(2019, 2, 1)


def test_days_between_is_negative_when_the_deadline_has_passed():
    """docs/rules.md §1.8: days left before a deadline, negative once overdue (a missed deadline is accounted for)."""
    assert working_days_between(date(2024, 4, 2), date(2024, 3, 29)) == -2
    assert working_days_between(date(2024, 3, 29), date(2024, 4, 2)) == 2


def test_adding_the_days_between_two_dates_gives_the_later_date_back():
    """docs/rules.md §1.9: a deadline and the days left to it agree. For every start and every working-day end on
    or after it, add_working_days(start, working_days_between(start, end)) == end; for every n, the days between
    start and add_working_days(start, n) are n; and working_days_between is antisymmetric."""
    checked = 0
    start = date(FIRST_YEAR, 1, 1)
    while start <= date(LAST_YEAR, 7, 31):
        for offset in (*range(20), 29, 45, 61, 90, 97, 120):
            end = start + timedelta(offset)
            if is_working_day(end):
                assert add_working_days(start, working_days_between(start, end)) == end, (start, end)
                checked += 1
            assert working_days_between(end, start) == -working_days_between(start, end)
        for n in (1, 2, 30, 60, 90):
            assert working_days_between(start, add_working_days(start, n)) == n, (start, n)
        start += timedelta(3)
    assert checked > 25_000


def test_a_working_day_deadline_always_lands_on_a_working_day():
    start = date(FIRST_YEAR, 1, 1)
    while start <= date(LAST_YEAR, 9, 30):
        for n in (1, 30, 60):
            assert is_working_day(add_working_days(start, n)), (start, n)
        start += timedelta(1)


# Outside the table -----------------------------------------------------------------------------------------------


def test_a_year_without_a_holiday_table_raises():
    """docs/rules.md §1.9: no deadline is computed without the year's holidays; the error names the year."""
    with pytest.raises(HolidayTableMissing, match="2030") as raised:
        is_working_day(date(2030, 3, 4))
    assert isinstance(raised.value, LookupError)
    assert raised.value.year == 2030
    with pytest.raises(HolidayTableMissing, match="2030"):
        add_working_days(date(2030, 3, 4), 60)
    with pytest.raises(HolidayTableMissing, match="2030"):
        working_days_between(date(2024, 3, 4), date(2030, 3, 4))
    with pytest.raises(HolidayTableMissing, match="2014"):
        working_days_between(date(2014, 12, 1), date(2015, 1, 5))


def test_a_deadline_running_past_the_table_raises_rather_than_guess():
    """docs/rules.md §1.9: 60 working days from mid-December 2027 end in 2028, which has no table yet."""
    with pytest.raises(HolidayTableMissing, match="2028"):
        add_working_days(date(2027, 12, 15), 60)
    assert add_working_days(date(2027, 12, 15), 5) == date(2027, 12, 22)

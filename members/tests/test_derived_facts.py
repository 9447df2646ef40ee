"""What a member's events add up to: end of probation, deadlines, Party age, the next badge, the rules in force
(docs/rules.md §1, §5, §7). Pure code over lightweight fake events, no database."""

import datetime
from dataclasses import dataclass

import pytest

from members.lifecycle import Badge, Lifecycle
from members.models import EventKind
from members.rules import add_months, rules_on, whole_months_between

D = datetime.date
K = EventKind


@dataclass(frozen=True)
class Ev:
    """A stand-in for MembershipEvent: all that Lifecycle reads."""

    kind: str
    effective_date: datetime.date
    ends_on: datetime.date | None = None  # of an interruption

    def get_kind_display(self):
        return EventKind(self.kind).label


def life(*steps) -> Lifecycle:
    """Events from (kind, day) pairs, or Ev rows given as they are (an interruption with its end)."""
    return Lifecycle([step if isinstance(step, Ev) else Ev(*step) for step in steps])


def admitted(decision: D, *later) -> Lifecycle:
    """A member admitted on `decision`, with the ceremony 14 days later, recognised after 12 months, then `later`."""
    ceremony = decision + datetime.timedelta(days=14)
    return life(
        (K.CANDIDATE, decision - datetime.timedelta(days=120)),
        (K.ADMISSION_DECISION, decision), (K.CEREMONY, ceremony),
        (K.CELL_RECOGNITION_RESOLUTION, add_months(ceremony, 12)), (K.RECOGNITION_DECISION, add_months(ceremony, 13)),
        *later,
    )


# Probation and month arithmetic ---------------------------------------------------------------------------------


def test_probation_ends_twelve_months_after_the_ceremony_on_the_same_day():
    """docs/rules.md §1.11 probation: 12 months from the ceremony (15/06/2021 → 15/06/2022)."""
    assert life((K.CEREMONY, D(2021, 6, 15))).probation_ends_on == D(2022, 6, 15)
    assert life((K.CEREMONY, D(2023, 1, 31))).probation_ends_on == D(2024, 1, 31)
    assert life((K.CEREMONY, D(2024, 2, 29))).probation_ends_on == D(2025, 2, 28)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2024, 1, 31), 1, D(2024, 2, 29)),  # a leap year
    (D(2023, 1, 31), 1, D(2023, 2, 28)),
    (D(2023, 1, 31), 12, D(2024, 1, 31)),  # whole years keep the day
    (D(2024, 3, 31), 1, D(2024, 4, 30)),
    (D(2024, 3, 31), -1, D(2024, 2, 29)),  # backwards, as for an early badge
    (D(2024, 1, 15), -13, D(2022, 12, 15)),
])
def test_adding_months_clamps_to_the_end_of_a_shorter_month(day, months, expected):
    """docs/rules.md §1.11 (ages and probation counted in months): the same day, or the month's last day when
    shorter."""
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2024, 1, 31), D(2024, 2, 28), 0),
    (D(2024, 1, 31), D(2024, 2, 29), 1),  # 31/01 + 1 month is the last day of February
    (D(2024, 3, 31), D(2024, 4, 30), 1),
    (D(2021, 6, 15), D(2022, 6, 14), 11),
    (D(2021, 6, 15), D(2022, 6, 15), 12),
    (D(2003, 3, 11), D(2021, 3, 10), 215),  # one day short of 18 years
])
def test_whole_months_count_only_completed_months(start, end, expected):
    """docs/rules.md §1.1 conditions: age counted in whole months."""
    assert whole_months_between(start, end) == expected


def test_official_membership_dates_from_the_end_of_probation_even_when_the_decision_is_late():
    """docs/rules.md §1.12 recognition: official on the exact day the 12 months end, even if the chi bộ acts late."""
    probationary = life((K.CANDIDATE, D(2021, 1, 4)), (K.ADMISSION_DECISION, D(2021, 6, 1)),
                        (K.CEREMONY, D(2021, 6, 15)), (K.CELL_RECOGNITION_RESOLUTION, D(2022, 7, 20)))
    assert probationary.status == "probationary" and probationary.official_on is None
    official = Lifecycle([*probationary.events, Ev(K.RECOGNITION_DECISION, D(2022, 8, 10))])
    assert official.status == "official" and official.official_on == D(2022, 6, 15)


def test_a_readmitted_member_in_a_new_probation_is_not_official():
    """docs/rules.md §1.14: readmission "includes a new probation"; the recognition of the first admission does not
    make the readmitted member official."""
    lifecycle = admitted(
        D(2010, 3, 1),
        (K.RESIGNATION, D(2015, 1, 5)), (K.CANDIDATE, D(2018, 1, 8)), (K.READMISSION_DECISION, D(2018, 3, 1)),
        (K.CEREMONY, D(2018, 3, 20)),
    )
    assert lifecycle.status == "probationary"
    assert lifecycle.probation_ends_on == D(2019, 3, 20)
    assert lifecycle.official_on is None


# Deadlines in working days --------------------------------------------------------------------------------------


def admission_deadline(lifecycle):
    [deadline] = [d for d in lifecycle.deadlines() if d.label.startswith("Quyết định kết nạp")]
    return deadline


def test_the_admission_decision_is_due_sixty_working_days_after_the_chi_bo_resolution_tet_excluded():
    """docs/rules.md §1.8 deadlines: 60 working days from the chi bộ resolution to the admission decision.

    Resolution Tuesday 02/01/2024 (1/1 is before it, not counted). Working days after it: January 3–31 → 21;
    1, 2, 5, 6, 7 February → 26; Tết 8–14/2/2024 off; 15, 16 → 28; 19–23 → 33; 26–29 → 37; 1 March → 38;
    4–29 March (four weeks) → 58; Monday 1 April → 59; Tuesday 02/04/2024 → 60."""
    lifecycle = life((K.CANDIDATE, D(2023, 11, 1)), (K.AWARENESS_COURSE, D(2023, 11, 15)),
                     (K.CELL_ADMISSION_RESOLUTION, D(2024, 1, 2)))
    deadline = admission_deadline(lifecycle)
    assert deadline.due == D(2024, 4, 2)
    assert deadline.working_days_left(D(2024, 3, 29)) == 2  # Friday: Monday 1 and Tuesday 2 April left
    assert deadline.working_days_left(D(2024, 4, 2)) == 0 and not deadline.is_overdue(D(2024, 4, 2))
    assert deadline.working_days_left(D(2024, 4, 5)) == -3  # 3, 4, 5 April overdue
    assert deadline.is_overdue(D(2024, 4, 5))


def test_a_deadline_met_is_not_overdue():
    """docs/rules.md §1.8 deadlines: the step done, nothing is overdue afterwards."""
    lifecycle = life((K.CANDIDATE, D(2023, 11, 1)), (K.AWARENESS_COURSE, D(2023, 11, 15)),
                     (K.CELL_ADMISSION_RESOLUTION, D(2024, 1, 2)), (K.WARD_ADMISSION_RESOLUTION, D(2024, 2, 20)),
                     (K.ADMISSION_DECISION, D(2024, 3, 1)))
    deadline = admission_deadline(lifecycle)
    assert deadline.done_on == D(2024, 3, 1)
    assert not deadline.is_overdue(D(2024, 6, 1))


def test_the_ceremony_is_due_thirty_working_days_after_the_decision():
    """docs/rules.md §1.10 ceremony: within 30 working days of receiving the decision.

    Decision Tuesday 06/04/2021: 7–9 April → 3; 12–16 → 8; 19, 20, 22, 23 (Giỗ Tổ 21/4) → 12; 26–29 (30/4 off)
    → 16; Monday 3/5 off (1/5 fell on a Saturday); 4–7 May → 20; 10–14 → 25; 17–21 → 30: Friday 21/05/2021."""
    lifecycle = life((K.CANDIDATE, D(2020, 9, 1)), (K.ADMISSION_DECISION, D(2021, 4, 6)))
    [deadline] = lifecycle.deadlines()
    assert deadline.label.startswith("Lễ kết nạp")
    assert (deadline.due, deadline.done_on) == (D(2021, 5, 21), None)


def test_the_chi_bo_must_consider_recognition_within_thirty_working_days_after_probation():
    """docs/rules.md §1.12 recognition: the chi bộ acts within 30 working days after the 12 months end.

    Ceremony 20/04/2021 → probation ends Wednesday 20/04/2022: 21, 22 April → 2; 25–29 → 7; 2 and 3 May off (30/4
    and 1/5 fell on the weekend); 4–6 May → 10; 9–13 → 15; 16–20 → 20; 23–27 → 25; 30, 31 May, 1–3 June → 30."""
    lifecycle = life((K.CANDIDATE, D(2020, 9, 1)), (K.ADMISSION_DECISION, D(2021, 4, 6)), (K.CEREMONY, D(2021, 4, 20)))
    [deadline] = [d for d in lifecycle.deadlines() if d.label.startswith("Chi bộ xét")]
    assert deadline.due == D(2022, 6, 3)


def test_the_recognition_decision_is_due_thirty_working_days_after_the_chi_bo_resolution():
    """docs/rules.md §1.8 deadlines: 30 working days from the chi bộ resolution to decide official membership.

    Resolution Tuesday 10/05/2022: 11–13 May → 3; 16–20 → 8; 23–27 → 13; 30, 31 → 15; 1–3 June → 18; 6–10 → 23;
    13–17 → 28; 20, 21 → 30: Tuesday 21/06/2022."""
    lifecycle = life((K.CANDIDATE, D(2020, 9, 1)), (K.ADMISSION_DECISION, D(2021, 4, 6)), (K.CEREMONY, D(2021, 4, 20)),
                     (K.CELL_RECOGNITION_RESOLUTION, D(2022, 5, 10)))
    [deadline] = [d for d in lifecycle.deadlines() if d.label.startswith("Quyết định công nhận")]
    assert (deadline.due, deadline.done_on) == (D(2022, 6, 21), None)


def test_a_round_not_admitted_leaves_no_admission_deadline_behind():
    """docs/rules.md §1.8 deadlines: the 60 working days run for the current dossier; a candidate not admitted who
    starts a new round has no decision due on the old chi bộ resolution."""
    lifecycle = life((K.CANDIDATE, D(2020, 9, 1)), (K.AWARENESS_COURSE, D(2020, 10, 5)),
                     (K.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2)), (K.NOT_ADMITTED, D(2021, 5, 4)),
                     (K.CANDIDATE, D(2022, 1, 4)))
    assert lifecycle.status == "candidate"
    assert lifecycle.deadlines() == []


def test_steps_before_the_holiday_table_have_no_deadline():
    """members/calendar.py: working days are counted from 2015; an older step is history, not a deadline."""
    lifecycle = life((K.CANDIDATE, D(2009, 9, 1)), (K.AWARENESS_COURSE, D(2009, 10, 1)),
                     (K.CELL_ADMISSION_RESOLUTION, D(2010, 1, 5)), (K.ADMISSION_DECISION, D(2010, 2, 1)),
                     (K.CEREMONY, D(2010, 3, 1)))
    assert lifecycle.status == "probationary"
    assert lifecycle.deadlines() == []


# Party age -------------------------------------------------------------------------------------------------------


def test_party_age_runs_from_the_admission_decision_in_whole_months():
    """docs/rules.md §1.13 Party age: from the date the admission decision was signed."""
    lifecycle = admitted(D(2021, 4, 6))
    assert lifecycle.party_age(D(2031, 4, 6)) == (10, 0)
    assert lifecycle.party_age(D(2031, 4, 5)) == (9, 11)


def readmitted():
    """Admitted 06/04/2021, resigned 01/10/2021, readmitted 01/10/2024 (36 months later), ceremony 15/10/2024."""
    return life(
        (K.CANDIDATE, D(2020, 9, 1)), (K.ADMISSION_DECISION, D(2021, 4, 6)), (K.CEREMONY, D(2021, 4, 20)),
        (K.RESIGNATION, D(2021, 10, 1)), (K.CANDIDATE, D(2024, 1, 2)), (K.READMISSION_DECISION, D(2024, 10, 1)),
        (K.CEREMONY, D(2024, 10, 15)),
    )


def test_party_age_of_a_readmitted_member_counts_from_the_first_admission_minus_the_time_out():
    """docs/rules.md §1.13 Party age: readmitted members count from the first admission decision, minus the gaps."""
    lifecycle = readmitted()
    assert lifecycle.admitted_on == D(2021, 4, 6)
    out = (D(2024, 10, 1) - D(2021, 10, 1)).days  # 1096 days, 29/02/2024 included
    assert lifecycle.party_age_days(D(2025, 4, 6)) == (D(2025, 4, 6) - D(2021, 4, 6)).days - out
    assert lifecycle.party_age(D(2025, 4, 6)) == (1, 0)
    assert lifecycle.party_age(D(2025, 4, 5)) == (0, 11)


def test_years_active_elsewhere_are_not_deducted_only_the_interruption_entered():
    """docs/rules.md §1.13 Party age: a member who transferred away in 2000 and came back in 2015 keeps those years;
    only an interruption (EventKind.INTERRUPTION, e.g. a transfer presented late) is deducted."""
    away = admitted(D(1990, 4, 6), (K.TRANSFER_OUT, D(2000, 4, 6)), (K.TRANSFER_IN, D(2015, 4, 6)))
    assert away.party_age(D(2026, 4, 6)) == (36, 0)
    interrupted = admitted(D(2021, 4, 6), (K.TRANSFER_OUT, D(2023, 4, 6)), (K.TRANSFER_IN, D(2023, 7, 6)),
                           Ev(K.INTERRUPTION, D(2023, 4, 6), D(2023, 7, 6)))
    assert interrupted.party_age(D(2031, 4, 6)) == (9, 9)  # three months out, three months less
    assert interrupted.party_age(D(2023, 5, 6)) == (2, 0)  # asked about a day within it


def test_party_age_on_a_day_out_of_the_party_does_not_count_the_time_out():
    """docs/rules.md §1.13 Party age: time out of Party activity does not count, also when asked about a day in the
    past of a member who has since come back (resigned 01/10/2021 after 5 months 25 days; readmitted 01/10/2024)."""
    assert readmitted().party_age(D(2023, 10, 1)) == (0, 5)


@pytest.mark.parametrize("lifecycle", [
    admitted(D(1986, 5, 19)),
    admitted(D(1990, 4, 6), (K.TRANSFER_OUT, D(2000, 4, 6)), (K.TRANSFER_IN, D(2015, 4, 6))),
    admitted(D(1992, 3, 10), Ev(K.INTERRUPTION, D(1999, 2, 1), D(2003, 8, 17))),
    admitted(D(1992, 3, 10), Ev(K.INTERRUPTION, D(1999, 2, 1), D(2003, 8, 17)), (K.TEMPORARY_OUT, D(2010, 1, 4)),
             (K.TEMPORARY_RETURN, D(2011, 1, 4))),
], ids=["continuous", "transferred-and-back", "interrupted", "interrupted-and-away"])
def test_the_badge_list_the_next_badge_and_party_age_agree_on_the_day_a_milestone_is_reached(lifecycle):
    """docs/rules.md §5.1: one computation of Party age (Lifecycle.age_base_on) for the dossier's age, the badge list's
    cached date and the next badge: on the day the badge's milestone is reached, Party age is exactly that."""
    on = D(2026, 6, 1)
    badge = lifecycle.next_badge(on)
    assert badge.reached_on == add_months(lifecycle.age_base_on(), 12 * badge.milestone)
    assert lifecycle.party_age(badge.reached_on) == (badge.milestone, 0)
    assert lifecycle.party_age(badge.reached_on - datetime.timedelta(days=1)) == (badge.milestone - 1, 11)


# Badges ---------------------------------------------------------------------------------------------------------


def test_a_badge_reached_on_an_occasion_is_awarded_that_very_day():
    """docs/rules.md §5.2: 30 years reached 03/02/2025, itself an occasion (3/2)."""
    assert admitted(D(1995, 2, 3)).next_badge(D(2025, 1, 1)) == Badge(30, D(2025, 2, 3), D(2025, 2, 3))


def test_a_badge_falls_on_the_next_occasion_after_the_milestone():
    """docs/rules.md §5.2 occasions 3/2, 19/5, 2/9, 7/11: 30 years reached 20/05/2025, a day after 19/5 → 2/9."""
    assert admitted(D(1995, 5, 20)).next_badge(D(2025, 1, 1)) == Badge(30, D(2025, 5, 20), D(2025, 9, 2))


def test_a_badge_reached_after_the_last_occasion_of_the_year_falls_on_3_february_next_year():
    """docs/rules.md §5.2 occasions: 30 years reached 10/11/2025, after 7/11 → 03/02/2026."""
    assert admitted(D(1995, 11, 10)).next_badge(D(2025, 1, 1)) == Badge(30, D(2025, 11, 10), D(2026, 2, 3))


def test_after_thirty_years_the_next_badge_is_forty():
    """docs/rules.md §5.1 milestones: 30, 40, 45 … 90."""
    badge = admitted(D(1995, 2, 3)).next_badge(D(2026, 1, 1))
    assert (badge.milestone, badge.reached_on) == (40, D(2035, 2, 3))


@pytest.mark.parametrize(("decision", "on", "milestone", "early", "reached"), [
    (D(1995, 2, 3), D(2024, 1, 1), 30, 12, D(2024, 2, 3)),
    (D(1961, 5, 19), D(2025, 4, 1), 65, 12, D(2025, 5, 19)),  # 12 months early up to 65
    (D(1956, 2, 3), D(2024, 1, 1), 70, 24, D(2024, 2, 3)),  # 24 months early from 70
])
def test_a_seriously_ill_member_is_awarded_early(decision, on, milestone, early, reached):
    """docs/rules.md §5.3 early award: up to 12 months early for the 30–65-year badges, 24 months for 70–90."""
    lifecycle = admitted(decision)
    ill = lifecycle.next_badge(on, seriously_ill=True)
    assert (ill.milestone, ill.reached_on) == (milestone, reached)
    assert lifecycle.reaches_age_on(milestone) == add_months(reached, early)


def test_a_member_off_the_roll_has_no_next_badge():
    """docs/rules.md §5.1: badges go to members; one removed (xóa tên) is out of Party life."""
    lifecycle = admitted(D(1995, 2, 3), (K.REMOVAL, D(2020, 1, 6)))
    assert lifecycle.next_badge(D(2024, 1, 1)) is None


def test_a_deceased_member_has_no_badge_beyond_the_posthumous_twelve_months():
    """docs/rules.md §5.3 early award: a deceased member is awarded posthumously, up to 12 months early; Party age
    stops at death (§1), so a milestone more than 12 months after death is never reached."""
    lifecycle = admitted(D(1995, 2, 3), (K.DEATH, D(2020, 1, 6)))  # 24 years 11 months of Party age
    assert lifecycle.next_badge(D(2020, 6, 1)) is None


# The rules in force ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "source"), [
    (D(2010, 1, 1), "Quy định 29-QĐ/TW ngày 25/7/2016"),  # older than the table: the earliest version
    (D(2016, 7, 24), "Quy định 29-QĐ/TW ngày 25/7/2016"),
    (D(2016, 7, 25), "Quy định 29-QĐ/TW ngày 25/7/2016"),
    (D(2021, 7, 29), "Quy định 29-QĐ/TW ngày 25/7/2016"),
    (D(2021, 7, 30), "Quy định 24-QĐ/TW ngày 30/7/2021"),
    (D(2025, 1, 19), "Quy định 24-QĐ/TW ngày 30/7/2021"),
    (D(2025, 1, 20), "Quy định 232-QĐ/TW ngày 20/01/2025"),
    (D(2025, 6, 30), "Quy định 232-QĐ/TW ngày 20/01/2025"),
    (D(2025, 7, 1), "Quy định 294-QĐ/TW (hiệu lực từ 01/7/2025)"),
    (D(2026, 3, 1), "Quy định 294-QĐ/TW (hiệu lực từ 01/7/2025)"),
])
def test_a_case_is_judged_by_the_rules_in_force_on_its_day(day, source):
    """docs/rules.md §0.1: rules are versioned by the date they take effect (QĐ 29: 25/7/2016; QĐ 24: 30/7/2021; QĐ 232:
    20/01/2025; QĐ 294: 01/7/2025)."""
    assert rules_on(day).source == source


@pytest.mark.parametrize(("day", "ward_decides", "committees"), [
    (D(2025, 6, 30), False, {"executive"}),
    (D(2025, 7, 1), True, {"standing"}),
])
def test_who_decides_on_members_changes_on_01_07_2025(day, ward_decides, committees):
    """docs/rules.md §1.7: before, the ward's Ban Chấp hành proposes and the district decides; from 01/7/2025 the ward's
    Ban Thường vụ decides (members.rules.WARD_DECIDES, [U])."""
    rules = rules_on(day)
    assert (rules.ward_decides, set(rules.member_committees)) == (ward_decides, committees)

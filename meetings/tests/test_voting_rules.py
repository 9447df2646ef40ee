"""docs/rules.md §1.6, §3.3: a leading body's vote counts against all its members (less those not counted), more than
half for an ordinary matter, at least 2/3 for an admission or an official recognition."""

import datetime
from fractions import Fraction

import pytest

from meetings.rules import (
    Tally,
    VoteRefused,
    attendance_is_low,
    committee_decides_members,
    judge_vote,
    voting_rules_on,
    ward_decides_members,
)

DAY = datetime.date(2021, 6, 28)


def judge(votes_for, counted, *, present=None, against=0, abstained=0, two_thirds=False, day=DAY):
    tally = Tally(votes_for, against, abstained, counted, counted if present is None else present)
    judge_vote(tally, day=day, special="admission" if two_thirds else "", whom="ủy viên Ban Chấp hành")


def test_more_than_half_of_all_members_carries_an_ordinary_resolution():
    judge(8, 15)


def test_exactly_half_of_all_members_does_not_carry_it():
    with pytest.raises(VoteRefused, match=r"quá một nửa.*7/14"):
        judge(7, 14)


def test_the_majority_counts_against_all_members_not_those_present():
    # 9 present of 17, all 9 in favour: a majority of those present but not of the committee.
    judge(9, 17, present=9)
    with pytest.raises(VoteRefused, match="không tính trên số có mặt"):
        judge(8, 17, present=9)


def test_an_admission_needs_two_thirds_of_all_members():
    judge(10, 15, two_thirds=True)
    with pytest.raises(VoteRefused, match=r"Chưa đủ 2/3 số ủy viên Ban Chấp hành tán thành \(9/15\)"):
        judge(9, 15, two_thirds=True)


def test_the_refusal_names_the_rules_in_force_on_the_day():
    with pytest.raises(VoteRefused, match="Quy định 29-QĐ/TW"):
        judge(1, 15, two_thirds=True, day=datetime.date(2021, 6, 28))
    with pytest.raises(VoteRefused, match="Quy định 294-QĐ/TW"):
        judge(1, 15, two_thirds=True, day=datetime.date(2025, 9, 1))
    assert voting_rules_on(datetime.date(2025, 9, 1)).majority == Fraction(1, 2)


def test_more_ballots_than_voters_present_are_refused():
    with pytest.raises(VoteRefused, match=r"Tổng số phiếu \(12\) nhiều hơn"):
        judge(10, 15, present=11, against=2)


def test_a_body_with_nobody_counted_cannot_vote():
    with pytest.raises(VoteRefused, match="chưa có thành viên"):
        judge(0, 0)


def test_attendance_below_two_thirds_is_low():
    share = Fraction(2, 3)
    assert attendance_is_low(9, 15, share)
    assert not attendance_is_low(10, 15, share)
    assert not attendance_is_low(0, 0, share)


def test_the_ward_decides_its_members_from_the_first_of_july_2025():
    assert not ward_decides_members(datetime.date(2025, 6, 30))
    assert ward_decides_members(datetime.date(2025, 7, 1))


def test_a_recognition_is_judged_by_the_recognition_share():
    tally = Tally(9, 0, 0, 15, 15)
    with pytest.raises(VoteRefused, match="Chưa đủ 2/3"):
        judge_vote(tally, day=DAY, special="recognition", whom="ủy viên Ban Chấp hành")


def test_from_july_2025_only_the_standing_committee_decides_on_members():
    assert committee_decides_members("executive", datetime.date(2025, 6, 30))
    assert not committee_decides_members("executive", datetime.date(2025, 7, 1))
    assert committee_decides_members("standing", datetime.date(2025, 7, 1))
    assert not committee_decides_members("inspection", datetime.date(2021, 6, 28))

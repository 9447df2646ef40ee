"""The voting and attendance rules of a Party body's meeting (docs/rules.md §1.6, §3.3), as versioned data, and the one
function that judges a vote by them.

Pure code over counts: the service (meetings.services.record_decision) asks `judge_vote` and refuses with its
message, so nothing is recorded and nothing moves when the rule fails.
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError

from members.rules import in_force, reaches
from members.rules import rules_on as membership_rules_on


class VoteRefused(ValidationError):
    """A vote that does not carry the decision under the rules; the message names the rule and its source."""


@dataclass(frozen=True)
class VotingRules:
    effective_from: datetime.date
    source: str
    # Charter Art. 10; QĐ 24 §9.3 (docs/rules.md §3.3): more than half of all the body's members, not of those present.
    majority: Fraction = Fraction(1, 2)


VOTING_RULES: tuple[VotingRules, ...] = (
    VotingRules(datetime.date(2016, 7, 25), "Điều lệ Đảng, Điều 10; Quy định 29-QĐ/TW ngày 25/7/2016"),
    VotingRules(datetime.date(2021, 7, 30), "Điều lệ Đảng, Điều 10; Quy định 24-QĐ/TW ngày 30/7/2021, điểm 9.3"),
    VotingRules(datetime.date(2025, 1, 20), "Điều lệ Đảng, Điều 10; Quy định 232-QĐ/TW ngày 20/01/2025"),
    VotingRules(datetime.date(2025, 7, 1), "Điều lệ Đảng, Điều 10; Quy định 294-QĐ/TW"),
)


def voting_rules_on(day: datetime.date) -> VotingRules:
    return in_force(VOTING_RULES, day, default=VOTING_RULES[0])


def ward_decides_members(day: datetime.date) -> bool:
    """Whether the ward's own committee decides admissions and recognitions on `day` (members.rules.WARD_DECIDES, the
    one place of that reading [U])."""
    return membership_rules_on(day).ward_decides


def committee_decides_members(committee_kind: str, day: datetime.date) -> bool:
    """Whether a ward committee of `committee_kind` acts on members on `day`: until 30/6/2025 the Ban Chấp hành
    (its proposing resolution, ≥ 2/3 of its members), from 01/7/2025 the Ban Thường vụ (its decision). A chi bộ
    always passes its own resolution; the Ủy ban Kiểm tra never acts on admissions."""
    return committee_kind in membership_rules_on(day).member_committees


@dataclass(frozen=True)
class Tally:
    votes_for: int
    votes_against: int
    votes_abstained: int
    members_counted: int  # the body's members, less those not counted (docs/rules.md §3.4)
    voters_present: int  # counted members with a vote who are present


def judge_vote(tally: Tally, *, day: datetime.date, special: str = "", whom: str) -> None:
    """Raise VoteRefused unless the tally is possible (check_tally) and carries the decision on `day` (shortfall)."""
    check_tally(tally, whom=whom)
    short = shortfall(tally, day=day, special=special, whom=whom)
    if short:
        raise VoteRefused(short)


def check_tally(tally: Tally, *, whom: str) -> None:
    """Raise VoteRefused if the tally is impossible: no members with a vote, more votes than voters present."""
    if tally.members_counted <= 0:
        raise VoteRefused("Cuộc họp chưa có thành viên nào có quyền biểu quyết: không thể biểu quyết.")
    cast = tally.votes_for + tally.votes_against + tally.votes_abstained
    if cast > tally.voters_present:
        raise VoteRefused(
            f"Tổng số phiếu ({cast}) nhiều hơn số {whom} có mặt có quyền biểu quyết ({tally.voters_present})."
        )


def shortfall(tally: Tally, *, day: datetime.date, special: str = "", whom: str) -> str | None:
    """Why the tally does not carry the decision on `day`, naming the rule; None when it carries.

    `special`: "admission" or "recognition" (at least the share of the members' rules, 2/3: docs/rules.md §1.6);
    otherwise more than half of all the members (§3). `whom` names the members in the message ("ủy viên Ban
    Chấp hành", "đảng viên chính thức của chi bộ")."""
    if special:
        rules = membership_rules_on(day)
        short = rules.vote_shortfall(tally.votes_for, tally.members_counted, recognition=special == "recognition",
                                     whom=whom)
        return f"{short}: không thông qua ({rules.source})." if short else None
    rules = voting_rules_on(day)
    if tally.votes_for <= tally.members_counted * rules.majority:
        return (f"Chưa quá một nửa tổng số {whom} tán thành ({tally.votes_for}/{tally.members_counted}; số tán thành "
                f"tính trên tổng số thành viên, không tính trên số có mặt): không thông qua ({rules.source}).")
    return None


def attendance_is_low(present: int, counted: int, share: Fraction) -> bool:
    """Whether fewer than `share` of the counted members are present (the warning of docs/rules.md §3.5 [U])."""
    return counted > 0 and not reaches(present, counted, share)

"""The clerk's lists of members (issue 4): one definition each, shared by the pages, the API and the exports."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from members.calendar import working_days_before
from members.lifecycle import next_occasion, previous_occasion
from members.models import IN_ADMISSION, ON_ROLL, PartyMember, Status
from members.rules import rules_on
from members.search import NAME, ordered_search
from org.stats import dashboard_units

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class ClerkList:
    key: str
    label: str
    select: Callable  # (queryset, today, days) -> queryset
    ordering: tuple[str, ...]
    # Reckoned member by member (each one's fee months), so read a ward at a time: over a province it would reckon
    # every member before the first row could be shown (issue 15: no page walks the whole scope).
    one_ward: bool = False


def _probation_ending(members, today: datetime.date, days: int):
    return members.probation_ending(today, today + datetime.timedelta(days=days))


def _overdue(members, today: datetime.date, days: int):
    return members.overdue(today)


def _candidates(members, today: datetime.date, days: int):
    return members.filter(status__in=IN_ADMISSION)


def badge_period(today: datetime.date) -> tuple[datetime.date, datetime.date, tuple[int, ...]]:
    """(the previous occasion, the next occasion, the milestones): whose badges the next occasion awards (§5)."""
    rules = rules_on(today)
    occasion = next_occasion(today, rules.badge_occasions)
    return previous_occasion(occasion, rules.badge_occasions), occasion, rules.badge_milestones


def _badges(members, today: datetime.date, days: int):
    return members.badge_candidates(*badge_period(today))


def _away(members, today: datetime.date, days: int):
    return members.away()


def _transfers(members, today: datetime.date, days: int):
    rules = rules_on(today)
    return members.transferring(working_days_before(today, rules.transfer_present_working_days))


def _fees_unpaid(members, today: datetime.date, days: int):
    return members.fees_unpaid(today)


CLERK_LISTS: dict[str, ClerkList] = {
    item.key: item
    for item in (
        ClerkList("candidates", "Quần chúng đang làm hồ sơ kết nạp", _candidates, ("next_due_on", NAME)),
        ClerkList("probation", "Sắp hết 12 tháng dự bị", _probation_ending, ("probation_ends_on", NAME)),
        ClerkList("overdue", "Bước quá hạn", _overdue, ("next_due_on", NAME)),
        ClerkList("badges", "Đủ tuổi đảng nhận Huy hiệu dịp tới", _badges, ("age_base_on", NAME)),
        ClerkList("transfers", "Chuyển sinh hoạt chính thức trong 30 ngày làm việc qua (đi và đến)", _transfers,
                  ("-last_transfer_on", NAME)),
        ClerkList("away", "Đang sinh hoạt tạm thời nơi khác", _away, (NAME,)),
        ClerkList("fees_unpaid", "Chưa đóng đảng phí từ 3 tháng trở lên trong 12 tháng qua", _fees_unpaid,
                  ("-unpaid_months", NAME), one_ward=True),
    )
}


# The status filter's values besides one status: members on the roll (the page's default with no list chosen), or all.
ON_ROLL_FILTER = "on_roll"
ALL_FILTER = "all"


def page_status(given: str | None, key: str, *, searching: bool = False) -> str:
    """The status filter of the member list page: as chosen if known; by default members on the roll, unless a
    clerk's list is chosen (the list says whom it holds) or a name is searched (a clerk looks a person up whatever
    their status)."""
    if given in (ON_ROLL_FILTER, ALL_FILTER) or given in Status.values:
        return given
    return ALL_FILTER if key or searching else ON_ROLL_FILTER


def select_members(user, *, today: datetime.date, q: str = "", status: str = "", key: str = "",
                   days: int = DEFAULT_DAYS, within=None):
    """The members `user` may see, searched, filtered and ordered as a page, an API call or an export asks. A list
    read a ward at a time (ClerkList.one_ward) asked over several wards is refused (ValidationError)."""
    if key and CLERK_LISTS[key].one_ward and not in_one_ward(user, within):
        raise ValidationError(f"Danh sách “{CLERK_LISTS[key].label}” được lập cho từng phường, xã: hãy chọn một "
                              "phường, xã.", code="one_ward")
    members = PartyMember.objects.for_user(user, "members.view").select_related("person", "organization")
    if within is not None:
        members = members.under(within)
    if status == ON_ROLL_FILTER:
        members = members.filter(status__in=ON_ROLL)
    elif status and status != ALL_FILTER:
        members = members.filter(status=status)
    if q.strip() and not key:
        return ordered_search(members, q, reader=user, within=within)
    return apply_list(members.search(q, reader=user), key, today=today, days=days)


def in_one_ward(user, within=None) -> bool:
    """Whether the members `user` sees (under `within`) lie in one ward at most."""
    if within is not None:
        return within.ward() is not None
    units = dashboard_units(user)  # the visible wards, else the outermost units granted (a few)
    if len(units) <= 1:
        return True
    if any(unit.is_ward for unit in units):
        return False
    wards = {unit.ward() for unit in units}  # several chi bộ of one ward, granted without their ward
    return len(wards) == 1 and None not in wards


def apply_list(members, key: str, *, today: datetime.date, days: int = DEFAULT_DAYS):
    """`members` narrowed and ordered as clerk list `key` ("" for all members, by name)."""
    if not key:
        return members.order_by(NAME, "id")
    chosen = CLERK_LISTS[key]
    return chosen.select(members, today, days).order_by(*chosen.ordering, "id")


def _describe(key: str, status: str) -> tuple[str, str]:
    """(the title of the list a page or export shows, what its emptiness says) for a clerk's list or a status."""
    if key:
        label = CLERK_LISTS[key].label
        return label, f"Không có ai trong danh sách “{label}”"
    if status == ON_ROLL_FILTER:
        return "Danh sách đảng viên đang sinh hoạt", "Không có đảng viên nào đang sinh hoạt (dự bị, chính thức)"
    if status in Status.values:
        label = Status(status).label
        return f"Danh sách: {label.lower()}", f"Không có ai ở tình trạng “{label}”"
    return "Danh sách đảng viên và quần chúng (mọi tình trạng)", "Chưa có hồ sơ đảng viên, quần chúng nào"


def list_title(key: str, today: datetime.date, *, status: str = "", unit: str = "") -> str:
    """"Danh sách đảng viên đang sinh hoạt — Đảng ủy phường Sài Đồng (ngày 03/12/2026)": the heading of an
    export, and (folded) its file name."""
    label, _empty = _describe(key, status)
    return f"{label}{f' — {unit}' if unit else ''} (ngày {today:%d/%m/%Y})"


def empty_text(key: str, status: str, query: str) -> str:
    """What an empty list says is empty: "Không có ai trong danh sách “Bước quá hạn” khớp với “hùng”."."""
    _label, what = _describe(key, status)
    return f"{what} khớp với “{query}”." if query else f"{what}."


def badge_occasion(today: datetime.date) -> datetime.date:
    return next_occasion(today, rules_on(today).badge_occasions)



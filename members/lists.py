"""The clerk's lists of members (issue 4): one definition each, shared by the pages, the API and the exports."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from members.calendar import working_days_before
from members.lifecycle import next_occasion, previous_occasion
from members.models import IN_ADMISSION, PartyMember
from members.rules import rules_on
from org.search import search_order

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class ClerkList:
    key: str
    label: str
    select: Callable  # (queryset, today, days) -> queryset
    ordering: tuple[str, ...]


def _probation_ending(members, today: datetime.date, days: int):
    return members.probation_ending(today, today + datetime.timedelta(days=days))


def _overdue(members, today: datetime.date, days: int):
    return members.overdue(today)


def _candidates(members, today: datetime.date, days: int):
    return members.filter(status__in=IN_ADMISSION)


def _badges(members, today: datetime.date, days: int):
    rules = rules_on(today)
    occasion = next_occasion(today, rules.badge_occasions)
    since = previous_occasion(occasion, rules.badge_occasions)
    return members.badge_candidates(since, occasion, rules.badge_milestones)


def _away(members, today: datetime.date, days: int):
    return members.away()


def _transfers(members, today: datetime.date, days: int):
    rules = rules_on(today)
    return members.transferring(working_days_before(today, rules.transfer_present_working_days))


def _fees_unpaid(members, today: datetime.date, days: int):
    return members.fees_unpaid(today)


NAME = "person__search_name"
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
                  ("-unpaid_months", NAME)),
    )
}


def select_members(user, *, today: datetime.date, q: str = "", status: str = "", key: str = "",
                   days: int = DEFAULT_DAYS, within=None):
    """The members `user` may see, searched, filtered and ordered as a page, an API call or an export asks."""
    members = PartyMember.objects.for_user(user, "members.view").search(q).select_related("person", "organization")
    if within is not None:
        members = members.filter(organization__path__startswith=within.path)
    if status:
        members = members.filter(status=status)
    return apply_list(members, key, today=today, days=days, searching=bool(q.strip()))


def apply_list(members, key: str, *, today: datetime.date, days: int = DEFAULT_DAYS, searching: bool = False):
    """`members` narrowed and ordered as clerk list `key` ("" for all members, by name)."""
    if not key:
        return members.order_by(search_order(NAME) if searching else NAME, "id")
    chosen = CLERK_LISTS[key]
    return chosen.select(members, today, days).order_by(*chosen.ordering, "id")


def list_title(key: str, today: datetime.date) -> str:
    label = CLERK_LISTS[key].label if key else "Danh sách đảng viên"
    return f"{label} (ngày {today:%d/%m/%Y})"


def badge_occasion(today: datetime.date) -> datetime.date:
    return next_occasion(today, rules_on(today).badge_occasions)



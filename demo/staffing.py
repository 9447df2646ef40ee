"""The demo's non-specialised staff, through the staffing services: Cự Khối after the restructuring of seed 004
(28/12/2020: "số người hoạt động không chuyên trách trước khi sắp xếp là 11 người/9 chức danh, sau khi sắp xếp là 07
người/9 chức danh. Kinh phí bình quân mỗi tháng … Trước khi sắp xếp 19.738.179đ. Sau khi sắp sếp là 16.183.188đ. Đối
với tổ dân phố trước khi sắp xếp theo đề án là 13 tổ sau khi sắp xếp là 07 tổ; 4/07 tổ thực hiện theo mô hình Bí thư
chi bộ kiêm Trưởng ban công tác mặt trận … trước đề án là 33 người hiện nay là 17 người … Trước khi sắp xếp
41.822.973đ hiện nay 30.247.000đ"), and the plan with those figures (the post gives no number of the groups' posts:
none is recorded). The posts' titles, holders and the split of the
allowances are illustrative (the post gives the totals only), chosen so that today's list adds up to the post's
"after" (ILLUSTRATIVE)."""

import datetime
from decimal import Decimal

from org.models import Kind, Organization, Person
from staffing.models import Level
from staffing.services import assign_post, create_post, record_plan

D = datetime.date
SINCE = D(2020, 7, 1)
WARD_TITLES = ("Phó Chỉ huy trưởng Ban Chỉ huy Quân sự", "Phó Chủ tịch Ủy ban MTTQ", "Phó Bí thư Đoàn Thanh niên",
               "Phó Chủ tịch Hội Liên hiệp Phụ nữ", "Phó Chủ tịch Hội Cựu chiến binh", "Phó Chủ tịch Hội Nông dân",
               "Chủ tịch Hội Người cao tuổi", "Chủ tịch Hội Chữ thập đỏ", "Nhân viên Văn phòng Đảng ủy")
GROUP_TITLES = ("Bí thư chi bộ", "Trưởng ban công tác mặt trận", "Tổ trưởng tổ dân phố")
WARD_AFTER, GROUP_AFTER = Decimal(16183188), Decimal(30247000)


def _split(total: Decimal, parts: int) -> list[Decimal]:
    """`total` in `parts` whole amounts (the first ones a đồng more), adding up exactly."""
    base, extra = divmod(int(total), parts)
    return [Decimal(base + (1 if index < extra else 0)) for index in range(parts)]


def build(actor, orgs: dict[str, Organization]) -> None:
    ward = orgs["cukhoi"]
    people = list(Person.objects.filter(organization=ward).order_by("sort_name", "pk"))
    # The ward: 9 posts, 7 people (the last two posts held by the first two: kiêm nhiệm).
    holders = [*people[:7], people[0], people[1]]
    for order, (title, person, allowance) in enumerate(zip(WARD_TITLES, holders, _split(WARD_AFTER, 9),
                                                           strict=True)):
        post = create_post(ward=ward, unit=ward, title=title, actor=actor, order=order)
        assign_post(post, person=person, allowance=allowance, start_date=SINCE, actor=actor)
    # The 7 groups: 3 posts each; in 4 of them the chi bộ's secretary is also the front's head: 4 × 2 + 3 × 3 = 17.
    groups = list(Organization.objects.filter(path__startswith=ward.path, kind=Kind.RESIDENTIAL_GROUP)
                  .order_by("path"))[:7]
    amounts = iter(_split(GROUP_AFTER, 3 * len(groups)))
    for number, group in enumerate(groups):
        cell = Organization.objects.filter(path__startswith=ward.path, kind=Kind.CELL,
                                           name__endswith=group.name.removeprefix("Tổ dân phố")).first()
        local = list(Person.objects.filter(organization__in=[unit for unit in (cell, group) if unit])
                     .order_by("sort_name", "pk"))
        if len(local) < 3:
            local += [p for p in people[7:] if p not in local]
        secretary, front, head = local[0], local[0] if number < 4 else local[1], local[2]
        for order, (title, person) in enumerate(zip(GROUP_TITLES, (secretary, front, head), strict=True)):
            post = create_post(ward=ward, unit=group, title=title, actor=actor, order=order)
            assign_post(post, person=person, allowance=next(amounts), start_date=SINCE, actor=actor)
    record_plan(
        ward=ward, actor=actor, decided_on=D(2020, 6, 30), effective_on=SINCE,
        name="Phương án sắp xếp, bố trí kiêm nhiệm người hoạt động không chuyên trách ở phường và tổ dân phố",
        basis="Đề án 21-ĐA/TU ngày 16/9/2019 của Ban Thường vụ Thành ủy Hà Nội; Đề án 15-ĐA/QU của Quận ủy Long Biên",
        lines=[{"level": Level.WARD, "people_before": 11, "positions_before": 9, "cost_before": Decimal(19738179),
                "people_after": 7, "positions_after": 9, "cost_after": WARD_AFTER},
               {"level": Level.GROUP, "units_before": 13, "units_after": 7, "people_before": 33,
                "cost_before": Decimal(41822973), "people_after": 17,
                "cost_after": GROUP_AFTER}])

"""The demo's work program, through the work services: how far the key tasks Sài Đồng's session of 28/06/2021 set
(seed 000) got in July 2021, the month carried over, and the key tasks of the current month for its bodies, so that
the lists and the reporters' pages have something of today. The progress notes are illustrative (ILLUSTRATIVE)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from org.models import Organization
from work.models import Indicator, TargetSource, Task, TaskStatus
from work.services import carry_over, create_target, create_task, record_actual, report_progress

D = datetime.date
# (start of the task's text in seed 000, [(day, note, status)]).
SAIDONG_JULY_2021 = (
    ("Tổ chức học tập Nghị quyết", [(D(2021, 7, 20), "Đã tổ chức học tập trực tuyến cho 100% chi bộ.", "done")]),
    ("Triển khai thực hiện thí điểm", [(D(2021, 7, 5), "UBND đã ban hành kế hoạch triển khai.", "in_progress"),
                                       (D(2021, 7, 29), "Hoàn thành kiện toàn bộ máy theo mô hình mới.", "done")]),
    ("Tiếp tục tăng cường công tác phòng", [(D(2021, 7, 15), "Duy trì các tổ Covid cộng đồng.", "in_progress")]),
    ("Tổ chức tốt công tác tuyển sinh", [(D(2021, 8, 3), "Hoàn thành tuyển sinh đầu cấp.", "done")]),
    ("Chỉ đạo các ngành, đoàn thể", [(D(2021, 7, 23), "MTTQ và các đoàn thể đã sơ kết 6 tháng.", "done")]),
)
# The current month's key tasks of Sài Đồng: (lead unit code or "" for the Đảng ủy, text, days from today to the
# deadline, a note already reported or None).
SAIDONG_NOW = (
    ("saidong-ubnd", "Rà soát, hoàn thành chỉ tiêu thu ngân sách năm; báo cáo Đảng ủy kết quả thu thuế ngoài quốc "
                     "doanh.", 5, "Đã thu đạt 92% dự toán; đang đôn đốc các hộ kinh doanh."),
    ("saidong-ubnd", "Chuẩn bị các điều kiện tổ chức Tết Nguyên đán, chăm lo cho gia đình chính sách, hộ nghèo.", 20,
     None),
    ("saidong-mttq", "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư (tổng kết).", -3, None),
    ("saidong-mttq", "Vận động ủng hộ Quỹ \u201cVì người nghèo\u201d năm nay.", 12, None),
    ("", "Chuẩn bị hội nghị Ban Chấp hành tổng kết công tác năm, đánh giá, xếp loại tổ chức đảng và đảng viên.", 25,
     None),
)


# Seed 002: Cầu Ông Lãnh in the first half of 2020, "Thu ngân sách hơn 4 tỷ đồng – đạt 36,26%; … giao 18 thanh niên
# tham gia nghĩa vụ quân sự – đạt 138,5%". The post gives the shares, not the targets: these targets are chosen so
# that its actuals give exactly its shares (4.000.000.000 / 11.031.000.000 = 36,26%; 18 / 13 = 138,5% written with
# one decimal, as the post writes it).
CAUONGLANH_2020 = (
    (Indicator.BUDGET_REVENUE, Decimal("11031000000"), 2, "Dự toán thu ngân sách năm 2020 được giao",
     Decimal("4000000000"), "Báo cáo kết quả 6 tháng đầu năm 2020"),
    (Indicator.MILITARY_CALLUP, Decimal(13), 1, "Chỉ tiêu giao quân năm 2020 của Quận 1", Decimal(18),
     "Lễ giao nhận quân năm 2020"),
)
# Sài Đồng's targets of this year: two reported, one the system counts; (indicator, value, who set it, basis, actual).
SAIDONG_THIS_YEAR = (
    (Indicator.BUDGET_REVENUE, Decimal("15000000000"), TargetSource.SUPERIOR, "Quyết định giao dự toán thu ngân sách",
     Decimal("13800000000")),
    (Indicator.HEALTH_INSURANCE, Decimal(95), TargetSource.OWN, "Nghị quyết Đại hội Đảng bộ phường nhiệm kỳ 2025–2030",
     Decimal("93.4")),
    (Indicator.MEMBERS_ADMITTED, Decimal(6), TargetSource.OWN, "Nghị quyết Đảng ủy về công tác phát triển đảng viên",
     None),
)


def build(actor, orgs: dict[str, Organization]) -> None:
    build_targets(actor, orgs)
    ward = orgs["saidong"]
    seed = list(Task.objects.filter(ward=ward, meeting__isnull=False, period_start=D(2021, 7, 1)))
    for start, notes in SAIDONG_JULY_2021:
        task = next(task for task in seed if task.text.startswith(start))
        for day, note, status in notes:
            report_progress(task, actor=actor, note=note, day=day, status=status)
    carry_over(ward, D(2021, 7, 1), actor=actor)
    for task in Task.objects.filter(ward=ward, period_start=D(2021, 8, 1), status__in=[TaskStatus.IN_PROGRESS]):
        report_progress(task, actor=actor, note="Kiểm soát tốt dịch bệnh trên địa bàn.", day=D(2021, 8, 30),
                        status=TaskStatus.DONE)
    today = timezone.localdate()
    for code, text, days, note in SAIDONG_NOW:
        due_on = today + datetime.timedelta(days=days)
        task = create_task(ward=ward, actor=actor, text=text, lead_unit=orgs[code] if code else None,
                           lead_body="standing" if not code else "", start=min(today, due_on), due_on=due_on,
                           source_note="Chương trình công tác tháng của Đảng ủy")
        if note:
            report_progress(task, actor=actor, note=note, day=today, status=TaskStatus.IN_PROGRESS)


def build_targets(actor, orgs: dict[str, Organization]) -> None:
    for indicator, value, decimals, basis, actual, source in CAUONGLANH_2020:
        target = create_target(ward=orgs["cauonglanh"], actor=actor, year=2020, indicator=indicator,
                               target_value=value, decimals=decimals, basis=basis)
        record_actual(target, actor=actor, day=D(2020, 6, 30), value=actual, source=source)
    today = timezone.localdate()
    for indicator, value, source, basis, actual in SAIDONG_THIS_YEAR:
        target = create_target(ward=orgs["saidong"], actor=actor, year=today.year, indicator=indicator,
                               target_value=value, basis=basis, source=source)
        if actual is not None:
            record_actual(target, actor=actor, day=today, value=actual, source="Báo cáo của UBND phường")

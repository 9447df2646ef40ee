"""The demo's inspection programs, through the inspections services: Sài Đồng's UBKT and Đảng ủy programs of 2021 (seed
000: "Hoàn thiện hồ sơ kiểm tra, giám sát của Đảng ủy, UBKT đảng ủy 6 tháng đầu năm … thực hiện công tác kiểm tra,
giám sát theo kế hoạch quý III năm 2021"), one quarter III conclusion issued through the registry (01-KL/UBKTĐU); and
the UBKT's program of this year, whose current quarter is under way (what a browser test concludes), with a follow-up
of last year's quarter IV overdue. The contents are illustrative (the posts name no inspection): ILLUSTRATIVE."""

import datetime

from django.utils import timezone

from documents.services import approve_document, issue_document
from inspections.models import InspectionKind as Kind
from inspections.models import InspectionMode as Mode
from inspections.models import InspectionProgram as Program
from inspections.models import InspectionStatus as Status
from inspections.models import quarter_end, quarter_of
from inspections.services import (
    add_follow_up,
    complete_follow_up,
    conclude_inspection,
    draft_conclusion,
    move_inspection,
    plan_inspection,
)
from members.models import PartyMember
from members.models import Status as MemberStatus
from org.models import Organization, Position, Title

D = datetime.date
# (program, quarter, kind, mode, subject chi bộ code or "member", content, concluded on, conclusion,
#  follow-up (text, due, done on) or None).
SAIDONG_2021 = (
    (Program.INSPECTION, 1, Kind.INSPECTION, Mode.THEMATIC, "saidong-cb02",
     "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật trong Đảng năm 2020.", D(2021, 3, 25),
     "Chi bộ thực hiện đúng quy định; cần xây dựng chương trình kiểm tra, giám sát sát với thực tế.", None),
    (Program.INSPECTION, 2, Kind.INSPECTION, Mode.THEMATIC, "saidong-cb03",
     "Kiểm tra việc thu, nộp, quản lý và sử dụng đảng phí năm 2020 và quý I năm 2021.", D(2021, 6, 18),
     "Chi bộ thu, nộp đảng phí đầy đủ; sổ theo dõi chưa đúng mẫu.",
     ("Mở sổ theo dõi thu, nộp đảng phí theo mẫu của Ban Tài chính Quận ủy.", D(2021, 7, 31), D(2021, 7, 20))),
    (Program.INSPECTION, 3, Kind.SUPERVISION, Mode.THEMATIC, "saidong-cb01",
     "Giám sát chuyên đề việc thực hiện Quy định số 08-QĐi/TW về trách nhiệm nêu gương của cán bộ, đảng viên.",
     D(2021, 9, 24), "Cấp ủy, đảng viên của chi bộ gương mẫu thực hiện; không phát hiện dấu hiệu vi phạm.", None),
    (Program.INSPECTION, 3, Kind.INSPECTION, Mode.THEMATIC, "member",
     "Kiểm tra việc chấp hành Điều lệ Đảng và thực hiện nhiệm vụ đảng viên, theo kế hoạch quý III năm 2021.",
     D(2021, 9, 28), "Đảng viên chấp hành tốt Điều lệ Đảng; cần tích cực tham gia sinh hoạt nơi cư trú.", None),
    (Program.INSPECTION, 4, Kind.SUPERVISION, Mode.REGULAR, "saidong-cb04",
     "Giám sát thường xuyên việc thực hiện chế độ sinh hoạt chi bộ theo Hướng dẫn 12-HD/BTCTW.", D(2021, 12, 17),
     "Chi bộ duy trì sinh hoạt định kỳ; nội dung sinh hoạt chuyên đề cần cụ thể hơn.", None),
    (Program.COMMITTEE, 3, Kind.INSPECTION, Mode.THEMATIC, "saidong-cb05",
     "Kiểm tra công tác lãnh đạo, chỉ đạo thực hiện nhiệm vụ phát triển đảng viên 6 tháng đầu năm 2021.",
     D(2021, 9, 15), "Chi bộ quan tâm tạo nguồn; chưa đạt chỉ tiêu kết nạp đảng viên mới.", None),
    (Program.COMMITTEE, 4, Kind.SUPERVISION, Mode.THEMATIC, "saidong-cb02",
     "Giám sát việc lãnh đạo thực hiện chính quyền đô thị ở tổ dân phố.", D(2021, 12, 10),
     "Chi bộ lãnh đạo tổ dân phố triển khai đúng kế hoạch.", None),
)
ISSUED = 3  # the quarter III inspection of a member: its conclusion issued through the registry (01-KL/UBKTĐU)
# This year's UBKT program: one item a quarter, those before the current quarter concluded; the current one under way.
THIS_YEAR = (
    ("saidong-cb03", "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của chi ủy chi bộ."),
    ("saidong-cb04", "Kiểm tra việc thu, nộp, quản lý đảng phí theo Quy định 01-QĐ/TW."),
    ("saidong-cb05", "Giám sát việc thực hiện Chỉ thị 50-CT/TW về sinh hoạt chi bộ."),
    ("saidong-cb02", "Kiểm tra việc lãnh đạo thực hiện nghị quyết của chi bộ và công tác quản lý đảng viên."),
)


def _chair(ward: Organization, day: datetime.date):
    position = (Position.objects.held_on(day).filter(organization=ward, title=Title.INSPECTION_CHAIR)
                .select_related("person").first())
    return position.person if position else None


def build(actor, orgs: dict[str, Organization]) -> None:
    ward = orgs["saidong"]
    member = (PartyMember.objects.filter(organization=orgs["saidong-cb03"], status=MemberStatus.OFFICIAL)
              .select_related("person").order_by("person__sort_name").first())
    for number, (program, quarter, kind, mode, subject, content, concluded_on, conclusion, follow_up) in enumerate(
            SAIDONG_2021):
        lead = _chair(ward, concluded_on)
        item = plan_inspection(
            ward=ward, actor=actor, program=program, year=2021, quarter=quarter, kind=kind, mode=mode, content=content,
            subject_organization=None if subject == "member" else orgs[subject],
            subject_member=member if subject == "member" else None, order=number,
            period_covered="Năm 2020 và năm 2021", team_lead=lead, team=[lead] if lead else [])
        started = concluded_on - datetime.timedelta(days=20)
        move_inspection(item, status=Status.IN_PROGRESS, actor=actor, day=started)
        conclude_inspection(item, conclusion=conclusion, concluded_on=concluded_on, actor=actor)
        if follow_up:
            text, due_on, done_on = follow_up
            done = add_follow_up(item, text=text, due_on=due_on, actor=actor)
            complete_follow_up(done, done_on=done_on, result="Chi bộ đã thực hiện.", actor=actor)
        if number == ISSUED:
            document = draft_conclusion(item, actor=actor, signer=lead.full_name if lead else "")
            approve_document(document, actor=actor)
            issue_document(document, day=concluded_on + datetime.timedelta(days=2), actor=actor)
    build_this_year(actor, orgs)


def build_this_year(actor, orgs: dict[str, Organization]) -> None:
    ward, today = orgs["saidong"], timezone.localdate()
    year, current = today.year, quarter_of(today)
    lead = _chair(ward, today)
    last = plan_inspection(ward=ward, actor=actor, program=Program.INSPECTION, year=year - 1, quarter=4,
                           content="Kiểm tra việc chấp hành chế độ báo cáo của chi bộ.",
                           subject_organization=orgs["saidong-cb01"], team_lead=lead)
    conclude_inspection(last, conclusion="Chi bộ báo cáo chưa đúng hạn hai kỳ.", actor=actor,
                        concluded_on=D(year - 1, 12, 15),
                        follow_ups=[("Báo cáo định kỳ đúng thời hạn; kiểm điểm trách nhiệm của chi ủy.",
                                     today - datetime.timedelta(days=10))])
    for quarter, (subject, content) in enumerate(THIS_YEAR, start=1):
        if quarter > current:
            break
        item = plan_inspection(ward=ward, actor=actor, program=Program.INSPECTION, year=year, quarter=quarter,
                               content=content, subject_organization=orgs[subject], team_lead=lead,
                               team=[lead] if lead else [])
        first = D(year, 3 * quarter - 2, 1)
        move_inspection(item, status=Status.IN_PROGRESS, actor=actor, day=first)
        if quarter < current:
            conclude_inspection(item, conclusion="Chi bộ thực hiện đúng quy định.", actor=actor,
                                concluded_on=min(quarter_end(year, quarter), today))

"""Issue 14's browser journey: the UBKT opens its 2021 program, records the conclusion of the quarter III inspection
it has under way, and the program shows quarter III done."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.permissions import Role
from conftest import make_user
from inspections.models import InspectionProgram, InspectionStatus
from inspections.services import conclude_inspection, move_inspection, plan_inspection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


def test_the_ubkt_records_a_conclusion_and_the_program_shows_the_quarter_done(live_server, page, world, clerk,
                                                                               log_in):
    inspector = make_user("ubkt", world.ward, Role.INSPECTION)
    done = plan_inspection(ward=world.ward, actor=clerk, program=InspectionProgram.INSPECTION, year=2021, quarter=2,
                           content="Kiểm tra việc thu, nộp đảng phí", subject_organization=world.cell2)
    conclude_inspection(done, conclusion="Đúng quy định", concluded_on=D(2021, 6, 18), actor=clerk)
    item = plan_inspection(ward=world.ward, actor=clerk, program=InspectionProgram.INSPECTION, year=2021, quarter=3,
                           content="Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của chi bộ",
                           subject_organization=world.cell, team_lead=world.hung)
    move_inspection(item, status=InspectionStatus.IN_PROGRESS, actor=clerk, day=D(2021, 9, 6))

    log_in(page, inspector.username)
    page.get_by_role("link", name="Kiểm tra, giám sát").click()
    page.get_by_label("Năm").fill("2021")
    page.get_by_role("button", name="Lọc").click()
    quarter_three = page.locator("#quarters tr[data-quarter='3']")
    expect(quarter_three.locator("[data-field=planned]")).to_have_text("1")
    expect(quarter_three.locator("[data-field=done]")).to_have_text("0")
    expect(quarter_three.locator("[data-field=all_done]")).to_have_count(0)

    page.locator("#results").get_by_role("link", name="Kiểm tra việc thực hiện nhiệm vụ kiểm tra").click()
    expect(page.locator("[data-field=status]")).to_contain_text("Đang thực hiện")
    page.get_by_label("Ngày kết luận").fill("28/09/2021")
    page.locator("#id_conclusion").fill("Chi ủy thực hiện đúng chương trình kiểm tra, giám sát; "
                                                 "cần lưu hồ sơ đầy đủ.")
    page.get_by_label("Yêu cầu khắc phục (nếu có)").fill("Lập và lưu hồ sơ kiểm tra, giám sát theo quy định.")
    page.get_by_label("Thời hạn khắc phục").fill("31/10/2021")
    page.get_by_role("button", name="Ghi kết luận").click()
    expect(page.locator("[data-field=status]")).to_contain_text("Đã kết luận")
    expect(page.locator("[data-field=conclusion]")).to_contain_text("28/09/2021")
    expect(page.locator("#follow-ups")).to_contain_text("Lập và lưu hồ sơ kiểm tra, giám sát")

    page.get_by_role("link", name="Chương trình kiểm tra, giám sát năm 2021").click()
    quarter_three = page.locator("#quarters tr[data-quarter='3']")
    expect(quarter_three.locator("[data-field=done]")).to_have_text("1")
    expect(quarter_three.locator("[data-field=all_done]")).to_have_text("Hoàn thành")
    expect(page.locator("#quarters tr[data-quarter='year'] [data-field=done]")).to_have_text("2")

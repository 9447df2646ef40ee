"""Issue 13's browser journey: the UBND's reporter logs in, sees only the tasks the UBND leads, marks one done with a
note; the clerk's dashboard then counts it done and no longer open."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_unit_reporter_marks_a_task_done_and_the_clerks_dashboard_shows_it(live_server, page, world, clerk,
                                                                              reporter, tasks, log_in):
    page.goto(live_server.url + "/")
    page.get_by_label("Tên đăng nhập").fill(reporter.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    # The reporter lands on the UBND's tasks: the MTTQ's and the Đảng ủy's are not there, nor the other menus.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nhiệm vụ trọng tâm")
    results = page.locator("#results")
    expect(results).to_contain_text("Triển khai thí điểm chính quyền đô thị")
    expect(results).not_to_contain_text("Sơ kết 6 tháng")
    expect(page.get_by_role("link", name="Đảng viên")).to_have_count(0)
    expect(results.get_by_text("Quá hạn")).to_be_visible()

    results.get_by_role("link", name="Triển khai thí điểm chính quyền đô thị").click()
    page.get_by_label("Nội dung tiến độ").fill("Đã kiện toàn bộ máy theo mô hình chính quyền đô thị.")
    page.get_by_label("Tình trạng mới").select_option(label="Hoàn thành")
    page.get_by_role("button", name="Ghi tiến độ").click()
    expect(page.locator("[data-field=status]")).to_contain_text("Hoàn thành chậm")  # its deadline was 31/07/2021
    expect(page.locator("#progress")).to_contain_text("Đã kiện toàn bộ máy")

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, clerk.username)
    expect(page.locator("[data-stat=tasks_done]")).to_have_text("1")
    expect(page.locator("[data-stat=tasks_open]")).to_have_text("2")
    page.locator("[data-stat=tasks_open]").get_by_role("link").click()
    expect(page.locator("#results")).not_to_contain_text("Triển khai thí điểm chính quyền đô thị")

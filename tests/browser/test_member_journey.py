"""Issue 4's browser journey: a clerk finds a member typed without accents, records the ceremony, and sees the
probation end date and the history."""

import datetime

import pytest
from playwright.sync_api import expect

from members import services
from members.models import EventKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_records_a_ceremony_and_sees_the_probation_end(live_server, page, world, clerk, log_in):
    world.dung.date_of_birth = datetime.date(1995, 3, 10)
    world.dung.save()
    member = services.register_candidate(
        person=world.dung, organization=world.cell, day=datetime.date(2020, 9, 1), actor=clerk
    )
    for kind, day, extra in [
        (EventKind.AWARENESS_COURSE, datetime.date(2020, 10, 5), {}),
        (EventKind.CELL_ADMISSION_RESOLUTION, datetime.date(2021, 3, 2), {"votes_for": 9, "voters_total": 12}),
        (EventKind.WARD_ADMISSION_RESOLUTION, datetime.date(2021, 3, 20), {"votes_for": 11, "voters_total": 15}),
        (EventKind.ADMISSION_DECISION, datetime.date(2021, 4, 6), {"decision_no": "112-QĐ/ĐU"}),
    ]:
        services.record_event(member, kind=kind, day=day, actor=clerk, **extra)

    log_in(page, clerk.username)
    page.get_by_role("link", name="Đảng viên").first.click()
    page.get_by_role("searchbox", name="Tìm đảng viên").fill("dang thi dung")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Đặng Thị Dung")).to_be_visible()
    results.get_by_role("link", name="Đặng Thị Dung").click()
    expect(page.locator('[data-field="status"]')).to_have_text("Đã có quyết định kết nạp, chờ lễ kết nạp")

    page.get_by_role("button", name="Ghi sự kiện").click()
    page.get_by_label("Sự kiện").select_option(label="Lễ kết nạp")
    page.get_by_label("Ngày").first.fill("20/04/2021")
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator('[data-field="status"]')).to_have_text("Đảng viên dự bị")
    expect(page.locator('[data-field="probation_ends_on"]')).to_have_text("20/04/2022")
    expect(page.locator("#events")).to_contain_text("Lễ kết nạp")
    expect(page.locator("#history")).to_contain_text("Ghi sự kiện đảng viên")

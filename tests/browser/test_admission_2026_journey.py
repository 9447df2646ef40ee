"""Issue 11's browser journey: in 2026 a clerk enters a session of the ward's Ban Thường vụ, which admits a candidate
on the chi bộ resolution (from 01/7/2025 the ward decides, docs/rules.md §1.7); the page shows the decision's number
taken from the registry (the term's QĐ register goes on from 07), the decision is in the registry, and once the ceremony
is recorded on the dossier it shows the probation dates."""

import datetime

import pytest
from playwright.sync_api import expect

from documents.models import Document
from meetings.tests.conftest import candidate_after_chi_bo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_admits_a_candidate_at_a_standing_committee_session_in_2026(live_server, page, world, clerk,
                                                                          admin_user, ward_2026, log_in):
    candidate = candidate_after_chi_bo(world, admin_user)
    name = candidate.person.full_name
    log_in(page, clerk.username)
    page.goto(live_server.url + "/meetings/new/")

    page.get_by_label("Ngày họp").fill("20/10/2026")
    roster = page.locator("#roster tbody")
    # Leaving the field changes it: the roster of that day (htmx) ... (a change left for later, when another field
    # takes the focus, would reload the decisions after they are ticked)
    page.get_by_label("Ngày họp").blur()
    # ... and the committee chosen at once, before that reload returns: the latest choice wins (hx-sync).
    page.get_by_label("Ban họp").select_option(label="Ban Thường vụ nhiệm kỳ 2025–2030")
    expect(roster.locator("tr")).to_have_count(3)  # the Ban Thường vụ, not the Ban Chấp hành of five
    expect(roster).to_contain_text(ward_2026.people[2].full_name)
    decisions = page.locator("#decisions")
    expect(decisions).to_contain_text("từ 01/7/2025 Ban Thường vụ Đảng ủy quyết định")
    expect(decisions).to_contain_text("lấy số trong sổ văn bản")
    expect(decisions.get_by_label(f"Số nghị quyết ({name})")).to_have_count(0)  # no number typed by hand

    page.get_by_label("Giờ bắt đầu").fill("08:00")
    page.get_by_label("Địa điểm").fill("Phòng họp Đảng ủy phường")
    decisions.get_by_label(f"Thông qua: {name}").check()
    decisions.get_by_label(f"Tán thành ({name})", exact=True).fill("3")
    page.get_by_role("button", name="Lưu cuộc họp").click()

    body = page.locator("body")
    expect(body).to_contain_text(f"Đã ghi Quyết định kết nạp cho {name} (số 08-QĐ/ĐU, vào sổ văn bản đi)")
    expect(body).to_contain_text(f"Quyết định kết nạp đảng viên đối với {name}")
    expect(page.get_by_role("link", name="Quyết định 08-QĐ/ĐU")).to_be_visible()
    paper = Document.objects.get(code="QĐ", number=8)
    assert (paper.issued_on, paper.member_event.member_id) == (datetime.date(2026, 10, 20), candidate.pk)

    # The dossier: admitted by that decision; the ceremony recorded, the 12 months of probation follow from it.
    page.goto(live_server.url + candidate.get_absolute_url())
    expect(page.locator("#events")).to_contain_text("08-QĐ/ĐU")
    page.get_by_role("button", name="Ghi sự kiện").click()
    page.get_by_label("Sự kiện").select_option(label="Lễ kết nạp")
    page.get_by_label("Ngày").first.fill("02/11/2026")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator('[data-field="ceremony_on"]')).to_have_text("02/11/2026")
    expect(page.locator('[data-field="probation_ends_on"]')).to_have_text("02/11/2027")

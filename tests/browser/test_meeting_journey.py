"""Issue 5's browser journey: a clerk enters a regular session of the Ban Chấp hành on one form — the roster comes
prefilled when the date is typed, one member is excused, two admission dossiers are approved with their votes —
and sees both candidates advanced to the Đảng ủy's resolution."""

import pytest
from playwright.sync_api import expect

from members.models import EventKind, MembershipEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_enters_a_regular_session_approving_two_admission_dossiers(live_server, page, world, clerk, session,
                                                                          log_in):
    log_in(page, clerk.username)
    page.get_by_role("link", name="Cuộc họp").first.click()
    page.get_by_role("button", name="Ghi cuộc họp").click()

    # Typing the date brings the committee's roster of that day (htmx), the Bí thư first.
    page.get_by_label("Ngày họp").fill("28/06/2021")
    page.get_by_label("Ngày họp").blur()  # leaving the field changes it now, not when a later field takes the focus
    roster = page.locator("#roster")
    expect(roster).to_contain_text(session.members[4].full_name)
    expect(roster.locator("tbody tr").first).to_contain_text(session.secretary.full_name)

    page.get_by_label("Giờ bắt đầu").fill("14:00")
    page.get_by_label("Địa điểm").fill("Phòng họp A3 - Trụ sở cơ quan phường")
    roster.get_by_label(f"Tình hình dự họp: {session.members[4].full_name}").select_option(label="Vắng có lý do")
    roster.get_by_label(f"Lý do: {session.members[4].full_name}").fill("Đi công tác")

    decisions = page.locator("#decisions")
    for candidate in session.candidates:
        name = candidate.person.full_name
        decisions.get_by_label(f"Thông qua: {name}").check()
        decisions.get_by_label(f"Tán thành ({name})", exact=True).fill("4")
    page.get_by_role("button", name="Lưu cuộc họp").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Phiên họp thường kỳ tháng 6/2021")
    for candidate in session.candidates:
        expect(page.locator("body")).to_contain_text(
            f"Đã ghi Nghị quyết Đảng ủy đề nghị kết nạp cho {candidate.person.full_name}")
    expect(page.locator("body")).to_contain_text("4/5")

    # Each candidate's dossier now shows the Đảng ủy's resolution of the session's day.
    page.get_by_role("link", name=session.candidates[0].person.full_name).first.click()
    expect(page.locator("#events")).to_contain_text("Nghị quyết Đảng ủy đề nghị kết nạp")
    for candidate in session.candidates:
        event = MembershipEvent.objects.get(member=candidate, kind=EventKind.WARD_ADMISSION_RESOLUTION)
        assert (event.effective_date.isoformat(), event.votes_for, event.voters_total) == ("2021-06-28", 4, 5)

"""Phone width (issue 11): at 390 px no page a clerk uses daily scrolls sideways (a wide table scrolls inside its own
frame), and the navigation folds behind one button."""

import pytest
from playwright.sync_api import expect

from documents import services as documents_services
from meetings.models import DecisionKind
from meetings.services import record_decision
from meetings.tests.test_decisions import enter_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: no sideways scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_no_daily_page_scrolls_sideways_on_a_phone_and_the_navigation_folds(live_server, phone_page, world, clerk,
                                                                            session, log_in):
    meeting = enter_session(session, world, clerk, conclusion="Tập trung thực hiện các nhiệm vụ trọng tâm.")
    record_decision(meeting, kind=DecisionKind.ADMISSION, member=session.candidates[0], votes_for=5, actor=clerk)
    document = documents_services.register_incoming(
        organization=world.ward, symbol="Hướng dẫn 12-HD/BTCTW ngày 18/01/2022 của Ban Tổ chức Trung ương",
        summary="Hướng dẫn một số vấn đề cụ thể về nghiệp vụ công tác đảng viên", actor=clerk)
    page = phone_page
    log_in(page, clerk.username)

    nav = page.locator(".main-nav")
    expect(nav).to_be_hidden()
    page.get_by_text("Danh mục").click()
    expect(nav).to_be_visible()
    nav.get_by_role("link", name="Đảng viên").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đảng viên")

    paths = ["/", "/members/?status=all", session.candidates[0].get_absolute_url(), "/documents/",
             document.get_absolute_url(), "/documents/incoming/new/", "/meetings/", meeting.get_absolute_url(),
             f"/meetings/{meeting.pk}/correct/", "/meetings/new/", "/people/", "/organizations/", "/audit/"]
    wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        expect(page.locator("main h1").first).to_be_visible()
        if overflow(page) > 0:
            wide[path] = overflow(page)
    assert wide == {}

"""The pages keep to their Content-Security-Policy (issue 12): the clerk's pages, htmx's live search, the
organisation tree, the API's interactive docs and the admin load and run with no refusal on the console (the page
fixture fails any test that causes one), and the policy does refuse what it must: an inline script."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/people/", "/members/", "/documents/", "/meetings/", "/organizations/", "/audit/", "/api/v1/docs"]


def test_the_pages_keep_to_the_policy(live_server, page, world, clerk, log_in):
    log_in(page, clerk.username)
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
    expect(page.locator("#swagger-ui")).to_contain_text("dangvu API")
    page.goto(live_server.url + "/people/")
    page.get_by_role("searchbox", name="Tìm người").fill("dang thi")  # htmx swaps the results in
    expect(page.locator("#results").get_by_role("link", name="Đặng Thị Dung")).to_be_visible()
    expect(page.locator("#results").get_by_role("link", name="Nguyễn Văn Hùng")).to_have_count(0)


def test_the_org_tree_indents_each_level_without_an_inline_style(live_server, page, world, clerk, log_in):
    log_in(page, clerk.username)
    page.goto(live_server.url + "/organizations/")
    tree = page.locator(".org-tree")
    ward = tree.get_by_role("link", name=world.ward.name)
    cell = tree.get_by_role("link", name=world.cell.name)
    assert cell.bounding_box()["x"] > ward.bounding_box()["x"] + 10


def test_the_admin_keeps_to_the_policy(live_server, page, admin_user, log_in):
    log_in(page, admin_user.username)
    page.goto(live_server.url + "/admin/")
    expect(page.locator("#site-name")).to_be_visible()


def test_an_inline_script_is_refused(live_server, page, world, clerk, log_in):
    log_in(page, clerk.username)
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.ran = true';
                             document.body.appendChild(s); }""")
    assert page.evaluate("() => window.ran === undefined")
    assert any("script-src" in violation for violation in page.csp_violations)
    page.csp_violations.clear()  # refused as it must be: not a fault of the pages

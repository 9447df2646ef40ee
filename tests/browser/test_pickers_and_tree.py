"""Issue 15 in Chromium: a unit picked by typing part of its name (htmx fills the select), and the organisation tree
opened level by level."""

import pytest
from playwright.sync_api import expect

from conftest import make_org
from org.models import Kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_clerk_picks_a_chi_bo_by_typing_and_opens_the_tree_level_by_level(live_server, page, world, clerk,
                                                                             superior, log_in):
    log_in(page, clerk.username)
    page.goto(f"{live_server.url}/positions/")
    page.get_by_label("Vào ngày").fill("28/06/2021")
    page.locator("#id_organization__search").fill("chi bo so 2")
    select = page.locator("#id_organization")
    expect(select.locator("option", has_text="Chi bộ số 2 — Đảng ủy phường Sài Đồng")).to_have_count(1)
    expect(select.locator("option", has_text="Chi bộ số 1")).to_have_count(0)
    select.select_option(label="Chi bộ số 2 — Đảng ủy phường Sài Đồng")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#id_organization option:checked")).to_have_text("Chi bộ số 2 — Đảng ủy phường Sài Đồng")
    expect(page.get_by_text("Không có ai giữ chức danh vào ngày này.")).to_be_visible()

    # The level above sees its wards closed; opening one fetches its units.
    make_org(world.other_ward, "Chi bộ Bồ Đề 1", Kind.CELL)
    page.context.clear_cookies()
    log_in(page, superior.username)
    page.goto(f"{live_server.url}/organizations/")
    tree = page.locator(".org-tree")
    expect(tree.get_by_role("link", name="Đảng ủy phường Bồ Đề")).to_be_visible()
    expect(tree.get_by_text("Chi bộ Bồ Đề 1")).to_have_count(0)
    tree.locator("summary", has_text="Đảng ủy phường Bồ Đề").locator("small").click()  # the name is a link
    expect(tree.get_by_role("link", name="Chi bộ Bồ Đề 1")).to_be_visible()
    # Remembered: the next visit shows it open.
    page.goto(f"{live_server.url}/organizations/")
    expect(page.locator(".org-tree").get_by_role("link", name="Chi bộ Bồ Đề 1")).to_be_visible()

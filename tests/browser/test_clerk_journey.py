"""A ward clerk's first journey, in Debian's Chromium: log in, find a person typed without accents, open
their page, change their phone number and see the change in the page's history."""

import re

import pytest
from playwright.sync_api import expect

from org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_finds_a_person_typed_without_accents_and_changes_their_phone(live_server, page, world, clerk,
                                                                          log_in):
    log_in(page, clerk.username)

    page.get_by_role("link", name="Nhân sự").first.click()
    page.get_by_role("searchbox", name="Tìm người").fill("nguyen van hung")
    # htmx swaps the results in as the clerk types; only the matching person remains.
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Nguyễn Văn Hùng")).to_be_visible()
    expect(results.get_by_role("link", name="Đặng Thị Dung")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=nguyen"))

    results.get_by_role("link", name="Nguyễn Văn Hùng").click()
    expect(page.get_by_role("heading", name="Nguyễn Văn Hùng")).to_be_visible()
    expect(page.locator('[data-field="phone"]')).to_have_text("0912345678")
    expect(page.locator("dd", has_text="01/05/1960")).to_be_visible()

    page.get_by_role("button", name="Sửa thông tin").click()
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("heading", name="Nguyễn Văn Hùng")).to_be_visible()
    expect(page.locator('[data-field="phone"]')).to_have_text("0987654321")
    history = page.locator("#history")
    expect(history).to_contain_text("Sửa thông tin người")
    expect(history).to_contain_text("Số điện thoại")
    expect(history).to_contain_text("clerk")
    assert Person.objects.get(pk=world.hung.pk).phone == "0987654321"


def test_a_bad_phone_number_is_refused_with_a_vietnamese_message(live_server, page, world, clerk, log_in):
    log_in(page, clerk.username)
    page.goto(f"{live_server.url}/people/{world.hung.pk}/edit/")
    page.get_by_label("Số điện thoại").fill("12345")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field-error")).to_contain_text("Số điện thoại phải có 10 chữ số")
    assert Person.objects.get(pk=world.hung.pk).phone == "0912345678"


def test_pages_fit_a_phone_screen(live_server, phone_page, world, clerk, log_in):
    log_in(phone_page, clerk.username)
    for path in ("/", "/people/", f"/people/{world.hung.pk}/", f"/organizations/{world.ward.pk}/"):
        phone_page.goto(live_server.url + path)
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)

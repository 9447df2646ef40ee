"""Playwright fixtures for the browser tests (``@pytest.mark.browser``).

The browser is Debian's Chromium (/usr/bin/chromium, installed by
scripts/ensure-system-deps.sh); Playwright never downloads one of its own, so
never run ``playwright install``. Tests combine these fixtures with
pytest-django's ``live_server``::

    @pytest.mark.browser
    def test_login(live_server, page):
        page.goto(live_server.url + "/login/")

On failure a screenshot of the page goes to test-results/screenshots/.
"""

import contextlib
import os
import re

import pytest
from playwright.sync_api import sync_playwright

from meetings.tests.conftest import session, ward_2026  # noqa: F401 - the worlds of the meeting journeys
from work.tests.conftest import mttq, reporter, tasks  # noqa: F401 - the world of the task journey

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Flags for a root user on a machine with no network but loopback: without the
# background-networking ones Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an asyncio event loop running in this thread,
    # which trips Django's async-unsafe guard for ORM calls made by the test or
    # its fixtures. Set only here, so the non-browser runs (which import this
    # file while collecting) keep the guard.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so fixtures can tell a failed test.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _open_page(browser, request, **context_options):
    """A page in its own context. What the Content-Security-Policy refused on it (Chromium says so on the console)
    fails the test: every page a journey passes must keep to the policy (issue 12)."""
    context = browser.new_context(locale="vi-VN", **context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text
            and page.csp_violations.append(f"{page.url}: {message.text}"))
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        folder = request.config.rootpath / "test-results" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        with contextlib.suppress(Exception):  # a crashed page must not hide the failure
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    context.close()
    assert page.csp_violations == [], "a page broke its Content-Security-Policy"


@pytest.fixture
def log_in(live_server):
    """log_in(page, username): through the login form, as a person would; lands on the dashboard."""
    from playwright.sync_api import expect

    from conftest import PASSWORD

    def log_in(page, username):
        page.goto(live_server.url + "/")
        expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()

    return log_in


@pytest.fixture
def page(browser, request):
    """A desktop page: 1280x900, Vietnamese locale, 10 s default timeout."""
    yield from _open_page(browser, request, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone_page(browser, request):
    """A phone-sized page: 390x844, mobile and touch, Vietnamese locale."""
    yield from _open_page(
        browser, request, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )

"""Browser fixtures: the app served by uvicorn on a free loopback port (in a thread, on the same test
database and data folder as the other fixtures), Debian's Chromium driven by Playwright, and a sign-in
through the real login form with password and TOTP.

Chromium is ``$TIPLINE_CHROMIUM``, else ``/usr/bin/chromium``, else ``chromium`` on the PATH. Without
it the tests are skipped on a developer's machine, and fail when ``CI`` or ``TIPLINE_REQUIRE_BROWSER``
is set (``.ci/run`` installs Chromium and sets the latter). Playwright's own browser downloads are
never used. Screenshots of the main pages go to ``test-artifacts/screenshots/`` at the repository
root.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.portal.conftest import PASSWORD, Person
from tipline.app import create_app
from tipline.config import Settings
from tipline.context import Context

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
TIMEOUT_MS = 10_000  # generous: a loaded CI machine; a passing test never waits this long
expect.set_options(timeout=TIMEOUT_MS)


def _required() -> bool:
    return any(
        os.environ.get(v, "").strip() not in ("", "0", "false") for v in ("CI", "TIPLINE_REQUIRE_BROWSER")
    )


def chromium_path() -> str | None:
    """The Chromium to drive; a ``TIPLINE_CHROMIUM`` that is not an executable is an error."""
    chosen = os.environ.get("TIPLINE_CHROMIUM")
    if chosen:
        if not (os.path.isfile(chosen) and os.access(chosen, os.X_OK)):
            pytest.fail(f"TIPLINE_CHROMIUM={chosen} is not an executable file", pytrace=False)
        return chosen
    if os.path.isfile("/usr/bin/chromium") and os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        message = "no Chromium (install Debian's chromium, or set TIPLINE_CHROMIUM to its path)"
        if _required():
            pytest.fail(
                f"{message}; CI or TIPLINE_REQUIRE_BROWSER is set, so this is a failure", pytrace=False
            )
        pytest.skip(message)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def server(settings: Settings, ctx: Context) -> Iterator[str]:
    """The app on http://127.0.0.1:<free port>, stopped after the test (before ``ctx`` empties the
    tables); its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=5
    )
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, kwargs={"sockets": [sock]}, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not served.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            served.should_exit = True
            sock.close()
            pytest.fail("the test server did not start", pytrace=False)
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        served.should_exit = True
        thread.join(15)
        sock.close()
        assert not thread.is_alive(), "the test server did not stop"


NewPage = Callable[[], Page]


@pytest.fixture
def new_page(browser: Browser, server: str) -> Iterator[NewPage]:
    """A page in a fresh browser context (its own cookies) per call: one per person in a test."""
    contexts: list[BrowserContext] = []

    def make() -> Page:
        context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: NewPage) -> Page:
    return new_page()


BrowserSignIn = Callable[..., Page]


def fill_login(page: Page, username: str, password: str, code: str) -> None:
    page.fill("#username", username)
    page.fill("#password", password)
    page.fill("#code", code)


@pytest.fixture
def browser_sign_in(new_page: NewPage, people: dict[str, Person]) -> BrowserSignIn:
    """``browser_sign_in(name)``: a new page, signed in through the login form, on the landing page.
    Each TOTP step is accepted once per user: a second sign-in of the same person in a test uses the
    next step (as ``sign_in`` does)."""
    used: dict[str, int] = {}

    def make(name: str, page: Page | None = None) -> Page:
        page = page or new_page()
        offset = used.get(name, -1) + 1
        used[name] = offset
        page.goto("/portal/login")
        fill_login(page, name, PASSWORD, people[name].code(offset))
        with page.expect_navigation():
            page.click("form[action='/portal/login'] button[type=submit]")
        assert "/portal/login" not in page.url, f"sign-in of {name} failed: {page.url}"
        return page

    return make


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

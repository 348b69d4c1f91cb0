"""Browser tests: Django's live server and headless Chromium driven by Playwright.

Debian's chromium is used through `executable_path` (no browser download); the tests are
skipped, with the reason, where it is not installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORT = {"width": 1440, "height": 900}


class Session:
    """One person's browser context, with what the page reported along the way."""

    def __init__(self, browser, base_url: str):
        self.context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        # Confirmation dialogs are dismissed unless a test says it would press OK.
        self.accept_dialogs = False
        self.console_errors: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on(
            "console",
            lambda msg: (
                self.console_errors.append(f"{msg.text} @ {msg.location}")
                if msg.type == "error"
                else None
            ),
        )

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        if self.accept_dialogs:
            dialog.accept()
        else:
            dialog.dismiss()

    def login(self, username: str, password: str = "demo") -> Session:  # noqa: S107 - demo users
        page = self.page
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/")
        return self

    def csrf_token(self) -> str:
        cookies = {c["name"]: c["value"] for c in self.context.cookies()}
        return cookies["csrftoken"]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def sessions(browser, live_server) -> Iterator[Callable[[], Session]]:
    opened: list[Session] = []

    def open_session() -> Session:
        session = Session(browser, live_server.url)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        session.close()


@pytest.fixture
def demo_article(transactional_db):
    from reviews.services.demo import demo_load

    return demo_load()


def screenshot(page, name: str, *, full_page: bool = True, locator=None) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    # caret="initial": hiding the caret makes Playwright inject a <style>, which the page's
    # Content-Security-Policy reports as a violation and would hide real ones.
    if locator is not None:
        locator.screenshot(path=str(path), caret="initial")
    else:
        page.screenshot(path=str(path), full_page=full_page, caret="initial")
    return path

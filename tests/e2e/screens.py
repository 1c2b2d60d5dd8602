"""Screenshots of the page as a reader sees it, at desktop and phone sizes, for looking at by eye.

Run by hand, never by the suite (the file name is not ``test_*.py``, so only an explicit path collects it):
``SCREENSHOT_PREFIX=/tmp/shots/page-after .venv/bin/python -m pytest tests/e2e/screens.py``, with the shared corpus
present; it digests the ResNet paper (served by the loopback arXiv, offline backend) and waits 15 s after
a bad ID to show the message is still there. The assertions on the same things live in test_browser.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.helpers.browser import DONE, SOURCE_LABEL, needs_chromium
from tests.helpers.constants import CORPUS
from tests.helpers.loopback import ArxivPaper

pytest.importorskip("playwright.sync_api")
PREFIX = os.environ.get("SCREENSHOT_PREFIX", "")
RESNET = CORPUS / "papers" / "cv04_resnet_1512.03385.pdf"
pytestmark = [
    needs_chromium,
    pytest.mark.skipif(not PREFIX, reason="manual: set SCREENSHOT_PREFIX to take the screenshots"),
    pytest.mark.skipif(not RESNET.exists(), reason="../shared/corpus is not present"),
]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
ERROR_WAIT_SECONDS = 15


@pytest.fixture
def resnet_arxiv(_shared_arxiv, monkeypatch):
    _shared_arxiv.reset()
    title = "Deep Residual Learning for Image Recognition"
    authors = ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]
    summary = "Deeper neural networks are more difficult to train. We present a residual learning framework."
    _shared_arxiv.add(ArxivPaper("1512.03385", title, authors, summary, RESNET.read_bytes()))
    monkeypatch.setenv("CHATPAPER_ARXIV_API", _shared_arxiv.url + "/api/query")
    yield _shared_arxiv
    _shared_arxiv.reset()


def _shot(page, name: str, full: bool = False) -> None:
    Path(PREFIX).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{PREFIX}-{name}.png", full_page=full)


def test_screens(resnet_arxiv, fake_llm, monkeypatch, app_url, browser):
    for size, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
        page = browser.new_page(viewport=viewport, locale="zh-CN")
        page.goto(app_url)
        page.get_by_label(SOURCE_LABEL).wait_for()
        _shot(page, f"{size}-start")
        page.get_by_label(SOURCE_LABEL).fill("1512.03385")
        page.get_by_role("button", name="开始 / Run").first.click()
        page.get_by_text(DONE).first.wait_for(timeout=120_000)
        page.wait_for_timeout(1500)
        _shot(page, f"{size}-done")
        _shot(page, f"{size}-done-full", full=True)
        page.close()

    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(app_url)
    page.get_by_label(SOURCE_LABEL).fill("not-an-id")
    page.get_by_role("button", name="开始 / Run").first.click()
    time.sleep(ERROR_WAIT_SECONDS)
    _shot(page, "desktop-error-15s")

    # a model run (loopback model, 1.5 s a call): the progress line mid-run, then cancelled
    from tests.helpers.constants import SENTINEL_KEY

    monkeypatch.setenv("GEMINI_API_KEY", SENTINEL_KEY)
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", fake_llm.url)
    fake_llm.reset(delay=1.5)
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(app_url)
    page.get_by_label(SOURCE_LABEL).fill("1512.03385")
    page.get_by_role("button", name="开始 / Run").first.click()
    page.locator("#run-status").get_by_text("阶段 2/3").wait_for(timeout=60_000)
    _shot(page, "desktop-running")
    clicked = time.monotonic()
    calls = len(fake_llm.requests)
    page.get_by_role("button", name="取消 / Cancel").click()
    page.locator("#run-status").get_by_text("已取消").wait_for(timeout=5_000)
    print(f"\n已取消 shown {time.monotonic() - clicked:.2f} s after the click")
    time.sleep(2)
    print(f"model calls at the click {calls}, 2 s later {len(fake_llm.requests)}")
    _shot(page, "desktop-cancelled")

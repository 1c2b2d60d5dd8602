"""Browser fixtures for the e2e tests that drive the page in headless Chromium via Playwright.

Set SCREENSHOT_DIR=DIR to keep the screenshots; otherwise they go to the test's temp folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.browser import CHROMIUM, FLAGS


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (a launch costs about a second of CPU); each test opens its own page,
    whose new browser context shares no cookies or storage with the others."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder

"""Fixtures of the e2e tests: a gradio_client session of the app, and headless Chromium driven by Playwright.

Set SCREENSHOT_DIR=DIR to keep the screenshots; otherwise they go to the test's temp folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.browser import CHROMIUM, FLAGS
from tests.helpers.gradio_api import api_client


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (a launch costs about a second of CPU); each test opens its own page,
    whose new browser context shares no cookies or storage with the others."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _api_client(app_url):
    """One gradio_client per test process: making one fetches the app's config and API description, which the
    in-process server builds anew each time."""
    return api_client(app_url)


@pytest.fixture
def client(_api_client):
    """A gradio_client session of the test's own (a new session hash: rate limits and state are per session)."""
    _api_client.reset_session()
    return _api_client


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder

"""Formulas in a real browser: the digest page renders ``$…$`` with Gradio's KaTeX, the HTML download shows
MathML, and a model's ``<script>`` is text in both. The model answers with messy variants of the shared replies.

Set SCREENSHOT_DIR=DIR to keep the screenshots (math-digest.png, math-download.png)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import messy_replies as mr
from tests.helpers.browser import DONE, SOURCE_LABEL, needs_chromium
from tests.helpers.constants import ARXIV_ID
from tests.helpers.loopback import FakeLLM

pytest.importorskip("playwright.sync_api")
pytestmark = [needs_chromium, pytest.mark.skipif(not mr.available(), reason="../shared/model-replies is absent")]


def test_digest_formulas_render_as_katex_and_the_download_as_mathml(
    gemini_env, figure_arxiv, app_url, browser, shots, tmp_path
):
    for stage_reply in mr.messy("lg02").values():
        gemini_env.queue(FakeLLM.gemini_text(json.dumps(stage_reply, ensure_ascii=False)))
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    page.goto(app_url)
    page.get_by_label(SOURCE_LABEL).fill(ARXIV_ID)
    page.get_by_role("button", name="开始 / Run").click()
    page.get_by_text(DONE).first.wait_for(timeout=90_000)
    digest = page.locator("#digest")
    digest.locator(".katex").first.wait_for(timeout=30_000)
    text = digest.inner_text()
    assert digest.locator(".katex").count() >= 5, "every formula is typeset"
    assert digest.locator(".katex-error").count() == 0
    assert "\\mathcal" not in text.replace("\\mathcal{L}_{S2TT}+\\beta", "")  # only KaTeX's hidden annotation
    assert "__init__.py" in text and "a_b_c" in text and "<tag>" in text
    assert page.evaluate("window.__pwned") is None and "<script>window.__pwned" in text
    assert "。；" not in text and "|---" not in text
    assert mr.MONEY in text, "prose dollars are text, not paired into a formula"
    digest.locator(".katex").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "math-digest.png"), full_page=True)

    import httpx

    link = page.locator("a[href*='digest.html']").first.get_attribute("href")
    assert link
    exported = tmp_path / "digest.html"
    exported.write_bytes(httpx.get(link if link.startswith("http") else app_url + link).content)
    export = browser.new_page(viewport={"width": 1000, "height": 1400})
    export.goto(exported.as_uri())
    assert export.locator("math").count() >= 5
    body = export.inner_text("body")
    assert export.evaluate("window.__pwned") is None and "<script>window.__pwned" in body and mr.MONEY in body
    export.locator("math").first.scroll_into_view_if_needed()
    export.screenshot(path=str(shots / "math-download.png"), full_page=True)

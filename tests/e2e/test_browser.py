"""The page in a real browser: Debian's headless Chromium driven by Playwright (no browser download).

Set SCREENSHOT_DIR=DIR to keep the screenshots; otherwise they go to the test's temp folder.
"""

from __future__ import annotations

import pytest

from tests.helpers.browser import DONE, SOURCE_LABEL, needs_chromium
from tests.helpers.constants import ARXIV_ID
from tests.helpers.pdfs import TITLE

pytest.importorskip("playwright.sync_api")
pytestmark = needs_chromium


def test_type_id_run_see_digest_and_gallery_then_open_share_link(figure_arxiv, app_url, browser, shots):
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    page.goto(app_url)
    page.get_by_label(SOURCE_LABEL).fill(ARXIV_ID)
    page.get_by_role("button", name="开始 / Run").click()
    page.get_by_text(DONE).first.wait_for(timeout=90_000)
    assert page.get_by_text(TITLE).first.is_visible()
    for label in ["研究背景", "方法", "结论"]:
        assert page.get_by_text(label).first.is_visible()
    gallery_images = page.locator("[data-testid='gallery'] img, .gallery img, .grid-wrap img")
    gallery_images.first.wait_for(timeout=30_000)
    assert gallery_images.count() >= 1
    assert page.locator("#share-link textarea").input_value().endswith(f"/?arxiv={ARXIV_ID}")
    page.screenshot(path=str(shots / "digest.png"), full_page=True)

    shared = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    shared.goto(f"{app_url}/?arxiv={ARXIV_ID}")
    shared.get_by_text(DONE).first.wait_for(timeout=60_000)  # cached: it appears at once
    assert shared.get_by_label(SOURCE_LABEL).input_value() == ARXIV_ID
    assert shared.get_by_text(TITLE).first.is_visible()
    shared.screenshot(path=str(shots / "shared-link.png"), full_page=True)
    assert (shots / "digest.png").stat().st_size > 10_000


XSS_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Routing'


def test_html_in_a_paper_never_runs_in_the_page_or_the_html_download(app_url, browser, tmp_path, shots):
    from tests.helpers.pdfs import make_paper_pdf

    pdf = tmp_path / "xss.pdf"
    pdf.write_bytes(make_paper_pdf(title=XSS_TITLE))
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(app_url)
    page.locator("input[type=file]").first.set_input_files(str(pdf))
    page.get_by_role("button", name="开始 / Run").click()
    page.get_by_text(DONE).first.wait_for(timeout=90_000)
    assert page.evaluate("window.__pwned") is None
    assert page.get_by_text("<script>window.__pwned").first.is_visible()  # shown as text, not run
    page.screenshot(path=str(shots / "xss.png"), full_page=True)

    import httpx

    link = page.locator("a[href*='digest.html']").first.get_attribute("href")
    exported = tmp_path / "digest.html"  # the download, opened as a reader would open it: from disk
    exported.write_bytes(httpx.get(link if link.startswith("http") else app_url + link).content)
    export = browser.new_page()
    export.goto(exported.as_uri())
    assert export.evaluate("window.__pwned") is None
    assert "<script>window.__pwned" in export.inner_text("body")

"""The page in a real browser: Debian's headless Chromium driven by Playwright (no browser download).

Set SCREENSHOT_DIR=DIR to keep the screenshots; otherwise they go to the test's temp folder.
"""

from __future__ import annotations

from pathlib import Path

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
    gallery_images = page.locator("#figure-view img")
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


# -- issue #15: the page as a Chinese-speaking researcher uses it
RUN = "开始 / Run"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _run(page, source: str = ARXIV_ID) -> None:
    page.get_by_label(SOURCE_LABEL).fill(source)
    page.get_by_role("button", name=RUN).click()


def test_a_bad_id_leaves_a_chinese_message_in_the_status_until_the_next_run(app_url, browser):
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(app_url)
    _run(page, "not-an-id")
    status = page.locator("#run-status")
    status.get_by_text("不是 arXiv 编号或链接").wait_for(timeout=15_000)
    # a later UI event (opening the settings, typing) and a moment later: still there, Chinese first
    page.get_by_text("设置 / Settings").first.click()
    page.get_by_label(SOURCE_LABEL).fill("2405.07257")
    page.wait_for_timeout(1_000)
    text = status.inner_text()
    assert "输入有误" in text and "not an arXiv ID" in text and text.index("输入有误") < text.index("not an arXiv")
    assert "Error" not in text and "CHATPAPER_" not in text


def test_cancel_says_cancelled_at_once_and_no_model_call_starts_after_the_click(
    figure_arxiv, gemini_env, app_url, browser
):
    gemini_env.reset(delay=2.0)  # each model call takes 2 s: the click lands while the first one is in flight
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(app_url)
    _run(page)
    page.locator("#run-status").get_by_text("阶段 1/3").wait_for(timeout=30_000)
    for _ in range(200):  # until the first call is in flight (the client may take a moment to send it)
        if gemini_env.requests:
            break
        page.wait_for_timeout(50)
    page.get_by_role("button", name="取消 / Cancel").click()
    calls_at_click = len(gemini_env.requests)
    # well before the call in flight ends (2 s; it takes about 0.3 s, the margin is for a busy machine)
    page.locator("#run-status").get_by_text("已取消").wait_for(timeout=1_500)
    assert page.locator("#digest").get_by_text("已取消").count() >= 1  # the unfinished parts say so
    assert page.locator("#digest").get_by_text("生成中").count() == 0
    page.wait_for_timeout(2_200)  # the call in flight ends; another one would have started by now
    assert calls_at_click >= 1 and len(gemini_env.requests) == calls_at_click


def test_the_figures_are_in_number_order_with_whole_captions_and_the_downloads_are_named_after_the_paper(
    _shared_arxiv, monkeypatch, app_url, browser
):
    from tests.helpers.loopback import ArxivPaper
    from tests.helpers.page_pdfs import LONG_CAPTIONS, paper_with_figures_out_of_order
    from tests.helpers.pdfs import ABSTRACT, AUTHORS

    _shared_arxiv.reset()
    _shared_arxiv.add(ArxivPaper(ARXIV_ID, TITLE, AUTHORS, ABSTRACT, paper_with_figures_out_of_order()))
    monkeypatch.setenv("CHATPAPER_ARXIV_API", _shared_arxiv.url + "/api/query")
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(app_url)
    _run(page)
    page.get_by_text(DONE).first.wait_for(timeout=90_000)
    figures = page.locator("#figure-view figure")
    assert [figures.nth(i).get_attribute("data-number") for i in range(figures.count())] == ["6", "7", "10"]
    caption = figures.nth(2).locator("figcaption")
    assert caption.inner_text() == LONG_CAPTIONS["10"] and caption.is_visible()
    assert caption.evaluate("c => c.scrollWidth <= c.clientWidth && c.scrollHeight <= c.clientHeight")
    names = {Path(a.get_attribute("href").split("?")[0]).name for a in page.locator("a[href*='-digest.']").all()}
    assert {f"{ARXIV_ID}v1-digest.{ext}" for ext in ("zip", "html", "md")} <= names


def test_on_a_phone_the_run_button_is_on_the_first_screen(app_url, browser):
    page = browser.new_page(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    page.goto(app_url)
    run = page.get_by_role("button", name=RUN)
    run.wait_for()
    box = run.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    assert "右侧" not in page.inner_text("body")


def test_an_example_runs_on_click_and_the_paper_then_opens_from_the_recent_list(arxiv_server, app_url, browser):
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(app_url)
    page.get_by_text("1512.03385", exact=True).first.click()  # the example: no Run press needed
    page.get_by_text(DONE).first.wait_for(timeout=90_000)
    recent = page.locator("#recent").get_by_text("1512.03385")
    recent.first.wait_for(timeout=10_000)
    assert page.get_by_text("重新运行只会重试失败的部分").count() == 0  # a complete digest needs no such note

    other = browser.new_page(viewport=DESKTOP, locale="zh-CN")  # another visitor sees it and opens it
    other.goto(app_url)
    other.locator("#recent").get_by_text("1512.03385").first.click()
    other.get_by_text(DONE).first.wait_for(timeout=30_000)
    assert other.get_by_label(SOURCE_LABEL).input_value() == "1512.03385"
    assert other.get_by_text(TITLE).first.is_visible()

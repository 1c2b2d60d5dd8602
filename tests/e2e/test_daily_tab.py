"""Issues #15 and #18, the 每日速递 tab: progress as "n/N · title", the ranked list and the feed link above a
collapsible preview, and a server with its own key runs the tab only with the visitor's key unless it is public."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from chatpaper.web.daily_access import OWN_KEY_ONLY
from tests.helpers.constants import SENTINEL_KEY
from tests.helpers.figure_pdfs import paper_with_figure
from tests.helpers.loopback import ArxivPaper, FakeArxiv

TOPIC = "Talking Head"


@pytest.fixture
def three_papers(monkeypatch):
    now = datetime.now(timezone.utc)
    pdf = paper_with_figure()
    titles = ["Talking head generation with diffusion", "Talking head video calls", "A survey of talking heads"]
    abstracts = ["A talking head generation model.", "Talking head calls.", "We survey the talking head field."]
    with FakeArxiv() as server:
        for n, (title, abstract) in enumerate(zip(titles, abstracts, strict=True)):
            stamp = (now - timedelta(hours=n + 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            server.add(ArxivPaper(f"2611.4{n}000", title, ["Ann Li"], abstract, pdf, published=stamp))
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        yield server


def test_progress_reads_n_of_total_with_the_title_and_the_list_is_ranked(
    three_papers, gemini_env, client, app_url, monkeypatch
):
    monkeypatch.setenv("CHATPAPER_DAILY_PUBLIC", "true")  # the server's (loopback) model, for any visitor
    monkeypatch.setenv("CHATPAPER_LLM_RPM", "100")  # calls 0.6 s apart: the papers end apart, progress can be seen
    job = client.submit(topic=TOPIC, days=1, max_papers=2, api_name="/daily")
    seen: set[str] = set()
    while not job.done():
        status = job.status()
        for unit in status.progress_data or []:
            if unit.desc:
                seen.add(unit.desc)
        time.sleep(0.05)
    post, ranked, files = job.result()
    assert any(d.startswith("1/2 · Talking head") for d in seen), seen
    assert len(gemini_env.requests) == 6  # two papers digested, the third only listed
    assert post.count("**相关度 / Relevance:**") == 2 and "其他相关论文" in post
    lines = [line for line in ranked.splitlines() if line.startswith("| 1 ") or line.startswith("| 3 ")]
    assert "已解读 / digested" in lines[0] and "仅列出 / listed" in lines[1]
    feed = next(f for f in files if f.endswith(".xml"))
    link = ranked.split("订阅 / Feed (Atom): [")[1].split("](")[1].split(")")[0]
    assert link.endswith(".xml") and httpx.get(app_url + link).text.startswith("<?xml")
    assert feed.endswith("talking-head.xml")


def test_a_server_with_its_own_key_wants_the_visitors_key(three_papers, gemini_env, client, monkeypatch):
    with pytest.raises(Exception) as err:
        client.predict(topic=TOPIC, days=1, max_papers=1, api_name="/daily")
    assert OWN_KEY_ONLY.split("：")[0] in str(err.value) and "\n" not in str(err.value).strip()
    assert not gemini_env.requests  # not one call on the owner's key
    # with the visitor's own key it runs (the loopback model answers)
    post, _, _ = client.predict(topic=TOPIC, days=1, max_papers=1, api_key="AIza" + SENTINEL_KEY, api_name="/daily")
    assert "Talking head" in post and gemini_env.requests
    # and a public server runs it on its own key
    monkeypatch.setenv("CHATPAPER_DAILY_PUBLIC", "true")
    post, _, _ = client.predict(topic=TOPIC, days=1, max_papers=1, api_name="/daily")
    assert "Talking head" in post


def test_the_page_puts_downloads_above_a_collapsible_preview(app_url, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(app_url)
    page.get_by_role("tab", name="每日速递").click()
    downloads = page.get_by_text("下载博文、图片和订阅源").first.bounding_box()
    toggle = page.get_by_text("博文预览 / Post preview").first
    assert downloads and toggle.bounding_box() and downloads["y"] < toggle.bounding_box()["y"]
    preview = page.locator("#daily-post")
    assert preview.count() == 1
    toggle.click()
    page.wait_for_timeout(300)
    assert not preview.is_visible()  # collapsed

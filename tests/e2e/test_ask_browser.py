"""The 追问 / Ask panel in a real browser (Debian's headless Chromium) and the /ask API endpoint through
gradio_client, against the loopback arXiv and Gemini: digest a paper, ask two questions, see the cited answers and
open a cited figure; a share link brings the digest back with an empty chat.

Set SCREENSHOT_DIR=DIR to keep the screenshots; otherwise they go to the test's temp folder."""

from __future__ import annotations

import json

import pytest

from chatpaper import Settings
from chatpaper.ask import load_paper
from tests.helpers.browser import DONE, SOURCE_LABEL, needs_chromium
from tests.helpers.constants import ARXIV_ID, SENTINEL_KEY
from tests.helpers.gradio_api import api_client
from tests.helpers.loopback import FakeLLM
from tests.helpers.pdfs import TITLE


def _ids() -> dict[str, str]:
    """Passage ids of the served paper, read as the app reads it (same data dir, same arXiv)."""
    passages = load_paper(ARXIV_ID, Settings.load()).data.passages
    return {
        "router": next(p.id for p in passages if p.section == "2.1 Router Training"),
        "figure": next(p.id for p in passages if p.label == "Figure 3"),
    }


def _answer(text: str, cited: list[str]):
    return FakeLLM.gemini_text(json.dumps({"answer": text, "cited": cited}, ensure_ascii=False))


def _ask(page, question: str) -> None:
    page.locator("#ask-question textarea").fill(question)
    page.get_by_role("button", name="提问 / Ask").click()


@needs_chromium
def test_digest_then_ask_two_questions_see_citations_and_open_the_cited_figure(
    figure_arxiv, gemini_env, app_url, browser, shots
):
    pytest.importorskip("playwright.sync_api")
    page = browser.new_page(viewport={"width": 1400, "height": 1500}, locale="zh-CN")
    page.goto(app_url)
    page.get_by_label(SOURCE_LABEL).fill(ARXIV_ID)
    page.get_by_role("button", name="开始 / Run").click()
    page.get_by_text(DONE).first.wait_for(timeout=90_000)

    ids = _ids()
    gemini_env.queue(_answer(f"辅助负载均衡损失的权重是 0.01 [{ids['router']}]。", [ids["router"]]))
    _ask(page, "负载均衡损失的权重是多少？")
    chat = page.locator("#ask-chat")
    chat.get_by_text("辅助负载均衡损失的权重是 0.01 (p. 1, §2.1)。").wait_for(timeout=30_000)
    chat.screenshot(path=str(shots / "ask-first-answer.png"))

    gemini_env.queue(_answer(f"图 3 是两个模型的训练曲线 [{ids['figure']}]。", [ids["figure"]]))
    _ask(page, "图3展示了什么？")
    chat.get_by_text("图 3 是两个模型的训练曲线 (Figure 3)。", exact=False).first.wait_for(timeout=30_000)
    assert chat.get_by_text("已查看 Figure 3 的图像").count() == 1  # the image went to Gemini, and it says so
    sent = gemini_env.requests[-1].body["contents"][0]["parts"]
    assert any("inlineData" in part for part in sent)
    _, first_prompt = FakeLLM.request_texts(gemini_env.requests[-2].body)
    _, second_prompt = FakeLLM.request_texts(gemini_env.requests[-1].body)
    assert "<conversation>" not in first_prompt and "Reader: 负载均衡损失的权重是多少？" in second_prompt

    chat.get_by_text(f"(Figure 3) · {ids['figure']}").click()  # open the cited figure's passage
    assert chat.get_by_text("Figure 3: Training curves of both models.").first.is_visible()
    figure = chat.locator("img").last
    figure.wait_for(state="visible", timeout=10_000)
    assert figure.evaluate("img => img.naturalWidth") > 50
    figure.click()  # and the figure itself
    page.screenshot(path=str(shots / "ask-chat.png"), full_page=True)

    shared = browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    shared.goto(f"{app_url}/?arxiv={ARXIV_ID}")
    shared.get_by_text(DONE).first.wait_for(timeout=60_000)
    assert shared.get_by_text(TITLE).first.is_visible()
    assert shared.locator("#ask-chat").get_by_text("0.01").count() == 0  # the digest is back, the chat is empty
    gemini_env.queue(_answer(f"0.01 [{ids['router']}].", [ids["router"]]))
    _ask(shared, "And the loss weight?")
    shared.locator("#ask-chat").get_by_text("0.01 (p. 1, §2.1).").wait_for(timeout=30_000)
    shared.screenshot(path=str(shots / "ask-shared-link.png"), full_page=True)


@needs_chromium
def test_an_uploaded_paper_is_asked_offline_and_the_page_says_so(app_url, browser, tmp_path, shots):
    from tests.helpers.ask_pdfs import TABLE_PAGE, ask_paper_pdf

    pdf = tmp_path / "ask_paper.pdf"
    pdf.write_bytes(ask_paper_pdf())
    page = browser.new_page(viewport={"width": 1400, "height": 1400}, locale="zh-CN")
    page.goto(app_url)
    _ask(page, "What is in Table 2?")  # no paper yet: one line, Chinese first
    page.get_by_text("输入有误：请先在上方运行一篇论文的速读").first.wait_for(timeout=10_000)
    page.locator("input[type=file]").first.set_input_files(str(pdf))
    page.get_by_role("button", name="开始 / Run").click()
    page.get_by_text(DONE).first.wait_for(timeout=90_000)
    _ask(page, "表2里有什么？")
    chat = page.locator("#ask-chat")
    chat.get_by_text(f"(Table 2, p. {TABLE_PAGE})").first.wait_for(timeout=30_000)
    assert chat.get_by_text("离线模式（未使用大语言模型）").count() == 1
    assert chat.get_by_text("SparseRouter 64 12.3", exact=False).count() >= 1
    chat.screenshot(path=str(shots / "ask-offline-upload.png"))


def test_ask_endpoint_through_gradio_client_uses_a_typed_key_for_that_call_only(
    figure_arxiv, fake_llm, app_url, monkeypatch
):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_llm.url + "/v1")  # the server has no key of its own
    client = api_client(app_url)
    ids = _ids()
    fake_llm.queue(FakeLLM.openai_text(json.dumps({"answer": f"0.01 [{ids['router']}].", "cited": [ids["router"]]})))
    result = client.predict(
        source=ARXIV_ID,
        question="What weight does the load-balancing loss get?",
        history=[{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi"}],
        lang="en",
        backend="openai",
        api_key=SENTINEL_KEY,
        api_name="/ask",
    )
    assert result["answer"] == "0.01 (p. 1, §2.1)." and result["found"] is True
    assert result["citations"][0]["section"] == "2.1 Router Training" and result["citations"][0]["page"] == 1
    headers = {k.lower(): v for k, v in fake_llm.requests[-1].headers.items()}
    assert headers["authorization"] == f"Bearer {SENTINEL_KEY}"
    _, prompt = FakeLLM.request_texts(fake_llm.requests[-1].body)
    assert "Reader: Hello" in prompt and "Assistant: Hi" in prompt

    calls = len(fake_llm.requests)
    again = client.predict(source=ARXIV_ID, question="What does Figure 3 show?", api_name="/ask")
    assert again["offline"] is True and len(fake_llm.requests) == calls  # the key was not kept
    assert again["citations"][0]["figure"] == "Figure 3"
    with pytest.raises(Exception, match="question is empty"):
        client.predict(source=ARXIV_ID, question=" ", api_name="/ask")

"""Ask the paper through the real google-genai and openai SDKs against the loopback model, and the CLI as a
process: citations, figure images sent to Gemini, "the paper does not say", the passage cache, the sentinel key."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import pytest

from chatpaper import Settings, ask
from chatpaper.ask import load_paper
from chatpaper.ask import paper_index as paper_index_module
from chatpaper.ask.answer import LOOKED_AT, NOT_SAID
from chatpaper.ask.retrieve import PassageIndex
from tests.helpers.ask_pdfs import ask_paper_pdf
from tests.helpers.constants import ARXIV_ID, ROOT, SENTINEL_KEY
from tests.helpers.loopback import FakeLLM


@pytest.fixture
def ask_file(tmp_path):
    path = tmp_path / "ask_paper.pdf"
    path.write_bytes(ask_paper_pdf())
    return path


def _id(source, section: str | None = None, label: str | None = None) -> str:
    """The id of a passage of the paper, read the way ``ask`` reads it (and cached for it)."""
    passages = load_paper(source, Settings.load()).data.passages
    return next(p.id for p in passages if (label and p.label == label) or (section and p.section == section))


def _reply(backend: str, answer: dict) -> object:
    text = json.dumps(answer, ensure_ascii=False)
    return FakeLLM.gemini_text(text) if backend == "gemini" else FakeLLM.openai_text(text)


@pytest.mark.parametrize("backend", ["gemini", "openai"])
def test_an_answer_streams_through_the_sdk_and_cites_page_and_section(backend, request, ask_file):
    server = request.getfixturevalue(f"{backend}_env")
    pid = _id(ask_file, section="3.1 Training Data")
    server.queue(_reply(backend, {"answer": f"Each batch holds 2048 sequences [{pid}].", "cited": [pid, "P404"]}))
    written: list[str] = []
    result = ask(ask_file, "How big is a training batch?", settings=Settings.load(lang="en"), on_answer=written.append)
    assert result.found and result.answer == "Each batch holds 2048 sequences (p. 2, §3.1)."
    assert [(c.id, c.section, c.page) for c in result.citations] == [(pid, "3.1 Training Data", 2)]
    assert len(written) > 1 and written[-1].startswith("Each batch holds 2048")  # streamed piece by piece
    sent = server.requests[-1]
    assert ":streamGenerateContent" in sent.path if backend == "gemini" else sent.body["stream"] is True
    system, prompt = FakeLLM.request_texts(sent.body)
    assert (
        "<passages>" in prompt and f"[{pid}] (page 2" in prompt and "<question>\nHow big is a training batch?" in prompt
    )
    assert "Reply with a single JSON object" in system


def test_a_figure_question_sends_the_figure_image_to_gemini_and_says_so(gemini_env, ask_file):
    fid = _id(ask_file, label="Figure 3")
    gemini_env.queue(FakeLLM.gemini_text(json.dumps({"answer": f"Two training curves [{fid}].", "cited": [fid]})))
    result = ask(ask_file, "What does Figure 3 show?", settings=Settings.load(lang="en"))
    parts = gemini_env.requests[-1].body["contents"][0]["parts"]
    images = [p["inlineData"] for p in parts if "inlineData" in p]
    assert len(images) == 1 and images[0].get("mimeType", images[0].get("mime_type")) == "image/png"
    assert base64.b64decode(images[0]["data"]).startswith(b"\x89PNG")
    assert result.looked_at == ["Figure 3"]
    assert result.answer == "Two training curves (Figure 3). " + LOOKED_AT["en"].format(figures="Figure 3")
    assert result.citations[0].figure == "Figure 3" and result.citations[0].image


def test_openai_gets_no_image_for_a_figure_question(openai_env, ask_file):
    openai_env.queue(FakeLLM.openai_text(json.dumps({"answer": "", "cited": []})))
    result = ask(ask_file, "What does Figure 3 show?", settings=Settings.load(lang="en"))
    assert "image_url" not in json.dumps(openai_env.requests[-1].body) and result.looked_at == []


def test_an_unanswerable_question_says_the_paper_does_not_say_with_the_closest_passages(gemini_env, ask_file):
    gemini_env.queue(FakeLLM.gemini_text(json.dumps({"answer": "It was trained on Mars [P999].", "cited": ["P999"]})))
    result = ask(ask_file, "On which planet were the experts trained?")
    assert not result.found and result.answer == NOT_SAID["zh"]
    assert result.citations  # the closest passages, for the reader to judge


def test_history_goes_with_the_question_trimmed_to_its_budget(openai_env, ask_file, monkeypatch):
    monkeypatch.setenv("CHATPAPER_ASK_HISTORY_TOKENS", "60")
    history = [{"role": "user", "content": "old question " + "x" * 400}, {"role": "assistant", "content": "recent"}]
    openai_env.queue(FakeLLM.openai_text(json.dumps({"answer": "", "cited": []})))
    ask(ask_file, "And the batch size?", history)
    _, prompt = FakeLLM.request_texts(openai_env.requests[-1].body)
    assert "Assistant: recent" in prompt and "old question" not in prompt


def test_a_second_question_costs_no_parsing(ask_file, monkeypatch):
    first = ask(ask_file, "How large is the batch size?")
    paper_index_module._KEPT.clear()  # another process: only the store is shared

    def no_parsing(*args, **kwargs):
        raise AssertionError("the paper was parsed again")

    monkeypatch.setattr(paper_index_module, "read_passages", no_parsing)
    second = ask(ask_file, "How large is the batch size?")
    assert second.answer == first.answer and second.offline


def test_an_arxiv_paper_is_found_the_way_the_digest_finds_it(figure_arxiv):
    result = ask(ARXIV_ID, "What does Figure 3 show?", settings=Settings.load(lang="en"))
    assert result.found and result.citations[0].figure == "Figure 3"
    assert sum("/pdf/" in r for r in figure_arxiv.requests) == 1
    ask(ARXIV_ID, "What is the perplexity on C4?")
    assert sum("/pdf/" in r for r in figure_arxiv.requests) == 1  # downloaded once


def test_retrieval_over_the_cached_passages_is_the_same(ask_file):
    loaded = load_paper(ask_file, Settings.load())
    again = PassageIndex(loaded.data.passages).search("batch size", 3)
    assert [h.passage.id for h in again] == [h.passage.id for h in loaded.index.search("batch size", 3)]


def _cli(*args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "chatpaper", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_cli_ask_json_through_the_openai_sdk(openai_env, ask_file):
    pid = _id(ask_file, section="2.1 Router Training")
    openai_env.queue(FakeLLM.openai_text(json.dumps({"answer": f"0.01 [{pid}].", "cited": [pid]})))
    proc = _cli("ask", str(ask_file), "What weight has the load-balancing loss?", "--json", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["answer"] == "0.01 (p. 1, §2.1)." and data["found"] is True
    assert data["citations"] == [
        {"id": pid, "section": "2.1 Router Training", "page": 1, "figure": None, "quote": data["citations"][0]["quote"]}
    ]
    assert "load-balancing loss with weight 0.01" in data["citations"][0]["quote"]
    assert SENTINEL_KEY not in proc.stdout + proc.stderr


def test_cli_ask_offline_prints_quoted_passages_with_citations(ask_file):
    proc = _cli("ask", str(ask_file), "What is in Table 2?")
    assert proc.returncode == 0, proc.stderr
    assert "Building index" not in proc.stderr  # bm25s's own log lines stay out of the CLI's output
    assert (
        proc.stdout.startswith("离线模式")
        and "(Table 2, p. 3)" in proc.stdout
        and "SparseRouter 64 12.3" in proc.stdout
    )


@pytest.mark.parametrize(
    "args,message,as_process",
    [
        (["QUESTION_FILE", "   "], "The question is empty", True),
        (["SCAN", "what?"], "No text could be read", True),
        (["QUESTION_FILE", "x" * 2001], "at most 2000", False),
        (["missing.pdf", "what?"], "file not found", False),
    ],
)
def test_cli_ask_bad_input_is_one_line_and_exit_2(args, message, as_process, ask_file, tmp_path, capsys):
    """Two as a process (what a shell sees), two through the same entry point in-process (seconds saved)."""
    from chatpaper.cli import main
    from tests.helpers.figure_pdfs import image_only_scan

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_scan())
    args = [str(ask_file) if a == "QUESTION_FILE" else str(scan) if a == "SCAN" else a for a in args]
    if as_process:
        proc = _cli("ask", *args)
        code, stderr = proc.returncode, proc.stderr
    else:
        code, stderr = main(["ask", *args]), capsys.readouterr().err
    assert code == 2, stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert lines[-1].startswith("chatpaper: error:") and message in lines[-1] and "Traceback" not in stderr

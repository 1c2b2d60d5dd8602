"""Answering, with the offline backend and with an in-test backend that returns a given reply (the real SDKs are
driven in tests/integration/test_ask.py)."""

from __future__ import annotations

import json

import pytest

from chatpaper._errors import InputError
from chatpaper.ask.answer import NOT_SAID, OFFLINE_NOTE, answer_question, check_question, clean_history
from chatpaper.ask.paper_index import LoadedPaper, PaperPassages
from chatpaper.backends.base import LLMRequest, LLMResponse, TextSink
from chatpaper.backends.offline import OfflineBackend


class Replying:
    """A backend that answers every request with ``reply`` (streamed in two pieces when asked to)."""

    name, offline, model = "openai", False, "m"

    def __init__(self, reply: dict):
        self.text = json.dumps(reply)
        self.requests: list[LLMRequest] = []

    def execute(self, request: LLMRequest, on_text: TextSink | None = None) -> LLMResponse:
        self.requests.append(request)
        if on_text:
            on_text(self.text[:20])
            on_text(self.text[20:])
        return LLMResponse(self.text, self.model)


@pytest.fixture
def paper(passages) -> LoadedPaper:
    return LoadedPaper("k", PaperPassages(title="SparseRouter", passages=passages))


def _id_of(paper: LoadedPaper, section: str) -> str:
    return next(p.id for p in paper.data.passages if p.section == section)


def test_the_answer_cites_page_and_section_and_streams(paper):
    pid = _id_of(paper, "3.1 Training Data")
    backend = Replying({"answer": f"A batch holds 2048 sequences [{pid}].", "cited": [pid, "P999"]})
    seen: list[str] = []
    result = answer_question(paper, "What batch size?", [], backend, "en", 2000, seen.append)
    assert result.found and result.answer == "A batch holds 2048 sequences (p. 2, §3.1)."
    assert [c.id for c in result.citations] == [pid]  # P999 was never given: dropped
    assert seen and seen[-1] == f"A batch holds 2048 sequences [{pid}]."
    assert f"[{pid}]" in backend.requests[0].prompt and backend.requests[0].images == ()


def test_an_answer_without_a_valid_citation_is_not_found_with_the_closest_passages(paper):
    for reply in ({"answer": "Probably 42.", "cited": []}, {"answer": "It is 42 [P999].", "cited": ["P999"]}):
        result = answer_question(paper, "What batch size is used?", [], Replying(reply), "zh", 2000)
        assert not result.found and result.answer == NOT_SAID["zh"]
        assert result.citations and result.citations[0].section == "3.1 Training Data"


def test_a_question_matching_nothing_is_sent_the_papers_overview(paper):
    abstract = _id_of(paper, "Abstract")
    backend = Replying({"answer": f"A balanced router [{abstract}].", "cited": [abstract]})
    result = answer_question(paper, "这篇论文讲的是哪方面？", [], backend, "zh", 2000)
    assert f"[{abstract}] (page 1" in backend.requests[0].prompt and result.found


def test_cited_ids_without_inline_marks_are_appended(paper):
    pid = _id_of(paper, "2.1 Router Training")
    result = answer_question(paper, "loss weight?", [], Replying({"answer": "0.01.", "cited": [pid]}), "en", 2000)
    assert result.answer == "0.01. (p. 1, §2.1)"


def test_the_offline_answer_quotes_the_best_passages(paper):
    result = answer_question(paper, "How large is the batch size?", [], OfflineBackend("extractive"), "zh", 2000)
    assert result.found and result.offline
    assert result.answer.startswith(OFFLINE_NOTE["zh"])
    assert "“We train on 300 billion tokens" in result.answer and "(p. 2, §3.1)" in result.answer


def test_offline_a_question_matching_nothing_is_not_found(paper):
    result = answer_question(paper, "quantum chromodynamics?", [], OfflineBackend("extractive"), "en", 2000)
    assert not result.found and result.answer == NOT_SAID["en"] and result.citations[0].section == "Abstract"


def test_a_model_backend_gets_no_image_unless_it_sees_images(paper):
    backend = Replying({"answer": "", "cited": []})
    answer_question(paper, "What does Figure 3 show?", [], backend, "en", 2000)
    assert backend.requests[0].images == ()  # "openai" does not see images


def test_questions_are_checked():
    assert check_question("  what   loss? ", 100) == "what loss?"
    with pytest.raises(InputError, match="empty"):
        check_question(" \n ", 100)
    with pytest.raises(InputError, match="at most 100"):
        check_question("x" * 101, 100)


def test_history_keeps_text_turns_only():
    history = [
        {"role": "user", "content": "q1"},
        {"role": "assistant", "content": "a1"},
        {"role": "assistant", "content": ["> quote"], "metadata": {"title": "📄 (p. 1)"}},
        {"role": "assistant", "content": [{"type": "text", "text": "a2"}]},
        {"role": "system", "content": "x"},
        "junk",
    ]
    assert clean_history(history) == [
        {"role": "user", "content": "q1"},
        {"role": "assistant", "content": "a1"},
        {"role": "assistant", "content": "a2"},
    ]

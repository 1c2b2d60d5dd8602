"""Answering one question about a paper: retrieve its passages, ask the model for an answer that cites them by id
(structured output, streamed), keep only citations of passages it was given. An answer that cites nothing is
"the paper does not say", shown with the closest passages: never an invented answer. The offline backend quotes
the best passages instead (an extractive answer)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from chatpaper import backends
from chatpaper._errors import InputError, StageError
from chatpaper.ask.citations import Citation, citation_of, label, marked_ids, render_marks
from chatpaper.ask.paper_index import LoadedPaper
from chatpaper.ask.passages import Passage
from chatpaper.ask.prompt import Turn, ask_prompt, ask_system, trim_history
from chatpaper.ask.retrieve import Hit
from chatpaper.backends import Backend, LLMRequest
from chatpaper.backends.base import inline_schema
from chatpaper.stages.output import OutputError, parse_reply
from chatpaper.stages.prompts import REPAIR
from chatpaper.stages.run import partial_reader
from chatpaper.text import clip_to_tokens

log = logging.getLogger("chatpaper.ask")

ASK_STAGE = "ask"
# Passages sent with a question: enough for an answer that draws on several places, few enough for a short prompt.
TOP_PASSAGES = 6
# Passages quoted by the offline answer, and shown under "the paper does not say".
QUOTED_PASSAGES = 3
# Figure images sent with one question (a question naming many figures sends the first ones).
MAX_IMAGES = 3
# Estimated tokens of each passage the offline answer quotes (a few sentences; the whole passage is under it).
QUOTE_TOKENS = 80
# Replies that do not match the schema get this many repair attempts (as the digest's stages do).
REPAIR_ATTEMPTS = 1

NOT_SAID = {
    "zh": "论文中没有找到这个问题的答案。以下是最接近的段落：",
    "en": "The paper does not say. The closest passages are:",
}
NOTHING_CLOSE = {"zh": "论文中没有找到这个问题的答案。", "en": "The paper does not say."}
OFFLINE_NOTE = {
    "zh": "离线模式（未使用大语言模型）：以下是论文中与问题最相关的原文段落。",
    "en": "Offline mode (no LLM): the passages of the paper that best match the question, quoted.",
}
LOOKED_AT = {"zh": "（已查看 {figures} 的图像。）", "en": "({figures}: the image was looked at.)"}


class AskReply(BaseModel):
    """What the model returns for a question."""

    answer: str = Field(description="the answer, with [P<n>] after each claim; empty if the passages do not answer")
    cited: list[str] = Field(description="ids of the passages the answer uses, e.g. ['P3', 'P12']; empty if none")


@dataclass
class AskResult:
    """An answer with its citations. ``answer`` is plain text with citation labels ("(p. 4, §3.2)")."""

    question: str
    answer: str
    citations: list[Citation]
    found: bool
    offline: bool = False
    looked_at: list[str] = field(default_factory=list)
    backend: str = ""
    model: str = ""

    def to_json(self) -> dict[str, Any]:
        """``{answer, citations: [{id, section, page, figure, quote}], found, offline}`` (the CLI's ``--json``)."""
        return {
            "answer": self.answer,
            "citations": [c.model_dump(exclude={"image"}) for c in self.citations],
            "found": self.found,
            "offline": self.offline,
            "looked_at": self.looked_at,
        }


def check_question(question: str | None, max_chars: int) -> str:
    text = " ".join((question or "").split())
    if not text:
        raise InputError(
            "问题是空的，请输入一个关于这篇论文的问题。 / The question is empty: type a question about the paper."
        )
    if len(text) > max_chars:
        raise InputError(
            f"问题太长（{len(text)} 字），最多 {max_chars} 字，请缩短后再问。 / The question is {len(text)} characters "
            f"long; at most {max_chars} (CHATPAPER_ASK_QUESTION_CHARS)."
        )
    return text


def clean_history(history: list[Any] | None) -> list[Turn]:
    """The chat so far as plain turns: messages with text content only (a Gradio Chatbot's cited passages and
    figures, which carry metadata or files, are left out)."""
    turns: list[Turn] = []
    for item in history or []:
        if not isinstance(item, dict) or item.get("metadata") or item.get("role") not in ("user", "assistant"):
            continue
        content = item.get("content")
        if isinstance(content, list):  # Gradio 6 messages: [{"type": "text", "text": …}, …]
            content = " ".join(str(c.get("text", "")) for c in content if isinstance(c, dict))
        if isinstance(content, str) and content.strip():
            turns.append({"role": str(item["role"]), "content": content.strip()})
    return turns


def _extractive(hits: list[Hit]) -> AskReply:
    """The offline answer: the best passages, quoted, each marked with its id; none when no passage matched (the
    overview sent to a model is no answer to quote)."""
    quoted = [h for h in hits if h.why != "overview"][:QUOTED_PASSAGES]
    lines = [f"“{clip_to_tokens(h.passage.text, QUOTE_TOKENS)}” [{h.passage.id}]" for h in quoted]
    return AskReply(answer="\n".join(lines), cited=[h.passage.id for h in quoted])


def _images(paper: LoadedPaper, hits: list[Hit], backend: Backend) -> list[tuple[str, Path]]:
    """(label, image) of each figure the question names, when the backend sees images."""
    if not backends.info(backend.name).sees_images:
        return []
    named = [h.passage for h in hits if h.passage.kind == "figure" and h.why.startswith("named")]
    found = [(p.label or "", paper.data.image_of(p)) for p in named]
    return [(lab, path) for lab, path in found if path is not None][:MAX_IMAGES]


def _citations(paper: LoadedPaper, passages: list[Passage]) -> list[Citation]:
    return [citation_of(p, str(img) if (img := paper.data.image_of(p)) else None) for p in passages]


def _answer_text(on_answer: Callable[[str], None]) -> Callable[[BaseModel], None]:
    """A partial-reply sink that hands on the answer text written so far."""

    def take(partial: BaseModel) -> None:
        if isinstance(partial, AskReply):
            on_answer(partial.answer)

    return take


def _call(backend: Backend, request: LLMRequest, on_answer: Callable[[str], None] | None) -> AskReply:
    """The model's reply, validated; streamed to ``on_answer`` as written; one repair round on invalid output."""
    for attempt in range(REPAIR_ATTEMPTS + 1):
        sink = partial_reader(AskReply, _answer_text(on_answer)) if on_answer else None
        reply = backend.execute(request, sink)
        try:
            return parse_reply(reply.text, AskReply)
        except OutputError as exc:
            if attempt == REPAIR_ATTEMPTS:
                raise StageError(ASK_STAGE, f"the model's reply did not match the schema: {exc}") from None
            log.warning("ask: invalid reply (%s); asking once more", exc)
            repair = REPAIR.format(problem=exc, schema=json.dumps(inline_schema(AskReply)))
            request = replace(request, prompt=request.prompt + "\n\n" + repair)
    raise AssertionError("unreachable")


def answer_question(
    paper: LoadedPaper,
    question: str,
    history: list[Turn],
    backend: Backend,
    lang: str,
    history_tokens: int,
    on_answer: Callable[[str], None] | None = None,
) -> AskResult:
    """Answer ``question`` (already checked) from ``paper``'s passages; ``on_answer`` gets the answer text so far
    while the model writes it."""
    hits = paper.index.search(question, TOP_PASSAGES) or paper.index.overview(TOP_PASSAGES)
    given = {h.passage.id: h.passage for h in hits}
    images = _images(paper, hits, backend)
    request = LLMRequest(
        ASK_STAGE,
        ask_system(lang),
        ask_prompt(paper.data.metadata(), [h.passage for h in hits], trim_history(history, history_tokens), question),
        AskReply,
        lambda: _extractive(hits),
        tuple(path for _, path in images),
    )
    reply = _call(backend, request, on_answer)
    cited_ids = [i for i in dict.fromkeys(reply.cited + marked_ids(reply.answer)) if i in given]

    def result(text: str, citations: list[Citation], found: bool, looked_at: list[str]) -> AskResult:
        return AskResult(question, text, citations, found, backend.offline, looked_at, backend.name, backend.model)

    if not cited_ids or not reply.answer.strip():
        closest = [h.passage for h in hits[:QUOTED_PASSAGES]]
        return result(NOT_SAID[lang] if closest else NOTHING_CLOSE[lang], _citations(paper, closest), False, [])
    citations = _citations(paper, [given[i] for i in cited_ids])
    known = {c.id: c for c in citations}
    text = render_marks(reply.answer, known)
    unmarked = [label(c) for c in citations if c.id not in marked_ids(reply.answer)]
    if unmarked:
        text += " " + " ".join(unmarked)
    if backend.offline:
        text = OFFLINE_NOTE[lang] + "\n" + text
    looked = [lab for lab, _ in images]
    if looked:
        text += " " + LOOKED_AT[lang].format(figures=", ".join(looked))
    return result(text, citations, True, looked)

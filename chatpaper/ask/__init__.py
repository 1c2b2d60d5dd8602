"""Ask the paper (追问): follow-up questions answered from the paper's own passages, with page, section and figure
citations.

>>> from chatpaper import ask
>>> result = ask("1512.03385", "How deep is the deepest network trained on ImageNet?")
>>> print(result.answer)          # "… 152 layers … (p. 1, §Abstract)"
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from chatpaper import backends
from chatpaper.ask.answer import AskResult, answer_question, check_question, clean_history
from chatpaper.ask.citations import Citation, label
from chatpaper.ask.paper_index import LoadedPaper, load_paper
from chatpaper.settings import Settings


def ask(
    source: str | Path,
    question: str,
    history: list[Any] | None = None,
    settings: Settings | None = None,
    on_answer: Callable[[str], None] | None = None,
) -> AskResult:
    """Answer ``question`` about the paper ``source`` (arXiv ID/URL or PDF path). ``history`` is the chat so far
    (``[{"role": "user"|"assistant", "content": …}]``); ``on_answer`` gets the answer as the model writes it."""
    settings = settings or Settings.load()
    text = check_question(question, settings.ask_question_chars)
    backend = backends.create(settings)  # configuration errors before any download
    paper = load_paper(source, settings)
    return answer_question(
        paper, text, clean_history(history), backend, settings.lang, settings.ask_history_tokens, on_answer
    )


__all__ = ["AskResult", "Citation", "LoadedPaper", "ask", "label", "load_paper"]

"""Ask the paper (追问): follow-up questions answered from the paper's own passages, with page, section and figure
citations.

>>> from chatpaper import ask
>>> result = ask("1512.03385", "How deep is the deepest network trained on ImageNet?")
>>> print(result.answer)          # "… 152 layers … (p. 1, §Abstract)"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chatpaper._lazy import lazy_exports

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from chatpaper.ask.answer import AskResult
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
    # Imported here: ``import chatpaper`` binds this function, and a digest or the command line's start needs
    # none of the retrieval and answering parts.
    from chatpaper import backends
    from chatpaper.ask.answer import answer_question, check_question, clean_history
    from chatpaper.ask.paper_index import load_paper
    from chatpaper.settings import Settings

    settings = settings or Settings.load()
    text = check_question(question, settings.ask_question_chars)
    backend = backends.create(settings)  # configuration errors before any download
    paper = load_paper(source, settings)
    return answer_question(
        paper, text, clean_history(history), backend, settings.lang, settings.ask_history_tokens, on_answer
    )


__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "AskResult": "chatpaper.ask.answer",
        "Citation": "chatpaper.ask.citations",
        "label": "chatpaper.ask.citations",
        "LoadedPaper": "chatpaper.ask.paper_index",
        "load_paper": "chatpaper.ask.paper_index",
    },
)

__all__ = ["AskResult", "Citation", "LoadedPaper", "ask", "label", "load_paper"]

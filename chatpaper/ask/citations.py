"""What an answer cites, and how a citation reads: "(p. 4, §3.2)" for text, "(Figure 3)" for a figure,
"(Table 2, p. 6)" for a table. Pure."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from chatpaper.ask.passages import Passage

# Characters of a passage quoted under an answer and in ``--json``.
QUOTE_CHARS = 600
# "[P12]" (or "[P3, P12]") as the model writes it inside its answer: replaced by the citations' labels.
_MARK = re.compile(r"\s?[\[【](P\d{1,4}(?:\s*[,，;；、]\s*P\d{1,4})*)[\]】]")
_ID = re.compile(r"P\d{1,4}")


class Citation(BaseModel):
    """One passage an answer rests on."""

    id: str
    section: str
    page: int
    figure: str | None = Field(None, description="'Figure 3' / 'Table 2' when the passage is a caption or table")
    quote: str
    image: str | None = Field(None, description="the figure's image file, when the passage is a figure caption")


def citation_of(passage: Passage, image: str | None = None) -> Citation:
    quote = passage.text if len(passage.text) <= QUOTE_CHARS else passage.text[: QUOTE_CHARS - 1] + "…"
    return Citation(
        id=passage.id, section=passage.section, page=passage.page, figure=passage.label, quote=quote, image=image
    )


def section_mark(title: str) -> str:
    """ "§3.2" for "3.2 Router Training"; the title itself when it has no number."""
    m = re.match(r"\s*(\d+(?:\.\d+)*)\.?\s", title + " ")
    return f"§{m[1]}" if m else f"§{title.strip()}"


def label(citation: Citation) -> str:
    """How the citation reads in an answer."""
    if citation.figure and citation.figure.startswith("Figure"):
        return f"({citation.figure})"
    if citation.figure:
        return f"({citation.figure}, p. {citation.page})"
    if citation.section:
        return f"(p. {citation.page}, {section_mark(citation.section)})"
    return f"(p. {citation.page})"


def marked_ids(text: str) -> list[str]:
    """Passage ids the answer text marks inline ("… 0.01 [P7]."), in order, once each."""
    return list(dict.fromkeys(i for group in _MARK.findall(text) for i in _ID.findall(group)))


def render_marks(text: str, known: dict[str, Citation]) -> str:
    """The answer with each inline "[P7]" replaced by its label; marks of unknown passages are dropped."""

    def labels(match: re.Match[str]) -> str:
        shown = [label(known[i]) for i in _ID.findall(match[1]) if i in known]
        return " " + " ".join(shown) if shown else ""

    return _MARK.sub(labels, text).strip()

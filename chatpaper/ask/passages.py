"""The paper cut into passages a question can be answered from: section text in pieces of a few sentences, each
figure caption, each table (caption and cells). Every passage keeps its section title and page, so an answer can
cite where it comes from. Pure: the page texts and tables are read by the caller (``tables.py``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from chatpaper.models import FigureInfo
from chatpaper.paper import Paper
from chatpaper.text import estimate_tokens, split_sentences

# A text passage holds about this many estimated tokens (a paragraph): long enough to answer from, short enough
# that the top passages of a question fit one prompt.
PASSAGE_TOKENS = 160
# Sections never searched: the reference list answers no question about the paper and would crowd out its text.
_SKIPPED_SECTIONS = re.compile(r"^\s*(\d+\.?\s*)?(references|bibliography|参考文献)\s*$", re.IGNORECASE)
# Characters of a sentence compared with the page texts to find its page (after dropping all but letters/digits).
_PROBE_CHARS = 40
# How a figure or table is named in text and questions: "Figure 3", "Fig. 3", "Figs. 3 and 4", "图3", "Table 2",
# "Tab. 2", "表 2". Table numbers may be Roman (IEEE).
_REF = re.compile(
    r"(?P<kind>(?<![a-z])(?:fig(?:ure)?s?\.?|tab(?:le)?s?\.?)|图|表)\s*(?P<num>[A-Z]?\d{1,3}(?:\.\d{1,2})?|[IVX]{1,6}\b)"
    r"(?P<more>(?:\s*(?:,|and|&|和|与|、)\s*[A-Z]?\d{1,3}(?:\.\d{1,2})?)*)",
    re.IGNORECASE,
)
_MORE_NUMBERS = re.compile(r"[A-Z]?\d{1,3}(?:\.\d{1,2})?")

PassageKind = Literal["text", "figure", "table"]


class Passage(BaseModel):
    """One piece of the paper a question may be answered from."""

    id: str = Field(description="short id the model cites, e.g. P12")
    kind: PassageKind = "text"
    section: str = Field("", description="title of the section it is in ('' before the first heading)")
    page: int = Field(description="1-based page where it starts")
    label: str | None = Field(None, description="'Figure 3' / 'Table 2' for a caption or a table")
    text: str
    image: str | None = Field(None, description="a figure's image file, in the index's figure folder")
    mentions: list[str] = Field(default_factory=list, description="figures/tables the text refers to")


@dataclass(frozen=True)
class TableText:
    """A table as read from a page: its number, caption and the text of its cells, row by row."""

    number: str
    caption: str
    body: str
    page: int


def label_of(kind: str, number: str) -> str:
    """'Figure 3' / 'Table 2' for any spelling of the kind ("fig.", "图", "Tab", "表")."""
    word = "Table" if kind.lower().startswith(("tab", "表")) else "Figure"
    return f"{word} {number.upper()}"


def references_in(text: str) -> list[str]:
    """The figures and tables ``text`` names, as labels, in order and once each ("Figs. 3 and 4" names both)."""
    found: list[str] = []
    for m in _REF.finditer(text):
        for number in [m["num"], *_MORE_NUMBERS.findall(m["more"] or "")]:
            label = label_of(m["kind"], number)
            if label not in found:
                found.append(label)
    return found


def _compact(text: str) -> str:
    """Letters and digits only, lower case, ligatures spelled out: text from the parser and from the page compare
    equal."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def _page_of(sentence: str, pages: list[str], start: int) -> int | None:
    """The first page at or after ``start`` (0-based) whose text holds the sentence's opening, else None."""
    probe = _compact(sentence)[:_PROBE_CHARS]
    if len(probe) < 12:
        return None
    for index in range(start, len(pages)):
        if probe in pages[index]:
            return index
    return None


def _chunks(sentences: list[str]) -> list[list[str]]:
    """Consecutive sentences packed into pieces of about PASSAGE_TOKENS."""
    out: list[list[str]] = []
    size = 0
    for sentence in sentences:
        tokens = estimate_tokens(sentence)
        if out and size + tokens <= PASSAGE_TOKENS:
            out[-1].append(sentence)
            size += tokens
        else:
            out.append([sentence])
            size = tokens
    return out


def build_passages(
    paper: Paper, page_texts: list[str], figures: list[FigureInfo], tables: list[TableText]
) -> list[Passage]:
    """The passages of a paper: abstract, sections in pieces, figure captions, tables; ids P1, P2, … in that order.

    ``page_texts`` is the raw text of each page read: a piece's page is the page holding its first sentence
    (a section's start page when the sentence cannot be found there, e.g. after heavy clean-up)."""
    pages = [_compact(t) for t in page_texts]
    made: list[Passage] = []

    def add(**fields: object) -> None:
        made.append(Passage(id=f"P{len(made) + 1}", **fields))  # type: ignore[arg-type]

    if paper.abstract:
        add(section="Abstract", page=1, text=paper.abstract, mentions=references_in(paper.abstract))
    for sec in paper.sections:
        if _skipped(sec.title, paper) or not sec.text.strip():
            continue
        page = max(sec.page - 1, 0)
        for piece in _chunks(split_sentences(sec.text)):
            found = next((p for s in piece if (p := _page_of(s, pages, page)) is not None), None)
            page = found if found is not None else page
            text = " ".join(" ".join(piece).split())
            add(section=sec.title, page=page + 1, text=text, mentions=references_in(text))
    for fig in figures:
        add(
            kind="figure",
            section=_section_at(paper, fig.page),
            page=fig.page,
            label=f"Figure {fig.number}",
            text=" ".join(fig.caption.split()),
            image=fig.path.rsplit("/", 1)[-1],
        )
    for table in tables:
        add(
            kind="table",
            section=_section_at(paper, table.page),
            page=table.page,
            label=f"Table {table.number}",
            text=f"{table.caption}\n{table.body}".strip(),
        )
    return made


def _skipped(title: str, paper: Paper) -> bool:
    """The reference list, and an "Abstract" section when the abstract is a passage of its own already."""
    return bool(_SKIPPED_SECTIONS.match(title)) or (bool(paper.abstract) and title.strip().lower() == "abstract")


def _section_at(paper: Paper, page: int) -> str:
    """The title of the last section (not the references) that starts on or before ``page``."""
    title = ""
    for sec in paper.sections:
        if sec.page > page:
            break
        if not _skipped(sec.title, paper):
            title = sec.title
    return title

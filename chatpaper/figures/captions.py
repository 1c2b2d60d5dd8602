"""Which text lines open a figure caption, and which merely mention a figure.

Accepted: ``Figure 3:``, ``Fig. 3.``, ``FIG. 3.``, ``Figure 3 | …``, ``Figure 3 — …``, ``Figure 3`` followed by
a capitalised caption or nothing, ``Figure A.1``, ``图 3``, ``图 2.1``, ``图2-1``.
Rejected: ``Figure 3 shows …`` (a lowercase word follows: body text that mentions the figure), ``Figures 3 and 4``,
``图 3 所示…``, list-of-figures rows with dot leaders, and table captions.

Can't tell a caption from a body line that starts a block with ``Figure 3.`` and a capitalised sentence; the
caller rejects those when no graphics lie next to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import join_lines
from .geometry import Rect, overlap_x, union
from .page import PageContent, TextLine

_CAPTION = re.compile(
    r"^\s*(?:(?P<en>fig(?:ure)?\s*\.?)|(?P<zh>图))\s*(?P<num>(?:[A-Z]\.?\s?)?\d{1,3}(?:\s?[.\-–]\s?\d{1,3})?)"
    r"(?![\d])(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
# A caption continues into the next block when that starts within this many font sizes below its last line.
CAPTION_JOIN_EM = 0.3
# Caption text kept, in characters.
MAX_CAPTION_CHARS = 1500
_LEADERS = re.compile(r"(\.\s?){4,}|…{2,}|·{4,}|-{6,}")
# After "图 3" these words mean the line is prose that refers to the figure ("图 3 所示", "图 3 中").
_ZH_PROSE_STARTS = tuple("所中展给表为是可的和与，。显则即")
# After "Figure 3" these marks make it a caption whatever follows.
_CAPTION_MARKS = (":", "：", ".", "|", "—", "–", "-", "．")


def normalise_number(raw: str) -> str:
    """``2-1``, ``2 . 1`` and ``2.1`` are one figure: keep digits and letters joined by dots."""
    return re.sub(r"\s*[.\-–]\s*", ".", re.sub(r"\s+", "", raw)).upper()


def caption_number(text: str) -> str | None:
    """The figure number if ``text`` (the first line of a block) opens a figure caption, else None."""
    m = _CAPTION.match(text)
    if not m or _LEADERS.search(text):
        return None
    rest = m["rest"]
    num = normalise_number(m["num"])
    stripped = rest.strip()
    if m["zh"]:
        if stripped.startswith(_ZH_PROSE_STARTS):
            return None
        return num
    if not stripped:
        return num  # the label stands on its own line; the caption text follows
    if rest.startswith(_CAPTION_MARKS) or stripped.startswith(_CAPTION_MARKS):
        return num
    if not rest[:1].isspace():
        return None  # "Fig.3a", "Figure 3(b)" glued to more text: a reference
    word = stripped.lstrip("(\"'“‘[")
    first = word[:1]
    if first.isupper() or first.isdigit() or "\u4e00" <= first <= "\u9fff":
        return num
    return None


def caption_body(text: str) -> str:
    """The caption without its label: ``Figure 3: Overview.`` -> ``Overview.``"""
    m = _CAPTION.match(text)
    if not m:
        return text.strip()
    return m["rest"].strip().lstrip(":：.|—–-．").strip()


def is_table_caption(text: str) -> bool:
    return bool(re.match(r"^\s*(table|tab\.|表)\s*(?:[A-Z]\.?)?\d", text, re.IGNORECASE))


def is_any_caption(text: str) -> bool:
    return caption_number(text) is not None or is_table_caption(text) or bool(
        re.match(r"^\s*(algorithm|listing)\s*\d+", text, re.IGNORECASE))


@dataclass(frozen=True)
class Caption:
    number: str
    text: str
    page: int
    bbox: Rect


def caption_lines(page: PageContent, i: int) -> list[TextLine]:
    """A caption's first line and the lines after it in its block, while the font size stays the same."""
    first = page.lines[i]
    out = [first]
    for nxt in page.lines[i + 1:]:
        last = out[-1]
        if abs(nxt.size - first.size) > 0.6:
            break
        # A wrapped caption can continue in a block of its own: right below, no full stop before it.
        glued = (nxt.bbox[1] - last.bbox[3] <= CAPTION_JOIN_EM * first.size and overlap_x(nxt.bbox, last.bbox[::2])
                 and not last.text.rstrip().endswith((".", "。")))
        if (nxt.block != first.block or nxt.starts_block) and not glued:
            break
        out.append(nxt)
    return out


def find_captions(page: PageContent) -> list[Caption]:
    """Figure captions on a page: a caption line that opens a block, plus the block's lines of its size."""
    out = []
    for i, ln in enumerate(page.lines):
        if not ln.starts_block or not ln.horizontal:
            continue
        number = caption_number(ln.text)
        if number is None:
            continue
        lines = caption_lines(page, i)
        text = join_lines([x.text for x in lines])[:MAX_CAPTION_CHARS]
        out.append(Caption(number, text, page.number + 1, union(x.bbox for x in lines)))
    return out

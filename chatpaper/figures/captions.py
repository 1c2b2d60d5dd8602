"""Which text lines open a figure caption, and which merely mention a figure.

Accepted: ``Figure 3:``, ``Fig. 3.``, ``FIG. 3.``, ``Figure 3 | …``, ``Figure 3 — …``, ``Figure 3`` followed by
a capitalised caption or nothing, ``Figure A.1``, ``图 3``, ``图 2.1``, ``图2-1``, and ``Fig, 3.`` (OCR of a scan reads
the abbreviation's period as a comma).
Rejected: ``Figure 3 shows …`` (a lowercase word follows: body text that mentions the figure), ``Figures 3 and 4``,
``图 3 所示…``, list-of-figures rows with dot leaders, and table captions.

Can't tell a caption from a body line that starts a block with ``Figure 3.`` and a capitalised sentence; the
caller rejects those when no graphics lie next to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatpaper.figures.geometry import Rect, hull, overlap_x
from chatpaper.figures.page import PageContent, TextLine
from chatpaper.text import join_lines

_CAPTION = re.compile(
    r"^\s*(?:(?P<en>figure\s*\.?|fig\s*[.,]?)|(?P<zh>图))\s*(?P<num>(?:[A-Z]\.?\s?)?\d{1,3}(?:\s?[.\-–]\s?\d{1,3})?)"
    r"(?![\d])(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# A caption goes on in the next line when that starts within this many font sizes below its last line (a Chinese
# journal sets its English captions 0.64 sizes apart; 0.6 lost their second lines) ...
CAPTION_LEADING_EM = 0.7
# ... and has its size, within this many points.
CAPTION_SIZE_TOLERANCE = 0.6
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


_SUBCAPTION = re.compile(r"^\s*\(?[a-hA-H]\d?\)\s")


def is_subcaption(text: str) -> bool:
    """A panel's own caption, ``(a) Training loss``: part of the figure, not the text around it."""
    return bool(_SUBCAPTION.match(text))


def is_any_caption(text: str) -> bool:
    return (
        caption_number(text) is not None
        or is_table_caption(text)
        or bool(re.match(r"^\s*(algorithm|listing)\s*\d+", text, re.IGNORECASE))
    )


@dataclass(frozen=True)
class Caption:
    number: str
    text: str
    page: int
    bbox: Rect


def caption_lines(page: PageContent, i: int) -> list[TextLine]:
    """A caption's paragraph: its first line, the rest of its block at its size, then the lines that go on
    right below it: same size, overlapping the caption's width, within ``CAPTION_LEADING_EM`` (Word and some
    LaTeX classes put each caption line in a block of its own). A new block stops it after a finished sentence
    (the next paragraph), at another caption or a numbered heading.

    Can't tell a caption from body text of its own size set right under it without any extra space, when the
    caption's last line does not end a sentence."""
    first = page.lines[i]
    out = [first]
    label_only = not caption_body(first.text)
    for same in page.lines[i + 1 :]:  # the caption's own block, in reading order
        if same.block != first.block or same.starts_block or abs(same.size - first.size) > CAPTION_SIZE_TOLERANCE:
            break
        out.append(same)
    out += _row_of(page, out[-1], out)
    while (nxt := _next_below(page, out)) is not None:
        last = max(out, key=lambda ln: ln.bbox[1])
        size = out[1].size if len(out) > 1 else first.size
        if abs(nxt.size - size) > CAPTION_SIZE_TOLERANCE and not (len(out) == 1 and label_only):
            break
        bottom = max(ln.bbox[3] for ln in out)  # a row with a formula in it is taller than the text
        if nxt.bbox[1] - bottom > CAPTION_LEADING_EM * nxt.size or is_any_caption(nxt.text):
            break
        if last.text.rstrip().endswith((".", "。")) and (len(out) > 1 or not label_only):
            break
        out.append(nxt)
        out += _row_of(page, nxt, out)
    return out


def _row_of(page: PageContent, line: TextLine, para: list[TextLine]) -> list[TextLine]:
    """Pieces of text on the same row, right of ``line`` (inline formulas often come as blocks of their own)."""
    mid = (line.bbox[1] + line.bbox[3]) / 2
    row = [
        ln
        for ln in page.lines
        if ln.horizontal
        and ln not in para
        and (ln.bbox[0] + ln.bbox[2]) / 2 > line.bbox[2]
        and ln.bbox[1] <= mid <= ln.bbox[3]
        and ln.bbox[0] - line.bbox[2] <= 2 * line.size
    ]
    row.sort(key=lambda ln: ln.bbox[0])
    out: list[TextLine] = []
    edge = line.bbox[2]
    for ln in row:  # only a chain of near neighbours: a figure's text in the next column is not the caption
        if ln.bbox[0] - edge > 2 * line.size:
            break
        out.append(ln)
        edge = max(edge, ln.bbox[2])
    return out


def _next_below(page: PageContent, para: list[TextLine]) -> TextLine | None:
    """The nearest horizontal line below the paragraph's last line that shares most of its width."""
    top = max(ln.bbox[1] for ln in para)
    x0, x1 = min(ln.bbox[0] for ln in para), max(ln.bbox[2] for ln in para)
    below = [
        ln
        for ln in page.lines
        if ln.horizontal
        and ln.bbox[1] >= top + 1
        and ln not in para
        and overlap_x(ln.bbox, (x0, x1)) >= 0.5 * min(ln.bbox[2] - ln.bbox[0], x1 - x0)
    ]
    return min(below, key=lambda ln: ln.bbox[1], default=None)


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
        out.append(Caption(number, text, page.number + 1, hull(x.bbox for x in lines)))
    return out

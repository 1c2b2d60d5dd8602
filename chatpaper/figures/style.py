"""What a document's body text looks like: font size, line width, text block, running headers. Pure."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from chatpaper.figures.geometry import Rect, intersection, overlap_x, pad, percentile, width
from chatpaper.figures.page import Graphic, PageContent, TextLine
from chatpaper.pdf.lines import REPEAT_SHARE, furniture_signature, in_margin, repeated_in_margins

# Prose: body-size text (this share of the body font or more, up to MAX_PROSE_SIZE) ...
MIN_PROSE_SIZE = 0.9
MAX_PROSE_SIZE = 1.25
# ... in lines at least this share of the typical prose line width, with at least this many words.
MIN_PROSE_WIDTH = 0.6
MIN_PROSE_WORDS = 6
# Running sentences: at least this share of a line's words are lowercase (labels and legends are capitalised).
PROSE_LOWER_SHARE = 0.6
# Loose header signatures: this many first letters, from lines with at least MIN_LOOSE_CHARS letters.
LOOSE_CHARS = 20
MIN_LOOSE_CHARS = 12
# A rule this many body sizes from a running header or footer (centre to centre) belongs to it.
FURNITURE_RULE_EM = 1.5


@dataclass(frozen=True)
class DocStyle:
    body: float  # body font size
    column: float  # typical prose line width
    top: float  # text block limits over the document
    bottom: float
    left: float
    right: float
    furniture: frozenset[str] = frozenset()  # signatures of running headers and footers
    loose: frozenset[str] = frozenset()  # their first letters, for headers an OCR layer reads differently each page


def doc_style(pages: list[PageContent]) -> DocStyle:
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            if ln.horizontal:
                sizes[round(ln.size * 2) / 2] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    widths = [
        width(ln.bbox)
        for p in pages
        for ln in p.lines
        if ln.horizontal and abs(ln.size - body) <= 0.6 and ln.words >= 8
    ]
    column = median(widths) if widths else 300.0
    return DocStyle(
        body, column, *_text_block(pages, body, column), furniture=_furniture(pages), loose=_loose_furniture(pages)
    )


def _furniture(pages: list[PageContent]) -> frozenset[str]:
    """Running headers and footers: the parser's rule, applied to the figure finder's lines."""
    heights = {p.number: p.rect[3] for p in pages}
    return frozenset(repeated_in_margins(((p.number, ln.bbox, ln.text) for p in pages for ln in p.lines), heights))


def loose_signature(text: str) -> str:
    """The first ``LOOSE_CHARS`` letters of a line, nothing else: OCR of a running header varies in its digits,
    punctuation and spacing from page to page, rarely in its first words."""
    letters = re.sub(r"[^a-z]", "", text.lower())
    return letters[:LOOSE_CHARS] if len(letters) >= MIN_LOOSE_CHARS else ""


def _loose_furniture(pages: list[PageContent]) -> frozenset[str]:
    seen = {
        (p.number, sig)
        for p in pages
        for ln in p.lines
        if in_margin(ln.bbox, p.rect[3]) and (sig := loose_signature(ln.text))
    }
    counts = Counter(sig for _, sig in seen)
    return frozenset(sig for sig, n in counts.items() if len(pages) >= 3 and n >= max(2, REPEAT_SHARE * len(pages)))


def _text_block(pages: list[PageContent], body: float, column: float) -> tuple[float, float, float, float]:
    tops, bottoms, lefts, rights = [], [], [], []
    for p in pages:
        prose = [ln for ln in p.lines if is_prose_line(ln, body, column)]
        if prose:
            tops.append(min(ln.bbox[1] for ln in prose))
            bottoms.append(max(ln.bbox[3] for ln in prose))
            lefts.append(min(ln.bbox[0] for ln in prose))
            rights.append(max(ln.bbox[2] for ln in prose))
    top = percentile(tops, 0.1) - 2 * body if tops else 0.0
    bottom = percentile(bottoms, 0.9) + 2 * body if bottoms else 1e9
    page_width = width(pages[0].rect) if pages else 612.0
    left = percentile(lefts, 0.5) if lefts else 0.08 * page_width
    right = percentile(rights, 0.5) if rights else 0.92 * page_width
    return top, bottom, left, right


_WORD = re.compile(r"[^\W\d_]+")
# An e-mail address, or the end of a grouped one ("{ann, bo}@lab.org"): a title block's contact row, never a
# figure's label.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\{[\w.,\s-]+\}@|\}@[\w-]+\.")


def holds_email(text: str) -> bool:
    return bool(_EMAIL.search(text))


def is_prose_like(text: str) -> bool:
    """Running sentences: several words, mostly lowercase. Can't tell a legend written as a sentence."""
    words = _WORD.findall(text)
    return len(words) >= MIN_PROSE_WORDS - 1 and sum(w.islower() for w in words) >= PROSE_LOWER_SHARE * len(words)


def is_wrapped_prose(ln: TextLine, body: float) -> bool:
    """A body-size line of running sentences, however narrow: text flowing beside a wrapped figure."""
    return (
        ln.horizontal
        and MIN_PROSE_SIZE * body <= ln.size <= MAX_PROSE_SIZE * body
        and ln.words >= MIN_PROSE_WORDS
        and is_prose_like(ln.text)
    )


def is_prose_line(ln: TextLine, body: float, column: float) -> bool:
    return (
        ln.horizontal
        and MIN_PROSE_SIZE * body <= ln.size <= MAX_PROSE_SIZE * body
        and ln.words >= MIN_PROSE_WORDS
        and width(ln.bbox) >= MIN_PROSE_WIDTH * column
    )


def is_furniture(ln: TextLine, page: PageContent, style: DocStyle) -> bool:
    """A running header or footer or a page number: margin text repeated (digits aside) on many pages. A line
    of digits only (a page number's signature) must also lie outside the text block or away from any graphic:
    a figure's tick labels near the top of a page share that signature."""
    if not in_margin(ln.bbox, page.rect[3]):
        return False
    if furniture_signature(ln.text) not in style.furniture and loose_signature(ln.text) not in style.loose:
        return False
    if any(ch.isalpha() for ch in ln.text) or ln.bbox[3] < style.top or ln.bbox[1] > style.bottom:
        return True
    near = pad(ln.bbox, style.body)
    return not any(intersection(g.bbox, near) and not g.is_rule for g in page.graphics)


def furniture_rules(page: PageContent, style: DocStyle) -> list[Graphic]:
    """Rules drawn next to a running header or footer (the line under a header): within
    ``FURNITURE_RULE_EM`` body sizes of it, vertically, and under it horizontally."""
    lines: list[Rect] = [ln.bbox for ln in page.lines if is_furniture(ln, page, style)]
    return [
        g
        for g in page.graphics
        if g.is_rule
        and any(
            abs((g.bbox[1] + g.bbox[3]) / 2 - (b[1] + b[3]) / 2) <= FURNITURE_RULE_EM * style.body
            and overlap_x(g.bbox, (b[0], b[2])) > 0
            for b in lines
        )
    ]

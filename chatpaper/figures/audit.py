"""An automatic check of figure crops against the PDF's own text layer: what a crop holds that is not the figure.

Pure: a crop, its page's lines and graphics, the other crops and the document's style in; reasons out. It is an
evaluation aid (``scripts/eval_figures.py``), deliberately written with rules of its own rather than the finder's,
so that it can disagree with the finder:

- ``furniture``: a running header/footer (text repeated in the margin band of many pages) or a page number;
- ``prose``: a body-size, long, prose-like line (mostly lowercase words) not lying inside a drawn box; on a scan,
  whose OCR layer reports one size for everything, a line set on clearly tighter leading than the page's body
  prose is smaller type (a figure's notes), not body size;
- ``caption``: the opening line of another figure's or a table's caption, ``own-caption``: a line of the
  figure's own caption paragraph;
- ``title`` / ``author``: a line of the given title, a line naming given authors, or an e-mail line;
- ``overlap``: a strip of another crop on the page, wider than the padding crops are given;
- ``page-edge``: the crop runs to the page edge while the document's text keeps a margin there;
- ``caption-cut``: the figure's caption text stops before its caption paragraph ends.

Can't do: it sees only text, so a crop holding a stray piece of another figure's drawing without text passes; a
figure whose own drawing holds long body-size sentences outside any box is flagged as prose; the caption
paragraph is followed by geometry (same size, tight line spacing), so a caption set flush against body text of
its own size and spacing reads as longer than it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatpaper.figures.captions import (
    CAPTION_LEADING_EM,
    CAPTION_SIZE_TOLERANCE,
    caption_number,
    is_any_caption,
    is_subcaption,
    normalise_number,
)
from chatpaper.figures.geometry import Rect, area, centre_inside, height, intersection, overlap_x, width
from chatpaper.figures.leading import body_leading, tight_prose
from chatpaper.figures.page import PageContent, TextLine
from chatpaper.figures.style import DocStyle, furniture_rules, holds_email, is_furniture, is_wrapped_prose

# A line is in a crop when at least this share of its height is.
HELD_HEIGHT = 0.35
# A prose line in a crop is at least this share of the typical prose line wide (wrapped text is narrower).
AUDIT_PROSE_WIDTH = 0.3
# A title line holds at least this share of the title (an axis label can repeat two of its words).
TITLE_SHARE = 0.3
# Crops are padded by a few points; overlaps with another crop thinner than this (points) are that padding.
OVERLAP_SLACK = 7.0
# A crop within this many points of a page edge runs to it ...
EDGE_TOUCH = 1.0
# ... which is wrong when the document's text keeps at least this much margin there (points).
MIN_MARGIN = 24.0
# Characters of the caption paragraph's last line that must be found in the figure's caption text.
CAPTION_TAIL_CHARS = 12
# Caption text beyond this many characters is clipped by the finder on purpose: not a cut.
LONG_CAPTION_CHARS = 1400


@dataclass(frozen=True)
class CropInfo:
    """One figure as the finder gave it: its number, page (0-based), crop and caption text."""

    number: str
    page: int
    bbox: Rect
    caption: str


@dataclass(frozen=True)
class FrontMatter:
    """What the labels say the first page shows; empty when unknown."""

    title: str = ""
    authors: tuple[str, ...] = ()


def _alnum(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _held(ln: TextLine, crop: Rect) -> bool:
    """A line counts as in the crop when a readable part of it is: ``HELD_HEIGHT`` of its height (a header cut
    in half still shows) over most of its width."""
    cut = intersection(ln.bbox, crop)
    return cut is not None and height(cut) >= HELD_HEIGHT * height(ln.bbox) and width(cut) >= 0.6 * width(ln.bbox)


def _boxed(ln: TextLine, page: PageContent) -> bool:
    """Inside a drawn box much larger than the line: text of a diagram or a framed listing."""
    return any(centre_inside(ln.bbox, g.bbox) and area(g.bbox) > 2 * area(ln.bbox) for g in page.graphics)


def caption_paragraph(page: PageContent, number: str) -> list[TextLine]:
    """The caption of figure ``number`` on the page: its opening line, then each next line below it that
    overlaps it horizontally, has its size and starts within ``CAPTION_LEADING_EM``; empty if not found."""
    opening = [
        ln
        for ln in page.lines
        if ln.horizontal
        and ln.starts_block
        and caption_number(ln.text)
        and normalise_number(caption_number(ln.text) or "") == number
    ]
    if not opening:
        return []
    para = [opening[0]]
    span = (opening[0].bbox[0], opening[0].bbox[2])
    size = None
    while True:
        last = para[-1]
        below = [
            ln
            for ln in page.lines
            if ln.horizontal
            and ln not in para
            and ln.bbox[1] >= last.bbox[1] + 1
            and overlap_x(ln.bbox, span) > 0.3 * min(width(ln.bbox), span[1] - span[0])
        ]
        if not below:
            return para
        nxt = min(below, key=lambda ln: ln.bbox[1])
        ref = size if size is not None else nxt.size  # the label line can be bold or larger than the rest
        if (
            nxt.bbox[1] - last.bbox[3] > CAPTION_LEADING_EM * nxt.size
            or abs(nxt.size - ref) > CAPTION_SIZE_TOLERANCE
            or is_any_caption(nxt.text)
        ):
            return para
        if (
            len(para) == 1
            and abs(nxt.size - last.size) > CAPTION_SIZE_TOLERANCE
            and last.text.rstrip().endswith((".", "。"))
        ):
            return para  # a one-line caption closed by its full stop, then text of another size
        # A new block after a finished sentence and a different indent is the next paragraph.
        if (
            nxt.starts_block
            and last.text.rstrip().endswith((".", "。"))
            and abs(nxt.bbox[0] - last.bbox[0]) > 2
            and len(para) > 1
        ):
            return para
        para.append(nxt)
        size = nxt.size
        span = (min(span[0], nxt.bbox[0]), max(span[1], nxt.bbox[2]))


def caption_cut(crop: CropInfo, page: PageContent) -> bool:
    """Whether the crop's caption text misses the end of its caption paragraph."""
    para = caption_paragraph(page, crop.number)
    if len(para) < 2 or len(crop.caption) >= LONG_CAPTION_CHARS:
        return False
    tail = _alnum(para[-1].text)[-CAPTION_TAIL_CHARS:]
    return bool(tail) and tail not in _alnum(crop.caption)


def _front_reason(ln: TextLine, front: FrontMatter) -> str | None:
    if holds_email(ln.text):
        return "author"
    text = _alnum(ln.text)
    title = _alnum(front.title)
    if title and len(text) >= max(12, TITLE_SHARE * len(title)) and text in title:
        return "title"
    names = [_alnum(a) for a in front.authors if len(_alnum(a)) >= 6]
    if names and sum(n in text for n in names) >= min(2, len(names)):
        return "author"
    return None


def audit_crop(
    crop: CropInfo, page: PageContent, others: list[Rect], style: DocStyle, front: FrontMatter = FrontMatter()
) -> list[str]:
    """Reasons why ``crop`` holds something that is not its figure (empty: nothing found)."""
    reasons: list[str] = []
    own = {id(ln) for ln in caption_paragraph(page, crop.number)}
    small = tight_prose(page, style, body_leading([page], style)) if page.scan else set()
    for ln in page.lines:
        if not _held(ln, crop.bbox):
            continue
        if is_furniture(ln, page, style):
            reasons.append("furniture")
        elif id(ln) in own:
            reasons.append("own-caption")
        elif (
            ln.horizontal
            and ln.starts_block
            and is_any_caption(ln.text)
            and not (caption_number(ln.text) and normalise_number(caption_number(ln.text) or "") == crop.number)
        ):
            reasons.append("caption")
        elif (reason := _front_reason(ln, front)) is not None:
            reasons.append(reason)
        elif (
            is_wrapped_prose(ln, style.body)
            and not is_subcaption(ln.text)
            and width(ln.bbox) >= AUDIT_PROSE_WIDTH * style.column
            and not _boxed(ln, page)
            and ln.bbox not in small
        ):
            reasons.append("prose")
    for other in others:
        cut = intersection(crop.bbox, other)
        if cut and min(width(cut), height(cut)) > OVERLAP_SLACK:
            reasons.append("overlap")
    if any(intersection(g.bbox, crop.bbox) for g in furniture_rules(page, style)):
        reasons.append("furniture")
    if _runs_to_edge(crop.bbox, page.rect, style):
        reasons.append("page-edge")
    if caption_cut(crop, page):
        reasons.append("caption-cut")
    return sorted(set(reasons))


def _runs_to_edge(box: Rect, page: Rect, style: DocStyle) -> bool:
    margins = (style.left - page[0], page[2] - style.right)
    touches = (box[0] - page[0] <= EDGE_TOUCH, page[2] - box[2] <= EDGE_TOUCH)
    vertical = box[1] - page[1] <= EDGE_TOUCH or page[3] - box[3] <= EDGE_TOUCH
    return any(t and m >= MIN_MARGIN for t, m in zip(touches, margins, strict=True)) or (
        vertical and min(margins) >= MIN_MARGIN
    )

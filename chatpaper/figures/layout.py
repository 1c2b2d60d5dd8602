"""Where each numbered figure is on its page: pure functions over ``PageContent``.

The idea (a caption anchors its figure): from the caption, sweep away from it (up for a caption below the
figure, down for one above) through the graphics and the small text between them, until a gap wider than
``GAP_EM`` or a barrier: a line of body prose (also narrow prose beside a wrapped figure, and a paragraph's short
last line), a numbered heading, another caption, a running header or footer and its rule, the first page's title
and author rows, an e-mail line, or the body of a table under its caption. The sweep stays inside the caption's
column (narrowed by prose level with the caption, for wrapped figures, and by the captions of figures set beside it
in one row) and widens to the full text width when the graphics it found cross the column edge (a figure* with a
short caption in one column). A graphic whose box reaches over its own caption (Word) is cut at the caption;
``(a)``/``(b)`` sub-captions between stacked panels never stop a sweep. Whether captions sit below or above their
figures is decided per document, by the captions that only work one way. A caption beside its figure is tried
last, or first when what lies above or below it is only a piece of the figure beside it. A page with a caption
running up or down the page is also searched turned a quarter (``turn.py``). A text-only figure (a code listing)
needs several lines.

Can't do: a figure drawn entirely as body-size paragraphs outside any box is taken for prose; two figures
sharing one caption-less band are merged; on scans (one page image under an OCR layer) there are no graphics
to sweep, so the figure is the band between the caption and the nearest prose, trimmed later by its pixels,
and a scanned figure made of text lines is missed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from statistics import median

from chatpaper.figures.captions import (
    Caption,
    caption_lines,
    find_captions,
    is_any_caption,
    is_subcaption,
    is_table_caption,
)
from chatpaper.figures.geometry import (
    Rect,
    area,
    centre_inside,
    height,
    hull,
    intersection,
    keep_off,
    overlap_x,
    pad,
    union,
    width,
)
from chatpaper.figures.leading import body_leading, tight_prose
from chatpaper.figures.page import RULE_THICKNESS, PageContent, TextLine
from chatpaper.figures.style import (
    MIN_PROSE_SIZE,
    DocStyle,
    doc_style,
    furniture_rules,
    holds_email,
    is_furniture,
    is_prose_line,
    is_wrapped_prose,
)
from chatpaper.figures.turn import Direction, sideways_caption, turn_page, turn_rect, unturn_rect

# Two elements of one figure are at most this many body-font sizes apart (vertically) ...
GAP_EM = 1.5
# ... and the figure starts at most this far from its caption.
CAPTION_GAP_EM = 3.5
# A figure is at least this many body-font sizes tall and wide.
MIN_FIGURE_EM = 1.5
# A figure without graphics (a code listing) has at least this many lines and body sizes of height.
MIN_TEXT_FIGURE_LINES = 4
MIN_TEXT_FIGURE_EM = 5.0
# Graphics reaching this far (points) past the caption's column belong to a full-width figure.
COLUMN_SPILL = 12.0
# Graphics within this share of the page height from its top or bottom edge are ignored.
PAGE_EDGE = 0.03
# A page is two-column when typical prose lines are narrower than this share of the text width.
TWO_COLUMN_SHARE = 0.62
# A table body under its caption has at least this many text lines.
MIN_TABLE_LINES = 2
# A filled band at most this many body sizes tall (and twice as wide) is a shaded table row or cell.
ROW_SHADE_EM = 1.6
# A reading above or below a caption this many times smaller than the figure beside it is a piece of that one.
FRAGMENT_RATIO = 2.0
# On a scan, the band between caption and prose must be this many body sizes tall to be a figure.
MIN_SCAN_FIGURE_EM = 4.0
# ... less this margin on the prose side: OCR boxes are loose, and the crop must not catch a line's descenders.
SCAN_MARGIN_EM = 0.4
# On a scan, a line at most this many body sizes (centre to centre) under or over a line of a paragraph, sharing
# its OCR block and width, carries the paragraph on (body leading is 1.2 sizes; a paragraph gap is wider).
PARAGRAPH_PITCH_EM = 1.6
# White margin kept around a figure's graphics, in points: axis text often sits right at the edge.
CROP_PAD = 3.0


# Captions less than this many body sizes apart vertically, side by side, belong to figures in one row.
ROW_EM = 3.0
# The last line of a paragraph starts at most this many of its font sizes further under the line before it
# than prose lines on the page are apart.
PARAGRAPH_LEADING_EM = 0.6
# Text of at least this many body sizes in a first page's upper half is a title ...
TITLE_EM = 1.4
# ... holding at least this many letters (OCR makes big specks out of dirt) ...
MIN_TITLE_LETTERS = 5
# ... on one of the document's first pages (a cover or a publisher's page can come first) ...
FRONT_PAGES = 3
# ... with at most this many author and affiliation rows under it.
FRONT_MAX_ROWS = 16
# A block of narrow body-size sentences with this many lines is prose flowing around a figure.
MIN_WRAPPED_LINES = 3

# A numbered section heading ("4.2.1 Preparing data") stops a sweep like prose does. Sections are numbered from 1:
# a lone "0" before a word is a legend's bullet or circle as OCR reads it ("0 Vertex of current region").
_HEADING = re.compile(r"^(?!0\s)(\d+(\.\d+){0,3}\.?|[IVX]+\.|[A-Z]\.(\d+\.?)*)\s+[A-Z][A-Za-z]")


@dataclass(frozen=True)
class Element:
    bbox: Rect
    kind: str  # raster, vector, rule, text


@dataclass(frozen=True)
class Found:
    caption: Caption
    bbox: Rect
    raster_area: float  # of raster images inside: decides PNG or JPEG
    band: bool  # cut from a scan by the text around it: trim by pixels
    turn: Direction | None = None  # a sideways figure: which way its caption runs


def _inside_graphic(ln: TextLine, page: PageContent) -> bool:
    """Whether the line's centre lies in a graphic of more than twice its area: a label inside a diagram. Asked
    for every body-size line against every graphic (plots hold thousands of paths), so the centre test is inline."""
    x0, y0, x1, y1 = ln.bbox
    cx, cy, least = (x0 + x1) / 2, (y0 + y1) / 2, 2 * area(ln.bbox)
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] and area(b) > least for b in (g.bbox for g in page.graphics))


@dataclass(frozen=True)
class _PageModel:
    """A page seen by the sweep: barriers, sweepable elements and column spans."""

    barriers: list[Rect]
    elements: list[Element]
    full: tuple[float, float]
    columns: list[tuple[float, float]]
    top: float  # where sweeps stop when no prose stops them: the page less its edge
    bottom: float
    furniture: list[Rect]  # running headers, footers and their rules: never in a crop
    captions: list[Rect]  # every caption paragraph on the page, figures' and tables'


def _wrapped_blocks(page: PageContent, style: DocStyle) -> set[int]:
    """Blocks with several lines of running sentences, however narrow (text beside a wrapped figure)."""
    counts = Counter(ln.block for ln in page.lines if is_wrapped_prose(ln, style.body))
    return {b for b, n in counts.items() if n >= MIN_WRAPPED_LINES}


def _paragraph_ends(page: PageContent, prose: set[int], body_size: list[bool], boxed: set[int]) -> set[int]:
    """Blocks holding the short last line of a prose paragraph: a body-size line right under a prose line
    (within the page's prose line spacing plus ``PARAGRAPH_LEADING_EM``) starting at its left edge. Such a line
    is too short to look like prose and would otherwise be taken into a figure right under the paragraph."""
    lines = [ln for ln, big in zip(page.lines, body_size, strict=True) if big and id(ln) not in boxed]
    last: dict[int, TextLine] = {}
    for ln in lines:
        if ln.block in prose:
            last[ln.block] = ln if ln.block not in last or ln.bbox[1] > last[ln.block].bbox[1] else last[ln.block]
    prose_lines = sorted((ln for ln in lines if ln.block in prose), key=lambda ln: ln.bbox[1])
    gaps = [
        b.bbox[1] - a.bbox[3]
        for a, b in itertools.pairwise(prose_lines)
        if overlap_x(a.bbox, (b.bbox[0], b.bbox[2])) > 0 and -1 <= b.bbox[1] - a.bbox[3] <= 2 * a.size
    ]
    leading = median(gaps) if gaps else 0.0  # the page's own line spacing: theses set prose 1.5-spaced
    ends = set()
    for ln in lines:
        if ln.block in prose:
            continue
        for p in last.values():
            gap = ln.bbox[1] - p.bbox[3]
            if (
                -1 <= gap <= leading + PARAGRAPH_LEADING_EM * ln.size
                and abs(ln.bbox[0] - p.bbox[0]) <= 2
                and ln.bbox[2] <= p.bbox[2] + 2
            ):
                ends.add(ln.block)
    return ends


def _front_block(page: PageContent, style: DocStyle) -> list[Rect]:
    """The title and author rows of a first page: the largest text in the page's upper half (not inside a
    graphic), and the rows under it down to the first prose line, caption or graphic (a teaser figure).

    Can't tell a teaser's own heading text above its graphics from an author row: both stop the figure."""
    if page.number >= FRONT_PAGES:
        return []
    half = (page.rect[1] + page.rect[3]) / 2
    big = [
        ln
        for ln in page.lines
        if ln.horizontal
        and ln.size >= TITLE_EM * style.body
        and ln.bbox[3] < half
        and sum(ch.isalpha() for ch in ln.text) >= MIN_TITLE_LETTERS
        and not _inside_graphic(ln, page)
    ]
    if not big:
        return []
    size = max(ln.size for ln in big)
    title = [ln for ln in big if ln.size >= size - 1.0]
    top, bottom = min(ln.bbox[1] for ln in title), max(ln.bbox[3] for ln in title)
    graphics_below = [g.bbox[1] for g in page.graphics if g.bbox[1] >= bottom and not g.is_rule]
    stop = min(graphics_below, default=page.rect[3])
    rows = [ln.bbox for ln in title]
    below = sorted(
        (ln for ln in page.lines if ln.horizontal and ln.bbox[1] >= bottom - 1 and ln not in title),
        key=lambda ln: ln.bbox[1],
    )
    for ln in below[:FRONT_MAX_ROWS]:
        if (
            ln.bbox[3] > stop
            or is_prose_line(ln, style.body, style.column)
            or is_wrapped_prose(ln, style.body)
            or is_any_caption(ln.text)
        ):
            break
        rows.append(ln.bbox)
    return [r for r in rows if r[1] >= top - 1]


def _page_model(page: PageContent, style: DocStyle) -> _PageModel:
    prose_blocks = {ln.block for ln in page.lines if is_prose_line(ln, style.body, style.column)}
    prose_blocks |= _wrapped_blocks(page, style)
    in_caption: set[int] = set()
    captions: list[Rect] = []
    for i, ln in enumerate(page.lines):
        if ln.starts_block and ln.horizontal and is_any_caption(ln.text):
            lines = caption_lines(page, i)
            in_caption |= {id(x) for x in lines}
            captions.append(hull(x.bbox for x in lines))
    body_size = [ln.horizontal and ln.size >= MIN_PROSE_SIZE * style.body for ln in page.lines]
    # Only body-size lines can be barriers; the containment test is the costly part, so it runs once each.
    boxed = {id(ln) for ln, big in zip(page.lines, body_size, strict=True) if big and _inside_graphic(ln, page)}
    # A paragraph inside a drawn box is part of a diagram, one partly outside any graphic is body text.
    outside = {ln.block for ln in page.lines if ln.block in prose_blocks and id(ln) not in boxed}
    barriers, elements, furniture = [], [], []
    front = _front_block(page, style)
    outside |= _paragraph_ends(page, outside, body_size, boxed)
    for ln, big in zip(page.lines, body_size, strict=True):
        # A sub-caption ("(a) Training loss") between stacked panels is part of the figure, however long.
        sub = is_subcaption(ln.text)
        in_prose = big and ln.block in outside and not sub
        heading = big and bool(_HEADING.match(ln.text)) and id(ln) not in boxed
        header = is_furniture(ln, page, style)
        if header:
            furniture.append(ln.bbox)
        if id(ln) in in_caption or in_prose or heading or header or ln.bbox in front or holds_email(ln.text):
            barriers.append(ln.bbox)  # a figure never reaches over a running header
        else:
            elements.append(Element(ln.bbox, "text"))
    edge = PAGE_EDGE * height(page.rect)
    header_rules = furniture_rules(page, style)
    for g in page.graphics:
        if g in header_rules:
            barriers.append(g.bbox)
            furniture.append(g.bbox)  # the crop's padding must not catch the line under a header either
            continue
        kind = "raster" if g.raster else "rule" if g.is_rule else "vector"
        if kind == "rule" and (g.bbox[3] < style.top or g.bbox[1] > style.bottom):
            continue  # the rules under running headers and above footers
        if g.bbox[3] < page.rect[1] + edge or g.bbox[1] > page.rect[3] - edge:
            continue
        elements.append(Element(g.bbox, kind))
    prose = [ln.bbox for ln in page.lines if ln.block in prose_blocks and is_prose_line(ln, style.body, style.column)]
    left = min([b[0] for b in prose] + [style.left])
    right = max([b[2] for b in prose] + [style.right])
    full = (left, right)
    mid = (left + right) / 2
    tol = 0.05 * (right - left)
    crossing = sum(b[0] < mid - tol and b[2] > mid + tol for b in prose)
    two = style.column < TWO_COLUMN_SHARE * (style.right - style.left) and len(prose) - crossing >= crossing
    columns = [(left, mid), (mid, right)] if two else [full]
    return _PageModel(barriers, elements, full, columns, page.rect[1] + edge, page.rect[3] - edge, furniture, captions)


def _span_for(caption: Rect, model: _PageModel, style: DocStyle) -> tuple[float, float]:
    """The caption's column, or the full width for a caption crossing the gutter; narrowed by prose level with
    the caption (a figure wrapped by text) and by captions of figures set beside it in one row."""
    span = model.full
    if len(model.columns) > 1:
        mid = model.columns[0][1]
        tol = 0.05 * (model.full[1] - model.full[0])
        if not (caption[0] < mid - tol and caption[2] > mid + tol):
            span = model.columns[0] if (caption[0] + caption[2]) / 2 < mid else model.columns[1]
    beside = [
        b
        for b in model.barriers
        if b[1] < caption[3] and b[3] > caption[1] and (b[2] < caption[0] or b[0] > caption[2])
    ]
    left = max((b[2] for b in beside if b[2] < caption[0]), default=span[0])
    right = min((b[0] for b in beside if b[0] > caption[2]), default=span[1])
    # Figures side by side, each with its caption: the span ends halfway to the neighbour's caption.
    near = ROW_EM * style.body
    row = [
        c
        for c in model.captions
        if c[1] - near < caption[3] and c[3] + near > caption[1] and (c[2] < caption[0] or c[0] > caption[2])
    ]
    left = max([left] + [(c[2] + caption[0]) / 2 for c in row if c[2] < caption[0]])
    right = min([right] + [(caption[2] + c[0]) / 2 for c in row if c[0] > caption[2]])
    return (max(span[0], left), min(span[1], right))


def _in_span(r: Rect, span: tuple[float, float]) -> bool:
    """Half inside the span, or covering half of it: a neighbour column's graphic (or its white background box)
    that reaches a few points over the gutter is not."""
    return overlap_x(r, span) > 0 and overlap_x(r, span) >= min(0.5 * width(r), 0.5 * (span[1] - span[0]))


def _beyond_caption(e: Element, caption: Rect, up: bool) -> Element:
    """A graphic whose box reaches over its own caption (Word places a picture's box over the caption under
    it) is cut at the caption; any other element is returned as it is."""
    if e.kind == "text" or not intersection(e.bbox, caption):
        return e
    x0, y0, x1, y1 = e.bbox
    return Element((x0, y0, x1, min(y1, caption[1])) if up else (x0, max(y0, caption[3]), x1, y1), e.kind)


def _sweep(caption: Rect, up: bool, span: tuple[float, float], model: _PageModel, style: DocStyle) -> list[Element]:
    touch = 2.0
    elements = [_beyond_caption(e, caption, up) for e in model.elements]
    elements = [e for e in elements if height(e.bbox) > 0]
    if up:
        above = [
            b[3] for b in model.barriers if overlap_x(b, span) > touch and b[3] <= caption[1] + touch and b != caption
        ]
        limit = max(above, default=model.top)
        cands = [
            e
            for e in elements
            if _in_span(e.bbox, span) and e.bbox[3] <= caption[1] + touch and e.bbox[1] >= limit - touch
        ]
        cands.sort(key=lambda e: -e.bbox[3])
    else:
        below = [
            b[1] for b in model.barriers if overlap_x(b, span) > touch and b[1] >= caption[3] - touch and b != caption
        ]
        limit = min(below, default=model.bottom)
        cands = [
            e
            for e in elements
            if _in_span(e.bbox, span) and e.bbox[1] >= caption[3] - touch and e.bbox[3] <= limit + touch
        ]
        cands.sort(key=lambda e: e.bbox[1])
    edge = caption[1] if up else caption[3]
    chosen: list[Element] = []
    for e in cands:
        gap = (edge - e.bbox[3]) if up else (e.bbox[1] - edge)
        if gap > (GAP_EM if chosen else CAPTION_GAP_EM) * style.body:
            break
        chosen.append(e)
        edge = min(edge, e.bbox[1]) if up else max(edge, e.bbox[3])
    return chosen


@dataclass(frozen=True)
class _Option:
    box: Rect
    chosen: list[Element]
    drawn: bool  # holds graphics; False: only text (a code listing, a text example)


def _option(chosen: list[Element], style: DocStyle) -> _Option | None:
    if not chosen:
        return None
    box = hull(e.bbox for e in chosen)
    if height(box) < MIN_FIGURE_EM * style.body or width(box) < 2 * MIN_FIGURE_EM * style.body:
        return None
    drawn = any(e.kind in ("raster", "vector") for e in chosen)
    if not drawn and (len(chosen) < MIN_TEXT_FIGURE_LINES or height(box) < MIN_TEXT_FIGURE_EM * style.body):
        return None
    return _Option(box, chosen, drawn)


def _crosses(chosen: list[Element], caption: Rect, up: bool, model: _PageModel, style: DocStyle) -> bool:
    """Whether graphics that reach past the caption touch the chosen ones: then they are another figure's."""
    box = pad(hull(e.bbox for e in chosen), GAP_EM * style.body)
    return any(
        e.kind in ("raster", "vector")
        and e not in chosen
        and intersection(e.bbox, box)
        and (e.bbox[3] > caption[1] + 2 if up else e.bbox[1] < caption[3] - 2)
        for e in model.elements
    )


def _figure_option(caption: Rect, up: bool, model: _PageModel, style: DocStyle) -> _Option | None:
    span = _span_for(caption, model, style)
    chosen = _sweep(caption, up, span, model, style)
    box = union(e.bbox for e in chosen if e.kind in ("raster", "vector"))
    if box and span != model.full and (box[0] < span[0] - COLUMN_SPILL or box[2] > span[1] + COLUMN_SPILL):
        wide = _sweep(caption, up, model.full, model, style)
        option = _option(wide, style)
        if option and option.drawn and not _crosses(wide, caption, up, model, style):
            return option  # a full-width figure whose caption sits in one column
    option = _option(chosen, style)
    if option and span != model.full:  # stay in the column: a graphic reaching across it is cut at its edge
        x0, y0, x1, y1 = option.box
        option = _Option(
            (max(x0, span[0] - COLUMN_SPILL), y0, min(x1, span[1] + COLUMN_SPILL), y1), option.chosen, option.drawn
        )
    return option


def _side_option(caption: Rect, model: _PageModel, style: DocStyle) -> _Option | None:
    """A caption beside its figure: graphics level with the caption, then everything touching them."""
    near = CAPTION_GAP_EM * style.body
    column = next((c for c in model.columns if c[0] <= (caption[0] + caption[2]) / 2 <= c[1]), model.full)
    seeds = [
        e
        for e in model.elements
        if e.kind in ("raster", "vector")
        and overlap_x(e.bbox, column) > 0
        and e.bbox[0] >= column[0] - COLUMN_SPILL
        and e.bbox[2] <= column[1] + COLUMN_SPILL
        and e.bbox[1] < caption[3]
        and e.bbox[3] > caption[1]
        and (0 <= caption[0] - e.bbox[2] <= near or 0 <= e.bbox[0] - caption[2] <= near)
    ]
    if not seeds:
        return None
    chosen = list(seeds)
    rest = [e for e in model.elements if e not in seeds]
    reach = GAP_EM * style.body
    grown = True
    while grown:
        grown = False
        for e in list(rest):
            if any(intersection(pad(e.bbox, reach), c.bbox) for c in chosen):
                if intersection(e.bbox, caption):
                    continue
                chosen.append(e)
                rest.remove(e)
                grown = True
    option = _option(chosen, style)
    if option and any(intersection(option.box, c) for c in model.captions if not intersection(c, caption)):
        return None  # it grew over another figure's caption: figures side by side, not a side caption
    return option if option and option.drawn else None


def _scan_stops(page: PageContent, model: _PageModel, style: DocStyle, notes: set[Rect]) -> list[Rect]:
    """What ends a figure's band on a scanned page: the barriers, less ``notes`` (prose-like lines set in smaller
    type: a figure's explanations), plus the lines that carry on a barrier's paragraph (same OCR block, next line
    down or up, sharing its width): OCR sizes are box heights, so a body line of italics or without descenders
    reads too small to be prose by its size."""
    stops = [b for b in model.barriers if b not in notes or b in model.captions]
    held = set(stops)
    ends = [ln for ln in page.lines if ln.bbox in held and ln.horizontal]
    rest = [ln for ln in page.lines if ln.horizontal and ln.bbox not in held and ln.bbox not in notes]
    while ends:
        grown = [
            ln
            for ln in rest
            if ln.bbox not in held
            and any(
                e.block == ln.block
                and overlap_x(e.bbox, (ln.bbox[0], ln.bbox[2])) > 0
                and abs((e.bbox[1] + e.bbox[3]) / 2 - (ln.bbox[1] + ln.bbox[3]) / 2) <= PARAGRAPH_PITCH_EM * style.body
                for e in ends
            )
        ]
        held |= {ln.bbox for ln in grown}
        stops += [ln.bbox for ln in grown]
        ends = grown
    return stops


def _scan_band(caption: Rect, model: _PageModel, style: DocStyle, stops: list[Rect]) -> Rect | None:
    """On a scanned page: the band between the caption and the nearest of ``stops`` above it (or below, if none
    above)."""
    span = _span_for(caption, model, style)
    above = [b[3] for b in stops if overlap_x(b, span) > 0 and b[3] <= caption[1] + 1 and b != caption]
    top = max(above, default=style.top) + SCAN_MARGIN_EM * style.body
    if caption[1] - top >= MIN_SCAN_FIGURE_EM * style.body:
        return (span[0], top, span[1], caption[1])
    below = [b[1] for b in stops if overlap_x(b, span) > 0 and b[1] >= caption[3] - 1 and b != caption]
    bottom = min(below, default=style.bottom) - SCAN_MARGIN_EM * style.body
    if bottom - caption[3] >= MIN_SCAN_FIGURE_EM * style.body:
        return (span[0], caption[3], span[1], bottom)
    return None


def _crop(box: Rect, caption: Caption, page: PageContent, model: _PageModel) -> Rect:
    """The figure's box with a margin for its outermost text, kept off its caption and off any prose or other
    caption that only grazes it (text in the next column, a wrapped paragraph's line ends)."""
    crop = pad(box, CROP_PAD, page.rect)
    for other in [pad(caption.bbox, 1.0)] + model.furniture + [b for b in model.barriers if not centre_inside(b, crop)]:
        crop = keep_off(crop, other)
    return crop


@dataclass(frozen=True)
class _Reading:
    """A caption and the ways its figure can be read, on a page seen upright or turned (a sideways figure)."""

    caption: Caption
    ways: dict[str, _Option]
    page: PageContent
    model: _PageModel
    turn: Direction | None = None
    upright: Rect = (0.0, 0.0, 0.0, 0.0)  # the page's own rect, to turn boxes back


def _choose(readings: list[_Reading]) -> list[Found]:
    """One reading per caption. Captions that work one way only tell the document's convention (caption below
    or above); ambiguous ones follow it, unless those graphics were already claimed by another figure."""
    votes = Counter(next(iter(r.ways)) for r in readings if len(r.ways) == 1)
    order = ["up", "down"] if votes["up"] >= votes["down"] else ["down", "up"]
    claimed: set[tuple[int, bool, Rect]] = set()
    out = []
    for r in sorted(readings, key=lambda o: len(o.ways)):  # unambiguous first
        tried = [w for w in order + ["side"] if w in r.ways]
        for way in tried:
            opt = r.ways[way]
            keys = {(r.page.number, r.turn is None, e.bbox) for e in opt.chosen if e.kind != "text"}
            if keys & claimed and way != tried[-1]:
                continue
            claimed |= keys
            raster = sum(area(e.bbox) for e in opt.chosen if e.kind == "raster")
            crop, cap = _crop(opt.box, r.caption, r.page, r.model), r.caption
            if r.turn is not None:
                crop = unturn_rect(crop, r.turn, r.upright)
                cap = replace(cap, bbox=unturn_rect(cap.bbox, r.turn, r.upright))
            out.append(Found(cap, crop, raster, False, r.turn))
            break
    return out


def _readings(page: PageContent, model: _PageModel, style: DocStyle, seen: set[str]) -> list[_Reading]:
    out = []
    for cap in find_captions(page):
        if cap.number in seen:
            continue
        ways = {way: opt for way in ("up", "down") if (opt := _figure_option(cap.bbox, way == "up", model, style))}
        if any(o.drawn for o in ways.values()):  # graphics beat text-only readings
            ways = {k: o for k, o in ways.items() if o.drawn}
        side = _side_option(cap.bbox, model, style)
        if side and (not ways or all(_fragment_of(o.box, side.box) for o in ways.values())):
            ways = {"side": side}  # what lies above or below is the top or bottom of a figure beside the caption
        if ways:
            seen.add(cap.number)
            out.append(_Reading(cap, ways, page, model))
    return out


def _is_table_part(e: Element, style: DocStyle) -> bool:
    """A table's rule (horizontal or vertical) or a shaded row: a band no taller than a line of text."""
    if e.kind == "rule":
        return True
    w, h = width(e.bbox), height(e.bbox)
    return e.kind == "vector" and (min(w, h) <= RULE_THICKNESS or (h <= ROW_SHADE_EM * style.body and w >= 2 * h))


def _with_table_bodies(page: PageContent, model: _PageModel, style: DocStyle) -> _PageModel:
    """The model with the body of each table whose caption sits above it made a barrier: the text lines and
    rules right under a table caption, up to the first drawing (and then to the table's last rule). A figure
    right under such a table (its caption below it) would otherwise sweep up through the table.

    Can't tell a figure made only of thin bands under a table from the table, nor a figure's title set right
    under a table without rules from the table's last row."""
    bodies = []
    for i, ln in enumerate(page.lines):
        if not (ln.starts_block and ln.horizontal and is_table_caption(ln.text)):
            continue
        cap = hull(x.bbox for x in caption_lines(page, i))
        swept = _sweep(cap, False, _span_for(cap, model, style), model, style)
        body: list[Element] = []
        for e in swept:  # the table ends before the first drawing, at its last rule when it has rules
            if e.kind != "text" and not _is_table_part(e, style):
                break
            body.append(e)
        rules = [k for k, e in enumerate(body) if e.kind != "text"]
        if rules and len(body) < len(swept):
            body = body[: rules[-1] + 1]
        if sum(e.kind == "text" for e in body) >= MIN_TABLE_LINES:
            bodies.append(hull(e.bbox for e in body))
    if not bodies:
        return model
    elements = [e for e in model.elements if not any(centre_inside(e.bbox, b) for b in bodies)]
    return replace(model, barriers=model.barriers + bodies, elements=elements)


def _fragment_of(part: Rect, whole: Rect) -> bool:
    """Whether ``part`` is mostly inside ``whole`` and much smaller than it."""
    cut = intersection(part, whole)
    return cut is not None and area(cut) >= 0.8 * area(part) and area(whole) >= FRAGMENT_RATIO * area(part)


def _turned_style(style: DocStyle, way: Direction, rect: Rect) -> DocStyle:
    """The document's text block as seen on a page turned ``way``."""
    left, top, right, bottom = turn_rect((style.left, style.top, style.right, style.bottom), way, rect)
    return replace(style, left=left, top=top, right=right, bottom=bottom)


def locate_figures(pages: list[PageContent]) -> list[Found]:
    """Every numbered figure with graphics next to its caption, first occurrence of each number, in page order."""
    style = doc_style(pages)
    readings: list[_Reading] = []
    scans: list[Found] = []
    seen: set[str] = set()
    leading = body_leading(pages, style) if any(p.scan for p in pages) else None
    for page in pages:
        model = _with_table_bodies(page, _page_model(page, style), style)
        if page.scan:
            stops = _scan_stops(page, model, style, tight_prose(page, style, leading))
            for cap in find_captions(page):
                if cap.number not in seen and (band := _scan_band(cap.bbox, model, style, stops)):
                    seen.add(cap.number)
                    scans.append(Found(cap, band, area(band), True))
            continue
        readings += _readings(page, model, style, seen)
        if (way := sideways_caption(page)) is not None:
            turned, turned_style = turn_page(page, way), _turned_style(style, way, page.rect)
            readings += [
                replace(r, turn=way, upright=page.rect)
                for r in _readings(turned, _page_model(turned, turned_style), turned_style, seen)
            ]
    out = _choose(readings) + scans
    out.sort(key=lambda f: (f.caption.page, f.caption.bbox[1]))
    return out

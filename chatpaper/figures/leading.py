"""Type smaller than the body on a scanned page, told by its leading. Pure.

An OCR layer reports one or two font sizes for a whole page (the box heights of its words, rounded), so a
figure's explanatory paragraph set in 7 pt reads as body-size prose and stops the figure's band. Its line
spacing does not lie: smaller type is set on tighter lines. Can't tell a tightly set body paragraph from a note,
and a one-line note with no neighbour has no leading to measure.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from statistics import median

from chatpaper.figures.geometry import Rect, overlap_x
from chatpaper.figures.page import PageContent, TextLine
from chatpaper.figures.style import DocStyle, is_prose_line

# Lines closer than this share of the body's line spacing are set in smaller type (a 7 pt note under 10 pt
# body text sits at about 0.75, 9 pt examples on 10 pt lines under a body on 11.7 pt lines at 0.86; OCR jitter of
# body lines stays within a few percent).
TIGHT_LEADING = 0.9
# Neighbours are lines whose centres are this many body sizes apart: closer is the same row (a split OCR
# line), further is a paragraph gap.
MIN_PITCH_EM = 0.5
MAX_PITCH_EM = 2.0


def _centre(ln: TextLine) -> float:
    return (ln.bbox[1] + ln.bbox[3]) / 2


def _pitches(lines: list[TextLine], body: float) -> dict[int, float | None]:
    """For each line (by ``id``), the distance to the nearest horizontal line above or below it that shares some
    of its width, within ``MIN_PITCH_EM``..``MAX_PITCH_EM`` body sizes; None without one. Lines are sorted by
    centre once, so each looks only at the lines within reach (a page of OCR rows compared pairwise was the
    figure finder's slowest step on scans)."""
    low, high = MIN_PITCH_EM * body, MAX_PITCH_EM * body
    rows = sorted((_centre(o), i) for i, o in enumerate(lines) if o.horizontal)
    centres = [c for c, _ in rows]
    out: dict[int, float | None] = {}
    for ln in lines:
        cy, span = _centre(ln), (ln.bbox[0], ln.bbox[2])
        near = [
            d
            for c, i in rows[bisect_left(centres, cy - high) : bisect_right(centres, cy + high)]
            if lines[i] is not ln and low <= (d := abs(c - cy)) <= high and overlap_x(lines[i].bbox, span) > 0
        ]
        out[id(ln)] = min(near, default=None)
    return out


def body_leading(pages: list[PageContent], style: DocStyle) -> float | None:
    """The typical line spacing of body prose on the document's scanned pages."""
    pitches = []
    for page in pages:
        if not page.scan:
            continue
        of = _pitches(page.lines, style.body)
        pitches += [
            p for ln in page.lines if is_prose_line(ln, style.body, style.column) and (p := of[id(ln)]) is not None
        ]
    return median(pitches) if pitches else None


def tight_prose(page: PageContent, style: DocStyle, leading: float | None) -> set[Rect]:
    """Boxes of lines set on clearly tighter lines than the body (a paragraph's short last line too): smaller
    type, not body text."""
    if leading is None:
        return set()
    of = _pitches(page.lines, style.body)
    tight = [ln for ln in page.lines if ln.horizontal and (p := of[id(ln)]) is not None and p < TIGHT_LEADING * leading]
    # A mark set beside a tight line of its paragraph ("=>" before an example) is part of it.
    beside = [
        ln
        for ln in page.lines
        if ln.horizontal
        and any(t.block == ln.block and abs(_centre(t) - _centre(ln)) < MIN_PITCH_EM * style.body for t in tight)
    ]
    return {ln.bbox for ln in tight + beside}

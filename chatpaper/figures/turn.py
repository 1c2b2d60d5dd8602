"""Sideways figures: a landscape figure printed on a portrait page, its caption running up or down the page.

The finder only reads horizontal captions. A page holding a caption that runs vertically is turned a quarter so
that the caption reads left to right, searched as any page, and the boxes found are turned back. Pure.

Can't do: text at other angles (a figure rotated 45° or upside down), or a page mixing sideways figures whose
captions run in opposite directions (only the direction of the first such caption is tried).
"""

from __future__ import annotations

from dataclasses import replace

from chatpaper.figures.captions import caption_number
from chatpaper.figures.geometry import Rect
from chatpaper.figures.page import Graphic, PageContent

Direction = tuple[float, float]
# Text running up the page (the usual way to print a landscape figure) and down it.
UP: Direction = (0.0, -1.0)
DOWN: Direction = (0.0, 1.0)


def sideways_caption(page: PageContent) -> Direction | None:
    """The direction of the first vertical line that opens a figure caption, if any."""
    for ln in page.lines:
        if not ln.horizontal and ln.starts_block and caption_number(ln.text) and ln.dir in (UP, DOWN):
            return ln.dir
    return None


def turn_rect(r: Rect, way: Direction, page: Rect) -> Rect:
    """``r`` in the frame where text running ``way`` reads left to right."""
    x0, y0, x1, y1 = r
    if way == UP:  # (x, y) -> (H - y, x)
        return (page[3] - y1, x0, page[3] - y0, x1)
    return (y0, page[2] - x1, y1, page[2] - x0)  # (x, y) -> (y, W - x)


def unturn_rect(r: Rect, way: Direction, page: Rect) -> Rect:
    """The inverse of ``turn_rect``."""
    x0, y0, x1, y1 = r
    if way == UP:
        return (y0, page[3] - x1, y1, page[3] - x0)
    return (page[2] - y1, x0, page[2] - y0, x1)


def turn_page(page: PageContent, way: Direction) -> PageContent:
    """The page seen with text running ``way`` horizontal (and horizontal text now vertical)."""
    rect = page.rect
    turned = (0.0, 0.0, rect[3] - rect[1], rect[2] - rect[0])
    lines = [replace(ln, bbox=turn_rect(ln.bbox, way, rect), horizontal=ln.dir == way) for ln in page.lines]
    lines.sort(key=lambda ln: (ln.block, ln.bbox[1]))
    graphics = [Graphic(turn_rect(g.bbox, way, rect), g.raster) for g in page.graphics]
    return PageContent(
        page.number, turned, lines, graphics, page.scan, [turn_rect(b, way, rect) for b in page.large_images]
    )

"""Read what figure finding needs from a PDF page: text lines (rotated ones too) and graphics boxes.

This is the only module here that touches PyMuPDF pages; everything it returns is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pymupdf

from chatpaper.figures.geometry import Rect, area, height, width
from chatpaper.pdf.lines import continues_row, gap_separator
from chatpaper.text import clean

# Graphics covering more than this share of the page are backgrounds, not figure content ...
BACKGROUND_SHARE = 0.85
# ... and an image that large with text over it means the page is a scan with an OCR layer.
SCAN_IMAGE_SHARE = 0.8
# Paths smaller than this (points, both sides) are dots of text decoration, not graphics.
MIN_GRAPHIC_SIDE = 1.5
# A path thinner than this and wider than tall is a rule: table lines and separators, not a figure by itself.
RULE_THICKNESS = 2.0

_IMAGE_KINDS = {"fill-image", "fill-imgmask", "fill-shade"}
_PATH_KINDS = {"fill-path", "stroke-path"}


@dataclass(frozen=True)
class TextLine:
    text: str
    bbox: Rect
    size: float
    horizontal: bool
    block: int
    starts_block: bool
    dir: tuple[float, float] = (1.0, 0.0)  # writing direction, rounded: (0, -1) runs up the page

    @cached_property  # asked for every line by each prose test of a page; a frozen dataclass still has a __dict__
    def words(self) -> int:
        cjk = sum(1 for ch in self.text if "\u4e00" <= ch <= "\u9fff")
        return len(self.text.split()) + cjk // 2


@dataclass(frozen=True)
class Graphic:
    bbox: Rect
    raster: bool  # an image (or shading); False for vector paths

    @property
    def is_rule(self) -> bool:
        return not self.raster and height(self.bbox) <= RULE_THICKNESS and width(self.bbox) > 4 * height(self.bbox)


@dataclass(frozen=True)
class PageContent:
    number: int  # 0-based
    rect: Rect
    lines: list[TextLine]
    graphics: list[Graphic]
    scan: bool  # one image covers the page: figures can only be cut out by the text around them
    large_images: list[Rect]  # embedded images over Pillow's pixel limit: never rendered


def _is_horizontal(ln: dict) -> bool:
    return abs(ln["dir"][1]) < 0.01


def _has_letters(ln: dict) -> bool:
    return any(ch.isalpha() for s in ln["spans"] for ch in s["text"])


def _word_rows(lines: list[dict]) -> list[list[dict]]:
    """A block's raw lines with pieces of one row a word space apart joined: some PDFs (1990s dvips bitmap fonts)
    place every word as its own text object, which PyMuPDF reads as a line of its own, so "Figure" and "1:" of
    one caption would be two lines. Pieces further apart than a word space (table cells, legend entries), two
    pieces without letters side by side (axis ticks a word space apart) and rotated text stay lines of their own."""
    rows: list[list[dict]] = []
    for ln in lines:
        if rows and _is_horizontal(ln) and _is_horizontal(rows[-1][-1]) and continues_row(rows[-1][-1], ln):
            last = rows[-1][-1]
            size = max((s["size"] for s in ln["spans"]), default=10)
            words = _has_letters(last) or _has_letters(ln)
            if words and gap_separator(ln["bbox"][0] - last["bbox"][2], size) != "\t":
                rows[-1].append(ln)
                continue
        rows.append([ln])
    return rows


def _row_text(row: list[dict]) -> str:
    parts: list[str] = []
    for i, ln in enumerate(row):
        if i:
            size = max((s["size"] for s in ln["spans"]), default=10)
            parts.append(gap_separator(ln["bbox"][0] - row[i - 1]["bbox"][2], size))
        parts.append("".join(s["text"] for s in ln["spans"]))
    return clean("".join(parts))


def text_lines(data: dict) -> list[TextLine]:
    """Every text line of a page's ``get_text("dict")``, rotated ones included (axis labels)."""
    out: list[TextLine] = []
    for bno, block in enumerate(data["blocks"]):
        prev_size = None
        for i, row in enumerate(_word_rows(block.get("lines", []))):
            spans = [s for ln in row for s in ln["spans"] if s["text"].strip()]
            if not spans:
                continue
            text = _row_text(row)
            size = max(spans, key=lambda s: len(s["text"]))["size"]
            starts = i == 0 or prev_size is None or abs(size - prev_size) > 0.6
            ln = row[0]
            bbox = (ln["bbox"][0], min(r["bbox"][1] for r in row), row[-1]["bbox"][2], max(r["bbox"][3] for r in row))
            way = (round(ln["dir"][0], 2) + 0.0, round(ln["dir"][1], 2) + 0.0)  # + 0.0: no negative zero
            out.append(TextLine(text, bbox, size, _is_horizontal(ln), bno, starts, way))
            prev_size = size
    return out


def unrotated_rect(page: pymupdf.Page) -> Rect:
    """The page's box in the coordinates its text and drawings are read in: ``page.rect`` is the page as shown,
    its /Rotate applied (a 90° page is wider than tall there), but ``get_text`` and ``get_bboxlog`` ignore /Rotate."""
    return tuple(page.rect * page.derotation_matrix)


def graphics(page: pymupdf.Page) -> tuple[list[Graphic], bool]:
    """Boxes of images and vector paths from the page's draw log, backgrounds dropped; and whether it's a scan."""
    pr = unrotated_rect(page)
    page_area = area(pr) or 1.0
    out: list[Graphic] = []
    scan = False
    for kind, r in page.get_bboxlog():
        raster = kind in _IMAGE_KINDS
        if not raster and kind not in _PATH_KINDS:
            continue
        box = (max(r[0], pr[0]), max(r[1], pr[1]), min(r[2], pr[2]), min(r[3], pr[3]))
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        share = area(box) / page_area
        if raster and share >= SCAN_IMAGE_SHARE:
            scan = True
        if share >= BACKGROUND_SHARE:
            continue
        if width(box) < MIN_GRAPHIC_SIDE and height(box) < MIN_GRAPHIC_SIDE:
            continue
        out.append(Graphic(box, raster))
    return out, scan


def oversized_images(page: pymupdf.Page, max_pixels: int) -> list[Rect]:
    """Where images with more pixels than ``max_pixels`` sit: decoding them is how a PDF bombs a renderer."""
    boxes = []
    for info in page.get_image_info():
        if info.get("width", 0) * info.get("height", 0) > max_pixels:
            boxes.append(tuple(info["bbox"]))
    return boxes


def read_page(page: pymupdf.Page, lines: list[TextLine], max_pixels: int) -> PageContent:
    found, scan = graphics(page)
    return PageContent(
        page.number, unrotated_rect(page), lines, found, scan and bool(lines), oversized_images(page, max_pixels)
    )

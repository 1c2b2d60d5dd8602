"""Read what figure finding needs from a PDF page: text lines (rotated ones too) and graphics boxes.

This is the only module here that touches PyMuPDF pages; everything it returns is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from chatpaper.figures.geometry import Rect, area, height, width
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

    @property
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


def text_lines(data: dict) -> list[TextLine]:
    """Every text line of a page's ``get_text("dict")``, rotated ones included (axis labels)."""
    out: list[TextLine] = []
    for bno, block in enumerate(data["blocks"]):
        prev_size = None
        for i, ln in enumerate(block.get("lines", [])):
            spans = [s for s in ln["spans"] if s["text"].strip()]
            if not spans:
                continue
            text = clean("".join(s["text"] for s in ln["spans"]))
            size = max(spans, key=lambda s: len(s["text"]))["size"]
            starts = i == 0 or prev_size is None or abs(size - prev_size) > 0.6
            way = (round(ln["dir"][0], 2) + 0.0, round(ln["dir"][1], 2) + 0.0)  # + 0.0: no negative zero
            out.append(TextLine(text, tuple(ln["bbox"]), size, abs(ln["dir"][1]) < 0.01, bno, starts, way))
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

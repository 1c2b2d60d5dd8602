"""Find and render the numbered figures of an open PDF: the I/O half of figure extraction."""

from __future__ import annotations

import io
import logging
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pymupdf
from PIL import Image, ImageChops, ImageOps

from chatpaper.figures.captions import caption_number
from chatpaper.figures.geometry import Rect, area, intersection, pad
from chatpaper.figures.layout import Found, locate_figures
from chatpaper.figures.page import PageContent, read_page, text_lines, unrotated_rect
from chatpaper.figures.turn import DOWN, UP
from chatpaper.pdf.lines import PageText
from chatpaper.settings import MAX_FIGURE_MB, MAX_FIGURES, MAX_PAGES, Settings

log = logging.getLogger("chatpaper.figures")

DEFAULT_DPI = 150
# No crop is rendered with more pixels than this; the dpi is lowered instead (absurd page sizes).
MAX_CROP_PIXELS = 16_000_000
# Embedded images over Pillow's decompression-bomb limit are never decoded.
MAX_SOURCE_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
# Crops whose area is at least this share raster images are photos: JPEG is tried, kept if smaller.
PHOTO_SHARE = 0.4
JPEG_QUALITY = 85
# The PNG-or-JPEG probe is the crop shrunk by this factor per side.
PROBE_REDUCE = 4
# A scan band is trimmed to pixels darker than this (0 black .. 255 white).
INK_LEVEL = 200
# Every crop is trimmed to what is drawn in it: pixels with a colour channel below this level (0..255) are ink
# (white paper is 255; the palest fills used in charts are still well below it) ...
PAPER_LEVEL = 245
# ... found at this resolution, with this margin (points) kept round it.
TRIM_DPI = 50
TRIM_PAD = 2.0
# A side is trimmed only when the blank beyond the ink is wider than this (points): twice the finder's padding.
TRIM_MIN = 6.0
# Degrees to turn the image of a sideways figure by, by the direction its caption runs in.
UPRIGHT = {UP: 90, DOWN: -90}


@dataclass(frozen=True)
class Figure:
    """One numbered figure: its caption, where it is (page 1-based, bbox in PDF points) and its image."""

    number: str
    caption: str
    page: int
    bbox: Rect
    image: bytes = field(repr=False)
    format: str  # png or jpeg
    width: int
    height: int

    @property
    def filename(self) -> str:
        return f"figure-{re.sub(r'[^A-Za-z0-9]+', '-', self.number)}.{'jpg' if self.format == 'jpeg' else 'png'}"

    def info(self, path: str | None = None) -> dict:
        return {
            "number": self.number,
            "caption": self.caption,
            "page": self.page,
            "bbox": [round(v, 1) for v in self.bbox],
            "path": path,
            "width": self.width,
            "height": self.height,
        }


@dataclass(frozen=True)
class FigureLimits:
    """How much figure output one paper may make: a count and the bytes of the encoded images."""

    max_figures: int = MAX_FIGURES
    max_bytes: int = int(MAX_FIGURE_MB * 1024 * 1024)

    @classmethod
    def of(cls, settings: Settings) -> FigureLimits:
        return cls(settings.max_figures, int(settings.max_figure_mb * 1024 * 1024))


# The bounds of the default settings, for callers without a Settings.
DEFAULT_LIMITS = FigureLimits()


def read_pages(doc: pymupdf.Document, max_pages: int, texts: PageText | None = None) -> list[PageContent]:
    """Text of every page; graphics only where a caption could be (drawing logs are the slow part)."""
    texts = texts or PageText(doc)
    pages = []
    for pno in range(min(doc.page_count, max_pages)):
        try:
            page = doc[pno]
            lines = text_lines(texts(pno))
            if any(ln.starts_block and caption_number(ln.text) for ln in lines):
                pages.append(read_page(page, lines, MAX_SOURCE_PIXELS))
            else:
                pages.append(PageContent(pno, unrotated_rect(page), lines, [], False, []))
        except Exception:  # a damaged page loses its figures, not the document's
            log.warning("page %d could not be read for figures", pno + 1)
    return pages


def _pixmap(
    page: pymupdf.Page, drawn: pymupdf.DisplayList, clip: Rect, scale: float, degrees: int = 0
) -> pymupdf.Pixmap:
    """``clip`` rendered at ``scale`` pixels per point from ``drawn``, the page's display list (what
    ``page.get_pixmap`` makes for each call: one list serves a figure's two renders), as it stands on the unrotated
    page, then turned by ``degrees``. Text, draw logs and image boxes give unrotated coordinates, but the page is
    drawn as shown (its /Rotate applied) and the clip read in those coordinates: the clip is mapped there and the
    picture turned back. RGB without alpha (PyMuPDF's defaults, which the pixel code here relies on)."""
    matrix = pymupdf.Matrix(scale, scale).prerotate(degrees - page.rotation)
    shown = pymupdf.Rect(clip) * page.rotation_matrix
    return drawn.get_pixmap(matrix=matrix, clip=shown, colorspace=pymupdf.csRGB, alpha=False)


def _ink_box(page: pymupdf.Page, drawn: pymupdf.DisplayList, clip: Rect, level: int = INK_LEVEL) -> Rect | None:
    """The part of ``clip`` with anything darker than ``level`` (0..255) in any colour channel, found at low
    resolution."""
    pix = _pixmap(page, drawn, clip, TRIM_DPI / 72)
    r, g, b = Image.frombytes("RGB", (pix.width, pix.height), pix.samples).split()
    darkest = ImageChops.darker(ImageChops.darker(r, g), b)
    box = ImageOps.invert(darkest).point(lambda v: 255 if v > 255 - level else 0).getbbox()
    if not box:
        return None
    sx, sy = (clip[2] - clip[0]) / pix.width, (clip[3] - clip[1]) / pix.height
    return (clip[0] + box[0] * sx, clip[1] + box[1] * sy, clip[0] + box[2] * sx, clip[1] + box[3] * sy)


def _trim(crop: Rect, inked: Rect) -> Rect:
    """``crop`` pulled in to ``inked`` on the sides where that removes more than ``TRIM_MIN`` of blank: a side
    that is nearly right keeps the finder's margin (a text line's box reaches past its glyphs' ink)."""
    keep = [abs(a - b) <= TRIM_MIN for a, b in zip(crop, inked, strict=True)]
    return tuple(c if k else i for c, i, k in zip(crop, inked, keep, strict=True))  # type: ignore[return-value]


def _encode(pix: pymupdf.Pixmap, photo: bool) -> tuple[bytes, str]:
    """PNG for drawings; for photos JPEG when a quarter-size probe says it is smaller (encoding the full crop
    both ways would double the cost of every photo)."""
    if not photo:
        return pix.tobytes("png"), "png"
    img = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    probe = img.reduce(PROBE_REDUCE) if min(img.size) >= 4 * PROBE_REDUCE else img
    if len(_save(probe, "PNG")) <= len(_save(probe, "JPEG")):
        return pix.tobytes("png"), "png"
    return _save(img, "JPEG"), "jpeg"


def _save(img: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **({"quality": JPEG_QUALITY} if fmt == "JPEG" else {"compress_level": 6}))
    return buf.getvalue()


def render_figure(page: pymupdf.Page, found: Found, dpi: int) -> Figure | None:
    clip = found.bbox
    drawn = page.get_displaylist(annots=False)
    inked = _ink_box(page, drawn, clip, INK_LEVEL if found.band else PAPER_LEVEL)
    if inked is None:
        if found.band:
            return None
    elif found.band:
        clip = pad(inked, TRIM_PAD, clip)
    else:  # what is drawn, not the boxes: clip paths, white image margins, pictures running off the page
        clip = _trim(clip, pad(inked, TRIM_PAD, clip))
    pixels = area(clip) * (dpi / 72) ** 2
    # MuPDF rounds the pixmap outwards, so aim a little under the cap.
    scale = dpi / 72 * min(1.0, 0.99 * math.sqrt(MAX_CROP_PIXELS / pixels)) if pixels else dpi / 72
    # A sideways figure is shown the way its caption reads.
    pix = _pixmap(page, drawn, clip, scale, UPRIGHT[found.turn] if found.turn is not None else 0)
    photo = found.band or found.raster_area >= PHOTO_SHARE * area(clip)
    data, fmt = _encode(pix, photo)
    return Figure(found.caption.number, found.caption.text, found.caption.page, clip, data, fmt, pix.width, pix.height)


def iter_figures(
    doc: pymupdf.Document,
    dpi: int = DEFAULT_DPI,
    max_pages: int = MAX_PAGES,
    texts: PageText | None = None,
    limits: FigureLimits = DEFAULT_LIMITS,
    notices: list[str] | None = None,
) -> Iterator[Figure]:
    """Every numbered figure with graphics next to its caption, cut one at a time as the caller asks for it, so
    a caller that stores each before asking for the next holds one image at a time. Cutting stops at
    ``limits``: the figure that would pass the byte bound is dropped, and a notice saying how many were kept and
    why is logged and appended to ``notices``. Scans without text and papers without numbered figures give
    nothing. Pass ``texts`` to share page text with the parser."""
    yield from figures_on_pages(doc, read_pages(doc, max_pages, texts), dpi, limits, notices)


def figures_on_pages(
    doc: pymupdf.Document,
    pages: list[PageContent],
    dpi: int = DEFAULT_DPI,
    limits: FigureLimits = DEFAULT_LIMITS,
    notices: list[str] | None = None,
) -> Iterator[Figure]:
    """``iter_figures`` on pages already read by ``read_pages``, for a caller that also needs the pages (the
    figure evaluation audits each crop against its page)."""
    located = locate_figures(pages)
    by_page = {p.number: p for p in pages}
    kept = stored = 0
    for found in located:
        if kept >= limits.max_figures:
            _cut_short(notices, kept, len(located), f"at most {limits.max_figures} per paper (CHATPAPER_MAX_FIGURES)")
            return
        content = by_page[found.caption.page - 1]
        if any(intersection(found.bbox, big) for big in content.large_images):
            log.warning("figure %s skipped: it holds an image over %d pixels", found.caption.number, MAX_SOURCE_PIXELS)
            continue
        try:
            fig = render_figure(doc[found.caption.page - 1], found, dpi)
        except Exception as exc:  # one bad figure must not cost the others
            log.warning("figure %s could not be rendered (%s)", found.caption.number, type(exc).__name__)
            continue
        if fig is None:
            continue
        if stored + len(fig.image) > limits.max_bytes:
            mb = limits.max_bytes / (1024 * 1024)
            _cut_short(notices, kept, len(located), f"their images may take {mb:g} MB (CHATPAPER_MAX_FIGURE_MB)")
            return
        kept += 1
        stored += len(fig.image)
        yield fig


def _cut_short(notices: list[str] | None, kept: int, located: int, why: str) -> None:
    notice = f"only {kept} of the {located} numbered figures found were kept: {why}"
    log.warning("%s", notice)
    if notices is not None:
        notices.append(notice)


def extract_figures(
    doc: pymupdf.Document,
    dpi: int = DEFAULT_DPI,
    max_pages: int = MAX_PAGES,
    texts: PageText | None = None,
    limits: FigureLimits = DEFAULT_LIMITS,
) -> list[Figure]:
    """``iter_figures`` as a list (a bounded one: ``limits`` caps it)."""
    return list(iter_figures(doc, dpi, max_pages, texts, limits))


__all__ = [
    "DEFAULT_DPI",
    "DEFAULT_LIMITS",
    "Figure",
    "FigureLimits",
    "extract_figures",
    "figures_on_pages",
    "iter_figures",
    "render_figure",
]

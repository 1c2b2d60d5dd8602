"""Issue #17 row 9: a figure on a page with /Rotate is cropped around the figure, not around where the figure would
be on the unrotated page, and shown the way its caption reads."""

from __future__ import annotations

import io

import pymupdf
import pytest
from PIL import Image, ImageChops, ImageStat

from chatpaper.figures import extract_figures
from chatpaper.pdf.reader import PdfReader
from tests.helpers import figure_rules_pdfs as rp
from tests.helpers.figure_pdfs import raster_caption_above

# The figure is a photograph: its crop is almost no white. A crop of body text is mostly white.
MAX_WHITE = 0.15


def _white_fraction(png: bytes) -> tuple[float, tuple[int, int]]:
    image = Image.open(io.BytesIO(png)).convert("L")
    hist = image.histogram()
    return sum(hist[236:]) / (image.width * image.height), image.size


def _crop(rotation: int) -> bytes:
    data, _ = raster_caption_above()
    doc = pymupdf.open(stream=data, filetype="pdf")
    doc[0].set_rotation(rotation)
    with PdfReader(doc.tobytes()) as reader:
        figures = reader.figures(100)
    assert [f.number for f in figures] == ["2"]  # the caption is found at every rotation already
    return figures[0].image


def test_the_unrotated_crop_is_the_photograph():
    white, _ = _white_fraction(_crop(0))
    assert white < MAX_WHITE


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_page_is_cropped_around_its_figure(rotation):
    white, size = _white_fraction(_crop(rotation))
    _, upright = _white_fraction(_crop(0))
    assert white < MAX_WHITE, f"{white:.0%} of the crop is white: it shows the page, not the photograph"
    assert sorted(size) == pytest.approx(sorted(upright), abs=4)  # the same figure, turned or not


# Mean difference per channel (0..255) allowed between two renderings of the same picture: resampling only.
SAME_PICTURE = 8


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_page_shows_its_figure_the_way_its_caption_reads(rotation):
    upright = Image.open(io.BytesIO(_crop(0))).convert("RGB")
    turned = Image.open(io.BytesIO(_crop(rotation))).convert("RGB").resize(upright.size)
    diff = ImageStat.Stat(ImageChops.difference(upright, turned)).mean
    assert max(diff) < SAME_PICTURE, f"the crop differs from the upright one by {diff}: it is turned"


def _sideways_crop(rotation: int) -> Image.Image:
    data, _ = rp.sideways_figure()
    doc = pymupdf.open(stream=data, filetype="pdf")
    doc[0].set_rotation(rotation)
    [figure] = extract_figures(doc, 100)  # not the reader: this page has no body text, so it reads as a scan
    return Image.open(io.BytesIO(figure.image)).convert("RGB")


def test_a_landscape_page_turned_by_rotate_shows_its_figure_as_the_reader_sees_it():
    # How landscape figures are usually printed: drawn sideways, with /Rotate 90 so viewers show them upright.
    # The crop must read the same as the one cut from the page without /Rotate (turned by its caption).
    plain, rotated = _sideways_crop(0), _sideways_crop(90)
    assert plain.width > plain.height
    diff = ImageStat.Stat(ImageChops.difference(plain, rotated.resize(plain.size))).mean
    assert max(diff) < SAME_PICTURE, diff


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_rotated_page_with_a_cropbox_off_the_origin_is_cropped_around_its_figure(rotation):
    # PyMuPDF's coordinates start at the cropbox's corner; the rotation is applied to that box.
    data, _ = raster_caption_above()
    doc = pymupdf.open(stream=data, filetype="pdf")
    doc[0].set_cropbox(pymupdf.Rect(30, 40, 600, 780))
    doc[0].set_rotation(rotation)
    [figure] = extract_figures(doc, 100)
    white, _ = _white_fraction(figure.image)
    assert white < MAX_WHITE

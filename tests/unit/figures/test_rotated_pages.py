"""Issue #17 row 9 (owned by the figures/ rewrite, not fixed on this branch): a figure on a page with /Rotate is
cropped around the figure, not around where the figure would be on the unrotated page. Turns green when the
fix lands."""

from __future__ import annotations

import io

import pymupdf
import pytest
from PIL import Image

from chatpaper.pdf.reader import PdfReader
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


@pytest.mark.xfail(
    reason="issue #17 row 9: crops ignore /Rotate (90°: caption + body text; 180°: body text)", strict=True
)
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_page_is_cropped_around_its_figure(rotation):
    white, size = _white_fraction(_crop(rotation))
    _, upright = _white_fraction(_crop(0))
    assert white < MAX_WHITE, f"{white:.0%} of the crop is white: it shows the page, not the photograph"
    assert sorted(size) == pytest.approx(sorted(upright), abs=4)  # the same figure, turned or not

"""What OCR layers of scanned papers do to figure captions and legends: an abbreviation's period read as a comma
("Fig, 3."), a legend's bullet read as the digit 0 ("0 Vertex of ..."), which must not pass for a section heading."""

from __future__ import annotations

from chatpaper.figures.captions import caption_number
from tests.helpers import boxes
from tests.helpers import figure_rules_pdfs as rp
from tests.helpers.figure_pdfs import figures_in


def test_an_ocr_comma_after_fig_still_opens_a_caption_but_a_mention_does_not():
    assert caption_number("Fig, 3. Neighborhood relationships for a 2D grid") == "3"
    assert caption_number("Fig, 3 shows the neighbours") is None
    assert caption_number("Figure, 3 Neighbours") is None  # only the abbreviation's period is misread


def test_a_legend_whose_bullets_read_as_zero_stays_in_the_scanned_figure():
    data, exp = rp.scan_with_bullet_legend()
    [fig] = figures_in(data)
    assert fig.number == "1"
    assert boxes.inside(exp["drawn"], fig.bbox, 3.0) and boxes.inside(exp["legend"], fig.bbox, 3.0), fig.bbox
    assert fig.bbox[1] > exp["body_above"] and fig.bbox[3] <= exp["caption_top"] + 1, fig.bbox


def test_a_scanned_caption_labelled_fig_comma_finds_its_figure():
    data, exp = rp.scan_with_bullet_legend("Fig, 1.")
    [fig] = figures_in(data)
    assert fig.number == "1" and boxes.inside(exp["drawn"], fig.bbox, 3.0)

"""Figures of PDFs that place every word as its own text object (1990s dvips bitmap fonts): the caption is read as
one line, its digit restored from the glyph name, and the crop holds the drawing only."""

from __future__ import annotations

from chatpaper.figures.page import text_lines
from tests.helpers import boxes
from tests.helpers import figure_rules_pdfs as rp
from tests.helpers.boxes import overlaps
from tests.helpers.figure_pdfs import figures_in


def test_a_caption_set_word_by_word_finds_its_figure():
    data, exp = rp.caption_set_word_by_word()
    [fig] = figures_in(data)
    assert fig.number == "1" and fig.caption.startswith("Figure 1 Backlinks of a page")
    assert boxes.inside(exp["drawn"], fig.bbox, 1.0)
    assert fig.bbox[3] <= exp["caption"][1] + 1
    assert not any(overlaps(p, fig.bbox) for p in exp["prose"])


def _line(x0: float, x1: float, text: str, y: float = 100.0, size: float = 10.0) -> dict:
    span = {"text": text, "size": size, "bbox": (x0, y - size, x1, y), "font": "Times", "flags": 0}
    return {"dir": (1.0, 0.0), "bbox": (x0, y - size, x1, y), "spans": [span]}


def test_pieces_a_word_space_apart_join_and_items_far_apart_stay_apart():
    block = {"lines": [_line(100, 130, "Back"), _line(130, 150, "links"), _line(153, 170, "of"), _line(260, 290, "C")]}
    assert [ln.text for ln in text_lines({"blocks": [block]})] == ["Backlinks of", "C"]


def test_numbers_a_word_space_apart_stay_apart():
    ticks = {"lines": [_line(100, 110, "-4"), _line(114, 130, "-3.5"), _line(134, 144, "-3")]}
    assert [ln.text for ln in text_lines({"blocks": [ticks]})] == ["-4", "-3.5", "-3"]

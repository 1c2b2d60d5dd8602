"""Figures of scanned pages whose notes are set in smaller type: the OCR layer reports one size for all text, so
only the tighter leading tells the notes from body prose."""

from __future__ import annotations

from chatpaper.figures.leading import body_leading, tight_prose
from chatpaper.figures.page import PageContent, TextLine
from chatpaper.figures.style import DocStyle
from tests.helpers import boxes
from tests.helpers import figure_rules_pdfs as rp
from tests.helpers.figure_pdfs import figures_in


def test_notes_in_small_type_belong_to_the_scanned_figure():
    data, exp = rp.scan_with_figure_notes()
    [fig] = figures_in(data)
    assert fig.number == "1"
    assert boxes.inside(exp["drawn"], fig.bbox, 2.0) and boxes.inside(exp["notes"], fig.bbox, 4.0), fig.bbox
    assert fig.bbox[1] > exp["body_above"] and fig.bbox[3] <= exp["caption_top"] + 1, fig.bbox


def test_a_figure_of_example_sentences_is_cut_below_the_whole_paragraph_above():
    data, exp = rp.scan_with_example_figure()
    [fig] = figures_in(data)
    assert fig.number == "2"
    assert fig.bbox[1] >= exp["body_above"], fig.bbox  # the italic lines OCR reads small stay out
    assert boxes.inside(exp["examples"], fig.bbox, 4.0) and fig.bbox[3] <= exp["caption_top"] + 1, fig.bbox


def _lines(pitch: float, top: float, n: int, width: float = 400) -> list[TextLine]:
    return [TextLine("text " * 12, (72, top + pitch * i, 72 + width, top + pitch * i + 9), 9.5, True, 0, i == 0)
            for i in range(n)]  # fmt: skip


def test_tight_lines_are_told_from_body_lines_and_a_lone_line_is_not_judged():
    body, notes, lone = _lines(12, 80, 8), _lines(8.5, 250, 3), _lines(12, 500, 1)
    page = PageContent(0, (0, 0, 612, 792), body + notes + lone, [], True, [])
    style = DocStyle(9.5, 400, 72, 720, 72, 540)
    leading = body_leading([page], style)
    assert leading == 12
    assert tight_prose(page, style, leading) == {ln.bbox for ln in notes}

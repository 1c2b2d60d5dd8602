"""Rows that look like headings but are not: a number glued to an acronym, a run-in paragraph heading, table cells
repeated down a page. Body text is 10 pt; candidates are bold, larger and first in their block."""

from __future__ import annotations

from chatpaper.pdf.lines import Line
from chatpaper.pdf.sections import find_headings

BODY = 10.0


def _row(text: str, y: float, bold: bool = True, size: float = 12.0, block: int = 0) -> Line:
    return Line(text, size, bold, (72, y, 400, y + size), 0, block, True)


def _prose(y: float, block: int) -> Line:
    return Line("Plain body text of the paper that runs on for a while and ends here.", BODY, False,
                (72, y, 540, y + BODY), 0, block, True)  # fmt: skip


def _titles(rows: list[Line]) -> list[str]:
    return [h.title for h in find_headings(rows, BODY)]


def test_numbered_headings_are_found_with_or_without_a_space():
    rows = [_row("1 Introduction", 100, block=1), _prose(120, 2), _row("2Related Work", 200, block=3), _prose(220, 4)]
    assert _titles(rows) == ["1 Introduction", "2Related Work"]


def test_a_number_glued_to_an_acronym_is_not_a_section_number():
    # bold at body size: only a section number would make it a heading, and "3" glued to "DMMs" is not one
    rows = [_row("3DMMs are the usual face models", 100, size=BODY, block=1), _prose(120, 2)]
    assert _titles(rows) == []


def test_a_row_with_a_sentence_break_is_a_run_in_heading_not_a_section():
    rows = [_row("Novel expression synthesis. We extract eight", 100, block=1), _prose(120, 2),
            _row("1. Training is slow. R-CNN first trains", 200, block=3), _prose(220, 4)]  # fmt: skip
    assert _titles(rows) == []


def test_cells_repeated_down_the_page_are_not_headings_but_a_named_section_is():
    rows = [_row("Conv1D", 100, block=1), _row("Relu", 160, block=2), _row("Conv1D", 220, block=3),
            _row("Relu", 280, block=4), _row("References", 400, block=5), _prose(420, 6)]  # fmt: skip
    assert _titles(rows) == ["References"]


def test_in_a_numbered_paper_an_unnumbered_method_is_a_table_head_but_back_matter_stays():
    rows = [_row("1 Introduction", 100, block=1), _prose(120, 2), _row("2 Approach", 200, block=3), _prose(220, 4),
            _row("Method", 260, block=5), _prose(280, 6), _row("3 Experiments", 320, block=7), _prose(340, 8),
            _row("Acknowledgments", 400, block=9), _prose(420, 10), _row("References", 460, block=11)]  # fmt: skip
    assert _titles(rows) == ["1 Introduction", "2 Approach", "3 Experiments", "Acknowledgments", "References"]


def test_in_an_unnumbered_paper_a_method_heading_stays():
    rows = [_row("Introduction", 100, block=1), _prose(120, 2), _row("Method", 200, block=3), _prose(220, 4)]
    assert _titles(rows) == ["Introduction", "Method"]


def test_a_numbered_heading_in_plain_body_type_counts_when_mostly_capitals():
    # OCR of small capitals reads some letters as lower case; a numbered sentence in body type is not a heading
    rows = [_row("6 Two PILOT EXPERIMENTS", 100, bold=False, size=BODY, block=1), _prose(120, 2),
            _row("7 Two pilot experiments", 200, bold=False, size=BODY, block=3), _prose(220, 4)]  # fmt: skip
    assert _titles(rows) == ["6 Two PILOT EXPERIMENTS"]


def _styled(text: str, y: float, font: str, size: float = 12.0, block: int = 0) -> Line:
    return Line(text, size, True, (72, y, 400, y + size), 0, block, True, None, font)


def test_unnumbered_headings_styled_unlike_the_introduction_are_subsections():
    # PLOS sets sections in sans bold and subsections in the body's serif bold at the same size; AAAI sets
    # subsections a point smaller. Back matter set smaller stays top-level.
    rows = [_styled("Introduction", 100, "Helvetica-Bold", block=1), _prose(120, 2),
            _styled("Results", 200, "Helvetica-Bold", block=3),
            _styled("Introduction of the virus into households", 220, "MinionPro-Bold", block=4), _prose(240, 5),
            _styled("Prompt Tuning", 300, "Helvetica-Bold", size=11.0, block=6), _prose(320, 7),
            _styled("Summary Statistics", 360, "Helvetica-Bold", size=9.0, block=10), _prose(380, 11),
            _styled("Acknowledgments", 400, "Helvetica-Bold", size=10.0, block=8), _prose(420, 9)]  # fmt: skip
    levels = [(h.title, h.level) for h in find_headings(rows, BODY)]
    assert levels == [("Introduction", 1), ("Results", 1), ("Introduction of the virus into households", 2),
                      ("Prompt Tuning", 2), ("Summary Statistics", 2), ("Acknowledgments", 1)]  # fmt: skip


def test_a_table_caption_set_like_a_heading_is_not_one():
    rows = [_row("1 Introduction", 100, block=1), _prose(120, 2),
            _row("Table 1 Comparison of Resource Metrics", 200, block=3), _prose(220, 4),
            _row("表 2 资源度量比较", 260, block=5), _prose(280, 6)]  # fmt: skip
    assert _titles(rows) == ["1 Introduction"]


def test_a_table_of_contents_heading_is_not_a_top_level_section():
    rows = [_row("Contents", 100, block=1), _prose(120, 2), _row("1 Introduction", 200, block=3), _prose(220, 4)]
    assert [(h.title, h.level) for h in find_headings(rows, BODY)] == [("Contents", 2), ("1 Introduction", 1)]


def test_title_page_rows_before_the_first_numbered_section_are_not_sections():
    # a report's title page repeats the title (in another language too) in the section heading style
    rows = [_row("A comprehensive study of", 100, block=1), _row("Étude approfondie des types", 130, block=2),
            _row("convergents et commutatifs", 150, block=3), _row("Abstract", 180, block=4), _prose(200, 5),
            _row("1 Introduction", 300, block=6), _prose(320, 7), _row("2 Background", 360, block=8),
            _prose(380, 9), _row("3 Portfolio", 420, block=10), _prose(440, 11)]  # fmt: skip
    top = [h.title for h in find_headings(rows, BODY) if h.level == 1]
    assert top == ["Abstract", "1 Introduction", "2 Background", "3 Portfolio"]

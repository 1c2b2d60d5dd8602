"""Old dvips bitmap fonts (Type3): digits named "/1".."/9" come back as digits, and a font size folded into the
text matrix (reported as 0.12 pt) is read from the glyph boxes, so numbered headings set larger than the body are
found. Also: a standard section name in lower case on a row of its own is running text."""

from __future__ import annotations

import pymupdf

from chatpaper.pdf import parse_pdf
from chatpaper.pdf.lines import Line, PageText
from chatpaper.pdf.sections import find_headings
from tests.helpers.type3_pdfs import type3_pdf

BODY_ROW = "This is a line of running text that fills the column of the page from the left to the right"


def _paper() -> bytes:
    rows = [("A Ranking for Pages", 200, 80, 16.0)]
    y = 130.0
    for heading in ("1 Introduction and Motivation", "2 Ranking Every Page on the Web"):
        rows.append((heading, 72, y, 13.0))
        y += 24
        for _ in range(8):
            rows.append((BODY_ROW, 72, y, 10.0))
            y += 13
        y += 16
    return type3_pdf(rows)


def _spans(data: dict) -> list[dict]:
    return [sp for block in data["blocks"] for ln in block.get("lines", []) for sp in ln["spans"]]


def test_type3_digit_glyphs_and_sizes_are_repaired_on_reading():
    doc = pymupdf.open(stream=type3_pdf([("Page 1998", 72, 100, 12.0), ("small 2", 72, 130, 8.0)]))
    raw = _spans(doc[0].get_text("dict"))
    assert raw[0]["text"] != "Page 1998" and raw[0]["size"] < 1  # what PyMuPDF reads: the reason for the repair
    page, small = _spans(PageText(doc)(0))
    assert (page["text"], small["text"]) == ("Page 1998", "small 2")
    assert page["size"] > small["size"] > 1  # printed sizes, in the same order as printed


def test_numbered_headings_in_a_type3_paper_are_found_whole():
    titles = [s.title for s in parse_pdf(_paper()).sections if s.title]
    assert titles == ["1 Introduction and Motivation", "2 Ranking Every Page on the Web"]


def test_a_section_name_in_lower_case_on_its_own_row_is_text():
    body = 10.0
    rows = [
        Line("1 Introduction", 12.0, True, (72, 100, 200, 112), 0, 0, True),
        Line("of the residual approach, which we compare with", body, False, (72, 120, 540, 130), 0, 1, True),
        Line("approach.", body, False, (72, 133, 120, 143), 0, 2, True),
        Line("method", body, False, (72, 146, 110, 156), 0, 3, True),
    ]  # fmt: skip
    assert [h.title for h in find_headings(rows, body)] == ["1 Introduction"]

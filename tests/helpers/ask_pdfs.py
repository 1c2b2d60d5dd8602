"""A small paper to ask questions about: the synthetic SparseRouter paper, a page with a table (caption above
its cells) and a page with Figure 3, with body text that refers to both. Values the tests check are named here."""

from __future__ import annotations

import pymupdf

from tests.helpers.figure_pdfs import two_panel_figure
from tests.helpers.pdfs import CONCLUSION, EXPERIMENTS, INTRO, METHOD, ROUTER, make_paper_pdf

TABLE_CAPTION = "Table 2: Perplexity on C4 for each router."
TABLE_ROWS = ["Router  Experts  Perplexity", "Switch  64  13.1", "BASE  64  12.9", "SparseRouter  64  12.3"]
TABLE_PAGE = 3
FIGURE_PAGE = 4
DATASET = (
    "We train on 300 billion tokens of the C4 corpus with a batch size of 2048 sequences. "
    "Table 2 lists the perplexity of each router, and Figure 3 plots the training curves. "
)
SECTIONS = [
    ("1 Introduction", INTRO),
    ("2 Method", METHOD * 3),
    ("2.1 Router Training", ROUTER * 3),
    ("3 Experiments", EXPERIMENTS * 2),
    ("3.1 Training Data", DATASET),
    ("4 Conclusion", CONCLUSION),
]


def table_page() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_textbox(
        pymupdf.Rect(72, 72, 540, 160),
        "The routers differ in how they pick experts; all use the same number of experts per layer. " * 2,
        fontsize=10,
        fontname="helv",
    )
    page.insert_text((72, 200), TABLE_CAPTION, fontsize=9, fontname="helv")
    for row, text in enumerate(TABLE_ROWS):
        page.insert_text((150, 216 + 12 * row), text, fontsize=9, fontname="helv")
    return doc.tobytes()


def ask_paper_pdf() -> bytes:
    """Pages 1–2: the paper (sections as SECTIONS); page 3: the table; page 4: Figure 3."""
    doc = pymupdf.open(stream=make_paper_pdf(sections=SECTIONS + [("References", "[1] A. Author. 2020.")]))
    while doc.page_count < TABLE_PAGE - 1:
        doc.new_page(width=612, height=792)
    doc.insert_pdf(pymupdf.open(stream=table_page(), filetype="pdf"))
    doc.insert_pdf(pymupdf.open(stream=two_panel_figure()[0], filetype="pdf"))
    return doc.tobytes()

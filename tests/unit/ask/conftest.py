from __future__ import annotations

import pytest

from chatpaper.ask.passages import Passage, build_passages
from chatpaper.ask.tables import page_texts, read_tables
from chatpaper.models import FigureInfo
from chatpaper.pdf.reader import PdfReader
from tests.helpers.ask_pdfs import ask_paper_pdf


@pytest.fixture(scope="session")
def ask_pdf() -> bytes:
    return ask_paper_pdf()


@pytest.fixture(scope="session")
def passages(ask_pdf) -> list[Passage]:
    """The passages of the ask paper, read as the ask feature reads them (figures at a low resolution)."""
    with PdfReader(ask_pdf) as reader:
        paper = reader.paper()
        figures = [FigureInfo(**f.info(f"figures/{f.filename}")) for f in reader.figures(36)]
        return build_passages(paper, page_texts(reader.doc, 300), figures, read_tables(reader.doc, 300))

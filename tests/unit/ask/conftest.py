from __future__ import annotations

import pytest

from chatpaper.ask.paper_index import passages_of
from chatpaper.ask.passages import Passage
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
        return passages_of(reader, paper, figures, 300)

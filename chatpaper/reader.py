"""Open a PDF once and read both the paper and its figures from it, sharing the page text."""

from __future__ import annotations

from pathlib import Path

from .figures import Figure, extract_figures
from .paper import Paper
from .pdf import open_pdf, parse_document
from .pdf.lines import PageText


def read_pdf(source: Path | bytes, max_pages: int = 300, max_bytes: int | None = None,
             dpi: int | None = 150) -> tuple[Paper, list[Figure]]:
    """The paper and its numbered figures (none when ``dpi`` is None or the PDF has no text layer)."""
    name = source.name if isinstance(source, Path) else "PDF"
    doc = open_pdf(source, max_bytes=max_bytes, name=name)
    try:
        texts = PageText(doc)
        paper = parse_document(doc, max_pages=max_pages, texts=texts)
        figures = extract_figures(doc, dpi, max_pages, texts) if dpi and paper.has_text else []
        return paper, figures
    finally:
        doc.close()

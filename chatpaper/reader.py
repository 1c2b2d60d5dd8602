"""Open a PDF once and read both the paper and its figures from it, sharing the page text."""

from __future__ import annotations

import logging
from pathlib import Path

from .figures import Figure, extract_figures
from .paper import Paper
from .pdf import open_pdf, parse_document
from .pdf.lines import PageText

log = logging.getLogger("chatpaper.figures")


def read_pdf(source: Path | bytes, max_pages: int = 300, max_bytes: int | None = None,
             dpi: int | None = 150) -> tuple[Paper, list[Figure]]:
    """The paper and its numbered figures (none when ``dpi`` is None or the PDF has no text layer)."""
    name = source.name if isinstance(source, Path) else "PDF"
    doc = open_pdf(source, max_bytes=max_bytes, name=name)
    try:
        texts = PageText(doc)
        paper = parse_document(doc, max_pages=max_pages, texts=texts)
        figures: list[Figure] = []
        if dpi and paper.has_text:
            try:
                figures = extract_figures(doc, dpi, max_pages, texts)
            except Exception as exc:  # figures are a bonus: a bug there must not cost the digest
                log.warning("figures could not be extracted (%s: %s)", type(exc).__name__, exc)
                paper.notices.append("figures could not be extracted from this PDF")
        return paper, figures
    finally:
        doc.close()


def read_figures(source: Path, dpi: int, max_pages: int = 300, max_bytes: int | None = None) -> list[Figure]:
    """Only the figures (the figures command, or a cached digest whose figure files were removed)."""
    doc = open_pdf(source, max_bytes=max_bytes, name=source.name)
    try:
        return extract_figures(doc, dpi, max_pages)
    finally:
        doc.close()

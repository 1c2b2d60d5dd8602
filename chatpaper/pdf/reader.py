"""Open a PDF once and read both the paper and its figures from it, sharing the page text."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pymupdf

from chatpaper.figures import DEFAULT_LIMITS, Figure, FigureLimits, iter_figures
from chatpaper.paper import Paper
from chatpaper.pdf import open_pdf, parse_document
from chatpaper.pdf.lines import PageText
from chatpaper.settings import MAX_PAGES

log = logging.getLogger("chatpaper.pdf.reader")


class PdfReader:
    """An open PDF: ``paper()`` then ``figures()`` read it once between them (the page text is shared),
    so a caller can show the paper before the figures are done. Use it as a context manager."""

    def __init__(self, source: Path | bytes, max_pages: int = MAX_PAGES, max_bytes: int | None = None):
        name = source.name if isinstance(source, Path) else "PDF"
        self.doc = open_pdf(source, max_bytes=max_bytes, name=name)
        self.max_pages = max_pages
        self.texts = PageText(self.doc)
        self._paper: Paper | None = None

    def __enter__(self) -> PdfReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.doc.close()

    def paper(self) -> Paper:
        if self._paper is None:
            self._paper = parse_document(self.doc, max_pages=self.max_pages, texts=self.texts)
        return self._paper

    def figures(self, dpi: int, limits: FigureLimits = DEFAULT_LIMITS) -> list[Figure]:
        """Numbered figures, at most ``limits`` of them; none for a PDF without a text layer."""
        return list(self.iter_figures(dpi, limits))

    def iter_figures(self, dpi: int, limits: FigureLimits = DEFAULT_LIMITS) -> Iterator[Figure]:
        """``figures`` one at a time, cut as they are asked for (store each before asking for the next, and one
        image is held at a time); a cap reached is said in the paper's notices. A bug here never costs the
        digest: the figures cut so far stay."""
        if not self.paper().has_text:
            return
        try:
            yield from iter_figures(self.doc, dpi, self.max_pages, self.texts, limits, self.paper().notices)
        except Exception as exc:
            log.warning("figures could not be extracted (%s: %s)", type(exc).__name__, exc)
            self.paper().notices.append("figures could not be extracted from this PDF")


def read_pdf(
    source: Path | bytes, max_pages: int = MAX_PAGES, max_bytes: int | None = None, dpi: int | None = 150
) -> tuple[Paper, list[Figure]]:
    """The paper and its numbered figures (none when ``dpi`` is None)."""
    with PdfReader(source, max_pages, max_bytes) as reader:
        return reader.paper(), reader.figures(dpi) if dpi else []


def read_figures(
    source: Path,
    dpi: int,
    max_pages: int = MAX_PAGES,
    max_bytes: int | None = None,
    limits: FigureLimits = DEFAULT_LIMITS,
) -> Iterator[Figure]:
    """Only the figures, one at a time (the figures command, or a cached digest whose figure files were removed).
    A PDF that cannot be opened fails here, not at the first figure; it stays open until the iteration ends or is
    closed. A cap reached is logged."""
    doc = open_pdf(source, max_bytes=max_bytes, name=source.name)
    return _closing(doc, iter_figures(doc, dpi, max_pages, limits=limits))


def _closing(doc: pymupdf.Document, figures: Iterator[Figure]) -> Iterator[Figure]:
    try:
        yield from figures
    finally:
        doc.close()

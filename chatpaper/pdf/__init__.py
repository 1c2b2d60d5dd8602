"""Reading papers out of PDFs (PyMuPDF)."""

from chatpaper.pdf.parse import open_pdf, parse_document, parse_pdf

# Part of the cache keys of digests and of ask-the-paper passages: change it when parsing changes what it reads
# (a cached digest made from an older reading would otherwise outlive the fix).
PARSER_VERSION = "2026-11-22.3"

__all__ = ["PARSER_VERSION", "open_pdf", "parse_document", "parse_pdf"]

"""Reading papers out of PDFs (PyMuPDF)."""

from chatpaper.pdf.parse import open_pdf, parse_document, parse_pdf

__all__ = ["open_pdf", "parse_document", "parse_pdf"]

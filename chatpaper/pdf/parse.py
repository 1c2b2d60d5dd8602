"""Open a PDF safely and read a paper out of it: front matter, abstract, sections, links."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pymupdf

from .._errors import InputError
from ..paper import Paper, Section
from ..text import join_lines
from .front import find_front_matter, is_abstract_row
from .cleanup import clean_lines
from .lines import Line, PageText, body_font_size, page_lines
from .links import find_links
from .sections import find_headings, split_sections

log = logging.getLogger("chatpaper.pdf")

# Pages with fewer characters than this on average are treated as having no text layer.
MIN_CHARS_PER_PAGE = 40
# The abstract is looked for on this many pages.
ABSTRACT_PAGES = 2
# An unlabelled abstract (text between authors and first heading) must be this long ...
MIN_ABSTRACT_CHARS = 80
# ... and no longer than this.
MAX_ABSTRACT_CHARS = 4000
# Longer "titles" are a parsing accident or an attack on the page layout; they are cut.
MAX_TITLE_CHARS = 300
# Rows smaller than this share of the body font are footnotes or figure/table labels.
SMALL_TEXT_RATIO = 0.85
_ARXIV_STAMP = re.compile(r"arXiv:\s*(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v(\d+))?")

pymupdf.TOOLS.mupdf_display_errors(False)  # damaged files are reported by us, not printed by MuPDF


def _clip(text: str | None, limit: int) -> str | None:
    return text if not text or len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _sniff(head: bytes) -> str:
    h = head.lstrip()[:64].lower()
    if h.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512].lower():
        return "an HTML page"
    if head.startswith(b"\x89PNG"):
        return "a PNG image"
    if head.startswith(b"\xff\xd8"):
        return "a JPEG image"
    if head.startswith(b"PK"):
        return "a ZIP archive"
    return "not a PDF"


def open_pdf(source: Path | bytes, max_bytes: int | None = None, name: str = "PDF") -> pymupdf.Document:
    """Open a PDF from a path or bytes; every way it can be unusable becomes a one-line InputError."""
    if isinstance(source, Path):
        if not source.is_file():
            raise InputError(f"file not found: {source.name}")
        size = source.stat().st_size
        if max_bytes and size > max_bytes:
            raise InputError(f"{name} is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit "
                             "(CHATPAPER_MAX_PDF_MB)")
        data = source.read_bytes()
    else:
        data = source
    if not data:
        raise InputError(f"{name} is empty (0 bytes)")
    if max_bytes and len(data) > max_bytes:
        raise InputError(f"{name} is {len(data) / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit "
                         "(CHATPAPER_MAX_PDF_MB)")
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{name} is not a PDF file (it looks like {_sniff(data[:1024])})")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for damaged files
        raise InputError(f"{name} is damaged and cannot be opened ({type(exc).__name__})") from None
    if doc.needs_pass:
        raise InputError(f"{name} is password-protected; remove the password and try again")
    if doc.page_count == 0:
        raise InputError(f"{name} is damaged or truncated: no readable pages")
    return doc


def _safe_lines(doc: pymupdf.Document, pages: int, notices: list[str],
                texts: PageText) -> tuple[list[Line], dict[int, float]]:
    lines: list[Line] = []
    heights: dict[int, float] = {}
    bad = 0
    for pno in range(pages):
        try:
            page = doc[pno]
            heights[pno] = page.rect.height
            lines.extend(page_lines(texts(pno), pno))
        except Exception:  # a damaged page must not lose the others
            bad += 1
    if bad:
        notices.append(f"{bad} damaged page(s) could not be read")
    return lines, heights


def _abstract(lines: list[Line], sections: list[Section]) -> str:
    for sec in sections:
        if sec.role == "abstract" and sec.text:
            return sec.text
    for i, ln in enumerate(lines):
        if ln.page >= ABSTRACT_PAGES:
            break
        if is_abstract_row(ln):
            rest = re.sub(r"^\s*(abstract|摘\s*要)\s*[.:：—–-]?\s*", "", ln.plain, flags=re.IGNORECASE)
            body = [rest]
            for nxt in lines[i + 1:]:
                if sum(len(b) for b in body) > MAX_ABSTRACT_CHARS or re.match(
                        r"^(\d\.?|I\.?)\s+(introduction|INTRODUCTION)|^(index terms|keywords)", nxt.plain,
                        re.IGNORECASE):
                    break
                body.append(nxt.plain)
            return join_lines(body)
    if sections and not sections[0].title and MIN_ABSTRACT_CHARS <= len(sections[0].text) <= MAX_ABSTRACT_CHARS:
        return sections[0].text.replace("\n", " ")
    return ""


def web_links(page: pymupdf.Page) -> list[str]:
    """The page's external (URI) links. Walks the link chain itself: ``get_links()`` also resolves every
    internal destination (citations, cross-references), which cost more than the rest of parsing on long papers."""
    found = []
    link = page.first_link
    while link:
        if link.is_external and link.uri:
            found.append(link.uri)
        link = link.next
    return found


def parse_document(doc: pymupdf.Document, max_pages: int = 300, texts: PageText | None = None) -> Paper:
    """Read a paper from an open document. Never raises for odd layouts: missing parts stay empty.
    Pass ``texts`` to share page text with the figure finder."""
    notices: list[str] = []
    pages = doc.page_count
    read = min(pages, max_pages)
    if read < pages:
        notices.append(f"only the first {read} of {pages} pages were read (CHATPAPER_MAX_PAGES)")
    raw, heights = _safe_lines(doc, read, notices, texts or PageText(doc))
    chars = sum(len(ln.text) for ln in raw)
    if chars < MIN_CHARS_PER_PAGE * max(1, min(read, 3)):
        notices.append("the PDF has no text layer (an image-only scan); its text cannot be read without OCR")
        return Paper(pages=pages, pages_read=read, has_text=False, notices=notices)
    lines = clean_lines(raw, heights)
    body = body_font_size(lines)
    first_page = min((ln.page for ln in lines), default=0)
    first_rows = [ln for ln in lines if ln.page == first_page]
    fm = find_front_matter(first_rows, heights.get(first_page, 792), body)
    start = fm.end_index if fm.title else 0
    heads = find_headings(lines, body, start)
    # Footnotes, figure labels and tiny table text are left out of section text; headings are kept.
    keep = {h.line_index for h in heads}
    prose = [ln if (ln.size >= body * SMALL_TEXT_RATIO or i in keep or i < start) else None
             for i, ln in enumerate(lines)]
    sections = [Section(title=s.title, page=s.page + 1, level=s.level, role=s.role, text=s.text)
                for s in split_sections(prose, heads, start)]
    sections = [s for s in sections if s.text or s.title]
    abstract = _abstract(lines[start:], sections)
    if abstract and sections and not sections[0].title and sections[0].text.replace("\n", " ") == abstract:
        sections = sections[1:]
    annotated = []
    ref_page = next((s.page for s in sections if s.role == "references"), read + 1)
    for pno in range(min(read, ref_page)):
        try:
            annotated += web_links(doc[pno])
        except Exception:
            pass
    all_text = "\n".join([abstract] + [s.text for s in sections if s.role not in ("references", "appendix")]
                         + [ln.plain for ln in lines if ln.page < ref_page - 1 and ln.size < body * SMALL_TEXT_RATIO])
    stamp_text = doc[0].get_text() if pages else ""
    m = _ARXIV_STAMP.search(stamp_text)
    return Paper(
        title=_clip(fm.title, MAX_TITLE_CHARS), authors=fm.authors, affiliations=fm.affiliations,
        first_author_affiliation=fm.first_author_affiliation, abstract=abstract,
        arxiv_id=m[1] if m else None, arxiv_version=int(m[2]) if m and m[2] else None,
        links=find_links(all_text, annotated), pages=pages, pages_read=read, sections=sections, notices=notices)


def parse_pdf(source: Path | bytes, max_pages: int = 300, max_bytes: int | None = None) -> Paper:
    """Open and parse a PDF file or bytes."""
    name = source.name if isinstance(source, Path) else "PDF"
    doc = open_pdf(source, max_bytes=max_bytes, name=name)
    try:
        return parse_document(doc, max_pages=max_pages)
    finally:
        doc.close()

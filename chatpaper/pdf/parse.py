"""Open a PDF safely and read a paper out of it: front matter, abstract, sections, links."""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
from dataclasses import replace
from itertools import groupby
from pathlib import Path

import pymupdf

from chatpaper._errors import InputError
from chatpaper.paper import Paper, Section
from chatpaper.pdf.abstract import find_abstract
from chatpaper.pdf.cleanup import clean_lines
from chatpaper.pdf.front import (
    FrontMatter,
    closing_address_affiliation,
    find_front_matter,
    institution_of,
    is_repository_stamp,
    later_marked_affiliation,
    thesis_university,
)
from chatpaper.pdf.lines import Line, PageText, body_font_size, page_lines
from chatpaper.pdf.links import find_links
from chatpaper.pdf.sections import find_headings, split_sections
from chatpaper.settings import MAX_PAGES
from chatpaper.text import text_has_meaning

log = logging.getLogger("chatpaper.pdf")

# A page with less than this share of the text of the pages after it is a cover (journal issue, report cover) ...
COVER_TEXT_SHARE = 0.3
# ... and at most this many cover pages are passed over looking for the title page.
COVER_PAGES_TRIED = 2
# Margin line numbers: a number cell at the start of a row, on at least this many rows and this share of a page.
LINE_NUMBER_MIN_ROWS = 5
LINE_NUMBER_SHARE = 0.3
# ... and most of those numbers are one more than the number before.
LINE_NUMBER_STEP_SHARE = 0.6
_LINE_NUMBER = re.compile(r"^\d{1,4}\t")
# An untitled first section at most this much longer than the abstract is the abstract (plus stray rows).
ABSTRACT_SLACK = 1.3
# Authors' addresses printed at the end of a paper are looked for on this many last pages.
CLOSING_PAGES = 2
# Pages with fewer characters than this on average are treated as having no text layer.
MIN_CHARS_PER_PAGE = 40
# The notices of a paper whose text cannot be read; the pipeline refuses such a paper before any model call.
NO_TEXT_LAYER = "the PDF has no text layer (an image-only scan); its text cannot be read without OCR"
NO_TEXT_MAPPING = (
    "the PDF's fonts have no text mapping: its text cannot be read (extraction gives glyph soup, not words); "
    "an OCR'd copy of the PDF would work"
)
# A paper is refused when at least this share of its pages with text are glyph soup; with fewer, the soup pages are
# named in a notice and the rest is digested (a truncated file may lose the fonts of its later pages only).
SOUP_PAGE_SHARE = 0.5
# Rows stored before the title on its page that are printed below it (at least this many, this share of them) mean
# the text layer is not in reading order there: the title block is read first.
REORDER_MIN_ROWS = 3
REORDER_BELOW_SHARE = 0.8
# Longer "titles" are a parsing accident or an attack on the page layout; they are cut.
MAX_TITLE_CHARS = 300
# Rows smaller than this share of the body font are footnotes or figure/table labels.
SMALL_TEXT_RATIO = 0.85
_ARXIV_STAMP = re.compile(r"arXiv:\s*(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v(\d+))?")

pymupdf.TOOLS.mupdf_display_errors(False)  # damaged files are reported by us, not printed by MuPDF


def _clip(text: str | None, limit: int) -> str | None:
    return text if not text or len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
            raise InputError(
                f"{name} is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit (CHATPAPER_MAX_PDF_MB)"
            )
        data = source.read_bytes()
    else:
        data = source
    if not data:
        raise InputError(f"{name} is empty (0 bytes)")
    if max_bytes and len(data) > max_bytes:
        raise InputError(
            f"{name} is {len(data) / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit (CHATPAPER_MAX_PDF_MB)"
        )
    if b"%PDF-" not in data[:1024]:
        kind = _sniff(data[:1024])
        seen = "" if kind == "not a PDF" else f" (it is {kind})"
        raise InputError(f"{name} 不是 PDF 文件，请换一个文件。 / {name} is not a PDF file{seen}.")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for damaged files
        log.warning("%s cannot be opened: %s", name, type(exc).__name__)
        raise InputError(f"{name} 已损坏，无法打开，请换一个文件。 / {name} is damaged and cannot be opened.") from None
    if doc.needs_pass:
        raise InputError(f"{name} is password-protected; remove the password and try again")
    if doc.page_count == 0:
        raise InputError(f"{name} is damaged or truncated: no readable pages")
    return doc


def _safe_lines(
    doc: pymupdf.Document, pages: int, notices: list[str], texts: PageText
) -> tuple[list[Line], dict[int, float]]:
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


def _without_line_number(row: Line) -> Line:
    """The row without its leading line-number cell, in the printed text and in the running text (where the cell's
    tab is a space): a number left in one of them reads as an affiliation marker or a footnote digit."""
    number = row.text.split("\t", 1)[0]
    prose = row.prose
    if prose is not None and prose.startswith(number + " "):
        prose = prose[len(number) + 1 :]
    return replace(row, text=_LINE_NUMBER.sub("", row.text, count=1), prose=prose)


def strip_line_numbers(lines: list[Line]) -> list[Line]:
    """Drop the line-number cell ("42\tSingle-neuron gene ...") of review copies and preprints: on a page where many
    rows start with a number set apart by a wide gap and those numbers count up one by one, they are margin line
    numbers, not text (a table's first column or numbered headings do not count up by one)."""
    out: list[Line] = []
    for _, group in groupby(lines, key=lambda ln: ln.page):
        rows = list(group)
        numbered = [bool(_LINE_NUMBER.match(r.text)) for r in rows]
        numbers = [int(r.text.split("\t", 1)[0]) for r, n in zip(rows, numbered, strict=True) if n]
        steps = sum(b == a + 1 for a, b in itertools.pairwise(numbers))
        if len(numbers) >= max(
            LINE_NUMBER_MIN_ROWS, LINE_NUMBER_SHARE * len(rows)
        ) and steps >= LINE_NUMBER_STEP_SHARE * (len(numbers) - 1):
            rows = [_without_line_number(r) if n else r for r, n in zip(rows, numbered, strict=True)]
        out.extend(rows)
    return out


def _front_matter(lines: list[Line], heights: dict[int, float], body: float) -> tuple[FrontMatter, int]:
    """Front matter of the first text page, or of a later one when the first is a cover: a page without a title, or a
    page with far less text than the pages after it and no author, or a single unaffiliated "author" (a journal
    cover's banner and subtitle). A later page is taken only when it has a title and authors. Returns the front
    matter and the index of its page's first row in ``lines``."""
    pages = sorted({ln.page for ln in lines})[: COVER_PAGES_TRIED + 1]
    chars = {p: sum(len(ln.text) for ln in lines if ln.page == p) for p in pages}
    first: tuple[FrontMatter, int] | None = None
    for k, page in enumerate(pages):
        offset = next(i for i, ln in enumerate(lines) if ln.page == page)
        rows = [ln for ln in lines if ln.page == page]
        fm = find_front_matter(rows, heights.get(page, 792), body)
        first = first or (fm, offset)
        later = [chars[p] for p in pages[k + 1 :]]
        sparse = bool(later) and chars[page] < COVER_TEXT_SHARE * max(later)
        cover = not fm.title or (sparse and len(fm.authors) <= 1 and not fm.affiliations and not fm.labelled)
        if k == 0 and not cover:
            return fm, offset
        if k > 0 and fm.title and fm.authors:
            return fm, offset
    return first or (FrontMatter(), 0)


def title_block_first(lines: list[Line], fm: FrontMatter, offset: int) -> list[Line]:
    """The rows with the title block (title, authors, affiliations) moved to the front of its page when the text
    layer stores it after body text that is printed below it (content-stream order is not reading order: a title
    block added last by the typesetting program); ``fm.end_index`` is moved with it. Other layouts are returned as
    they are."""
    first, end = offset + fm.start_index, offset + fm.end_index
    before = lines[offset:first]
    below = [r for r in before if r.bbox[1] >= fm.title_bottom]
    if not fm.title or len(before) < REORDER_MIN_ROWS or len(below) < REORDER_BELOW_SHARE * len(before):
        return lines
    fm.start_index, fm.end_index = 0, end - first
    return lines[:offset] + lines[first:end] + before + lines[end:]


def _same_start(text: str, abstract: str) -> bool:
    """Whether an untitled first section is the abstract (and nothing more)."""
    a, b = " ".join(text.split()), " ".join(abstract.split())
    return bool(a) and (a[:40] == b[:40] or b.startswith(a[:40])) and len(a) <= ABSTRACT_SLACK * len(b) + 80


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


def printed_text(data: dict) -> str:
    """A page's text as PyMuPDF gives it (its ``get_text("dict")``), before any clean-up: clean-up drops the
    private-use and unassigned characters that tell a font without a Unicode map."""
    return "\n".join("".join(s["text"] for s in ln["spans"]) for b in data["blocks"] for ln in b.get("lines", []))


def soup_pages(texts: PageText, pages: int) -> tuple[int, int]:
    """``(pages with text, pages whose text is glyph soup)`` among the first ``pages``, judged page by page with
    ``text_has_meaning``: a truncated or partly broken file may lose the fonts of some pages only. A page with less
    than ``MIN_CHARS_PER_PAGE`` characters is not judged; damaged pages are skipped (``_safe_lines`` reports them).
    Shares its limits: a wrong mapping that still spells word-like tokens passes."""
    with_text = soup = 0
    for pno in range(pages):
        try:
            text = printed_text(texts(pno))
        except Exception:
            continue
        if len(text.strip()) >= MIN_CHARS_PER_PAGE:
            with_text += 1
            soup += not text_has_meaning(text)
    return with_text, soup


def parse_document(doc: pymupdf.Document, max_pages: int = MAX_PAGES, texts: PageText | None = None) -> Paper:
    """Read a paper from an open document. Never raises for odd layouts: missing parts stay empty.
    Pass ``texts`` to share page text with the figure finder."""
    notices: list[str] = []
    pages = doc.page_count
    read = min(pages, max_pages)
    if read < pages:
        notices.append(f"only the first {read} of {pages} pages were read (CHATPAPER_MAX_PAGES)")
    texts = texts or PageText(doc)
    raw, heights = _safe_lines(doc, read, notices, texts)
    with_text, soup = soup_pages(texts, read)
    # Glyph soup is told before the text-layer check: clean-up drops a private-use soup to next to nothing.
    if soup and soup >= SOUP_PAGE_SHARE * with_text:
        notices.append(NO_TEXT_MAPPING)
        return Paper(pages=pages, pages_read=read, has_text=False, notices=notices)
    if soup:
        notices.append(f"{soup} page(s) have fonts without a text mapping; their text could not be read")
    if sum(len(ln.text) for ln in raw) < MIN_CHARS_PER_PAGE * max(1, min(read, 3)):
        notices.append(NO_TEXT_LAYER)
        return Paper(pages=pages, pages_read=read, has_text=False, notices=notices)
    lines = clean_lines(raw, heights)
    body = body_font_size(lines)
    lines = [ln for ln in strip_line_numbers(lines) if not is_repository_stamp(ln.plain)]
    fm, offset = _front_matter(lines, heights, body)
    lines = title_block_first(lines, fm, offset)
    if fm.authors and not fm.first_author_affiliation:
        closing = closing_address_affiliation([ln for ln in lines if ln.page >= read - CLOSING_PAGES])
        fm.first_author_affiliation = institution_of(closing) if closing else None
    if fm.authors and not fm.first_author_affiliation:
        later = later_marked_affiliation(lines, fm.first_author_marks)
        fm.first_author_affiliation = institution_of(later) if later else None
    if fm.labelled and not fm.first_author_affiliation:
        fm.first_author_affiliation = thesis_university(raw)
    start = offset + fm.end_index if fm.title else 0
    heads = find_headings(lines, body, start)
    # Footnotes, figure labels and tiny table text are left out of section text; headings are kept.
    keep = {h.line_index for h in heads}
    prose = [
        ln if (ln.size >= body * SMALL_TEXT_RATIO or i in keep or i < start) else None for i, ln in enumerate(lines)
    ]
    sections = [
        Section(title=s.title, page=s.page + 1, level=s.level, role=s.role, text=s.text)
        for s in split_sections(prose, heads, start)
    ]
    sections = [s for s in sections if s.text or s.title]
    abstract, _ = find_abstract(lines, keep, start)
    if abstract and sections and not sections[0].title and _same_start(sections[0].text, abstract):
        sections = sections[1:]  # the untitled text before the first heading was the abstract
    annotated = []
    ref_page = next((s.page for s in sections if s.role == "references"), read + 1)
    for pno in range(min(read, ref_page)):
        with contextlib.suppress(Exception):  # a damaged page's links are not worth failing the paper for
            annotated += web_links(doc[pno])
    all_text = "\n".join(
        [abstract]
        + [s.text for s in sections if s.role not in ("references", "appendix")]
        + [ln.plain for ln in lines if ln.page < ref_page - 1 and ln.size < body * SMALL_TEXT_RATIO]
    )
    stamp_text = doc[0].get_text() if pages else ""
    m = _ARXIV_STAMP.search(stamp_text)
    return Paper(
        title=_clip(fm.title, MAX_TITLE_CHARS),
        authors=fm.authors,
        affiliations=fm.affiliations,
        first_author_affiliation=fm.first_author_affiliation,
        abstract=abstract,
        arxiv_id=m[1] if m else None,
        arxiv_version=int(m[2]) if m and m[2] else None,
        links=find_links(all_text, annotated),
        pages=pages,
        pages_read=read,
        sections=sections,
        notices=notices,
    )


def parse_pdf(source: Path | bytes, max_pages: int = MAX_PAGES, max_bytes: int | None = None) -> Paper:
    """Open and parse a PDF file or bytes."""
    name = source.name if isinstance(source, Path) else "PDF"
    doc = open_pdf(source, max_bytes=max_bytes, name=name)
    try:
        return parse_document(doc, max_pages=max_pages)
    finally:
        doc.close()

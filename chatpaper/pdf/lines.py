"""Text lines of a PDF with their geometry and font, plus pure helpers on them.

Geometry is plain tuples ``(x0, y0, x1, y1)`` in PDF points, y growing downwards (PyMuPDF's convention).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pymupdf

from chatpaper.pdf.glyphs import repair_math_glyphs
from chatpaper.pdf.superscripts import SUP_SIZE_RATIO, is_math_font, is_raised, render_superscript
from chatpaper.text import clean

Rect = tuple[float, float, float, float]

# Two text runs on one row further apart than this many font sizes are separate items (e.g. author names).
WIDE_GAP_EM = 0.9
# Runs of one row closer than this many font sizes are pieces of one word (kerning, a font change).
WORD_GAP_EM = 0.15
# Rows whose vertical centres differ by less than this fraction of the font size are one row.
SAME_ROW_EM = 0.35
# Header/footer lines: within this fraction of the page's top or bottom edge ...
MARGIN_BAND = 0.09
# ... and repeated (digits ignored) on at least this share of pages.
REPEAT_SHARE = 0.3
# Outside the margin bands, a line repeated on REPEAT_SHARE of the pages is furniture (running headers set low,
# watermarks) only when it is at least this long and alone in its text block: short repeats are labels and
# algorithm keywords, and a line inside a paragraph is text.
MIN_REPEATED_CHARS = 12
# A stamp added to a finished page (the CVF "Open Access version" notice) is set at least this much smaller than
# the body text; a top-band line of body size drawn late is more likely a heading or a float.
STAMP_SMALLER_PT = 0.5
# A span reported smaller than this is a Type3 font scaled by its font matrix (old dvips bitmap fonts report 0.12):
# its printed size is read from its box instead, so headings, gaps between word fragments and superscripts compare
# on real sizes.
MIN_REAL_SIZE_PT = 1.0

_FLAGS = pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP


@dataclass(frozen=True)
class Line:
    """One row of text. ``text`` is the row as printed, superscript markers glued to their words ("Smith1") so the
    front-matter code can match authors to affiliations; wide gaps are joined with a tab so callers can split
    columns of names. ``prose`` is the row as running text (see ``plain``)."""

    text: str
    size: float  # dominant font size (by characters)
    bold: bool
    bbox: Rect
    page: int  # 0-based
    block: int
    first_in_block: bool
    prose: str | None = None  # None: the same as ``text`` with tabs as spaces
    font: str = ""  # dominant font (by characters), subset prefix dropped: tells apart styles of one size

    @property
    def plain(self) -> str:
        """The row as running text: tabs as spaces, footnote markers dropped, exponents as superscripts
        ("5×10⁵"), a line-end hyphen that belongs to the word marked ``HARD_HYPHEN``."""
        return self.text.replace("\t", " ") if self.prose is None else self.prose

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


# Control codes 0x0B-0x0D are whitespace to Python but the ff/fi/fl ligatures of TeX's OT1 fonts when a font comes
# without a Unicode map (``clean`` turns them into letters): a span holding only one is kept.
_OT1_WHITESPACE = re.compile(r"[\x0b-\x0d]").search
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|medi\b|-medi|\.b$|cmbx", re.IGNORECASE)
_SPACE_RUN = re.compile(r" {3,}")
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


@lru_cache(maxsize=512)
def _font_is_bold(font: str) -> bool:
    return bool(_BOLD_FONT.search(font))


def _span_is_bold(span: dict) -> bool:
    return bool(span["flags"] & pymupdf.TEXT_FONT_BOLD) or _font_is_bold(span["font"])


def _row_baseline(spans: list[dict], size: float) -> float:
    """Baseline of the row's own text: that of the longest span in the dominant size."""
    own = [sp for sp in spans if round(sp["size"] * 2) / 2 == size] or spans
    return max(own, key=lambda sp: len(sp["text"]))["origin"][1]


def gap_separator(gap: float, size: float) -> str:
    """What separates two runs of text of one row ``gap`` points apart: nothing inside a word, a space between
    words, a tab between separate items (further than ``WIDE_GAP_EM``)."""
    return "\t" if gap > WIDE_GAP_EM * size else ("" if gap < WORD_GAP_EM * size else " ")


def continues_row(last: dict, ln: dict) -> bool:
    """Whether raw line ``ln`` (of ``get_text("dict")``) sits on the same row as ``last``, to its right."""
    size = max((s["size"] for s in ln["spans"]), default=10)
    cy, last_cy = (ln["bbox"][1] + ln["bbox"][3]) / 2, (last["bbox"][1] + last["bbox"][3]) / 2
    return abs(cy - last_cy) < SAME_ROW_EM * size and ln["bbox"][0] >= last["bbox"][0]


def _row_from_lines(raw_lines: list[dict]) -> tuple[str, str | None, float, bool, Rect, str] | None:
    """``(text, prose, size, bold, bbox, font)`` of one row (see ``Line``); ``prose`` is None for a row without
    superscripts."""
    spans = [s for ln in raw_lines for s in ln["spans"] if s["text"].strip() or _OT1_WHITESPACE(s["text"])]
    if not spans:
        return None
    spans.sort(key=lambda s: s["bbox"][0])
    # Characters by size and by font (plain dicts: this runs for every row of every page). ``max`` over a dict
    # returns the first of equal counts, as Counter.most_common(1) does.
    weights: dict[float, int] = {}
    fonts: dict[str, int] = {}
    bold_chars = 0
    for s in spans:
        n = len(s["text"].strip())
        half = round(s["size"] * 2) / 2
        weights[half] = weights.get(half, 0) + n
        fonts[s["font"]] = fonts.get(s["font"], 0) + n
        bold_chars += n if _span_is_bold(s) else 0
    size = max(weights, key=weights.__getitem__)
    raised = [False] * len(spans)
    if len(spans) > 1 and min(s["size"] for s in spans) <= SUP_SIZE_RATIO * size:
        baseline = _row_baseline(spans, size)
        raised = [is_raised(s["size"], s["origin"][1], size, baseline, bool(s["flags"] & 1)) for s in spans]
    has_sup = any(raised)
    parts: list[str] = []
    prose: list[str] = []
    pending_sup = ""  # consecutive superscript spans, rendered once their context is known
    math = False  # the last span before them is set in a math font
    prev_x1 = None
    for s, sup in zip(spans, raised, strict=True):
        sep = ""
        if prev_x1 is not None:
            gap = s["bbox"][0] - prev_x1
            sep = gap_separator(gap, s["size"])
        piece = repair_math_glyphs(s["text"], s["font"])
        if "   " in piece:
            piece = _SPACE_RUN.sub("\t", piece)  # a run of spaces: a column gap
        parts += [sep, piece]
        prev_x1 = s["bbox"][2]
        if not has_sup:
            continue
        if sup and sep != "\t":
            if not pending_sup:
                prose.append(sep)  # a space before a superscript tells it is not attached to a word
            pending_sup += piece
            continue
        if pending_sup:
            after = piece if sep == "" else " "
            prose.append(render_superscript("".join(prose), pending_sup, math, after))
            pending_sup = ""
        prose += [sep, piece]
        math = is_math_font(s["font"])
    if pending_sup:
        prose.append(render_superscript("".join(prose), pending_sup, math))
    text = "\t".join(clean(p) for p in "".join(parts).split("\t"))
    total = sum(weights.values())
    x0 = spans[0]["bbox"][0]  # sorted by it
    y0 = min(s["bbox"][1] for s in spans)
    x1 = max(s["bbox"][2] for s in spans)
    y1 = max(s["bbox"][3] for s in spans)
    prose_text = clean("".join(prose).replace("\t", " ")) if has_sup else None
    font = _SUBSET_PREFIX.sub("", max(fonts, key=fonts.__getitem__))
    return text.strip(), prose_text, size, bold_chars * 2 > total, (x0, y0, x1, y1), font


_CONTROL_DIGITS = re.compile(r"[\x00-\x09]")
_DIFFERENCES_TOKEN = re.compile(r"(\d+)|/((?:[^/\s\[\]]|#[0-9A-Fa-f]{2})+)")


def _differences_names(differences: str) -> dict[int, str]:
    """Glyph names by character code from a PDF ``/Differences`` array ("[49/1/2 65/A]": 49 is "1", 50 "2")."""
    names: dict[int, str] = {}
    code = 0
    for number, name in _DIFFERENCES_TOKEN.findall(differences):
        if number:
            code = int(number)
        else:
            names[code] = re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), name)
            code += 1
    return names


def digit_glyph_map(doc: pymupdf.Document, font_xref: int) -> dict[str, str]:
    """For a Type3 font whose encoding names its digit glyphs "0".."9" (dvips bitmap fonts of the 1990s do), the
    control characters PyMuPDF reads those names as (U+0001 for "1") mapped back to the digits. Empty for any other
    font; cannot help a font whose glyph names carry no meaning at all."""
    kind, value = doc.xref_get_key(font_xref, "Encoding")
    if kind == "xref":
        kind, value = doc.xref_get_key(int(value.split()[0]), "Differences")
    elif kind == "dict":
        kind, value = "array", (re.search(r"/Differences\s*(\[[^\]]*\])", value) or [None, ""])[1]
    if kind != "array":
        return {}
    names = _differences_names(value)
    return {chr(int(name)): name for code, name in names.items() if name.isdigit() and len(name) == 1 and code > 31}


def repair_type3_spans(data: dict, digit_maps: dict[str, dict[str, str]]) -> None:
    """In place: spans with a degenerate size get the height of their box as size, and spans of fonts in
    ``digit_maps`` (by font name) get their digits back."""
    for block in data["blocks"]:
        for ln in block.get("lines", []):
            for sp in ln["spans"]:
                if sp["size"] < MIN_REAL_SIZE_PT:
                    sp["size"] = sp["bbox"][3] - sp["bbox"][1]
                table = digit_maps.get(sp["font"])
                if table:
                    sp["text"] = "".join(table.get(c, c) for c in sp["text"])


def _needs_type3_repair(data: dict) -> bool:
    return any(
        sp["size"] < MIN_REAL_SIZE_PT or _CONTROL_DIGITS.search(sp["text"])
        for block in data["blocks"]
        for ln in block.get("lines", [])
        for sp in ln["spans"]
    )


def _type3_unknowns(data: dict, page: pymupdf.Page) -> bool:
    """Whether a Type3 font on the page has glyphs read as U+FFFD (no Unicode for their names)."""
    fonts = {sp["font"] for block in data["blocks"] for ln in block.get("lines", []) for sp in ln["spans"]
             if "\ufffd" in sp["text"]}  # fmt: skip
    if not fonts:
        return False
    # A Type3 font without a base name is reported in spans as "Type3 (<xref> 0 R)".
    type3 = [(base, ref) for _x, _e, kind, base, ref, *_ in page.get_fonts() if kind == "Type3"]
    return any(base in fonts or ref in fonts or not base for base, ref in type3)


class PageText:
    """``get_text("dict")`` of each page, read once and shared by the parser and the figure finder:
    text extraction is the slowest part of reading a PDF. Type3 bitmap fonts are repaired on reading (see
    ``repair_type3_spans``)."""

    def __init__(self, doc: pymupdf.Document):
        self.doc = doc
        self._pages: dict[int, dict] = {}
        self._digit_maps: dict[int, dict[str, str]] = {}  # by font xref

    def __call__(self, page_index: int) -> dict:
        if page_index not in self._pages:
            page = self.doc[page_index]
            data = page.get_text("dict", flags=_FLAGS)
            if _type3_unknowns(data, page):
                # dvips names TeX's ligature glyphs by their code ("/#0B" is ff): read as U+FFFD, they are lost;
                # read as their codes, ``clean`` turns 0x0B-0x0F next to letters into ff, fi, fl, ffi, ffl.
                data = page.get_text("dict", flags=_FLAGS | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE)
            if _needs_type3_repair(data):
                maps: dict[str, dict[str, str]] = {}
                for xref, _ext, kind, name, *_ in page.get_fonts():
                    if kind == "Type3" and xref:
                        if xref not in self._digit_maps:
                            self._digit_maps[xref] = digit_glyph_map(self.doc, xref)
                        maps[name] = self._digit_maps[xref]
                repair_type3_spans(data, maps)
            self._pages[page_index] = data
        return self._pages[page_index]


def page_lines(data: dict, page_index: int) -> list[Line]:
    """Horizontal text rows of one page (its ``get_text("dict")``) in content-stream order (columns stay
    together)."""
    out: list[Line] = []
    for bno, block in enumerate(data["blocks"]):
        rows: list[list[dict]] = []
        for ln in block.get("lines", []):
            if abs(ln["dir"][1]) > 0.01:  # rotated text: arXiv stamps, axis labels
                continue
            if rows:
                last = rows[-1][-1]
                if continues_row(last, ln):
                    rows[-1].append(ln)
                    continue
            rows.append([ln])
        first = True
        for row in rows:
            made = _row_from_lines(row)
            if made and made[0]:
                text, prose, size, bold, bbox, font = made
                same = prose is None or prose == text.replace("\t", " ")
                out.append(Line(text, size, bold, bbox, page_index, bno, first, None if same else prose, font))
                first = False
    return out


def body_font_size(lines: list[Line]) -> float:
    """The font size carrying the most characters: the paper's body text."""
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[ln.size] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def furniture_signature(text: str) -> str:
    """Running headers differ between pages only in their digits (page numbers)."""
    return re.sub(r"\d+", "#", text.lower()).strip()


def in_margin(bbox: Rect, page_height: float) -> bool:
    return bbox[1] < page_height * MARGIN_BAND or bbox[3] > page_height * (1 - MARGIN_BAND)


def repeated_in_margins(rows: Iterable[tuple[int, Rect, str]], page_heights: dict[int, float]) -> set[str]:
    """Signatures of text ``(page, bbox, text)`` that sits in the top or bottom margin band of many pages.

    Can't tell a header from a one-off line in a 1–2 page document: nothing repeats there."""
    pages = len(page_heights) or 1
    seen = {
        (page, furniture_signature(text)) for page, bbox, text in rows if in_margin(bbox, page_heights.get(page, 792))
    }
    counts = Counter(sig for _, sig in seen)
    return {sig for sig, n in counts.items() if pages >= 3 and n >= max(2, REPEAT_SHARE * pages)}


def _lone_small_rows(lines: list[Line]) -> list[Line]:
    """Rows alone in their text block and no larger than body text (a title repeated as running header stays)."""
    per_block = Counter((ln.page, ln.block) for ln in lines)
    body = body_font_size(lines)
    return [ln for ln in lines if per_block[(ln.page, ln.block)] == 1 and ln.size <= body]


def repeated_lone_lines(lines: list[Line], pages: int) -> set[str]:
    """Signatures of lines alone in their block that repeat on many pages wherever they sit: running headers below
    the margin band, watermarks in the page flow. Cannot catch a watermark that shares a block with body text or
    is set larger than it."""
    seen = {(ln.page, furniture_signature(ln.plain)) for ln in lines if len(ln.plain) >= MIN_REPEATED_CHARS}
    counts = Counter(sig for _, sig in seen)
    return {sig for sig, n in counts.items() if pages >= 3 and n >= max(3, REPEAT_SHARE * pages)}


def late_top_stamps(lines: list[Line], page_heights: dict[int, float]) -> set[tuple[int, int]]:
    """``(page, block)`` of text stamped onto a finished page: a block in the top margin band, above every other
    line of its page, smaller than the page's own body text, yet drawn after text below it (stamps are appended
    to the page's content, so in reading order they land mid-sentence). Works on a single page, where repetition
    cannot help; misses a stamp drawn first or set in body size, and one at the bottom of the page."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    found = set()
    for page, rows in by_page.items():
        band = page_heights.get(page, 792) * MARGIN_BAND
        body = body_font_size(rows)
        bottoms: dict[int, float] = {}
        small: dict[int, bool] = {}
        for ln in rows:
            bottoms[ln.block] = max(bottoms.get(ln.block, 0.0), ln.bbox[3])
            small[ln.block] = small.get(ln.block, True) and ln.size <= body - STAMP_SMALLER_PT
        candidates = {b for b, y in bottoms.items() if y <= band and small[b]}
        rest = [ln for ln in rows if ln.block not in candidates]
        if not rest or not candidates:
            continue
        top_of_rest = min(ln.bbox[1] for ln in rest)
        first_drawn = min(ln.block for ln in rest)
        found |= {(page, b) for b in candidates if bottoms[b] <= top_of_rest + 1 and b > first_drawn}
    return found


def drop_page_furniture(lines: list[Line], page_heights: dict[int, float]) -> list[Line]:
    """Remove running headers/footers, page numbers, margin line numbers, lone lines repeated on many pages and late
    top stamps (page numbers of 1–2 page documents are caught only by the digits-only rule)."""
    repeated = repeated_in_margins(((ln.page, ln.bbox, ln.plain) for ln in lines), page_heights)
    stamps = late_top_stamps(lines, page_heights)
    lone_rows = _lone_small_rows(lines)
    lone = repeated_lone_lines(lone_rows, len(page_heights))
    dropped = {id(ln) for ln in lone_rows if furniture_signature(ln.plain) in lone}
    kept = []
    for ln in lines:
        if (ln.page, ln.block) in stamps or id(ln) in dropped:
            continue
        plain = ln.plain.strip()
        if re.fullmatch(r"[\divxlcIVXLC\s.\-–—/|]*", plain):  # page numbers, line numbers
            continue
        if in_margin(ln.bbox, page_heights.get(ln.page, 792)) and furniture_signature(plain) in repeated:
            continue
        kept.append(ln)
    return kept

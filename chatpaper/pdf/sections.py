"""Find section headings by numbering, font and known names; cut the text into sections.

Heuristics, not a layout model: a bold sentence that starts a paragraph ("Training. We train...")
is not a heading unless it is on a row of its own; headings set in body font with no numbering and
an unusual name are missed (their text joins the previous section, so nothing is lost).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from chatpaper.pdf.lines import Line
from chatpaper.text import join_lines

# A heading is at most this many words ...
MAX_HEADING_WORDS = 14
# ... and this many characters.
MAX_HEADING_CHARS = 110
# Larger than body text by this many points counts as "bigger".
BIGGER_PT = 0.8

_NUMBER = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}\.?(?=\s+[^\d\s.,%)]|\.[^\d\s.,%)]|[A-Z][a-z])|[IVX]{1,5}\.(?=\s)|[A-Z](?:\.\d{1,2}){0,2}(?:\.|(?=\s))"
    r"|第[一二三四五六七八九十\d]+[章节])\s*(?P<title>\S.*)$"
)
_KNOWN = re.compile(
    r"^(abstract|introduction|related works?|background|preliminar(y|ies)|methods?|methodology|approach|"
    r"proposed (method|approach)|experiments?|experimental (setup|results|evaluation)|results?|evaluation|"
    r"discussions?|conclusions?|conclusion and future work|conclusions and future work|summary|limitations|"
    r"broader impacts?|acknowledge?ments?|references|bibliography|appendix|appendices|supplementary material|"
    r"data availability( statement)?|author contributions?|competing interests?|conflicts? of interests?|funding|"
    r"declaration of competing interests?|ethics statement|reproducibility statement|notes and references|"
    r"materials and methods|supplementary (information|materials?)|"
    r"index terms|keywords|摘\s*要|引\s*言|绪\s*论|结\s*论|参\s*考\s*文\s*献|致\s*谢|附\s*录)\b",
    re.IGNORECASE,
)
_ROLE_PATTERNS = [
    ("references", r"^(references|bibliography|参\s*考\s*文\s*献|literature cited)"),
    ("abstract", r"^(abstract|摘\s*要)"),
    ("intro", r"introduction|引\s*言|绪\s*论|overview|motivation"),
    ("related", r"related|prior work|previous work|background|literature|preliminar|文献综述|研究现状"),
    ("conclusion", r"conclu|discussion|summary|future work|limitation|broader impact|结\s*论|总结|展望"),
    ("experiments", r"experiment|result|evaluation|ablation|benchmark|analysis|study|实验|实证"),
    ("appendix", r"appendix|appendices|supplementary|acknowledg|致\s*谢|附\s*录"),
    (
        "method",
        r"method|approach|model|framework|architecture|algorithm|design|system|training|network|"
        r"learning|proposed|formulation|implementation|方法|模型|设计",
    ),
]


# Appendix letters up to this one stand alone; later letters ("J", "K") must continue a run of lettered headings
# ("I", "V", "X" may be roman numerals).
LAST_FREE_LETTER = "H"
# A heading's second row starts at most this many points right of its first row (a hanging indent under the title)
HEADING_WRAP_INDENT = 45
# ... and at most this many font sizes below it.
HEADING_WRAP_GAP_EM = 0.8
# A heading's second row may differ in size from its first by this many points (rounding of font scaling).
WRAP_SIZE_PT = 0.6
# A row is full when the next word would have ended within this many font sizes of the column's right edge
# (word widths are estimated from the row's own average character width).
WRAP_SLACK_EM = 0.5
# A heading's second row has at most this many words.
HEADING_WRAP_WORDS = 8
# A heading style is distinctive when at most this many other heading-like rows per heading (plus a few spare) are
# set in it; otherwise it is also a body or caption style and unnumbered rows in it are not headings.
STYLE_ROWS_PER_HEADING = 3
STYLE_SPARE_ROWS = 4
# An unnumbered heading is mostly letters: at least this share of its characters.
WORDY_SHARE = 0.8
# A numbered heading set at body size in plain type is one when at least this share of its letters are capitals.
CAPS_SHARE = 0.8
# A paper with at least this many numbered top-level headings numbers its body sections: an unnumbered
# "Method" or "Results" there is a table's column head or a figure label (back matter such as References,
# Acknowledgments or an Ethics statement stays unnumbered and is kept).
NUMBERED_PAPER_SECTIONS = 3
# Table-of-contents rows: leader dots or a page number after a wide gap.
# A sentence ends inside the line and another starts ("Novel expression synthesis. We extract ..."): a run-in
# paragraph heading or a list item, not a section heading (abbreviations like "et al." are followed by lowercase).
_SENTENCE_BREAK = re.compile(r"[a-z\)\]]{2}\.\s+[A-Z][\w-]*\s+\w+")
_TOC_ROW = re.compile(r"(\.\s?){4,}|\t\d+\s*$")


_CHAPTER = re.compile(r"^第[一二三四五六七八九十\d]+[章节]")
# Names of the body sections of a paper (not its front or back matter): numbered wherever the paper numbers sections.
_BODY_NAME = re.compile(
    r"^(introduction|related works?|background|preliminar(y|ies)|methods?|methodology|approach|"
    r"proposed (method|approach)|experiments?|experimental (setup|results|evaluation)|results?|evaluation|"
    r"discussions?|conclusions?)\b",
    re.IGNORECASE,
)
# A float's caption or label ("Table 1 Comparison of ...", "Fig. 3", "表 2"): never a section heading.
_FLOAT_LABEL = re.compile(r"^(fig(ure)?\.?|tab(le|\.)|图|表)\s*[A-Z]?\d", re.IGNORECASE)
# A table of contents is printed under a heading but is not a section of the paper: kept as level 2.
_CONTENTS = re.compile(r"^((table of )?contents|目\s*录)$", re.IGNORECASE)
_SECTION_NUMBER = re.compile(r"^(\d{1,2}|[IVX]{1,5})\.?\s")


@dataclass
class Heading:
    line_index: int
    level: int
    title: str
    rows: int = 1  # a heading that wraps takes more than one row


@dataclass
class RawSection:
    title: str
    level: int
    page: int  # 0-based
    text: str
    role: str


def role_of(title: str) -> str:
    """What a section is for, from its title: intro, related, method, experiments, conclusion, ..."""
    t = _NUMBER.sub(r"\g<title>", title.strip()).lower()
    for role, pattern in _ROLE_PATTERNS:
        if re.search(pattern, t, re.IGNORECASE):
            return role
    return "other"


def _looks_like_title_text(title: str) -> bool:
    words = title.split()
    if not words or len(words) > MAX_HEADING_WORDS or len(title) > MAX_HEADING_CHARS or _FLOAT_LABEL.match(title):
        return False
    if title.rstrip().endswith((",", ";", "=", "+", "(")) or re.search(r"[=<>]|\d{4}\)", title):
        return False
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 2


def _looks_like_table_row(text: str) -> bool:
    """Table rows and figure labels: several columns, numbers in cells, or mostly one-letter tokens."""
    tokens = text.replace("\t", " ").split()
    numeric = sum(bool(re.fullmatch(r"[-+±(]?\d[\d.,%±()]*", t)) for t in tokens)
    short = sum(len(t) <= 1 and not "\u4e00" <= t <= "\u9fff" for t in tokens)  # "参 考 文 献" is letter-spaced
    return text.count("\t") >= 2 or numeric >= 2 or (len(tokens) >= 4 and short * 2 > len(tokens)) or "、" in text


def heading_of(line: Line, body: float) -> tuple[int, str] | None:
    """``(level, title)`` when this row is a section heading, else None."""
    text = line.plain.strip()
    chapter = bool(_CHAPTER.match(text))  # "第六章 融合日志、度量、追踪技术…": its 、 is not a table's
    if (
        _TOC_ROW.search(line.text)
        or not _looks_like_title_text(text)
        or (_looks_like_table_row(line.text) and not chapter)
    ):
        return None
    bigger = line.size >= body + BIGGER_PT
    emphasised = line.bold or bigger
    m = _NUMBER.match(text)
    if m and m["title"][:1].isalpha() and not m["title"][:1].islower():
        num, title = m["num"], m["title"]
        if not _looks_like_title_text(title) or title.endswith("."):
            return None
        caps = _mostly_capitals(title)
        if emphasised or caps:
            depth = num.rstrip(".").count(".") + 1 if num[0].isdigit() or num[0] in "ABCDEFGH" else 1
            return min(depth, 3), text
        return None
    if _CONTENTS.match(text) and (emphasised or line.first_in_block):
        return 2, text
    if text[:1].islower():
        return None  # headings are capitalised in every style; "approach." or "method" on a row of its own is text
    if _KNOWN.match(text):
        rest = _KNOWN.sub("", text, count=1).strip(" .:—–-")
        if rest and not emphasised:
            return None  # "Abstract—Stereo matching ..." inline; handled by the abstract finder
        if len(rest.split()) <= 4 and (emphasised or text.isupper() or line.first_in_block):
            return 1, text
        return None
    if bigger and line.bold and line.first_in_block and len(text.split()) <= 10 and not text.endswith("."):
        return 1, text
    return None


def _mostly_capitals(title: str) -> bool:
    """Set in capitals: at least CAPS_SHARE of its letters (OCR of small capitals reads some as lower case: "Two
    PILOT EXPERIMENTS")."""
    letters = [c for c in title if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) >= CAPS_SHARE * len(letters)


def _letter(title: str) -> str | None:
    m = re.match(r"^([A-Z])(?:\.|\s)", title)
    return m[1] if m else None


def _style(line: Line) -> tuple[float, bool, bool]:
    return round(line.size * 2) / 2, line.bold, line.plain.isupper()


def _column_right(lines: list[Line], head: Line) -> float:
    """Right edge of the text column ``head`` starts: the median right end of long rows starting near it (a
    full-width caption starting at the same x does not move it)."""
    ends = sorted(
        ln.bbox[2]
        for ln in lines
        if ln.page == head.page and abs(ln.bbox[0] - head.bbox[0]) < 2 * head.size and len(ln.plain) > 40
    )
    return ends[len(ends) // 2] if ends else head.bbox[2]


def _continues_heading(head: Line, nxt: Line, body: float, right: float) -> bool:
    """Whether ``nxt`` is the second row of the heading ``head``: same style, right below, short, and ``head`` is
    full (the first word of ``nxt`` would not have fitted after it before the column's right edge ``right``), so a
    subheading set right under a short heading is not glued to it."""
    text = nxt.plain.strip()
    first_word = len(text.split()[0]) if text else 0
    char_width = (head.bbox[2] - head.bbox[0]) / max(1, len(head.plain))  # capitals are wider than small letters
    if head.bbox[2] + (first_word + 1) * char_width < right - WRAP_SLACK_EM * head.size:
        return False
    if (
        nxt.page != head.page
        or nxt.bold != head.bold
        or abs(nxt.size - head.size) > WRAP_SIZE_PT
        or _NUMBER.match(text)
        or _KNOWN.match(text)
    ):
        return False
    if head.plain.rstrip().endswith((".", ":")) or text.endswith(".") or len(text.split()) > HEADING_WRAP_WORDS:
        return False
    if not head.bold and head.size < body + BIGGER_PT and not (head.plain.isupper() and text.isupper()):
        return False  # a heading set in body font only by its capitals continues in capitals
    gap = nxt.bbox[1] - head.bbox[3]
    return (
        -0.5 * head.size <= gap <= HEADING_WRAP_GAP_EM * head.size
        and head.bbox[0] - 2 <= nxt.bbox[0] <= head.bbox[0] + HEADING_WRAP_INDENT
    )


def _wordy(text: str) -> bool:
    """Mostly letters: a name, not a table cell like 'RXP407 1' or 'P2′'."""
    chars = [c for c in text if not c.isspace()]
    return sum(c.isalpha() for c in chars) >= max(4, WORDY_SHARE * len(chars))


def _same_style_candidate(lines: list[Line], i: int) -> bool:
    """A row that could be an unnumbered heading: it starts a block, no row of its style follows in that block,
    it is short, mostly letters, and does not end like a sentence or a label."""
    ln = lines[i]
    if not ln.first_in_block:
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and nxt.block == ln.block and nxt.page == ln.page and _style(nxt) == _style(ln):
        return False  # a block of several rows in this style is text, not a heading
    text = ln.plain.strip()
    return not (
        text[:1].islower()
        or text.endswith((".", ",", ":", "-"))
        or len(text.split()) > HEADING_WRAP_WORDS
        or not _wordy(text)
        or not _looks_like_title_text(text)
        or _looks_like_table_row(ln.text)
        or _TOC_ROW.search(ln.text)
    )


def _same_style_headings(lines: list[Line], body: float, start: int, heads: list[Heading]) -> list[Heading]:
    """Unnumbered rows set exactly like the paper's numbered or named top-level headings ("ETHICS STATEMENT",
    "MATERIALS AND METHODS"), each on a row of its own at the start of a block. Cannot find headings of a style no
    numbered or named heading shows; a style also used for many other short rows (table cells, labels) is skipped."""
    named = [h for h in heads if h.level == 1 and (_NUMBER.match(h.title) or _KNOWN.match(h.title))]
    per_style = Counter(_style(lines[h.line_index]) for h in named)
    taken = {h.line_index + k for h in heads for k in range(h.rows)}
    found = [
        i
        for i in range(start, len(lines))
        if i not in taken and _style(lines[i]) in per_style and _same_style_candidate(lines, i)
    ]
    used = Counter(_style(lines[i]) for i in found)
    styles = {
        st
        for st, n in per_style.items()
        if (st[1] or st[2] or st[0] >= body + BIGGER_PT) and used[st] <= STYLE_ROWS_PER_HEADING * n + STYLE_SPARE_ROWS
    }
    return [Heading(i, 1, lines[i].plain.strip()) for i in found if _style(lines[i]) in styles]


def find_headings(lines: list[Line], body: float, start: int = 0) -> list[Heading]:
    heads: list[Heading] = []
    i = start
    last_letter = None
    while i < len(lines):
        got = heading_of(lines[i], body)
        if got:
            letter = _letter(got[1])
            if letter and letter > LAST_FREE_LETTER and letter not in "IVX" and last_letter != chr(ord(letter) - 1):
                i += 1
                continue
            if letter and re.match(r"^[A-Z](\.|\s)", got[1]):
                last_letter = letter
            title, rows = got[1], 1
            right = _column_right(lines, lines[i])
            while (
                i + rows < len(lines)
                and rows < 3
                and _continues_heading(lines[i + rows - 1], lines[i + rows], body, right)
            ):
                title = join_lines([title, lines[i + rows].plain])
                rows += 1
            heads.append(Heading(i, got[0], title, rows))
            i += rows
            continue
        i += 1
    heads += _same_style_headings(lines, body, start, heads)
    heads = _drop_unnumbered_body_names(heads)
    heads = _demote_other_styles(lines, heads)
    return sorted(_drop_repeated(h for h in heads if not _SENTENCE_BREAK.search(h.title)), key=lambda h: h.line_index)


def _numbered(title: str) -> bool:
    """Starts with a section number or appendix letter followed by a capitalised title ("A comprehensive study"
    starts with an article, not a letter)."""
    m = _NUMBER.match(title)
    return m is not None and not m["title"][:1].islower()


def _top_style(line: Line) -> tuple[str, float, bool]:
    return line.font, round(line.size * 2) / 2, _mostly_capitals(line.plain)


def _demote_other_styles(lines: list[Line], heads: list[Heading]) -> list[Heading]:
    """The paper's Introduction heading shows how it sets top-level headings: an unnumbered heading in another
    style (font, size or capitals: "Introduction of the virus into households" in the serif bold under the sans
    "Results") is a subsection, level 2. Back-matter names (References, Acknowledgments, Funding) are often set
    smaller and stay. Does nothing for a paper without an Introduction heading; a paper that sets its
    Introduction unlike its other sections would lose them to level 2."""
    intro = next((h for h in heads if h.level == 1 and role_of(h.title) == "intro"), None)
    if intro is None:
        return heads
    top = _top_style(lines[intro.line_index])
    out = []
    for h in heads:
        ln = lines[h.line_index]
        style = _top_style(ln)
        same = style[0] == top[0] and abs(style[1] - top[1]) <= WRAP_SIZE_PT and style[2] == top[2]
        # the whole row a back-matter name: "Summary Statistics" or "Data Availability Statement: Data, ..." is not
        back_matter = not _KNOWN.sub("", h.title, count=1).strip(" .:") and not _BODY_NAME.match(h.title)
        if h.level == 1 and not same and not _numbered(h.title) and not back_matter:
            h = Heading(h.line_index, 2, h.title, h.rows)
        out.append(h)
    return out


def _drop_unnumbered_body_names(heads: list[Heading]) -> list[Heading]:
    """In a paper that numbers its top-level sections ("1 Introduction", "II. Method"), an unnumbered "Method" or
    "Results" row is a table's column head or a figure label, and other unnumbered rows before the first numbered
    section are cover or title-page text (level 2; standard names such as Abstract stay). Cannot help a paper that
    numbers only some of its body sections (a rare style): its unnumbered "Conclusion" is lost to the section before
    it."""
    numbered = [h for h in heads if h.level == 1 and _SECTION_NUMBER.match(h.title)]
    if len(numbered) < NUMBERED_PAPER_SECTIONS:
        return heads
    first = numbered[0].line_index
    out = []
    for h in heads:
        if _numbered(h.title):
            out.append(h)
        elif _BODY_NAME.match(h.title):
            continue
        elif h.line_index < first and h.level == 1 and not _KNOWN.match(h.title):
            # before the first numbered section: a title repeated on a cover or title page, not a section
            out.append(Heading(h.line_index, 2, h.title, h.rows))
        else:
            out.append(h)
    return out


def _drop_repeated(heads: Iterable[Heading]) -> list[Heading]:
    """Unnumbered candidates whose text recurs in the paper ("Conv1D", "Relu", "Methods" as a table's column
    head) are table cells or figure labels: a section heading names its section once. Numbered headings and
    the standard names (References, Appendix, ...) are kept however often they appear. It cannot tell a heading
    that a paper really repeats (a thesis's per-chapter "Summary") from a table cell."""
    heads = list(heads)
    count = Counter(h.title.strip().lower() for h in heads if not _NUMBER.match(h.title) and not _KNOWN.match(h.title))
    return [h for h in heads if _NUMBER.match(h.title) or _KNOWN.match(h.title) or count[h.title.strip().lower()] < 2]


def split_sections(lines: list[Line | None], heads: list[Heading], start: int = 0) -> list[RawSection]:
    """Cut ``lines[start:]`` at the headings; ``None`` rows are left out of the text (but keep indices).

    Text before the first heading becomes an untitled section."""
    out: list[RawSection] = []
    bounds = [(h.line_index, h) for h in heads if h.line_index >= start]
    first_head = bounds[0][0] if bounds else len(lines)
    chunk = [ln for ln in lines[start:first_head] if ln is not None]
    if chunk:
        out.append(RawSection("", 1, chunk[0].page, _paragraphs(chunk), "other"))
    parent_role = "other"
    in_back_matter = False
    for k, (idx, head) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else len(lines)
        role = role_of(head.title)
        if head.level == 1:
            if role == "other" and parent_role == "method":
                role = "method"
            parent_role = role
        elif role in ("other", "method", "experiments"):
            role = parent_role if parent_role not in ("other", "abstract") else role
        if role == "references":
            in_back_matter = True
        elif in_back_matter:
            role = "appendix"  # whatever follows the references is back matter
        body = [ln for ln in lines[idx + head.rows : end] if ln is not None]
        start_line = lines[idx]  # a heading's own line is kept by the caller; the body's first page otherwise
        page = start_line.page if start_line is not None else (body[0].page if body else 0)
        out.append(RawSection(head.title, head.level, page, _paragraphs(body), role))
    return out


def _paragraphs(lines: list[Line]) -> str:
    """Join rows into paragraphs: a new text block starts a new paragraph."""
    paras: list[list[str]] = []
    last_key = None
    for ln in lines:
        key = (ln.page, ln.block)
        if key != last_key:
            paras.append([])
            last_key = key
        paras[-1].append(ln.plain)
    return "\n".join(p for p in (join_lines(chunk) for chunk in paras) if p)

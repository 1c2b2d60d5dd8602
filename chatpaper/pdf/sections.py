"""Find section headings by numbering, font and known names; cut the text into sections.

Heuristics, not a layout model: a bold sentence that starts a paragraph ("Training. We train...")
is not a heading unless it is on a row of its own; headings set in body font with no numbering and
an unusual name are missed (their text joins the previous section, so nothing is lost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import join_lines
from .lines import Line

# A heading is at most this many words ...
MAX_HEADING_WORDS = 14
# ... and this many characters.
MAX_HEADING_CHARS = 110
# Larger than body text by this many points counts as "bigger".
BIGGER_PT = 0.8

_NUMBER = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}\.?(?=\s*[^\d\s.,%)])|[IVX]{1,5}\.(?=\s)|[A-H](?:\.\d{1,2}){0,2}(?:\.|(?=\s))"
    r"|第[一二三四五六七八九十\d]+[章节])\s*(?P<title>\S.*)$")
_KNOWN = re.compile(
    r"^(abstract|introduction|related works?|background|preliminar(y|ies)|methods?|methodology|approach|"
    r"proposed (method|approach)|experiments?|experimental (setup|results|evaluation)|results?|evaluation|"
    r"discussions?|conclusions?|conclusion and future work|conclusions and future work|summary|limitations|"
    r"broader impacts?|acknowledge?ments?|references|bibliography|appendix|appendices|supplementary material|"
    r"index terms|keywords|摘\s*要|引\s*言|绪\s*论|结\s*论|参考文献|致\s*谢|附\s*录)\b",
    re.IGNORECASE)
_ROLE_PATTERNS = [
    ("references", r"^(references|bibliography|参考文献|literature cited)"),
    ("abstract", r"^(abstract|摘\s*要)"),
    ("intro", r"introduction|引\s*言|绪\s*论|overview|motivation"),
    ("related", r"related|prior work|previous work|background|literature|preliminar|文献综述|研究现状"),
    ("conclusion", r"conclu|discussion|summary|future work|limitation|broader impact|结\s*论|总结|展望"),
    ("experiments", r"experiment|result|evaluation|ablation|benchmark|analysis|study|实验|实证"),
    ("appendix", r"appendix|appendices|supplementary|acknowledg|致\s*谢|附\s*录"),
    ("method", r"method|approach|model|framework|architecture|algorithm|design|system|training|network|"
               r"learning|proposed|formulation|implementation|方法|模型|设计"),
]


# Table-of-contents rows: leader dots or a page number after a wide gap.
_TOC_ROW = re.compile(r"(\.\s?){4,}|\t\d+\s*$")


@dataclass
class Heading:
    line_index: int
    level: int
    title: str


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
    if not words or len(words) > MAX_HEADING_WORDS or len(title) > MAX_HEADING_CHARS:
        return False
    if title.rstrip().endswith((",", ";", "=", "+", "(")) or re.search(r"[=<>]|\d{4}\)", title):
        return False
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 2


def _looks_like_table_row(text: str) -> bool:
    """Table rows and figure labels: several columns, numbers in cells, or mostly one-letter tokens."""
    tokens = text.replace("\t", " ").split()
    numeric = sum(bool(re.fullmatch(r"[-+±(]?\d[\d.,%±()]*", t)) for t in tokens)
    short = sum(len(t) <= 1 for t in tokens)
    return text.count("\t") >= 2 or numeric >= 2 or (len(tokens) >= 4 and short * 2 > len(tokens)) or "、" in text


def heading_of(line: Line, body: float) -> tuple[int, str] | None:
    """``(level, title)`` when this row is a section heading, else None."""
    text = line.plain.strip()
    if _TOC_ROW.search(line.text) or not _looks_like_title_text(text) or _looks_like_table_row(line.text):
        return None
    bigger = line.size >= body + BIGGER_PT
    emphasised = line.bold or bigger
    m = _NUMBER.match(text)
    if m and m["title"][:1].isalpha() and not m["title"][:1].islower():
        num, title = m["num"], m["title"]
        if not _looks_like_title_text(title) or title.endswith("."):
            return None
        caps = title.isupper() and len(title) > 3
        if emphasised or caps:
            depth = num.rstrip(".").count(".") + 1 if num[0].isdigit() or num[0] in "ABCDEFGH" else 1
            return min(depth, 3), text
        return None
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


def find_headings(lines: list[Line], body: float, start: int = 0) -> list[Heading]:
    heads = []
    for i in range(start, len(lines)):
        got = heading_of(lines[i], body)
        if got:
            heads.append(Heading(i, got[0], got[1]))
    return heads


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
        body = [ln for ln in lines[idx + 1:end] if ln is not None]
        out.append(RawSection(head.title, head.level, lines[idx].page, _paragraphs(body), role))
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

"""Title, authors, affiliations and abstract from a paper's first page.

Works on the rows of the first text page: the title is the largest text in the upper part of the page,
authors and affiliations are the rows between it and the abstract. It cannot read a title set as an
image, and a paper whose first page is a cover sheet without a labelled title (题目：...) gets the cover's
largest line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .lines import Line

# The title sits in this upper share of the page.
TITLE_ZONE = 0.62
# Title rows are within this many points of the largest size.
TITLE_SIZE_SLACK = 0.6
# A title must be at least this much larger than body text.
TITLE_MIN_RATIO = 1.12
# Consecutive title rows are at most this many font sizes apart vertically.
TITLE_ROW_GAP_EM = 1.2
# Rows smaller than this share of the author-row size inside the author block are figure labels.
SMALL_ROW_RATIO = 0.75

_NOISE = re.compile(
    r"^(arxiv:|published as|proceedings|preprint|under review|accepted|to appear|in submission|journal of|"
    r"transactions on|copyright|©|doi|https?://|www\.|vol\.|volume|conference|workshop|submitted|technical report\s*$|"
    r"ieee|acm|confidential|anonymous|computer vision and|received|\d+(st|nd|rd|th) )",
    re.IGNORECASE)
_AFFIL = re.compile(
    r"universit|institut|college|school|department|dept\.|laborator|\blab\b|labs\b|research|academy|"
    r"\bcent(er|re)\b|\binc\b|\bltd\b|corporation|\bcorp\b|company|\bgmbh\b|google|microsoft|meta\b|facebook|"
    r"deepmind|openai|nvidia|amazon|apple|adobe|baidu|alibaba|tencent|huawei|bytedance|samsung|\bibm\b|intel\b|"
    r"\bteam\b|\bgroup\b|faculty|\bai\b|\binria\b|\bcnrs\b|\bmila\b|hospital|foundation|\bchina\b|\busa\b|"
    r"germany|france|japan|korea|canada|brazil|kingdom|\bnorway\b|大学|学院|研究院|研究所|实验室|公司",
    re.IGNORECASE)
_TEAM_WORDS = re.compile(r"\b(team|group|consortium|collaboration|communication|project|lab|labs|authors?)\b",
                         re.IGNORECASE)
_NOTE = re.compile(r"equal contribution|corresponding|work done|italic|contributed equally|these authors|"
                   r"received|accepted|^\s*and\s*$|^\s*with\s*$", re.IGNORECASE)
_MARKERS = "∗*†‡§¶⋆⋄□♯♮♭★☆✉#♣♠♦♥"
_MARKER_RE = re.compile(rf"[{re.escape(_MARKERS)}\d]+")
_PARTICLES = {"de", "da", "del", "della", "der", "di", "du", "van", "von", "la", "le", "dos", "das", "bin", "al", "y"}
_ABSTRACT = re.compile(r"^\s*(abstract|摘\s*要)\s*(?:[.:：—–-]\s*)?(?P<rest>.*)$", re.IGNORECASE)
_CN_TITLE = re.compile(r"^(论文)?(题\s*目|标\s*题|中文题目)\s*[:：]\s*(?P<rest>.*)$")
_CN_AUTHOR = re.compile(r"^(作\s*者|姓\s*名|研究生(姓名)?|学生姓名|作者姓名)\s*[:：]\s*(?P<rest>.*)$")


@dataclass
class FrontMatter:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    first_author_affiliation: str | None = None
    title_bottom: float = 0.0
    end_index: int = 0  # index of the first row after the author block


def is_abstract_row(line: Line) -> bool:
    m = _ABSTRACT.match(line.plain)
    return bool(m) and (not m["rest"] or line.plain.strip()[len("abstract"):][:1] in "—–-.:：" or
                        line.plain.lstrip().startswith("摘"))


def _strip_markers(name: str) -> str:
    name = _MARKER_RE.sub("", name)
    name = re.sub(r"[,;]+$|^\W+|\W+$", "", name.strip())
    return " ".join(name.split())


def _is_person_name(name: str) -> bool:
    if not name or len(name) > 45 or _TEAM_WORDS.search(name) or _AFFIL.search(name):
        return False
    if re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", name):
        return True
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    for w in words:
        if w.lower() in _PARTICLES:
            continue
        if not (w[:1].isupper() and re.fullmatch(r"[^\W\d_][\w.'’\-]*", w)):
            return False
    return len(words) >= 2 or (not name.isupper() and len(name) > 2)


def split_names(row: str) -> list[str]:
    """Person names in one author row ('A. Smith1, B. Jones∗ and C. Lee'), markers removed."""
    row = re.sub(rf"(?<=[^\W\d_])[{re.escape(_MARKERS)}\d][{re.escape(_MARKERS)}\d,]*(?=\s|$)", "\t", row)
    parts = re.split(r"\t|,|;|\band\b|&|\s{3,}", row)
    names = []
    for part in parts:
        name = _strip_markers(part)
        if _is_person_name(name):
            names.append(name)
    return names


def _leading_marker(text: str) -> str:
    m = re.match(rf"^\s*([{re.escape(_MARKERS)}\d]+)", text)
    if m:
        return m[1]
    m = re.search(rf"([{re.escape(_MARKERS)}\d]+)\s*$", text)
    return m[1] if m else ""


def _cover_page_fields(rows: list[Line]) -> FrontMatter | None:
    """Chinese theses put labelled fields on a cover: 题目：..., 姓名：..."""
    title = author = None
    for i, ln in enumerate(rows):
        m = _CN_TITLE.match(ln.plain.strip())
        if m and title is None:
            near = [r for r in rows if r is not ln and r.bbox[0] >= ln.bbox[0] and
                    ln.bbox[1] - ln.height <= r.bbox[1] <= ln.bbox[3] + 3 * ln.height and
                    not _CN_AUTHOR.match(r.plain)]
            parts = ([m["rest"]] if m["rest"] else []) + [r.plain for r in sorted(near, key=lambda r: r.bbox[1])]
            title = "".join(p.strip() for p in parts) or None
        m = _CN_AUTHOR.match(ln.plain.strip())
        if m and author is None:
            value = m["rest"].strip()
            if not value:
                same_row = [r for r in rows if r is not ln and abs(r.bbox[1] - ln.bbox[1]) < ln.height * 0.6
                            and r.bbox[0] > ln.bbox[0]]
                value = same_row[0].plain.strip() if same_row else ""
            author = value or None
    if title:
        return FrontMatter(title=title, authors=[author] if author else [])
    return None


def find_front_matter(rows: list[Line], page_height: float, body: float) -> FrontMatter:
    """Title/authors/affiliations from the rows of the first text page (already cleaned of furniture)."""
    cover = _cover_page_fields(rows)
    if cover:
        return cover
    cands = [(i, r) for i, r in enumerate(rows) if r.bbox[1] < page_height * TITLE_ZONE
             and not _NOISE.match(r.plain) and sum(c.isalpha() for c in r.plain) >= 3]
    if not cands:
        return FrontMatter()
    top = max(r.size for _, r in cands)
    if top < body * TITLE_MIN_RATIO:
        return FrontMatter()
    title_rows: list[tuple[int, Line]] = []
    for i, r in cands:
        if r.size >= top - TITLE_SIZE_SLACK:
            if title_rows and r.bbox[1] - title_rows[-1][1].bbox[3] > TITLE_ROW_GAP_EM * r.size:
                break
            title_rows.append((i, r))
        elif title_rows:
            break
    title = " ".join(r.plain for _, r in title_rows)
    title = " ".join(title.split()).strip(" *∗†‡")
    fm = FrontMatter(title=title or None, title_bottom=max(r.bbox[3] for _, r in title_rows))
    _authors_block(rows, title_rows[-1][0] + 1, fm)
    return fm


def _authors_block(rows: list[Line], start: int, fm: FrontMatter) -> None:
    author_size = None
    affil_rows: list[str] = []
    author_rows: list[str] = []
    i = start
    for i in range(start, min(len(rows), start + 60)):
        r = rows[i]
        text = r.plain.strip()
        if is_abstract_row(r) or re.match(r"^(1\.?|I\.)\s+(introduction|INTRODUCTION)", text) or \
                re.match(r"^(fig\.?|figure)\s*\d", text, re.IGNORECASE):
            break
        if author_size and r.size < author_size * SMALL_ROW_RATIO and "@" not in text and not _AFFIL.search(text):
            continue  # teaser-figure labels between the author block and the abstract
        if len(text) > 120 and not author_rows and not affil_rows:
            break
        if "@" in text or _NOTE.search(text) or re.match(r"^\{.*\}", text):
            continue
        if _AFFIL.search(text) or (author_rows and re.match(rf"^\s*[{re.escape(_MARKERS)}\d]\s*\D", text)):
            affil_rows.append(r.text)
            continue
        names = split_names(r.text)
        if names and not affil_rows:
            author_rows.append(r.text)
            author_size = author_size or r.size
            fm.authors.extend(names)
        elif names and affil_rows and r.size >= (author_size or 0) - 0.1:
            author_rows.append(r.text)  # journals alternate author / affiliation
            fm.authors.extend(names)
        elif len(text) > 80 and fm.authors:
            break  # a body paragraph: the author block is over
    fm.end_index = i
    for row in affil_rows:
        for piece in _affiliation_pieces(row):
            clean = _strip_markers(piece)
            if clean and _AFFIL.search(clean) or (clean and len(clean) > 3 and piece.strip()[:1] in _MARKERS + "0123456789"):
                fm.affiliations.append(clean)
    fm.affiliations = list(dict.fromkeys(fm.affiliations))
    if fm.affiliations:
        fm.first_author_affiliation = _first_author_affiliation(author_rows, affil_rows) or fm.affiliations[0]


def _affiliation_pieces(row: str) -> list[str]:
    """'1Tsinghua University, 2ETH Zurich' -> one piece per marked affiliation."""
    return re.split(rf"\t|(?<=\D),\s*(?=[{re.escape(_MARKERS)}\d])|\s{{2,}}(?=[{re.escape(_MARKERS)}\d])", row)


def _first_author_affiliation(author_rows: list[str], affil_rows: list[str]) -> str | None:
    if not author_rows:
        return None
    first = re.split(r"\t|,|\band\b", author_rows[0])[0]
    m = re.search(r"(\d+)", first)
    if not m:
        return None
    mark = m[1].split(",")[0][:1]
    for row in affil_rows:
        for piece in _affiliation_pieces(row):
            if _leading_marker(piece) == mark:
                return _strip_markers(piece)
    return None


def normalise_name(name: str) -> str:
    """For comparing names: accents and case folded, punctuation dropped."""
    base = unicodedata.normalize("NFKD", name)
    base = "".join(c for c in base if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", " ", base.lower()).strip()

"""Title, authors and the first author's affiliation from a paper's title page.

Works on the rows of the title page: the title is the largest text in the upper part of the page (a short banner
with no names under it is passed over), authors and affiliations are the rows between it and the abstract or the
first body paragraph. Names are split at separators and at affiliation markers (digits, symbols, single letters,
glued or set apart); society grades ("Senior Member, IEEE"), ORCID icons and e-mail cells are dropped, and rows
naming an institution, address or country are never names. The first author's affiliation is, in order: the
affiliation the first author's marker points to, the affiliation cell under the first name, a marked first-page
footnote, the first affiliation row, an IEEE "is with" footnote or another institution row on the page; of it the
main institution is kept (``institution_of``).

It cannot read a title or affiliation set as an image (a university logo on a thesis cover), markers that only the
font tells apart (a superscript letter glued to a name), or affiliations printed elsewhere than the title page or
an amsart-style closing address.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from chatpaper.pdf.abstract import label_rest
from chatpaper.pdf.lines import Line
from chatpaper.text import join_lines

# The title sits in this upper share of the page.
TITLE_ZONE = 0.62
# Title rows are within this many points of the largest size.
TITLE_SIZE_SLACK = 0.6
# A title must be at least this much larger than body text.
TITLE_MIN_RATIO = 1.12
# Consecutive title rows are at most this many font sizes apart vertically.
TITLE_ROW_GAP_EM = 1.2
# A largest text of at most this many words with no names under it may be a journal banner, not the title.
BANNER_WORDS = 3
# Title candidates are tried at this many of the largest font sizes on the page (banners come first).
TITLE_SIZES_TRIED = 3
# Rows smaller than this share of the author-row size inside the author block are figure labels.
SMALL_ROW_RATIO = 0.75
# A subtitle under a title that ends in a colon is set at least this share of the title's size (subtitles are
# usually one or two sizes smaller; author rows and affiliations are smaller still).
SUBTITLE_MIN_RATIO = 0.6

# A title set in capitals at body size has at least this many letters and its middle is at most this share of the
# text width from the middle of the page's text.
CAPITALS_TITLE_MIN_LETTERS = 8
# A row is set in capitals when this share of its letters are capitals (a letter the font maps wrongly may not be).
CAPITALS_SHARE = 0.9
CENTRED_SHARE = 0.08

# A row of names holds little else: its names make up at least this share of its characters.
NAMES_ROW_SHARE = 0.8

# A row of at least this many words, half of them lower case, is running text (an abstract), not front matter.
PROSE_MIN_WORDS = 8

# An address block at the end of a paper spans at most this many rows before its e-mail row.
ADDRESS_ROWS = 4
# An affiliation row has few lower-case words ("of", "and"): at most this share.
AFFIL_LOWER_SHARE = 0.3

# Repository and publisher stamps set above or beside the title page: large, but page furniture.
_STAMP_WORDS = (
    r"(hhs|nih)\s+public\s+access|europe\s+pmc|author\s+manuscript|accepted\s+manuscript|"
    r"published\s+in\s+final\s+edited|this\s+is\s+(a|the)\s+(preprint|pre-print|accepted|author)|"
    r"this\s+article\s+has\s+been\s+accepted"
)
# ... at the start of a row, or the PubMed Central note after a journal name ("Anal Chem. Author manuscript; available
# in PMC 2026 April 22.").
_STAMP = re.compile(rf"^\s*({_STAMP_WORDS})|\bauthor\s+manuscript;\s+available\s+in\b", re.IGNORECASE)
_NOISE = re.compile(
    r"^(arxiv:|published as|proceedings|preprint|under review|accepted|to appear|in submission|journal of|"
    r"transactions on|copyright|©|doi|https?://|www\.|vol\.|volume|conference|workshop|submitted|technical report\s*$|"
    rf"ieee|acm|confidential|anonymous|computer vision and|received|\d+(st|nd|rd|th) |{_STAMP_WORDS})",
    re.IGNORECASE,
)
_AFFIL = re.compile(
    r"\buniversi|institut|college|school|department|dept\.|laborator|\blab\b|labs\b|research|academy|"
    r"\bcent(er|re)\b|\binc\b|\bltd\b|corporation|\bcorp\b|company|\bgmbh\b|google|microsoft|meta\b|facebook|"
    r"deepmind|openai|nvidia|amazon|apple|adobe|baidu|alibaba|tencent|huawei|bytedance|samsung|\bibm\b|intel\b|"
    r"\bteam\b|\bgroup\b|faculty|\bai\b|\binria\b|\bcnrs\b|\bmila\b|hospital|foundation|\bchina\b|\busa\b|"
    r"germany|france|japan|korea|canada|brazil|kingdom|\bnorway\b|hochschule|departament|centro\b|instituto|"
    r"istituto|laboratoire|facult|\bécole|\becole|escuela|politec|polytech|klinik|ospedale|hôpital|"
    r"\bp\.?\s?o\.?\s?box\b|netherlands|switzerland|italy|spain|sweden|denmark|finland|austria|"
    r"belgium|poland|israel|singapore|australia|india\b|mexico|méxico|u\.s\.a|\buk\b|u\.k\.|"
    r"大学|学院|研究院|研究所|实验室|公司",
    re.IGNORECASE,
)
_TEAM_WORDS = re.compile(
    r"\b(team|group|consortium|collaboration|communication|project|lab|labs|authors?)\b", re.IGNORECASE
)
# Rows of an author block that are notes, not names or affiliations (an ORCID row is an identifier: "Orcid ID: 0000-…").
_NOTE = re.compile(
    r"equal contribution|corresponding|work done|italic|contributed equally|these authors|"
    r"received|accepted|^\s*and\s*$|^\s*with\s*$|\borcid\b",
    re.IGNORECASE,
)
_MARKERS = "∗*†‡§¶⋆⋄□♯♮♭★☆✉#♣♠♦♥"
_MARKER_RE = re.compile(rf"[{re.escape(_MARKERS)}\d]+")
# Society grades printed after names in IEEE/ACM papers: neither part of a name nor an author.
_GRADE = re.compile(
    r",?\s*\b(?:(?:life|senior|student|graduate\s+student)\s+)?(?:member|fellow)\b"
    r"(?:\s*,?\s*(?:IEEE|ACM|OSA|SPIE|AAAI|IET|SIAM))?",
    re.IGNORECASE,
)
# An ORCID icon is extracted as the letters "ID" glued to the name before it ("Michiel van BovenID1,2").
_ORCID = re.compile(r"(?<=[a-z])ID(?=[^A-Za-z]|$)")
# Markers set apart from the name by spaces ("Jinwu Hu 1 2 * Zitian Zhang 1 *").
_LOOSE_MARKS = re.compile(r"(?<=[^\W\d_])\s+[∗*†‡§¶⋆\d](?:[\s,]*[∗*†‡§¶⋆\d])*(?=\s|$)")
# Single lower-case letters after a name are affiliation markers ("Michael E. Rose a,∗, John R. Kitchin b").
_LETTER_MARKS = re.compile(
    r"(?<=[^\W\d_]{2})\s[a-z](?:\s?,\s?[a-z∗*†‡§¶](?![a-z]))*[∗*†‡§¶]?"
    r"(?=\s*,|\s*$|\t|\s+and\b)"
)
_CONTACT = re.compile(r"\(?\s*\be-?mail\b|\S+@\S+", re.IGNORECASE)
# The subject of an IEEE affiliation note, right before "is with": one to five capitalised words or initials
# ("A. P. Mangan", "Alice Zhang", "J.-P. Martin").
_NOTE_SUBJECT = re.compile(r"(?:^|\s)(?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’\-]*\.?\s*$")
_IS_WITH = re.compile(r"\b(?:is|are)\s+(?:also\s+|now\s+)?(?:with|at)\s+(?:the\s+)?")
# A bold numbered row ("1. Network Structure Details") is the first section heading, not a name.
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(\.\d{1,2})*|[IVX]{1,4})\.?\s+[A-Z][a-z]")
_INTRO_ROW = re.compile(r"^(1\.?|I\.)\s+introduction\b", re.IGNORECASE)
# A marker that starts an affiliation: at the start of a row or after a separator, right before a capital.
# Letters mark affiliations only at the start of a row ("a Max Planck Institute").
_PIECE_START = re.compile(
    r"(?:^|(?<=[\t,;.]\s)|(?<=[\t;])|(?<=[^\W\d_]\s))"
    rf"((?P<sym>[{re.escape(_MARKERS)}])(?P=sym)*|\d{{1,2}}|(?<![^\t])[a-z](?=\s))\s?(?=[A-Z\u4e00-\u9fff])"
)
# Institution words by rank: the main institution of "Department of X, University of Y, City" is the university.
_INSTITUTION_RANKS = (
    (
        3,
        re.compile(
            r"\buniversi|\buniv\b|uniwersytet|univerzit|hochschule|polytechn|politec|college|école|ecole|"
            r"institute\s+of\s+technology|大学",
            re.IGNORECASE,
        ),
    ),
    (
        2,
        re.compile(
            r"institut|centro|\bcent(er|re)\b|laborat|\blabs?\b|academy|hospital|clinic|\binc\b|corp|company|"
            r"gmbh|\bltd\b|\bllc\b|research|foundation|council|agency|google|microsoft|\bmeta\b|facebook|"
            r"deepmind|openai|nvidia|amazon|apple|adobe|baidu|alibaba|tencent|huawei|bytedance|samsung|\bibm\b|"
            r"intel\b|\binria\b|\bcnrs\b|\bmila\b|研究院|研究所|实验室|公司|学院",
            re.IGNORECASE,
        ),
    ),
    (
        1,
        re.compile(
            r"department|departament|\bdept\b|school|facult|division|\bgroup\b|\bteam\b|program|graduate", re.IGNORECASE
        ),
    ),
)
_ADDRESS = re.compile(
    r"\d|\b(street|st\.|road|rd\.|avenue|ave\.|blvd|box|drive|cedex|usa|china|germany|france|japan|"
    r"korea|canada|italy|spain|india|australia|netherlands|switzerland|kingdom|norway|sweden|"
    r"united\s+states|america|\buk\b|brazil|mexico|méxico|singapore|israel|belgium|austria|denmark|"
    r"finland|poland)\b",
    re.IGNORECASE,
)
_PARTICLES = {"de", "da", "del", "della", "der", "di", "du", "van", "von", "la", "le", "dos", "das", "bin", "al", "y"}
_CN_TITLE = re.compile(r"^(论文)?(题\s*目|标\s*题|中文题目)\s*[:：]\s*(?P<rest>.*)$")
_CN_AUTHOR = re.compile(r"^(作\s*者|姓\s*名|研究生(姓名)?|学生姓名|作者姓名)\s*[:：]\s*(?P<rest>.*)$")


@dataclass
class FrontMatter:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    first_author_affiliation: str | None = None
    title_bottom: float = 0.0
    start_index: int = 0  # index of the title's first row
    end_index: int = 0  # index of the first row after the author block
    labelled: bool = False  # read from labelled fields (题目：, 姓名：) of a thesis cover
    first_author_marks: tuple[str, ...] = ()  # the affiliation markers after the first name ("1", "2", "*")


def is_repository_stamp(text: str) -> bool:
    """Whether a row is a repository's or publisher's stamp ("HHS Public Access", "Author manuscript; available in
    PMC ...", "This article has been accepted for publication ..."): page furniture, not a title or a heading."""
    return bool(_STAMP.search(text))


def is_abstract_row(line: Line) -> bool:
    return label_rest(line) is not None


def _strip_markers(name: str) -> str:
    name = _MARKER_RE.sub("", name)
    name = re.sub(r"[,;]+$|^\W+|\W+$", "", name.strip())
    return " ".join(name.split())


# A nickname inside a name: "Leith (Casey) Leedom", 'Robert "Bob" Smith'.
_NICKNAME = re.compile(r"[(“\"][A-Z][\w'’\-]*[)”\"]")


def _is_person_name(name: str) -> bool:
    if not name or len(name) > 45 or _TEAM_WORDS.search(name) or _AFFIL.search(name):
        return False
    if re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", name):
        return True
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    for w in words:
        if w.lower() in _PARTICLES or _NICKNAME.fullmatch(w):
            continue
        if not (w[:1].isupper() and re.fullmatch(r"[^\W\d_][\w.'’\-]*", w)):
            return False
    return len(words) >= 2 or (not name.isupper() and len(name) > 2)


def _clean_author_row(row: str) -> str:
    """Society grades ("Senior Member, IEEE") and ORCID icons out of an author row; loose markers (digits,
    symbols, single letters as in "Michael E. Rose a,∗") to tabs."""
    row = _GRADE.sub("\t", row)
    row = _ORCID.sub("", row)
    row = _LETTER_MARKS.sub("\t", row)
    return _LOOSE_MARKS.sub("\t", row)


def _cjk_names(row: str) -> list[str]:
    """Chinese names separated by spaces ('柴若楠 郜 帅 兰江雨'): a two-character name is set with a space inside
    ('郜 帅') to line up with three-character ones, so single characters are joined pairwise."""
    tokens = _strip_markers(re.sub(rf"[{re.escape(_MARKERS)}\d,，、]+", " ", row)).split()
    names: list[str] = []
    k = 0
    while k < len(tokens):
        if len(tokens[k]) == 1 and k + 1 < len(tokens) and len(tokens[k + 1]) == 1:
            names.append(tokens[k] + tokens[k + 1])
            k += 2
        else:
            names.append(tokens[k])
            k += 1
    return [n for n in names if re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", n)]


# Old papers and reports print "by" before the names ("by Alice Zhang and Bob Smith").
_BY_LINE = re.compile(r"^\s*by\s+(?=[A-Z])", re.IGNORECASE)
# Generational suffixes, set after a comma: part of the name before them, not another author.
_NAME_SUFFIX = re.compile(r"(?:Jr|Sr)\.?|I{2,3}|IV")


def split_names(row: str) -> list[str]:
    """Person names in one author row ('A. Smith1, B. Jones∗ and C. Lee'), markers removed."""
    if re.fullmatch(rf"[\u4e00-\u9fff·\s{re.escape(_MARKERS)}\d,，、]+", row) and " " in row.strip():
        return _cjk_names(row)
    row = _BY_LINE.sub("", _clean_author_row(row))
    row = re.sub(rf"(?<=[^\W\d_])[{re.escape(_MARKERS)}\d][{re.escape(_MARKERS)}\d,]*(?=\s|$)", "\t", row)
    parts = re.split(r"\t|,|;|\band\b|\bAND\b|&|[•·|]|\s{3,}", row)
    names: list[str] = []
    for part in parts:
        name = _strip_markers(part)
        if names and _NAME_SUFFIX.fullmatch(name):
            names[-1] += " " + name  # "Robert E. Lucas, Jr."
        elif _is_person_name(name):
            names.append(name)
    if len(names) == 1 and len(names[0].split()) == 1 and not re.fullmatch(r"[\u4e00-\u9fff·]+", names[0]):
        return []  # a lone capitalised word ("Scopus") is a title's last word or a label, not a mononymous author
    return names


def _marks_after(row: str, name: str) -> str:
    """The affiliation markers printed right after ``name`` in an author row ('1,2*'), '' when none."""
    row = _ORCID.sub("", _GRADE.sub(" ", row))
    at = row.find(name)
    if at < 0:
        return ""
    m = re.match(rf"(?:[\s,]*(?:[{re.escape(_MARKERS)}\d]+|[a-z](?![a-z])))*", row[at + len(name) :])
    return m[0].strip(" ,") if m else ""


def _name_then_affiliation(text: str) -> tuple[str, str] | None:
    """'Evan K. Rose, University of California, Berkeley' -> (name, affiliation); None for other rows."""
    head, _, rest = text.partition(",")
    name = _strip_markers(head)
    if (
        rest
        and head.strip()[:1] not in _MARKERS + "0123456789"  # a marked piece is an affiliation, not a name
        and _institution_rank(rest)
        and not _AFFIL.search(head)
        and len(name.split()) >= 2
        and _is_person_name(name)
    ):
        return name, rest.strip()
    return None


def _cover_page_fields(rows: list[Line]) -> FrontMatter | None:
    """Chinese theses put labelled fields on a cover: 题目：..., 姓名：..."""
    title = author = None
    for ln in rows:
        m = _CN_TITLE.match(ln.plain.strip())
        if m and title is None:
            near = [
                r
                for r in rows
                if r is not ln
                and r.bbox[0] >= ln.bbox[0]
                and ln.bbox[1] - ln.height <= r.bbox[1] <= ln.bbox[3] + 3 * ln.height
                and not _CN_AUTHOR.match(r.plain)
            ]
            parts = ([m["rest"]] if m["rest"] else []) + [r.plain for r in sorted(near, key=lambda r: r.bbox[1])]
            title = "".join(p.strip() for p in parts) or None
        m = _CN_AUTHOR.match(ln.plain.strip())
        if m and author is None:
            value = m["rest"].strip()
            if not value:
                same_row = [
                    r
                    for r in rows
                    if r is not ln and abs(r.bbox[1] - ln.bbox[1]) < ln.height * 0.6 and r.bbox[0] > ln.bbox[0]
                ]
                value = same_row[0].plain.strip() if same_row else ""
            author = value or None
    if title:
        return FrontMatter(title=title, authors=[author] if author else [], labelled=True)
    return None


def _title_groups(cands: list[tuple[int, Line]], size: float) -> list[list[tuple[int, Line]]]:
    """Runs of consecutive candidate rows set at ``size`` (within the slack), each a possible title."""
    groups: list[list[tuple[int, Line]]] = []
    current: list[tuple[int, Line]] = []
    for i, r in cands:
        at_size = abs(r.size - size) <= TITLE_SIZE_SLACK
        if (
            at_size
            and current
            and r.bbox[1] - current[-1][1].bbox[3] <= TITLE_ROW_GAP_EM * r.size
            and i == current[-1][0] + 1
        ):
            current.append((i, r))
            continue
        if current:
            groups.append(current)
        current = [(i, r)] if at_size else []
    if current:
        groups.append(current)
    return groups


def _with_subtitle(rows: list[Line], group: list[tuple[int, Line]]) -> list[tuple[int, Line]]:
    """The title rows plus the subtitle row(s) a title ending in a colon or dash announces ("Deep Learning for X:" /
    "A Study of Y" set smaller): rows right under it, at least ``SUBTITLE_MIN_RATIO`` of the title size, that hold no
    author names."""
    out = list(group)
    size = min(r.size for _, r in group)
    while out[-1][1].plain.rstrip().endswith((":", "—", "–", "：")) and out[-1][0] + 1 < len(rows):
        k = out[-1][0] + 1
        nxt = rows[k]
        gap = nxt.bbox[1] - out[-1][1].bbox[3]
        if nxt.size < SUBTITLE_MIN_RATIO * size or gap > TITLE_ROW_GAP_EM * size or split_names(nxt.text):
            break
        out.append((k, nxt))
    return out


def _front_from_title(rows: list[Line], group: list[tuple[int, Line]]) -> FrontMatter:
    group = _with_subtitle(rows, group)
    title = " ".join(" ".join(r.plain for _, r in group).split()).strip(" *∗†‡")
    fm = FrontMatter(title=title or None, title_bottom=max(r.bbox[3] for _, r in group), start_index=group[0][0])
    after = group[-1][0] + 1
    above = _names_above(rows, group[0][0], min(r.size for _, r in group))
    if above and after < len(rows) and (_is_prose(rows[after].plain) or is_abstract_row(rows[after])):
        # Some journals and theses print the authors above the title; the title is followed by the abstract.
        fm.authors, fm.end_index = above, after
        found = _first_institution_row(rows[after:])
        fm.first_author_affiliation = institution_of(found) if found else None
        return fm
    _authors_block(rows, after, fm, min(r.size for _, r in group))
    return fm


# Words of titles and running heads ("PROCEEDINGS OF THE IEEE"), never of names.
_TITLE_WORDS = re.compile(r"\b(?:of|the|for|in|on|with|to)\b", re.IGNORECASE)


def _names_above(rows: list[Line], title_at: int, title_size: float) -> list[str]:
    """The names in the run of rows right above the title (stored before it and printed above it), each row nothing
    but names and set smaller than the title; [] when the row above the title is anything else."""
    names: list[str] = []
    k = title_at - 1
    top = rows[title_at].bbox[1]
    while (
        k >= 0
        and rows[k].size < title_size - TITLE_SIZE_SLACK
        and rows[k].bbox[3] <= top
        and not _NOISE.match(rows[k].plain)
    ):
        row = _strip_markers(rows[k].plain)
        found = split_names(rows[k].text)
        if (
            not found
            or _AFFIL.search(row)
            or _TITLE_WORDS.search(row)
            or len(" ".join(found)) < NAMES_ROW_SHARE * len(row)
        ):
            break
        names[:0] = found
        k -= 1
    return names


def find_front_matter(rows: list[Line], page_height: float, body: float) -> FrontMatter:
    """Title/authors/affiliations from the rows of the first text page (already cleaned of furniture).

    The title is the largest text in the upper page. When that is a short banner (a journal name such as
    "SoftwareX", at most BANNER_WORDS words) with no author names under it, the next candidate with names under it
    wins; a longer largest text stays the title even when no names are found under it."""
    cover = _cover_page_fields(rows)
    if cover:
        return cover
    cands = [
        (i, r)
        for i, r in enumerate(rows)
        if r.bbox[1] < page_height * TITLE_ZONE and not _NOISE.match(r.plain) and sum(c.isalpha() for c in r.plain) >= 3
    ]
    if not cands:
        return FrontMatter()
    sizes = sorted({r.size for _, r in cands}, reverse=True)
    if sizes[0] < body * TITLE_MIN_RATIO:
        return _capitals_title(rows, cands, body)
    first: FrontMatter | None = None
    for size in [sz for sz in sizes if sz >= body * TITLE_MIN_RATIO][:TITLE_SIZES_TRIED]:
        for group in _title_groups(cands, size):
            fm = _front_from_title(rows, group)
            first = first or fm
            if fm.authors:
                return _title_under_band(rows, cands, group, fm, body)
            if len((first.title or "").split()) > BANNER_WORDS:
                return first
    return first or FrontMatter()


def _title_under_band(
    rows: list[Line], cands: list[tuple[int, Line]], group: list[tuple[int, Line]], fm: FrontMatter, body: float
) -> FrontMatter:
    """A band in capitals above the title (a journal section "COMPUTATIONAL LINGUISTICS", a cover band) is larger
    than the title; the title is the smaller mixed-case run set right under the band, above the same names. Returns
    the front matter read from that run, or ``fm`` when there is no such run."""
    nxt = group[-1][0] + 1
    if nxt >= len(rows) or not all(_is_capitals(r.plain) for _, r in group):
        return fm
    under = rows[nxt]
    if under.size < body * TITLE_MIN_RATIO or under.size >= group[0][1].size - TITLE_SIZE_SLACK:
        return fm
    run = next((g for g in _title_groups(cands, under.size) if g[0][0] == nxt), None)
    if not run or any(_is_capitals(r.plain) or split_names(r.text) for _, r in run):
        return fm
    titled = _front_from_title(rows, run)
    return titled if titled.authors == fm.authors else fm


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(letters) >= CAPITALS_TITLE_MIN_LETTERS and upper >= CAPITALS_SHARE * len(letters)


def _capitals_title(rows: list[Line], cands: list[tuple[int, Line]], body: float) -> FrontMatter:
    """AMS articles and older journals set the title no larger than the body, in capitals, centred at the top (the
    authors under it in capitals too): the first centred run of capital rows at least body size with names under it
    is the title. A page with no such run has no title."""
    left = min(r.bbox[0] for r in rows)
    right = max(r.bbox[2] for r in rows)
    centre, width = (left + right) / 2, right - left
    for i, r in cands:
        mid = (r.bbox[0] + r.bbox[2]) / 2
        if r.size < body - TITLE_SIZE_SLACK or not _is_capitals(r.plain) or abs(mid - centre) > CENTRED_SHARE * width:
            continue
        group = next(g for g in _title_groups(cands, r.size) if g[0][0] <= i <= g[-1][0])
        group = [(k, g) for k, g in group if k >= i and _is_capitals(g.plain)]
        fm = _front_from_title(rows, group)
        return fm if fm.authors else FrontMatter()
    return FrontMatter()


def _without_emails(row: str) -> str:
    """A row with its e-mail cells and addresses removed ('Alice Zhang\talice@x.edu' -> 'Alice Zhang')."""
    cells = [c for c in row.split("\t") if "@" not in c]
    cells = [re.sub(r"[<(]?\S+@\S+[>)]?|e-?mail\s*:?", "", c, flags=re.IGNORECASE).strip(" ,;:") for c in cells]
    return "\t".join(c for c in cells if c).strip()


def _is_prose(text: str) -> bool:
    """A row of running text: many words, most of them lower case (names and affiliations are capitalised)."""
    words = text.split()
    return len(words) >= PROSE_MIN_WORDS and sum(w[:1].islower() for w in words) * 2 >= len(words)


def _block_start(rows: list[Line], i: int, lower: int) -> int:
    """Index of the first row of the text block that row ``i`` belongs to (not before ``lower``)."""
    while i > lower and rows[i - 1].block == rows[i].block and rows[i - 1].page == rows[i].page:
        i -= 1
    return i


def _authors_block(rows: list[Line], start: int, fm: FrontMatter, title_size: float = float("inf")) -> None:
    author_size = None
    affil_rows: list[str] = []
    first_cell: list[str] = []  # the first affiliation rows, before names come again: the first author's cell
    author_rows: list[str] = []
    first_rows_seen: list[str] = []  # name rows before any affiliation row (a wrapped list of names)
    last_names_row = -1  # index of the last row that gave names
    i = start
    for i in range(start, min(len(rows), start + 60)):
        r = rows[i]
        text = r.plain.strip()
        if (
            is_abstract_row(r)
            or _INTRO_ROW.match(text)
            or re.match(r"^(fig\.?|figure)\s*\d", text, re.IGNORECASE)
            or r.size >= title_size - TITLE_SIZE_SLACK
            or (r.bold and _NUMBERED_HEADING.match(text))
        ):
            break  # the abstract, the body, or another title-sized row: author names sit under their own title
        if author_size and r.size < author_size * SMALL_ROW_RATIO and "@" not in text and not _AFFIL.search(text):
            continue  # teaser-figure labels between the author block and the abstract
        if len(text) > 120 and not author_rows and not affil_rows:
            i = _block_start(rows, i, start)
            break
        if "@" in text:
            text = _without_emails(r.text)  # "Laurens van der Maaten<tab>lvdm@uvt.nl": the name stays
            r = Line(text, r.size, r.bold, r.bbox, r.page, r.block, r.first_in_block)
        if not text or _NOTE.search(text) or re.match(r"^\{.*\}", text):
            continue
        paired = _name_then_affiliation(text)
        if paired and (not affil_rows or r.size >= (author_size or 0) - 0.1):
            author_rows.append(paired[0])
            author_size = author_size or r.size
            fm.authors.append(paired[0])
            affil_rows.append(paired[1])
            if len(author_rows) == 1:
                first_cell.append(paired[1])
            continue
        if _AFFIL.search(text) or (author_rows and re.match(rf"^\s*[{re.escape(_MARKERS)}\d]\s*\D", text)):
            affil_rows.append(r.text)
            if len(author_rows) == len(first_rows_seen) and len(first_cell) < 3:
                first_cell.append(r.text.split("\t")[0])  # a grid row: the first cell is under the first name
            continue
        names = split_names(r.text)
        wrapped = author_rows and last_names_row == i - 1 and _wraps_a_name(author_rows[-1])
        if wrapped and (names or _is_person_name(_strip_markers(re.split(r"[,;\t]", text)[0]))):
            # The list wrapped inside a name ("..., Ning" / "Dong, ..."): the two rows are split again as one.
            joined = author_rows[-1] + " " + r.text
            fm.authors[len(fm.authors) - len(split_names(author_rows[-1])) :] = split_names(joined)
            author_rows[-1] = joined
            if first_rows_seen and not affil_rows:
                first_rows_seen[-1] = joined
            last_names_row = i
        elif names and not affil_rows:
            first_rows_seen.append(r.text)
            author_rows.append(r.text)
            author_size = author_size or r.size
            fm.authors.extend(names)
            last_names_row = i
        elif names and affil_rows and r.size >= (author_size or 0) - 0.1:
            author_rows.append(r.text)  # journals alternate author / affiliation
            fm.authors.extend(names)
            last_names_row = i
        elif fm.authors and (len(text) > 80 or _is_prose(text)):
            i = _block_start(rows, i, start)
            break  # a body paragraph: the author block is over
    fm.end_index = i
    for row in affil_rows:
        for piece in _affiliation_pieces(row):
            clean = _strip_affiliation_marks(piece)
            marked = piece.strip()[:1] in _MARKERS + "0123456789"
            if clean and (_AFFIL.search(clean) or (len(clean) > 3 and marked)):
                fm.affiliations.append(clean)
    fm.affiliations = list(dict.fromkeys(fm.affiliations))
    if fm.authors and author_rows:
        fm.first_author_marks = tuple(_marker_keys(_marks_after(author_rows[0], fm.authors[0])))
    found = _first_author_affiliation(fm.authors, author_rows, affil_rows, [])
    if not found and first_cell:
        found = _cell_affiliation(first_cell)
    if not found:
        found = _first_author_affiliation(fm.authors, author_rows, [], rows[i:])
    if not found and fm.affiliations:
        found = fm.affiliations[0]
    if not found and fm.authors:
        found = _surname_note(rows[i:], fm.authors[0])
    if not found and fm.authors:
        found = _first_institution_row(rows[i:])
    fm.first_author_affiliation = institution_of(found) if found else None


def _surname_note(rows: list[Line], first_author: str) -> str | None:
    """Working papers name each author in a title-page footnote by surname: "∗Rose: Associate Professor, University
    of Chicago and NBER; ekrose@uchicago.edu. Schellenberg: ..." -> the first author's part, when it names an
    institution."""
    surname = first_author.split()[-1]
    if len(surname) < 2:
        return None
    note = re.compile(rf"^[\s{re.escape(_MARKERS)}\d]*{re.escape(surname)}\s*:\s*(?P<rest>.+)", re.IGNORECASE)
    for r in rows:
        m = note.match(r.plain)
        if m:
            rest = re.split(r";|\.\s+[A-Z]", _before_contact(m["rest"]))[0]
            if _institution_rank(rest):
                return rest
    return None


def _wraps_a_name(row: str) -> bool:
    """Whether a row of names ends inside a name: it is a comma-separated list (not a grid of cells, where each row
    ends with a whole name) and ends with neither a separator nor an affiliation marker ("..., David Dale∗, Ning")."""
    row = row.rstrip()
    if "," not in row or "\t" in row:
        return False
    return not re.search(rf"(?:[,;&]|\band|[{re.escape(_MARKERS)}\d])$", row)


def _cell_affiliation(cell: list[str]) -> str:
    """The affiliation in the rows under the first name. Rows of one cell continue each other ("Department of X" /
    "University of Y"); a row that starts another marked affiliation ("†Google Assistant" under "⋆Georgia Tech"), or
    a second piece in a row of marked pieces ("Meta AI, ‡INRIA, §UC Berkeley"), is another affiliation: the cell
    ends before it."""
    rows: list[str] = []
    for row in cell:
        pieces = [p for p in _affiliation_pieces(row) if p.strip()]
        if rows and row.strip()[:1] in _MARKERS:
            break
        rows.append(pieces[0] if pieces else row)
        if len(pieces) > 1:
            break
    return ", ".join(_strip_affiliation_marks(r) for r in rows)


def _affiliation_pieces(row: str) -> list[str]:
    """'1Tsinghua University, 2ETH Zurich' -> one piece per marked affiliation."""
    return re.split(rf"\t|(?<=\D),\s*(?=[{re.escape(_MARKERS)}\d])|\s{{2,}}(?=[{re.escape(_MARKERS)}\d])", row)


def marked_piece_list(text: str) -> list[tuple[str, str]]:
    """'1School of X, Univ Y, China 2Pazhou Lab' -> [('1', 'School of X, Univ Y, China'), ('2', 'Pazhou Lab')]; a
    marker may come back (a numbered heading "1 Introduction" before a footnote "1School of ...")."""
    starts = list(_PIECE_START.finditer(text))
    out: list[tuple[str, str]] = []
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        out.append((m[1], text[m.end() : end].strip(" \t,;")))
    return out


def marked_pieces(text: str) -> dict[str, str]:
    """'1School of X, Univ Y, China 2Pazhou Lab' -> {'1': 'School of X, Univ Y, China', '2': 'Pazhou Lab'}: the first
    piece of each marker."""
    out: dict[str, str] = {}
    for key, piece in marked_piece_list(text):
        out.setdefault(key, piece)
    return out


def _marker_keys(marks: str) -> list[str]:
    """The separate markers in a marker string, in printed order: '∗1' -> ['∗', '1'], '1,2*' -> ['1', '2', '*'],
    'a,∗' -> ['a', '∗'], '**' -> ['**']."""
    return [m[0] for m in re.finditer(rf"\d+|(?<![a-z])[a-z](?![a-z])|([{re.escape(_MARKERS)}])\1*", marks)]


def _before_contact(text: str) -> str:
    """An affiliation note up to its e-mail ("Stanford University. Email: a@b.edu. I thank ..." -> the first part)."""
    return _CONTACT.split(text, maxsplit=1)[0]


def _looks_like_affiliation(text: str) -> bool:
    words = _before_contact(text).split()
    text = " ".join(words)
    return (
        bool(words)
        and bool(_AFFIL.search(text))
        and sum(w[:1].islower() for w in words) <= AFFIL_LOWER_SHARE * len(words) + 1
    )


def _first_author_affiliation(
    authors: list[str], author_rows: list[str], affil_rows: list[str], later_rows: list[Line]
) -> str | None:
    """The affiliation one of the first author's markers points to (a marker may also point to a note such as
    "equal contribution", so each is tried): in the affiliation rows, else in a footnote of the first page (ICML,
    economics journals put affiliations there)."""
    if not authors or not author_rows:
        return None
    keys = _marker_keys(_marks_after(author_rows[0], authors[0]))
    shared = _shared_institution_rows(affil_rows)
    marked = affil_rows[: len(affil_rows) - len(shared)]
    pieces = marked_piece_list("\t".join(marked)) if marked else []
    if shared:
        # Units printed with markers over one unmarked institution row ("1Leadership Computing Facility,
        # 2Computational Science Division" / "Argonne National Laboratory") all belong to that institution.
        pieces = [(k, t if _institution_rank(t) >= 2 else f"{t}, {', '.join(shared)}") for k, t in pieces]
    notes = marked_piece_list(_note_text(later_rows)) if later_rows else []
    for source in (pieces, notes):
        for key in keys:
            for text in (text for k, text in source if k == key):
                if _looks_like_affiliation(text):
                    return text
    return None


def _shared_institution_rows(affil_rows: list[str]) -> list[str]:
    """The unmarked rows naming an institution at the end of affiliation rows that start with markers (none when the
    rows are not marked, or when the last row is marked)."""
    if not affil_rows or affil_rows[0].strip()[:1] not in _MARKERS + "0123456789":
        return []
    k = len(affil_rows)
    while k > 1 and affil_rows[k - 1].strip()[:1] not in _MARKERS + "0123456789":
        k -= 1
    shared = [r.strip() for r in affil_rows[k:]]
    # Every row before them starts a marked piece: an unmarked row after a marked one would continue that piece.
    marked = all(r.strip()[:1] in _MARKERS + "0123456789" for r in affil_rows[:k])
    return shared if marked and shared and all(_institution_rank(r) >= 2 for r in shared) else []


def _note_text(rows: list[Line]) -> str:
    """Footnote rows as one text: a row that starts a marked piece ("2Pazhou Laboratory") is set apart by a tab, any
    other row continues the piece before it ("... Engineering, South" + "China University of Technology"), so a
    name wrapped across rows stays one segment."""
    out = ""
    for r in rows:
        if not out:
            out = r.text
        elif _PIECE_START.match(r.text):
            out += "\t" + r.text
        else:
            out = join_lines([out, r.text])
    return out


def _strip_affiliation_marks(text: str) -> str:
    """Markers out of an affiliation: a leading marker run and symbols; digits inside names stay ('LIP6')."""
    text = re.sub(rf"^[\s{re.escape(_MARKERS)}\d]+(?=\D)|[{re.escape(_MARKERS)}]+", "", text)
    return " ".join(text.strip(" ,;").split())


def _is_with_note(rows: list[Line]) -> str | None:
    """IEEE footnotes: "A. Zhang is with the School of Computing, Tsinghua University, Beijing (e-mail: ...)" ->
    the text after "is with", joined over the footnote's rows up to the e-mail or the sentence end."""
    for k, r in enumerate(rows):
        m = _IS_WITH.search(r.plain)
        if not m or not _NOTE_SUBJECT.search(r.plain[: m.start()]):
            continue  # "the difficulty is with ...": prose, not a note about an author
        text = r.plain[m.end() :]
        for nxt in rows[k + 1 : k + 4]:
            if nxt.block != r.block or nxt.page != r.page or re.search(r"\((?i:e-?mail)|\.\s*$", text):
                break
            text = join_lines([text, nxt.plain])
        return re.split(r"\s*\((?i:e-?mail)|\.\s+[A-Z]|\.\s*$", text)[0]
    return None


def _first_institution_row(rows: list[Line]) -> str | None:
    """The first row naming an institution further down the title page (a footnote "Department of Chemistry, Yale
    University, ..." without a marker, or an IEEE "X is with ..." note), for papers whose author block has no
    affiliation rows."""
    note = _is_with_note(rows)
    if note:
        return note  # the first note is the first author's (IEEE orders them as the authors), named institution or not
    for r in rows:
        text = r.plain.strip()
        words = text.split()
        lower = sum(w[:1].islower() for w in words)
        if (
            _institution_rank(text) >= 2
            and lower <= AFFIL_LOWER_SHARE * len(words)
            and "@" not in text
            and not _NOTE.search(text)
        ):
            return _strip_affiliation_marks(text)
    return None


def later_marked_affiliation(rows: list[Line], marks: tuple[str, ...]) -> str | None:
    """Journals such as Nature print the numbered affiliations after the article ("1Department of Physics, University
    of X, City. 2..."), not on the title page: the first piece after a page break that one of the first author's
    ``marks`` starts and that reads as an affiliation, page by page from the second. Cannot tell such a list from
    another list numbered the same way whose item happens to name an institution."""
    if not marks:
        return None
    pages = sorted({r.page for r in rows})
    for page in pages[1:]:
        pieces = marked_piece_list(_note_text([r for r in rows if r.page == page]))
        for key in marks:
            found = next((t for k, t in pieces if k == key and _looks_like_affiliation(t)), None)
            if found:
                return found
    return None


def closing_address_affiliation(rows: list[Line]) -> str | None:
    """Mathematics journals (amsart) print the authors' addresses at the end: "Department of Mathematics,
    University of X, City" followed by "E-mail address: ...". The first such address block in ``rows`` (the last
    pages) gives the first author's institution. Cannot tell whose address it is when the order differs from the
    author list."""
    for k, r in enumerate(rows):
        if not re.search(r"e-?mail\s+address|@", r.plain, re.IGNORECASE):
            continue
        before = [b.plain.strip() for b in rows[max(0, k - ADDRESS_ROWS) : k] if b.page == r.page]
        address = [b for b in before if _institution_rank(b) and _looks_like_affiliation(b)]
        if address:
            return address[0]
    return None


def _institution_rank(segment: str) -> int:
    return next((rank for rank, pattern in _INSTITUTION_RANKS if pattern.search(segment)), 0)


# A full stop that ends a sentence inside an affiliation note ("Stanford University. Email: ..."), not the one of an
# abbreviation ("Univ. Grenoble Alpes", "Dept. of CS") or an initial ("J. Smith").
_SENTENCE_END = (
    r"(?<![A-Z])(?<!Univ)(?<!Dept)(?<!Inst)(?<!Natl)(?<!Tech)(?<!Lab)(?<!Res)(?<!Sci)(?<!Eng)(?<!Acad)(?<!Coll)"
    r"\.\s+(?=[A-Z])"
)
# A company's legal form printed as its own segment ("Google, Inc."): part of the institution, not another one.
_LEGAL = re.compile(r"(?:inc|ltd|llc|gmbh|corp|co|s\.?a|ag|plc)\.?", re.IGNORECASE).fullmatch
# A marker digit glued after a word's last lower-case letter ("Warsaw University of Technology1"); digits after
# capitals are part of a name ("LIP6").
_GLUED_MARK = re.compile(r"(?<=[a-z])\d{1,2}$")
# Chinese affiliations go from large to small ("北京交通大学电子信息工程学院"): the university ends the institution.
_CJK_UNIVERSITY = re.compile(r"^([\u4e00-\u9fff]{2,12}?大学)[\u4e00-\u9fff]+$")


def institution_of(affiliation: str) -> str | None:
    """The main institution in an affiliation: 'Dept. of CS, Hochschule Fulda, Fulda 36037, Germany' ->
    'Hochschule Fulda'. A university outranks an institute or company, which outrank a department; a legal suffix
    ('Inc.') and what follows up to the first address or country segment stay attached ('University of California,
    Berkeley'; a city after a university is kept too, it cannot tell a campus from a city); a second institution
    ends it ('Warsaw University of Technology, Simon Fraser University'). A Chinese affiliation is cut after its
    university:
    '（北京交通大学电子信息工程学院 北京 100044）' -> '北京交通大学'.
    Without any institution word the first segment that is not an address or country is kept (e.g. 'UC Berkeley')."""
    affiliation = _before_contact(affiliation).strip().strip("（）()")
    segments = [
        _CJK_UNIVERSITY.sub(r"\1", _GLUED_MARK.sub("", s.strip(" .;:")))
        for s in re.split(rf"[,，\t;；]|{_SENTENCE_END}|(?<=[\u4e00-\u9fff])\s+", affiliation)
        if s.strip(" .;:")
    ]
    if not segments:
        return None
    ranks = [_institution_rank(s) for s in segments]
    best = max(range(len(segments)), key=lambda k: (ranks[k], -k))
    if ranks[best] == 1:
        # Only a department is named by its word: the institution is the plain name after it ("ETH Zurich").
        after = [k for k in range(best + 1, len(segments)) if ranks[k] == 0 and not _ADDRESS.search(segments[k])]
        if after:
            return segments[after[0]]
    if ranks[best] == 0:
        plain = [s for s in segments if not _ADDRESS.search(s)]
        return plain[0] if plain else None
    out = [segments[best]]
    if re.search(r"[\u4e00-\u9fff]", segments[best]):
        return segments[best]  # what follows a Chinese institution is its address (city, postcode)
    for seg in segments[best + 1 :]:
        if _ADDRESS.search(seg) or seg.startswith("the ") or "@" in seg or _institution_rank(seg) and not _LEGAL(seg):
            break  # an address, a department named after its institution, or another institution
        out.append(seg)
    return ", ".join(out)


# A thesis names its university in a running header or a declaration title on these first pages ...
THESIS_NAMING_PAGES = 20
# ... as a row that starts "<university>(硕士|博士)学位论文": "北京大学硕士学位论文", "华东师范大学学位论文原创性声明".
_THESIS_OF = re.compile(
    r"^\s*(?P<school>[\u4e00-\u9fff]{2,12}?(?:大学|学院|研究院|研究所|科学院))\s*(?:硕士|博士|学士)?\s*(?:研究生)?\s*"
    r"(?:专业)?\s*学位论文"
)


def thesis_university(rows: list[Line]) -> str | None:
    """The university a Chinese thesis is submitted to, from the rows of its first pages (furniture included: the
    running header carries it). Chinese theses print the school's name as a logo image on the cover, but repeat it
    in the running header ("北京大学硕士学位论文") and in the declaration titles ("X大学学位论文原创性声明"); the name
    printed most often wins. Cannot read a university printed only in the cover's logo, nor English theses."""
    counts: dict[str, int] = {}
    for r in rows:
        if r.page >= THESIS_NAMING_PAGES:
            continue
        m = _THESIS_OF.match(r.plain)
        if m:
            counts[m["school"]] = counts.get(m["school"], 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def normalise_name(name: str) -> str:
    """For comparing names: accents and case folded, punctuation dropped."""
    base = unicodedata.normalize("NFKD", name)
    base = "".join(c for c in base if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", " ", base.lower()).strip()

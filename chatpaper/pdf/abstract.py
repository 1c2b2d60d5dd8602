"""The abstract: labelled ("Abstract", run-in "Abstract—", "摘要") or the first paragraphs after the author block.

Works on text rows (``Line``) in reading order. The abstract ends at the next heading, at a keywords-like line
(Index Terms, Keywords, CCS Concepts, JEL, ACM Reference Format, 关键词), at a table-of-contents row, at a copyright
mark, or at a row set smaller than the abstract itself (a footnote). It cannot tell an unlabelled abstract from an
introduction that starts without a heading, and it does not follow an abstract that continues on a later page
after a float.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatpaper.pdf.lines import Line
from chatpaper.text import join_lines

# An unlabelled abstract is looked for on this many pages after the front matter ...
ABSTRACT_PAGES = 2
# ... a labelled one on more (theses put a cover, a declaration and a title page first).
LABELLED_ABSTRACT_PAGES = 6
# An abstract is at least this long ...
MIN_ABSTRACT_CHARS = 80
# ... and no longer than this (a longer run means the end was missed).
MAX_ABSTRACT_CHARS = 4000
# A row smaller than the abstract's own size by more than this many points is a footnote, not abstract text.
FOOTNOTE_DROP_PT = 0.6
# A row larger than the abstract by more than this many points is body text or a heading: the abstract is over.
BODY_RISE_PT = 0.6
# The last row of a paragraph ends at least this many font sizes short of the column's right edge.
PARAGRAPH_END_EM = 2.0
# A paper is Chinese when at least this share of the letters of its first CJK_SAMPLE_ROWS rows after the front
# matter are CJK characters (an English abstract and title in a Chinese journal stay a minority).
CJK_SHARE = 0.3
CJK_SAMPLE_ROWS = 80
# A drop cap is a first letter set at least this many times larger than the text it starts.
DROP_CAP_RATIO = 1.5
# A label glued to its text without a delimiter is followed by a sentence of at least this many words on its row.
GLUED_LABEL_MIN_WORDS = 6
# Below a finished sentence, empty space taller than this many font sizes in the same column ends the abstract: a
# paragraph break is at most one blank line (about 1.4 sizes between the rows' boxes); two and more set a note apart.
ABSTRACT_GAP_EM = 2.5

_LABEL = re.compile(
    r"^\s*(a\s?b\s?s\s?t\s?r\s?a\s?c\s?t|摘\s*要|(?P<summary>summary)|"
    # The label in the languages journals print abstracts in (a run-in label keeps its delimiter rule).
    r"anotacija|résumé|resumen|resumo|riassunto|sommario|zusammenfassung|samenvatting|streszczenie|abstrakt|"
    r"аннотация|резюме|özet|tiivistelmä|sammanfattning|sammendrag|resumé)\s*(?P<sep>[.:：—–\-−―‒]?)\s*"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
# Lines that follow an abstract and are not part of it (labels need their delimiter: "keywords" is also a word).
_STOP = re.compile(
    r"^\s*(index\s+terms|key\s*-?\s*words?|additional\s+key\s+words|ccs\s+concepts|jel\b|jel\s+(classification|codes)|"
    r"acm\s+reference\s+format|(cr\s+)?categories\s+and\s+subject\s+descriptors|general\s+terms|subjects?|"
    r"mathematics\s+subject\s+classification|msc\s*(2020|2010)?|pacs|highlights|graphical\s+abstract|"
    r"key\s+words)\s*([:：—–\-.]|$)|^\s*(关\s*键\s*词|关键字|中图(法)?分类号)"
    r"|^\s*(contents|table\s+of\s+contents)\s*$"
    r"|^\s*(\*|∗|†)?\s*(corresponding\s+author|equal\s+contribution|these\s+authors)",
    re.IGNORECASE,
)
# A label in the margin column, the text beside it after a wide gap (a tab in the row): "Abstract\tWe present ...".
_SIDE_LABEL = re.compile(r"^\s*(abstract|summary)\t", re.IGNORECASE)
# A keywords label without a delimiter, set apart by a gap or followed by the first capitalised term (Springer:
# "Keywords Routing · Experts").
_BARE_KEYWORDS = re.compile(r"^\s*(?i:key\s*-?\s*words?|index\s+terms)(\t|\s+(?=[A-Z\u4e00-\u9fff]))")
_COPYRIGHT = re.compile(r"©|⃝c|\(c\)\s*\d{4}|copyright\s+(©\s*)?\d{4}", re.IGNORECASE)
_TOC_ROW = re.compile(r"(\.\s?){4,}\s*\d*\s*$|\t\d+\s*$")
_INTRO = re.compile(r"^\s*((\d{1,2}|[IVX]{1,4})\.?\s+)?(introduction|引\s*言|绪\s*论)\s*$", re.IGNORECASE)
# A footnote marker glued after a word's closing punctuation ("S2ORC,1 a"; "affected.1").
_FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_][.,;:)])\d{1,2}(?=\s|$)|(?<=[^\W\d_]{3})[*∗†‡§¶]+(?=[\s.,;:]|$)")


def label_rest(line: Line, summary: bool = False) -> str | None:
    """The text after an "Abstract" label on this row ('' for a heading on its own), or None when not a label.

    A run-in label needs its delimiter ("Abstract—We ..."); "Abstract" followed by a word is prose, unless the row
    starts a block on the title page and the label is followed by a capitalised sentence ("Abstract Single-neuron
    gene expression studies may be ...": a label set in another colour or weight with no delimiter). "Summary" is a
    label only when ``summary`` (on the title page: later it is a closing section)."""
    m = _LABEL.match(line.plain)
    if not m or (m["summary"] and not summary):
        return None
    if (
        m["rest"]
        and not m["sep"]
        and not line.plain.lstrip().startswith("摘")
        and not _SIDE_LABEL.match(line.text)
        and not (summary and line.first_in_block and not m["summary"] and _starts_sentence(m["rest"]))
    ):
        return None
    return m["rest"]


def _starts_sentence(text: str) -> bool:
    """Whether ``text`` reads as the start of a sentence: a capitalised first word, then mostly lower-case words."""
    words = text.split()
    return (
        len(words) >= GLUED_LABEL_MIN_WORDS
        and words[0][:1].isupper()
        and sum(w[:1].islower() for w in words[1:]) * 3 >= 2 * (len(words) - 1)
    )


def is_stop_row(text: str, printed: str = "") -> bool:
    """Whether a row ends an abstract; ``printed`` is the row with its wide gaps as tabs ("Key words\tcomputing")."""
    return bool(
        _STOP.match(text) or _BARE_KEYWORDS.match(printed or text) or _TOC_ROW.search(text) or _INTRO.match(text)
    )


def drop_footnote_marks(text: str) -> str:
    return _FOOTNOTE_MARK.sub("", text)


def _join_drop_cap(rows: list[Line]) -> list[str]:
    """Texts of the rows with a drop cap (one big letter on its own row) glued to the row it starts."""
    texts = [r.plain for r in rows]
    for k, r in enumerate(rows[:3]):
        letters = r.plain.strip()
        others = [o for o in rows if o is not r]
        if not (1 <= len(letters) <= 2 and letters.isalpha() and letters[:1].isupper() and others):
            continue
        if r.size < DROP_CAP_RATIO * min(o.size for o in others[:3]):
            continue
        # The row it starts: the first other row beside the letter (to its right, overlapping it vertically).
        beside = [
            j
            for j, o in enumerate(rows)
            if o is not r and o.bbox[0] >= r.bbox[2] - 1 and o.bbox[1] < r.bbox[3] and o.bbox[3] > r.bbox[1]
        ]
        if not beside:
            continue
        j = beside[0]
        texts[j] = letters + texts[j].lstrip()
        texts[k] = ""
        break
    return [t for t in texts if t]


def collect(lines: Sequence[Line], start: int, stop_at: set[int], first_text: str = "") -> str:
    """Abstract text from ``lines[start:]`` (plus ``first_text`` from a run-in label) up to its end.

    Rows smaller than the abstract (footnotes under the first column) are skipped, not an end: the abstract may
    continue in the next column or on the next page. A larger row ends it (journals set the abstract smaller than
    the body); an abstract set like the body runs to the next heading."""
    rows: list[Line] = []
    size = None
    chars = len(first_text)
    for i in range(start, len(lines)):
        ln = lines[i]
        text = ln.plain.strip()
        if chars > MAX_ABSTRACT_CHARS:
            rows = _first_paragraph(rows)  # the end was missed: an abstract is rarely more than one paragraph
            break
        if i in stop_at or is_stop_row(text, ln.text):
            break
        if not rows and not first_text.strip() and label_rest(ln) == "":
            continue  # the label repeated (a running header, then the heading)
        if size is None and len(text) > 3:
            size = ln.size
        if size is not None and ln.size < size - FOOTNOTE_DROP_PT:
            continue
        if size is not None and ln.size > size + BODY_RISE_PT and len(text) > 2:
            break  # body text set larger than the abstract (a drop cap is one or two letters)
        if rows and (_set_apart(rows[-1], ln) or _new_face_paragraph(rows[-1], ln)):
            break
        cut = _COPYRIGHT.search(text)
        if cut:
            if cut.start() > 0:
                rows.append(_with_text(ln, text[: cut.start()]))
            break
        rows.append(ln)
        chars += len(text)
    texts = ([first_text] if first_text.strip() else []) + _join_drop_cap(rows)
    return drop_footnote_marks(join_lines(texts)).strip()


def _new_face_paragraph(last: Line, row: Line) -> bool:
    """Whether ``row`` starts a paragraph set in another face than the abstract's ``last`` row, after a finished
    sentence: keywords, a dedication or a note printed in italics (or roman under an italic abstract) in a language
    whose labels are not known."""
    return (
        row.first_in_block
        and row.block != last.block
        and bool(row.font and last.font)
        and row.font != last.font
        and last.plain.rstrip().endswith((".", "。", "!", "?"))
    )


def _set_apart(last: Line, row: Line) -> bool:
    """Whether ``row`` is set apart from the abstract's ``last`` row: same page and column, below it after more than
    ``ABSTRACT_GAP_EM`` sizes of empty space, and ``last`` finished a sentence (an author's note, a dedication or a
    funding line after blank lines). A row in the next column or on the next page starts higher or elsewhere and is
    not judged."""
    if row.page != last.page or row.bbox[0] >= last.bbox[2] or row.bbox[2] <= last.bbox[0]:
        return False
    gap = row.bbox[1] - last.bbox[3]
    return gap > ABSTRACT_GAP_EM * max(last.size, 1.0) and last.plain.rstrip().endswith((".", "。", "!", "?"))


def _first_paragraph(rows: list[Line]) -> list[Line]:
    """Rows up to the first paragraph end: a row ending a sentence that stops well short of the column's right edge."""
    if not rows:
        return rows
    right = sorted(r.bbox[2] for r in rows)[len(rows) // 2]
    for k, r in enumerate(rows):
        if r.plain.rstrip().endswith((".", "。", "!", "?")) and r.bbox[2] < right - PARAGRAPH_END_EM * r.size:
            return rows[: k + 1]
    return rows


def _mostly_cjk(rows: Sequence[Line]) -> bool:
    text = "".join(r.plain for r in rows)
    letters = sum(c.isalpha() for c in text)
    return letters > 0 and sum("\u4e00" <= c <= "\u9fff" for c in text) >= CJK_SHARE * letters


def _with_text(line: Line, text: str) -> Line:
    return Line(text, line.size, line.bold, line.bbox, line.page, line.block, line.first_in_block)


def find_abstract(lines: Sequence[Line], heading_rows: set[int], start: int) -> tuple[str, int | None]:
    """The abstract and the row index it starts at (None when there is no abstract).

    Looks for a label first (rows from ``start - 1`` so a label right after the author block is seen), then
    takes the text between the author block (``start``) and the first heading as an unlabelled abstract."""
    first_page = lines[start].page if start < len(lines) else 0
    labels: list[tuple[int, str]] = []
    for i in range(max(0, start - 1), len(lines)):
        if lines[i].page >= first_page + LABELLED_ABSTRACT_PAGES:
            break
        rest = label_rest(lines[i], summary=lines[i].page == first_page)
        if rest is not None:
            labels.append((i, rest))
    if _mostly_cjk(lines[start : start + CJK_SAMPLE_ROWS]):
        # A Chinese paper prints an English abstract too, before or after its own: 摘要 is the paper's abstract.
        labels.sort(key=lambda lab: not lines[lab[0]].plain.lstrip().startswith("摘"))
    for i, rest in labels:
        text = collect(lines, i + 1, heading_rows, rest)
        if len(text) >= MIN_ABSTRACT_CHARS // 2:
            return text, i
    first_head = min((h for h in heading_rows if h >= start), default=len(lines))
    k = start
    while k < first_head and (is_stop_row(lines[k].plain) or not any(c.isalpha() for c in lines[k].plain)):
        k += 1
    if k >= first_head or lines[k].page >= first_page + ABSTRACT_PAGES:
        return "", None
    text = collect(lines, k, heading_rows | {first_head})
    if MIN_ABSTRACT_CHARS <= len(text) <= MAX_ABSTRACT_CHARS:
        return text, k
    return "", None

"""Paper-wide clean-up of text rows: decisions that need the whole paper, such as its own vocabulary.

Line-end hyphens are ambiguous in print: "recog-" + "nition" is one word split by the typesetter, "image-" +
"based" is a compound whose hyphen happened to fall at the line end. The paper itself usually says which: the
same word appears elsewhere mid-line, joined ("recognition") or hyphenated ("image-based"). Without that evidence
a default decides (``keeps_hyphen``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from chatpaper.pdf.lines import Line, drop_page_furniture
from chatpaper.text import HARD_HYPHEN

# Without evidence from the paper, a hyphen is kept when both parts are words the paper uses on their own and the
# first has at least this many letters: short first parts ("re-", "in-", "de-") are usually split syllables.
MIN_COMPOUND_PART = 3
# Rows further apart in font size than this are not one paragraph (a body line does not continue in a footnote).
SAME_TEXT_SIZE_PT = 0.6
# Rows of another size (footnotes, figure labels) that may sit between a row and its continuation.
MAX_INTERRUPTION = 8
# Word endings that are not words of their own, though some are spelt like words ("able", "wise").
_SUFFIXES = frozenset(
    {
        "able",
        "ible",
        "ing",
        "ings",
        "ment",
        "ments",
        "ness",
        "tion",
        "tions",
        "sion",
        "sions",
        "ity",
        "ities",
        "ize",
        "ized",
        "izes",
        "ise",
        "ised",
        "ly",
        "ful",
        "less",
        "ward",
        "wards",
        "wise",
        "ous",
        "ive",
        "ives",
        "ance",
        "ence",
        "ship",
        "er",
        "ers",
        "ed",
        "est",
        "al",
        "ate",
    }
)

# Particles that make closed compounds ("moreover", "sometimes", "overall", "whereas") far more often than
# hyphenated ones.
_CLOSED_FIRST = frozenset(
    {
        "more",
        "over",
        "under",
        "some",
        "any",
        "every",
        "where",
        "there",
        "here",
        "with",
        "when",
        "what",
        "how",
        "who",
        "out",
        "through",
        "them",
        "him",
        "her",
        "it",
        "your",
    }
)
# Prefixes that English keeps hyphenated ("self-supervised", "cross-entropy", "pseudo-label").
_HYPHEN_PREFIXES = frozenset({"self", "cross", "half", "quasi", "pseudo"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A row ending in a word (possibly itself hyphenated, "state-of-the-") and a hyphen.
_TAIL = re.compile(r"(?<![\w-])([^\W\d_]+(?:-[^\W\d_]+)*)-$")
# A row starting with the lower-case rest of a word.
_HEAD = re.compile(r"^([a-z\u00df-\u00ff][^\W\d_]*)")


def mid_line_words(rows: Iterable[str]) -> Counter[str]:
    """Lower-cased words (hyphenated compounds as one word) that are neither the first nor the last word of
    their row: the paper's vocabulary untouched by line breaks."""
    words: Counter[str] = Counter()
    for row in rows:
        words.update(_WORD.findall(row.lower())[1:-1])
    return words


def keeps_hyphen(head: str, tail: str, vocabulary: Counter[str]) -> bool:
    """Whether the line-end hyphen of ``head``-/``tail`` belongs to the word.

    The paper's own use decides: the joined or hyphenated form seen more often mid-line. Without evidence the
    hyphen is kept after an acronym ("NP-") or a prefix English keeps hyphenated ("self-"); dropped when ``tail``
    is a word ending ("-tion") or the last part of ``head`` is a particle that forms closed compounds ("more-over",
    "some-times"); kept after a compound ("state-of-the-") unless both its last part and ``tail`` are fragments
    ("delta-distrib-uted"); kept when both parts are words the paper uses alone (``MIN_COMPOUND_PART``); dropped
    otherwise. Cannot: tell a compound whose parts the paper never uses
    alone from a split word, or rejoin a split whose halves both happen to be words the paper uses."""
    h, t = head.lower(), tail.lower()
    joined, hyphenated = vocabulary[h + t], vocabulary[f"{h}-{t}"]
    if joined != hyphenated:
        return hyphenated > joined
    last = h.rsplit("-", 1)[-1]
    if head[-1].isupper() or last in _HYPHEN_PREFIXES:
        return True  # an acronym ("NP-complete") is never a split syllable
    if t in _SUFFIXES or last in _CLOSED_FIRST:
        return False
    if "-" in h:
        return vocabulary[last] > 0 or vocabulary[t] > 0
    return len(h) >= MIN_COMPOUND_PART and vocabulary[h] > 0 and vocabulary[t] > 0


def _continues(row: Line, nxt: Line) -> bool:
    return abs(row.size - nxt.size) <= SAME_TEXT_SIZE_PT and nxt.page - row.page <= 1


def _continuation(lines: list[Line], i: int) -> int | None:
    """Index of the row that continues row ``i``'s text: the next row in its size, skipping up to
    ``MAX_INTERRUPTION`` rows of another size (a footnote or a float's labels drawn in between)."""
    for j in range(i + 1, min(len(lines), i + 2 + MAX_INTERRUPTION)):
        if _continues(lines[i], lines[j]):
            return j
    return None


def resolve_line_end_hyphens(lines: list[Line]) -> list[Line]:
    """Mark each line-end hyphen followed by a lower-case word as part of the word (``HARD_HYPHEN``) or as a
    split (left as "-", which ``join_lines`` joins). Where the word continues in another text block (a column or
    page break, or after a footnote drawn in between), the continuation is moved up onto the row so that the word
    is whole in one paragraph."""
    vocabulary = mid_line_words(ln.plain for ln in lines)
    out = list(lines)
    for i in range(len(out) - 1):
        row = out[i]
        if not row.plain.endswith("-"):
            continue
        tail = _TAIL.search(row.plain)
        j = _continuation(out, i) if tail else None
        if tail is None or j is None:
            continue
        nxt = out[j]
        head = _HEAD.match(nxt.plain)
        if not head:
            continue
        keep = keeps_hyphen(tail[1], head[1], vocabulary)
        if j == i + 1 and (row.page, row.block) == (nxt.page, nxt.block):
            if keep:
                out[i] = replace(row, prose=row.plain[:-1] + HARD_HYPHEN)
            continue
        rest = nxt.plain[len(head[1]) :].lstrip()
        if not rest:
            continue  # the next row is only the fragment: leave both rows as they are
        out[i] = replace(row, prose=row.plain[:-1] + ("-" if keep else "") + head[1])
        out[j] = replace(nxt, prose=rest)
    return out


def clean_lines(lines: list[Line], page_heights: dict[int, float]) -> list[Line]:
    """The rows of a paper's body text: page furniture dropped, line-end hyphens decided."""
    return resolve_line_end_hyphens(drop_page_furniture(lines, page_heights))

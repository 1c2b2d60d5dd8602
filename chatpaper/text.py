"""Pure text helpers: cleaning PDF text, sentences, token estimates."""

from __future__ import annotations

import re
import unicodedata

# U+F001/U+F002 are the fi/fl ligatures of Adobe's private-use encoding, common in older PDFs: expand them before
# private-use characters are dropped. Unicode hyphens become ASCII so that line-end hyphen rules see one character.
_LIGATURES = str.maketrans(
    {
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬀ": "ff",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
        "\uf001": "fi",
        "\uf002": "fl",
        "\u2010": "-",
        "\u2011": "-",
        "\u200b": "",
        "\ufeff": "",
    }
)
# A soft hyphen marks where a word may break: at a line end it is the break (kept as "-" for the hyphen rules),
# anywhere else it is invisible.
_SOFT_HYPHEN = "\u00ad"
# TeX's OT1 text fonts have the ff, fi, fl, ffi and ffl ligatures at codes 0x0B-0x0F; fonts embedded without a
# Unicode map give those codes as control characters ("di\x0berences"). Next to a letter they are the ligature.
_OT1_LIGATURE = re.compile(r"(?<=[^\W\d_])[\x0b-\x0f]|[\x0b-\x0f](?=[a-z])")
_OT1_TEXT = dict(zip("\x0b\x0c\x0d\x0e\x0f", ("ff", "fi", "fl", "ffi", "ffl"), strict=True))
# A line-end hyphen that is part of the word ("image‐" + "based"): ``join_lines`` keeps it and adds no space.
HARD_HYPHEN = "\u2010"
# Below this share of meaningful characters a text is glyph soup (a font without a usable Unicode map) ...
MEANINGFUL_SHARE = 0.5
# ... and so it is below this share of word-like tokens: a font mapped to the wrong but valid characters gives
# "kKẁL n}J vT^". Real pages, tables and code included, stay above 0.55; such soup is near 0.3.
WORD_LIKE_SHARE = 0.5
# Fewer tokens than this say nothing about word-likeness (a page number, a lone label).
MIN_TOKENS_TO_JUDGE = 20
# A number may carry a sign, a spread or a range ("−0.5", "0.722±0.059", "3×10", "12–15"): table pages are mostly these.
_NUMBER = r"[-+−±]?\d[\d.,]*%?(?:[-–±×/:][-+−]?\d[\d.,]*%?)*"
_WORD_LIKE = re.compile(r"^[(\[\"'“‘]?([^\W\d_]+(?:[-'’][^\W\d_]+)*|[\d.,%]+|" + _NUMBER + r")[)\]\"'”’.,;:!?]*$")
# LaTeX PDFs often set an accent as a separate spacing character before its letter ("G¨olge", "Bi´nkowski").
_SPACING_ACCENTS = {
    "¨": "\u0308",
    "´": "\u0301",
    "`": "\u0300",
    "ˆ": "\u0302",
    "˜": "\u0303",
    "˚": "\u030a",
    "˛": "\u0328",
    "¸": "\u0327",
    "ˇ": "\u030c",
    "˘": "\u0306",
    "˙": "\u0307",
    "˝": "\u030b",
}
# "ı" is the dotless i that TeX puts under an accent ("´ı" -> "í").
_ACCENT_BEFORE = re.compile("([" + "".join(_SPACING_ACCENTS) + r"])\s?([A-Za-zı])")
_ANY_ACCENT = re.compile("[" + "".join(_SPACING_ACCENTS) + "]")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def fix_accents(text: str) -> str:
    """Compose spacing accents with the letter after them: 'G¨olge' -> 'Gölge', 'J˛edrzej' -> 'Jędrzej'."""
    if not _ANY_ACCENT.search(text):  # most text: one scan (clean() runs on every row of every page)
        return text
    out = _ACCENT_BEFORE.sub(lambda m: m[2].replace("ı", "i") + _SPACING_ACCENTS[m[1]], text)
    return unicodedata.normalize("NFC", out)


def is_meaningless(ch: str) -> bool:
    """Characters that carry no text: private use, unassigned, surrogates, U+FFFD and control characters
    (whitespace controls excepted). Private-use glyphs may well be meaningful to the font; we cannot know what."""
    if ch.isascii():
        return ch < " " and ch not in "\t\n\r" or ch == "\x7f"
    return ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn", "Cs", "Cc")


def drop_meaningless(text: str) -> str:
    if text.isprintable() and "\ufffd" not in text:  # isprintable: False for the others (and for tabs)
        return text
    return "".join(ch for ch in text if not is_meaningless(ch))


def meaningful_share(text: str) -> float:
    """Share of the non-space characters that mean something (1.0 for empty text)."""
    if "".join(text.split()).isprintable() and "\ufffd" not in text:  # fast path: no control, private or unassigned
        return 1.0
    chars = [ch for ch in text if not ch.isspace()]
    return 1.0 if not chars else sum(not is_meaningless(ch) for ch in chars) / len(chars)


def word_like_share(text: str) -> float:
    """Share of whitespace-separated tokens that look like words or numbers (CJK runs count as words)."""
    tokens = text.split()
    if not tokens:
        return 1.0
    return sum(1 for t in tokens if _WORD_LIKE.match(t) or _CJK.search(t)) / len(tokens)


def text_has_meaning(text: str) -> bool:
    """False for glyph soup, as PDFs with Type3 or custom-encoded fonts give: text whose characters are mostly
    private-use, unassigned or U+FFFD, or (with ``MIN_TOKENS_TO_JUDGE`` tokens or more) whose tokens mostly do not
    look like words. Cannot recognise a wrong mapping that still spells word-like tokens (a letter substitution),
    nor judge a short text."""
    if meaningful_share(text) < MEANINGFUL_SHARE:
        return False
    return len(text.split()) < MIN_TOKENS_TO_JUDGE or word_like_share(text) >= WORD_LIKE_SHARE


def clean(text: str) -> str:
    """Ligatures out, accents composed, meaningless characters dropped, whitespace folded to single spaces."""
    if _SOFT_HYPHEN in text:
        text = text.rstrip()
        text = (text[:-1] + "-" if text.endswith(_SOFT_HYPHEN) else text).replace(_SOFT_HYPHEN, "")
    if not text.isprintable():
        text = _OT1_LIGATURE.sub(lambda m: _OT1_TEXT[m[0]], text)
    return " ".join(fix_accents(drop_meaningless(text.translate(_LIGATURES))).split())


def join_lines(lines: list[str]) -> str:
    """Join wrapped PDF lines into running text, undoing end-of-line hyphenation ('learn-' + 'ing').

    A line ending in ``HARD_HYPHEN`` keeps its hyphen ('image‐' + 'based' -> 'image-based'), as does one whose
    next line starts with a capital or digit ('COVID-' + '19'). Whether a lower-case continuation is a split word
    or a compound is decided upstream (``chatpaper.pdf.cleanup``); without that decision it is rejoined."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith(HARD_HYPHEN):
            out = out[:-1] + "-" + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out[:-1] + line
        elif (
            out.endswith("-")
            and len(out) > 1
            and out[-2].isalnum()
            and line[:1].isalnum()
            or out.endswith(("://", "/"))
            or (out.endswith(":") and line.startswith("//"))
            or _CJK.match(out[-1])
            and _CJK.match(line[0])
        ):
            out += line
        else:
            out += " " + line
    return out.replace(HARD_HYPHEN, "-")


def estimate_tokens(text: str) -> int:
    """Cheap token estimate: ~4 characters per token for Latin text, one per CJK character."""
    cjk = len(_CJK.findall(text))
    return cjk + (len(text) - cjk + 3) // 4


def clip_to_tokens(text: str, budget: int) -> str:
    """The longest prefix of ``text`` within ``budget`` estimated tokens, cut at a sentence or word end."""
    if estimate_tokens(text) <= budget:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if estimate_tokens(text[:mid]) <= budget:
            lo = mid
        else:
            hi = mid - 1
    cut = text[:lo]
    for sep in (". ", "。", "\n", " "):
        pos = cut.rfind(sep)
        if pos > lo * 0.8:
            return cut[: pos + len(sep)].rstrip()
    return cut


_ABBREV = (
    "e.g.",
    "i.e.",
    "et al.",
    "etc.",
    "fig.",
    "figs.",
    "eq.",
    "eqs.",
    "sec.",
    "tab.",
    "vs.",
    "cf.",
    "resp.",
    "approx.",
    "no.",
    "dr.",
    "mr.",
    "ms.",
    "prof.",
    "ref.",
    "refs.",
    "vol.",
    "pp.",
    "al.",
)
_SENT_END = re.compile(r"(?<=[.!?。！？])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9\u4e00-\u9fff])|(?<=[。！？])")


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences, keeping abbreviations like 'e.g.' and 'et al.' intact."""
    pieces = [p.strip() for p in _SENT_END.split(text) if p and p.strip()]
    out: list[str] = []
    for piece in pieces:
        if out and (out[-1].lower().endswith(_ABBREV) or re.search(r"\b[A-Z]\.$", out[-1])):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out

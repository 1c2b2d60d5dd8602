"""Pure text helpers: cleaning PDF text, sentences, token estimates."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                            "\u00ad": "", "\u200b": "", "\ufeff": ""})
# LaTeX PDFs often set an accent as a separate spacing character before its letter ("G¨olge", "Bi´nkowski").
_SPACING_ACCENTS = {"¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "˜": "\u0303", "˚": "\u030a",
                    "˛": "\u0328", "¸": "\u0327", "ˇ": "\u030c", "˘": "\u0306", "˙": "\u0307", "˝": "\u030b"}
_ACCENT_BEFORE = re.compile("([" + "".join(_SPACING_ACCENTS) + r"])\s?([A-Za-z])")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def fix_accents(text: str) -> str:
    """Compose spacing accents with the letter after them: 'G¨olge' -> 'Gölge', 'J˛edrzej' -> 'Jędrzej'."""
    if not any(ch in text for ch in _SPACING_ACCENTS):
        return text
    out = _ACCENT_BEFORE.sub(lambda m: m[2] + _SPACING_ACCENTS[m[1]], text)
    return unicodedata.normalize("NFC", out)


def clean(text: str) -> str:
    """Ligatures out, accents composed, whitespace folded to single spaces."""
    return " ".join(fix_accents(text.translate(_LIGATURES)).split())


def join_lines(lines: list[str]) -> str:
    """Join wrapped PDF lines into running text, undoing end-of-line hyphenation ('learn-' + 'ing')."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and line[:1].islower() and len(out) > 1 and out[-2].isalpha():
            out = out[:-1] + line
        elif out.endswith(("://", "/")) or (out.endswith(":") and line.startswith("//")):
            out += line
        elif _CJK.match(out[-1]) and _CJK.match(line[0]):
            out += line
        else:
            out += " " + line
    return out


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


_ABBREV = ("e.g.", "i.e.", "et al.", "etc.", "fig.", "figs.", "eq.", "eqs.", "sec.", "tab.", "vs.", "cf.",
           "resp.", "approx.", "no.", "dr.", "mr.", "ms.", "prof.", "ref.", "refs.", "vol.", "pp.", "al.")
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

"""Characters of TeX math fonts that a known broken Unicode mapping turned into pictographs.

TeX's Computer Modern math fonts put Greek letters and relations at the control-code positions 0x00–0x1F
(CMMI: α at 0x0B, θ at 0x12, π at 0x19; CMSY: × at 0x02, ∼ at 0x18) and symbols at ASCII positions (CMSY: ∈ at
0x32, √ at 0x70). PDFs rewritten by some tools (notably macOS Quartz) map those codes as if they were text: the
control codes become the pictographs an old Mac system font drew there ("⇡" for 0x19, "✓" for 0x12, "↵" for 0x0B)
and the ASCII positions become their ASCII characters ("s 2 S" for s ∈ S). The font name says which encoding
the code came from, so the repair is exact for the positions listed here.

What it cannot do: repair fonts renamed on embedding (no "CMMI"/"CMSY" in the name), or positions not listed
(their pictographs are left as they are).
"""

from __future__ import annotations

import re
from functools import lru_cache

_CMMI = re.compile(r"(^|\+)CMMI\d", re.IGNORECASE)
_CMSY = re.compile(r"(^|\+)CMSY\d", re.IGNORECASE)
# Pictograph -> the CMMI (math italic) glyph at the same code.
_CMMI_FIX = str.maketrans(
    {"↵": "α", "✏": "ε", "⌘": "η", "✓": "θ", "◆": "ι", "⇠": "ξ", "⇡": "π", "⇢": "ρ", "⇣": "σ", "⌧": "τ"}
)
# Pictograph or ASCII character -> the CMSY (math symbol) glyph at the same code.
_CMSY_FIX = str.maketrans(
    {
        "⇥": "×",
        "⇤": "∗",
        "⌘": "≡",
        "✓": "⊆",
        "◆": "⊇",
        "⇠": "∼",
        "⇢": "⊂",
        "⇣": "⊃",
        "0": "′",
        "1": "∞",
        "2": "∈",
        "3": "∋",
        "8": "∀",
        "9": "∃",
        "p": "√",
    }
)


# In TeX text fonts (OT1) 0x0B is the "ff" ligature: the same broken mapping prints "e↵ective".
_OT1_FF = re.compile(r"(?<=[^\W\d_])↵|↵(?=[a-z])")


@lru_cache(maxsize=512)
def _repair_table(font: str) -> dict[int, str] | None:
    return _CMMI_FIX if _CMMI.search(font) else _CMSY_FIX if _CMSY.search(font) else None


def repair_math_glyphs(text: str, font: str) -> str:
    """The span's text with the broken positions of a TeX math font (by ``font`` name) put back, and the "ff"
    ligature of a text font that the same mapping printed as "↵" inside a word."""
    table = _repair_table(font)
    if table is not None:
        return text.translate(table)
    return _OT1_FF.sub("ff", text) if "↵" in text else text

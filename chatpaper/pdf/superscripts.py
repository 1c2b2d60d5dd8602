"""Superscripts in a text row: exponents kept as exponents, footnote markers kept off the words they touch.

PDF text has no superscript markup: a raised, smaller run of glyphs is just a span with another size and
baseline. Read flat, "5×10^5" becomes "5×105", "recognition^1" becomes "recognition1" and "a score of 3^15"
(3, footnote 15) becomes "315". The rules here use typography conventions only:

- a superscript after the number base 10, after a single letter or Greek letter (a variable), after a short token
  set in a math font ("dτ"), after a unit symbol, or one that starts with a sign is an exponent: written with
  Unicode superscripts ("10⁵", "x²", "m⁻¹") or, when there is none for a character, as "^x";
- "st", "nd", "rd", "th" after a digit is an ordinal and stays glued ("2nd"), as does a residue number after an
  amino-acid code ("Tyr369") and a sign-free symbol that is not a footnote mark (degrees "◦", primes);
- a superscript made only of signs is a charge or exponent ("[M+H]⁺"); digits before an element symbol that stands
  alone are an isotope number ("¹H NMR");
- any other superscript after a word, a number or punctuation is a footnote or affiliation marker and is dropped
  from the prose;
- a star, dagger or prime after a variable stays ("P∗"), as does a bracketed citation ("[12]");
- a superscript at the start of a row (a footnote's own label) or after a space is kept as printed.

What it cannot do: "2^10" (a power of a number other than 10) reads as "2" with footnote 10, "(a+b)^2" loses
its exponent unless the bracket is set in a math font, and a footnote marker after a one-letter word ("a^1") reads
as an exponent.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A span at most this share of the row's size ...
SUP_SIZE_RATIO = 0.9
# ... whose baseline sits at least this many (row) font sizes above the row's baseline is a superscript.
SUP_RISE_EM = 0.15

_HAS_SUPERSCRIPT = "0123456789+-−=()niT"
_SUPERSCRIPT = str.maketrans(_HAS_SUPERSCRIPT, "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵀ")
_ORDINAL = re.compile(r"st|nd|rd|th")
# Powers with a sign ("−1") and charges ("2+", "−").
_SIGNED = re.compile(r"[-−–+]\s?[\w.]+|\d*\s?[-−+]")
# An isotope number before an element symbol standing alone ("¹H NMR", "¹³C-labelled").
_ELEMENTS = frozenset(
    [
        "H",
        "He",
        "Li",
        "Be",
        "B",
        "C",
        "N",
        "O",
        "F",
        "Ne",
        "Na",
        "Mg",
        "Al",
        "Si",
        "P",
        "S",
        "Cl",
        "Ar",
        "K",
        "Ca",
        "Sc",
        "Ti",
        "V",
        "Cr",
        "Mn",
        "Fe",
        "Co",
        "Ni",
        "Cu",
        "Zn",
        "Ga",
        "Ge",
        "As",
        "Se",
        "Br",
        "Kr",
        "Rb",
        "Sr",
        "Y",
        "Zr",
        "Nb",
        "Mo",
        "Tc",
        "Ru",
        "Rh",
        "Pd",
        "Ag",
        "Cd",
        "In",
        "Sn",
        "Sb",
        "Te",
        "I",
        "Xe",
        "Cs",
        "Ba",
        "La",
        "Ce",
        "Pr",
        "Nd",
        "Pm",
        "Sm",
        "Eu",
        "Gd",
        "Tb",
        "Dy",
        "Ho",
        "Er",
        "Tm",
        "Yb",
        "Lu",
        "Hf",
        "Ta",
        "W",
        "Re",
        "Os",
        "Ir",
        "Pt",
        "Au",
        "Hg",
        "Tl",
        "Pb",
        "Bi",
        "Po",
        "At",
        "Rn",
        "Fr",
        "Ra",
        "Ac",
        "Th",
        "Pa",
        "U",
        "Np",
        "Pu",
        "Am",
        "Cm",
        "Bk",
        "Cf",
        "Es",
        "Fm",
        "Md",
        "No",
        "Lr",
    ]
)
_ELEMENT_AFTER = re.compile(r"([A-Z][a-z]?)(?![^\W\d_])")
# Marks used for footnotes and affiliations besides digits and letters.
_FOOTNOTE_MARKS = frozenset("∗*†‡§¶‖#⋆★☆⋄♮♯♭♣♠♦♥✉,")
# IUPAC three-letter amino-acid codes: biochemistry sets residue numbers after them as superscripts ("Tyr³⁶⁹"),
# written flat as "Tyr369".
AMINO_ACIDS = frozenset(
    {
        "Ala",
        "Arg",
        "Asn",
        "Asp",
        "Cys",
        "Gln",
        "Glu",
        "Gly",
        "His",
        "Ile",
        "Leu",
        "Lys",
        "Met",
        "Phe",
        "Pro",
        "Ser",
        "Thr",
        "Trp",
        "Tyr",
        "Val",
        "Sec",
        "Pyl",
    }
)
# Stars, daggers and primes after a variable are part of the formula ("P∗", "x′", "A†").
_STARS = frozenset("∗*†′″")
# A bracketed citation set as a superscript ("[12]", "[3, 5–7]").
_CITATION = re.compile(r"\[[\d,\s–-]+\]")
# Unit symbols of more than one letter that take exponents (single letters are covered by the variable rule).
_UNITS = frozenset({"cm", "mm", "km", "nm", "μm", "µm", "kg", "mg", "ml", "mL", "dm", "Hz", "kHz", "MHz", "GHz"})
# The token a superscript is attached to: a run of letters or a number, not preceded by a letter or digit ("15k"
# is a quantity, not the variable k).
# Fonts of TeX math and of the common math/symbol fonts: a token set in one is a formula, not a word.
_MATH_FONT = re.compile(r"cmmi|cmsy|cmex|math|symbol|msbm|msam|stix|mt ?extra|euler|eufm|rsfs", re.IGNORECASE)
# A token of up to this many letters in a math font takes exponents ("dτ²"); longer ones are words.
MAX_MATH_BASE = 3
_LAST_TOKEN = re.compile(r"(?<![^\W_])([^\W\d_]+|\d+(?:\.\d+)?)$")


def is_raised(span_size: float, span_baseline: float, row_size: float, row_baseline: float, flagged: bool) -> bool:
    """A span set smaller than its row and either flagged superscript by MuPDF or visibly raised."""
    smaller = span_size <= SUP_SIZE_RATIO * row_size
    raised = span_baseline < row_baseline - SUP_RISE_EM * row_size
    return smaller and (flagged or raised)


def as_exponent(sup: str) -> str:
    """'5' -> '⁵', '-3' -> '⁻³'; with a character that has no Unicode superscript: '^k', '^(2k)'."""
    sup = sup.replace(" ", "")
    if all(ch in _HAS_SUPERSCRIPT for ch in sup):
        return sup.translate(_SUPERSCRIPT)
    return "^" + sup if len(sup) == 1 or sup.startswith("(") and sup.endswith(")") else f"^({sup})"


def _is_variable(before: str, math: bool) -> bool:
    m = _LAST_TOKEN.search(before)
    if m is None:
        return False
    return not m[1][0].isdigit() and (len(m[1]) == 1 or (math and len(m[1]) <= MAX_MATH_BASE))


@lru_cache(maxsize=512)
def is_math_font(font: str) -> bool:
    return bool(_MATH_FONT.search(font))


def is_exponent(before: str, sup: str, math: bool = False) -> bool:
    """Whether superscript ``sup`` printed right after ``before`` is a power (see the module docstring); ``math``:
    the text just before is set in a math font."""
    if _SIGNED.fullmatch(sup):
        return True
    if before.endswith((")", "]")) and math:
        return re.fullmatch(r"[\w.]{1,3}", sup) is not None  # a bracketed formula set in math: "(a+b)²"
    m = _LAST_TOKEN.search(before)
    if not m:
        return False
    base = m[1]
    if base[0].isdigit():
        return base == "10" and re.fullmatch(r"[\w.]+", sup) is not None
    if not re.fullmatch(r"\(?[\w.]{1,3}\)?", sup) or sup.isalpha() and len(sup) > 1:
        return False
    return len(base) == 1 or base in _UNITS or math and len(base) <= MAX_MATH_BASE


def render_superscript(before: str, sup: str, math: bool = False, after: str = "") -> str:
    """What the prose gets for superscript ``sup`` printed right after the text ``before`` of its row and right
    before ``after`` (``math``: ``before`` ends in a math font)."""
    sup = sup.strip()
    if not sup:
        return ""
    element = _ELEMENT_AFTER.match(after)
    if sup.isdigit() and element and element[1] in _ELEMENTS:
        return as_exponent(sup)
    if _CITATION.fullmatch(sup):
        return sup  # a bracketed citation is never a power nor glued to a number
    if not before.strip():
        return sup + " " if after[:1].isalnum() else sup  # a footnote's own label
    if before[-1].isspace():
        return sup
    if set(sup) <= _STARS and _is_variable(before, math):
        return sup  # "P∗", "π∗": an optimum or a conjugate, not a footnote
    if before[-1].isdigit() and _ORDINAL.fullmatch(sup):
        return sup
    if not any(ch.isalnum() or ch in _FOOTNOTE_MARKS for ch in sup):
        return as_exponent(sup) if all(ch in "+-−" for ch in sup) else sup
    if sup.isdigit() and before[-3:] in AMINO_ACIDS and not before[-4:-3].isalpha():
        return sup
    if is_exponent(before, sup, math):
        return as_exponent(sup)
    return ""

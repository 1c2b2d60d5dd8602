"""Count text defects in what ``parse_pdf`` reads, with the PDF itself as the reference.

    python scripts/eval_text.py [--root ../shared] [--set corpus|corpus2-dev|corpus2-holdout] [--json] [--papers]

For every paper the reference is read straight from PyMuPDF (``get_text("dict")``, independent of chatpaper's own
line builder); the parsed text is the abstract plus every section's text. Defects counted per paper:

- ``hyphen_lost``: a line-end hyphen was removed although the paper prints the hyphenated form mid-line more
  often than the joined one ("image-based" elsewhere, "imagebased" produced), counted as the joined form's
  occurrences in the text beyond those the PDF prints whole;
- ``split_left``: a word split at a line end was not rejoined although the paper prints the joined word mid-line
  more often ("recog-nition" / "recog- nition" produced, "recognition" elsewhere). Splits whose forms never occur
  mid-line are not judged: the paper gives no evidence (``hyphen_unjudged`` counts them);
- ``meaningless_chars``: private-use, unassigned, replacement (U+FFFD) and control characters in the text;
- ``furniture``: occurrences, in the text, of a line that the PDF repeats in the top/bottom 15% of many pages,
  or anywhere on at least half of the pages (running headers/footers, watermarks, download stamps);
- ``sup_glued``: a superscript (span flag or raised baseline and smaller size) printed right after a letter or
  digit whose glued form ("recognition1", "315", "105") occurs in the text more often than it occurs in the PDF's
  ordinary, non-superscript text. Residue numbers after an amino-acid code ("Tyr369") are written flat by
  convention and not counted;
- ``math_pictographs``: pictographs ("⇡", "✓", "↵") in the text that the PDF prints only in TeX math fonts
  (CMMI/CMSY), where they stand for Greek letters and relations under a known broken mapping.

The reference shares the limits of its signals: a one-page stamp (repeated nowhere) is not counted as furniture,
and the hyphen counts use the same own-vocabulary evidence the clean-up rules use, so they measure whether the
rules act on the evidence, not whether the evidence is right.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# ChatPaper before PyMuPDF, as in the product: chatpaper declines pymupdf's layout module, whose import turns off
# anti-aliasing for the whole process (every crop's ink box changes); imported after pymupdf, this script would
# measure a configuration that never ships.
import chatpaper  # noqa: E402, F401, I001

# isort: split
import pymupdf  # noqa: E402

from chatpaper import ChatPaperError  # noqa: E402
from chatpaper.pdf.lines import PageText  # noqa: E402
from chatpaper.pdf.parse import open_pdf  # noqa: E402
from chatpaper.pdf.superscripts import AMINO_ACIDS  # noqa: E402
from scripts.corpus_sets import parsed, set_of  # noqa: E402

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared"
# Rules are developed on these corpus2 papers (and all of corpus) ...
DEFECTS = ("hyphen_lost", "split_left", "meaningless_chars", "furniture", "sup_glued", "math_pictographs")

# Margin band and repetition share of the reference: restated here so that the reference does not move when the
# rules do, and wider than the rules' band (running headers of reports and journals sit lower than 9%).
MARGIN_BAND = 0.15
REPEAT_SHARE = 0.3
ANYWHERE_SHARE = 0.5
# Repeated lines shorter than this are page numbers or labels; too short to find reliably in the text.
MIN_FURNITURE_CHARS = 15
# A span this much smaller than its line's largest span, with a raised baseline, is a superscript.
SUP_SIZE_RATIO = 0.85
SUP_RISE_EM = 0.15

PICTOGRAPHS = frozenset("↵⇡✓✏⌘◆⇠⇢⇣⌧⇥⇤")
_TEX_MATH_FONT = re.compile(r"(^|\+)CM(MI|SY)\d", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SPLIT_TAIL = re.compile(r"([^\W\d_]{2,})-$")
_SPLIT_HEAD = re.compile(r"^([a-z][^\W\d_]*)")


def meaningless(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat in ("Co", "Cn", "Cs") or ch == "\ufffd" or (cat == "Cc" and ch not in "\t\n\r")


@dataclass
class Reference:
    mid_words: Counter = field(default_factory=Counter)  # lower-cased words not at a line start or end
    all_words: Counter = field(default_factory=Counter)  # lower-cased words anywhere, as printed
    splits: Counter = field(default_factory=Counter)  # (prefix, suffix) of line-end hyphens
    furniture: set = field(default_factory=set)
    glued: Counter = field(default_factory=Counter)  # glued form of a superscript -> events
    plain_text: str = ""  # the PDF's text without superscripts
    math_only: set = field(default_factory=set)  # pictographs printed in TeX math fonts and nowhere else


# The parser reads page text keeping ligature glyphs ("ﬁ"); the reference counts words as letters.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def _lines_of(data: dict) -> list[list[tuple[str, dict]]]:
    """The horizontal lines of a page's ``get_text("dict")`` as lists of ``(text, span)`` for the non-empty spans,
    the text with ligatures spelled out (the parser's span dicts are shared, so they are read, never changed)."""
    out = []
    for block in data["blocks"]:
        for ln in block.get("lines", []):
            if abs(ln["dir"][1]) < 0.01:
                spans = [(s["text"].translate(_LIGATURES), s) for s in ln["spans"] if s["text"]]
                if spans:
                    out.append(spans)
    return out


def _line_base(line: list[tuple[str, dict]]) -> tuple[float, dict]:
    """The line's largest size and its base span (largest, then longest): computed once per line."""
    big = max(s["size"] for _, s in line)
    return big, max(line, key=lambda ts: (ts[1]["size"], len(ts[0])))[1]


def _is_sup(span: dict, big: float, base: dict) -> bool:
    raised = span["origin"][1] < base["origin"][1] - SUP_RISE_EM * base["size"]
    return bool(span["flags"] & 1) or (span["size"] < SUP_SIZE_RATIO * big and raised)


_DIGITS = re.compile(r"\d+")


def _signature(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def reference(doc: pymupdf.Document, texts: PageText | None = None) -> Reference:
    """What the PDF itself prints, from each page's ``get_text("dict")`` (the parser's, when ``texts`` is given:
    the dicts, not chatpaper's line builder, are the reference; PageText's only change to them is the repair of
    size-less Type3 fonts, which gives such spans their printed size and digits)."""
    texts = texts or PageText(doc)
    ref = Reference()
    plain_parts: list[str] = []
    margin_sigs: Counter = Counter()
    any_sigs: Counter = Counter()
    sig_text: dict[str, str] = {}
    prev_text = ""
    in_math, elsewhere = set(), set()
    for page in doc:
        h = page.rect.height
        seen_m, seen_a = set(), set()
        for spans in _lines_of(texts(page.number)):
            text = "".join(t for t, _ in spans)
            words = _WORD.findall(text)
            ref.mid_words.update(w.lower() for w in words[1:-1])
            split_end = len(words) - 1 if text.rstrip().endswith("-") else len(words)
            ref.all_words.update(w.lower() for w in words[:split_end])
            tail = _SPLIT_TAIL.search(prev_text.rstrip())
            head = _SPLIT_HEAD.match(text.lstrip())
            if tail and head:
                ref.splits[(tail[1].lower(), head[1].lower())] += 1
            prev_text = text
            y0 = min(s["bbox"][1] for _, s in spans)
            y1 = max(s["bbox"][3] for _, s in spans)
            sig = _signature(text)
            if len(sig) >= MIN_FURNITURE_CHARS and any(c.isalpha() for c in sig):
                sig_text.setdefault(sig, " ".join(text.split()))
                seen_a.add(sig)
                if y0 < h * MARGIN_BAND or y1 > h * (1 - MARGIN_BAND):
                    seen_m.add(sig)
            built = ""
            big, base = _line_base(spans)
            for t, s in spans:
                marks = PICTOGRAPHS.intersection(t)
                (in_math if _TEX_MATH_FONT.search(s["font"]) else elsewhere).update(marks)
                if _is_sup(s, big, base) and t.strip():
                    m = re.search(r"(\w+)$", built)
                    sup = t.strip()
                    residue = m and m[1][-3:] in AMINO_ACIDS
                    if m and not residue and re.fullmatch(r"[\d,]+", sup) and not built.endswith(" "):
                        ref.glued[m[1] + sup.rstrip(",")] += 1
                    built += " "
                else:
                    built += t
            plain_parts.append(built)
        margin_sigs.update(seen_m)
        any_sigs.update(seen_a)
    pages = doc.page_count
    if pages >= 3:
        for sigs, share in ((margin_sigs, REPEAT_SHARE), (any_sigs, ANYWHERE_SHARE)):
            ref.furniture |= {sig_text[s] for s, n in sigs.items() if n >= max(3, share * pages)}
    ref.plain_text = "\n".join(plain_parts)
    ref.math_only = in_math - elsewhere
    return ref


class _WordCounts:
    """Whole-word counts of a text, case-insensitive, made in one pass: what ``(?<!\\w)WORD(?!\\w)`` would count
    for a word of word characters, and the same for hyphenated pairs ``A-B`` / ``A- B`` (overlapping, so the pairs
    of "a-b-c" are a-b and b-c). One regex per candidate over the whole paper took most of the evaluation's time."""

    def __init__(self, text: str):
        self.words = Counter(w.lower() for w in re.findall(r"\w+", text))
        self.pairs = Counter((a.lower(), b.lower()) for a, b in re.findall(r"(?<!\w)(?=(\w+)-\s?(\w+)(?!\w))", text))


def defects(ref: Reference, text: str) -> dict[str, int]:
    out = dict.fromkeys(DEFECTS, 0)
    out["hyphen_unjudged"] = 0
    counts, printed = _WordCounts(text), _WordCounts(ref.plain_text)
    for (pre, suf), _ in ref.splits.items():
        joined, hyph = ref.mid_words[pre + suf], ref.mid_words[f"{pre}-{suf}"]
        printed_joined, printed_hyph = ref.all_words[pre + suf], ref.all_words[f"{pre}-{suf}"]
        if hyph > joined:
            out["hyphen_lost"] += max(0, counts.words[(pre + suf).lower()] - printed_joined)
        elif joined > hyph:
            out["split_left"] += max(0, counts.pairs[(pre.lower(), suf.lower())] - printed_hyph)
        else:
            out["hyphen_unjudged"] += 1
    out["meaningless_chars"] = sum(n for c, n in Counter(text).items() if meaningless(c))  # each character once
    out["math_pictographs"] = sum(text.count(c) for c in ref.math_only)
    flat = " ".join(text.split())
    out["furniture"] = sum(flat.count(line) for line in ref.furniture)
    for glued in ref.glued:
        out["sup_glued"] += max(0, counts.words[glued.lower()] - printed.words[glued.lower()])
    return out


def evaluate_paper(path: Path, doc: pymupdf.Document | None = None, texts: PageText | None = None) -> dict:
    """One paper's defect counts. A caller that has the paper open passes ``doc`` (left open) and the ``texts``
    it read, so each page's text is extracted once for every evaluation of the paper."""
    if doc is None:
        try:
            opened = open_pdf(path, name=path.name)
        except ChatPaperError as exc:
            return {"file": path.name, "error": str(exc), **dict.fromkeys(DEFECTS, 0)}
        with opened:
            return evaluate_paper(path, opened)
    t0 = time.perf_counter()
    texts = texts or PageText(doc)  # the parser's own page dicts: each page's text is extracted once for both
    try:
        paper = parsed(path, doc, texts)
    except ChatPaperError as exc:
        return {"file": path.name, "error": str(exc), **dict.fromkeys(DEFECTS, 0)}
    seconds = time.perf_counter() - t0
    ref = reference(doc, texts)
    text = "\n".join([paper.abstract] + [s.text for s in paper.sections])
    return {"file": path.name, "seconds": round(seconds, 2), **defects(ref, text)}


def evaluate(root: Path, only: str | None = None) -> dict:
    rows = []
    for corpus in ("corpus", "corpus2"):
        folder = root / corpus / "papers"
        for path in sorted(folder.glob("*.pdf")):
            name = set_of(corpus, path.name)
            if only and name != only:
                continue
            rows.append({"set": name, **evaluate_paper(path)})
    return results(rows)


def results(rows: list[dict]) -> dict:
    """Defect totals per set (and corpus2, all) from ``evaluate_paper`` rows, each with its ``set``."""
    sets: dict[str, dict[str, int]] = {}
    groups = {
        "corpus": ("corpus",),
        "corpus2-dev": ("corpus2-dev",),
        "corpus2-holdout": ("corpus2-holdout",),
        "corpus2": ("corpus2-dev", "corpus2-holdout"),
        "all": ("corpus", "corpus2-dev", "corpus2-holdout"),
    }
    for group, members in groups.items():
        chosen = [r for r in rows if r["set"] in members]
        if chosen:
            sets[group] = {k: sum(r.get(k, 0) for r in chosen) for k in DEFECTS + ("hyphen_unjudged",)}
            sets[group]["papers"] = len(chosen)
    return {"papers": rows, "sets": sets}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--set", choices=("corpus", "corpus2-dev", "corpus2-holdout"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--papers", action="store_true", help="also print one row per paper")
    args = ap.parse_args()
    if not (args.root / "corpus").is_dir():
        print(f"no corpus under {args.root}", file=sys.stderr)
        return 2
    res = evaluate(args.root, args.set)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    cols = DEFECTS + ("hyphen_unjudged",)
    if args.papers:
        print("| set | file | " + " | ".join(cols) + " |")
        for r in res["papers"]:
            print(f"| {r['set']} | {r['file']} | " + " | ".join(str(r.get(k, 0)) for k in cols) + " |")
        print()
    print("| set | papers | " + " | ".join(cols) + " |\n|" + "---|" * (len(cols) + 2))
    for name, row in res["sets"].items():
        print(f"| {name} | {row['papers']} | " + " | ".join(str(row[k]) for k in cols) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

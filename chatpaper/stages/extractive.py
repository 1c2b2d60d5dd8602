"""Pick a paper's own sentences for a digest without any model: cue phrases, position and keywords.

It quotes, it does not understand: a sentence is chosen for what it says on its surface ("we propose",
"outperforms", "however"), so a paper that never states its limitations gets none listed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from chatpaper.text import split_sentences

# Sentences shorter or longer than these are headings, fragments or run-ons.
MIN_SENTENCE = 40
MAX_SENTENCE = 420

CUES = {
    "background": r"\b(is|are|has|have) (become|been|a|an|the)\b|\bimportant\b|\bwidely\b|\brecent(ly)?\b|"
    r"\bfundamental\b|\bplays?\b|\bgrowing\b|\bkey\b",
    "problem": r"\bhowever\b|\bexisting\b|\bprevious\b|\bprior\b|\blimit(ed|ation)s?\b|\bsuffer|\bfail|"
    r"\bdrawback|\bchalleng|\black\b|\bstruggle|\bunlike\b|\bdifficult|\bexpensive|\bcostly",
    "method": r"\bwe (propose|present|introduce|develop|design|describe|build|train)\b|\bthis (paper|work) "
    r"(proposes|presents|introduces)\b|\bour (method|approach|model|framework|system)\b|\bin this "
    r"(paper|work)\b|\bbased on\b|\bconsists of\b",
    "result": r"\boutperform|\bachiev|\bstate[- ]of[- ]the[- ]art\b|\bimprov|\bresults? (show|demonstrate)|"
    r"\bexperiments? (show|demonstrate)|\bsurpass|\bbetter\b|\bcompetitive\b|\d+(\.\d+)?\s?%|\bwins?\b",
    "limitation": r"\blimitation|\bfuture work\b|\bcannot\b|\bdoes not\b|\bfails?\b|\bremains?\b|\bleave\b|"
    r"\bnot (yet|able)\b|\brestricted\b",
    "workload": r"\bdatasets?\b|\bbenchmarks?\b|\bGPUs?\b|\bhours\b|\bdays\b|\bparameters\b|\bexperiments?\b|"
    r"\bevaluat|\bhuman (evaluation|study)\b|\bablation",
    "novelty": r"\bnovel\b|\bfirst\b|\bnew\b|\bunlike\b|\binstead of\b|\bsimple\b",
}

_STOP = set(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "for",
        "to",
        "with",
        "by",
        "from",
        "as",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "we",
        "our",
        "us",
        "it",
        "its",
        "their",
        "they",
        "them",
        "which",
        "who",
        "whom",
        "whose",
        "than",
        "then",
        "there",
        "here",
        "can",
        "could",
        "may",
        "might",
        "will",
        "would",
        "should",
        "shall",
        "do",
        "does",
        "did",
        "not",
        "no",
        "yes",
        "also",
        "such",
        "via",
        "using",
        "use",
        "used",
        "based",
        "into",
        "over",
        "under",
        "between",
        "about",
        "more",
        "most",
        "less",
        "least",
        "very",
        "much",
        "many",
        "each",
        "other",
        "both",
        "all",
        "any",
        "some",
        "one",
        "two",
        "three",
        "new",
        "show",
        "shows",
        "shown",
        "paper",
        "work",
        "method",
        "methods",
        "approach",
        "results",
        "result",
        "propose",
        "proposed",
        "present",
        "presents",
        "introduce",
        "model",
        "models",
        "however",
        "while",
        "where",
        "when",
        "what",
        "how",
        "why",
        "only",
        "well",
        "able",
        "thus",
        "hence",
        "i.e",
        "e.g",
        "et",
        "al",
        "fig",
        "figure",
        "table",
        "section",
        "sec",
        "eq",
        "first",
        "second",
    ]
)


def clean_sentence(s: str) -> str:
    s = re.sub(r"\s?\[\d+(?:[,–-]\s?\d+)*\]", "", s)  # numeric citations
    return " ".join(s.split())


def sentences(text: str) -> list[str]:
    """Usable sentences: not fragments, not table rows, not captions."""
    out = []
    for s in split_sentences(text.replace("\n", " ")):
        s = clean_sentence(s)
        if not MIN_SENTENCE <= len(s) <= MAX_SENTENCE:
            continue
        letters = sum(c.isalpha() for c in s)
        if (
            letters < 0.6 * len(s)
            or re.match(r"^(fig(ure)?|table|tab)\.?\s*\d", s, re.IGNORECASE)
            or re.search(r"https?://|\b\d[A-Z][a-z]", s)
        ):  # URLs and footnote marks glued to words
            continue
        out.append(s)
    return out


def pick(cands: list[str], cue: str, n: int, exclude: set[str] | None = None, fallback: bool = True) -> list[str]:
    """Up to ``n`` sentences matching ``cue``, earliest first; without a match, the earliest ones."""
    exclude = exclude if exclude is not None else set()
    pattern = re.compile(CUES[cue], re.IGNORECASE)
    hits = [s for s in cands if s not in exclude and pattern.search(s)]
    if not hits and fallback:
        hits = [s for s in cands if s not in exclude]
    chosen = hits[:n]
    exclude.update(chosen)
    return chosen


def keywords(text: str, n: int = 5) -> list[str]:
    """Frequent terms: acronyms/CamelCase names and two-word phrases without stop words."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9\-]+", text)
    named: Counter[str] = Counter(
        w for w in words if (sum(c.isupper() for c in w) >= 2 or re.search(r"[a-z]\d|\d[a-z]", w)) and len(w) > 2
    )
    lower = [w.lower() for w in words]
    pairs: Counter[str] = Counter(
        f"{a} {b}"
        for a, b in itertools.pairwise(lower)
        if a not in _STOP and b not in _STOP and len(a) > 2 and len(b) > 2
    )
    singles: Counter[str] = Counter(w for w in lower if w not in _STOP and len(w) > 4)
    scored = (
        [(c * 2.0, w) for w, c in named.items() if c >= 2]
        + [(c * 3.0, w) for w, c in pairs.items() if c >= 2]
        + [(c * 0.5, w) for w, c in singles.items() if c >= 3]
    )
    out: list[str] = []
    for _, term in sorted(scored, key=lambda t: (-t[0], t[1])):
        if not any(term.lower() in o.lower() or o.lower() in term.lower() for o in out):
            out.append(term)
        if len(out) == n:
            break
    return out

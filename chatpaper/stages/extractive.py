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
    r"(\w+ )?(paper|work|study)\b|\bbased on\b|\bconsists of\b",
    "result": r"\boutperform|\bachiev|\bstate[- ]of[- ]the[- ]art\b|\bimprov|\bresults? (show|demonstrate)|"
    r"\bexperiments? (show|demonstrate)|\bsurpass|\bbetter\b|\bcompetitive\b|\d+(\.\d+)?\s?%|\bwins?\b",
    # A limitation the authors state: these words, not any "does not" (which also says what a method avoids).
    "limitation": r"\blimitations?\b|\b(as|in) future (work|research)\b|\bdirections? for future\b|\bfails? to\b|"
    r"\bcannot (handle|scale|generali[sz]e|capture|model|deal|be applied|guarantee|support)|\bnot (yet )?able\b|"
    r"\brestricted to\b|\bweakness|\bdrawbacks?\b|\bshortcomings?\b|\bleave\b.*\bfuture\b|\bremains? (an? )?"
    r"(open|challeng|unclear|unsolved)|\bdoes not (scale|generali[sz]e|handle|apply|work)",
    "workload": r"\b(datasets?|benchmarks?|baselines?|GPUs?|TPUs?|hours|days|epochs|participants|subjects|"
    r"ablations?|human (evaluation|study)|annotat\w+|corpus|corpora)\b",
    "novelty": r"\bnovel\b|\bfor the first time\b|\bnew (method|approach|model|framework|technique|dataset|"
    r"benchmark|paradigm|abstraction|architecture)\b|\bunlike (previous|prior|existing)\b|\binstead of\b",
    # Statements of contribution: what the paper claims as its own.
    "contribution": r"\bwe (propose|present|introduce|develop|design|argue|characteri[sz]e)\b|\bcontributions?\b|"
    r"\bnovel\b|\bfor the first time\b|\bthe first\b|\bthis (paper|work) (proposes|presents|introduces)\b",
    # The paper's own numbers: percentages, decimals, multiples, scores.
    "number": r"\d+(\.\d+)?\s?(%|×|x\b|-fold|points?\b|dB\b|BLEU|F1|AUC|mAP|FID|PSNR)|\b\d+\.\d+\b",
}
# Not the paper's argument: the venue's "space limitations", a limitation said to be absent, and signposts
# ("we discuss its weaknesses in Section 6.2") that announce a limitation without stating it.
_NOT_A_LIMITATION = re.compile(
    r"\bspace limitation|\bpage limit|\bwithout (the )?limitation|\bin this section\b|\bsections? \d|"
    r"\bwe (also )?discuss\b|\b(address|overcom|tackl|alleviat|mitigat|remov)\w*\b[^.]{0,40}\blimitations?\b|"
    r"\bexisting\b|\b(previous|prior|current|conventional) (methods|approaches|works?|systems|frameworks)\b",
    re.IGNORECASE,
)

# Lines that are not the paper's text: running headers, licence and venue stamps, watermarks, footnotes.
_NOISE = re.compile(
    r"arXiv:\s?\d{4}\.\d{4,5}|\b(published|accepted) (as|at|in) (a )?(conference|workshop|journal)|under review|"
    r"\bproceedings of\b|copyright|©|all rights reserved|authori[sz]ed licensed use|open access version|"
    r"computer vision foundation|downloaded from|permission to make digital|creative commons|\bpreprint\b|"
    r"corresponding author|equal contribution|work (done|performed) (during|while)|e-?mail|@[\w-]+\.|"
    r"^subjects\b|\bkeywords:?\s+[A-Z]",
    re.IGNORECASE,
)
# Signposts that point at other parts instead of saying something: "In this section, we discuss ...",
# "(see Sec. 2.1)", "the contribution of this work is three-fold."
_SIGNPOST = re.compile(
    r"\bin this section\b|\b(in|see) (the )?(next|following|previous)? ?sec(tion|\.)s?\s?(\d|[IVX]+\b)|\bbelow, we\b|"
    r"\bas follows\b|\b(two|three|four)-fold\.?$",
    re.IGNORECASE,
)
# A caption inside running text: "Figure 3: ...", "Table 2. ..." (a reference "in Fig. 3." does not match).
_CAPTION = re.compile(r"\b(fig(ure)?|table|tab)\.?\s*\d+\s*[:|]|^\(?[a-h]\)\s", re.IGNORECASE)


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
    s = s.replace("•", " ")  # bullets of a list run into the text
    return " ".join(s.split())


# A footnote mark glued after a full stop ("classification.1 Such models"): the sentence still ends there.
_FOOTNOTE_AFTER_STOP = re.compile(r"([a-z])\.\d{1,2}\s+(?=[A-Z])")


def sentences(text: str) -> list[str]:
    """Usable sentences: not fragments, table rows, captions, footnotes, running headers or watermarks."""
    out = []
    text = _FOOTNOTE_AFTER_STOP.sub(r"\1. ", text.replace("\n", " "))
    for s in split_sentences(text):
        s = clean_sentence(s)
        if not MIN_SENTENCE <= len(s) <= MAX_SENTENCE:
            continue
        letters = sum(c.isalpha() for c in s)
        if (
            letters < 0.6 * len(s)
            or re.match(r"^(fig(ure)?|table|tab)\.?\s*\d", s, re.IGNORECASE)
            or re.match(r"^[∗*†‡§¶]", s)  # footnotes
            or re.match(r"^\(?(\d{1,2}|[ivx]{1,4})\)\s", s)  # list-item headings: "1) Dimensionality reduction"
            or re.search(r"https?://|www\.|\b\d[A-Z][a-z]", s)  # URLs and footnote marks glued to words
            or _NOISE.search(s)
            or _CAPTION.search(s)
            or _SIGNPOST.search(s)
            or _title_like(s)
            or len(_BARE_NUMBER.findall(s)) >= MAX_BARE_NUMBERS  # a table row run into the text
        ):
            continue
        out.append(s)
    return out


# Numbers standing alone ("222 262 2.90%"): this many in one sentence make it a table row, not prose.
_BARE_NUMBER = re.compile(r"(?<![\w.,])\d+(?:\.\d+)?%?(?![\w.,]?\w)")
MAX_BARE_NUMBERS = 6
# Share of capitalised words above which a "sentence" is a title, header or address line, not prose.
MAX_CAPITALISED = 0.6


def _title_like(s: str) -> bool:
    """Running titles and address blocks: "Janvier 2011 Unité de recherche INRIA Rocquencourt ..."."""
    words = [w for w in s.split() if w[:1].isalpha()]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) > MAX_CAPITALISED * len(words)


def matches(sentence: str, cue: str) -> bool:
    return re.search(CUES[cue], sentence, re.IGNORECASE) is not None


def is_limitation(sentence: str) -> bool:
    """A limitation the authors state (never to be shown as a strength)."""
    return matches(sentence, "limitation") and not _NOT_A_LIMITATION.search(sentence)


def pick(
    cands: list[str],
    cue: str,
    n: int,
    exclude: set[str] | None = None,
    fallback: bool = True,
    prefer: str | None = None,
    avoid_limitations: bool = False,
) -> list[str]:
    """Up to ``n`` sentences matching ``cue``, earliest first (those also matching ``prefer`` first); without a
    match, the earliest ones (unless ``fallback`` is off). Chosen sentences join ``exclude``."""
    exclude = exclude if exclude is not None else set()
    pattern = re.compile(CUES[cue], re.IGNORECASE)
    pool = [s for s in dict.fromkeys(cands) if s not in exclude and not (avoid_limitations and is_limitation(s))]
    if cue in ("limitation", "problem"):
        pool = [s for s in pool if not _NOT_A_LIMITATION.search(s)]
    hits = [s for s in pool if pattern.search(s)]
    if prefer:
        hits = [s for s in hits if matches(s, prefer)] + [s for s in hits if not matches(s, prefer)]
    if not hits and fallback:
        hits = pool
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

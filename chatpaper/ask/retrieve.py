"""Ranking passages for a question: BM25 (``bm25s``) over the passages' words, plus the paper's structure. A
question that names a figure or table ("Figure 3", "Tab. 2", "图3") gets that caption first and then the passages
that refer to it; one that names a section ("Section 3.2", "§4") gets that section's passages first."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from chatpaper.ask.glossary import english_words
from chatpaper.ask.passages import Passage, references_in

# Suffixes cut from English words, longest first, so "training", "trained" and "trains" meet at "train". A
# stemmer library would do better; this one is enough for BM25 over one paper and costs nothing to install.
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s")
MIN_STEM_CHARS = 3
_WORD = re.compile(r"[a-z0-9]+(?:[.\-][a-z0-9]+)*|[\u4e00-\u9fff]")
# Question words carry no topic: "what do the authors use" must not match every passage that says "we use".
_QUESTION_WORDS = ("what", "which", "who", "whom", "how", "does", "did", "do", "paper", "authors", "author")
_MORE_STOP_WORDS = ("they", "their", "use", "used", "using")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # bm25s (and numpy under it) is imported when a question is first asked: `import chatpaper` stays as fast.
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | frozenset(_QUESTION_WORDS) | frozenset(_MORE_STOP_WORDS)


# "Section 3.2", "Sec. 4", "§3", "第3节", "3.2节".
_SECTION_REF = re.compile(r"(?:section|sec\.|§)\s*(\d+(?:\.\d+)*)|第?\s*(\d+(?:\.\d+)*)\s*[节章]", re.IGNORECASE)
# Score added for structure: above any BM25 score a question of a few words reaches over one paper.
STRUCTURE_BONUS = 1000.0


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_CHARS:
            word = word[: -len(suffix)]
            break
    # "parse", "parsed" and "parsing" meet at "pars" only once a final e goes too.
    return word[:-1] if word.endswith("e") and len(word) > MIN_STEM_CHARS else word


def _words(text: str) -> list[str]:
    """Lower-case words; a hyphenated one also as its parts ("cycle-consistency": cycle, consistency, and the
    whole), so "pre-training" meets "pre-trained" and "training"."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        out.append(word)
        if "-" in word:
            out += word.split("-")
    return out


def tokens(text: str) -> list[str]:
    """Words for BM25: lower case, stop words dropped, suffixes cut; Chinese characters one by one, and pairs."""
    words = _words(text)
    stop = _stop_words()
    out = [_stem(w) for w in words if len(w) > 1 and w not in stop]
    han = [w for w in words if len(w) == 1 and "\u4e00" <= w <= "\u9fff"]
    out += han + [a + b for a, b in zip(han, han[1:], strict=False)]
    return out


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    why: str  # "bm25", "named figure", "refers to the named figure", "named section"


def _section_number(title: str) -> str | None:
    m = re.match(r"\s*(\d+(?:\.\d+)*)", title)
    return m[1] if m else None


class PassageIndex:
    """BM25 over one paper's passages. Building it takes milliseconds; the passages are what is cached."""

    def __init__(self, passages: list[Passage]):
        import bm25s

        # bm25s sets its logger to DEBUG on import and logs every index it builds: noise in the CLI's output.
        logging.getLogger("bm25s").setLevel(logging.WARNING)

        self.passages = passages
        self._bm25: Any = bm25s.BM25()
        # Passages are indexed with their section title and label: "the loss in the method section" and
        # "the ablation table" find words that stand only there.
        corpus = [tokens(f"{p.section} {p.label or ''} {p.text}") or ["\u2205"] for p in passages]
        if passages:
            self._bm25.index(corpus, show_progress=False)

    def search(self, question: str, k: int) -> list[Hit]:
        """The ``k`` passages best for ``question``, best first; passages scoring nothing are left out."""
        import numpy as np

        if not self.passages:
            return []
        query = tokens(f"{question} {english_words(question)}")  # a Chinese question finds English text
        scores = (
            np.asarray(self._bm25.get_scores(query), dtype=float) if query else np.zeros(len(self.passages))
        ).copy()
        why = ["bm25"] * len(self.passages)
        named = references_in(question)
        sections = {a or b for a, b in _SECTION_REF.findall(question)}
        for i, passage in enumerate(self.passages):
            if passage.label in named:
                scores[i] += 2 * STRUCTURE_BONUS
                why[i] = "named " + passage.kind
            elif any(label in passage.mentions for label in named):
                scores[i] += STRUCTURE_BONUS
                why[i] = "refers to the named figure or table"
            elif sections and _section_number(passage.section) in sections:
                scores[i] += STRUCTURE_BONUS
                why[i] = "named section"
        order = np.argsort(-scores, kind="stable")[:k]
        return [Hit(self.passages[i], float(scores[i]), why[i]) for i in order if scores[i] > 0]

    def overview(self, k: int) -> list[Hit]:
        """The abstract and the opening passage of each section, in order, for a question no word of which is in
        the paper ("这篇论文讲了什么？"): the model still sees what the paper is about, and cites it or says so."""
        firsts: dict[str, Passage] = {}
        for passage in self.passages:
            if passage.kind == "text":
                firsts.setdefault(passage.section, passage)
        return [Hit(p, 0.0, "overview") for p in list(firsts.values())[:k]]

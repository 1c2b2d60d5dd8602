"""Rank before paying: each candidate scored against its topic from title + abstract (BM25, via bm25s), so model
calls go to the papers that matter. Pure: no I/O, no model."""

from __future__ import annotations

from dataclasses import dataclass

import bm25s

from chatpaper.daily.config import Topic
from chatpaper.paper import Paper

# Added to the score of a paper by one of the topic's authors: about what one strong title word earns in BM25.
AUTHOR_BONUS = 2.0
# Keywords count once more than the topic's own words would (they are listed to lift papers).
KEYWORD_WEIGHT = 2


@dataclass(frozen=True)
class Ranked:
    paper: Paper
    score: float


def _query_tokens(topic: Topic) -> list[str]:
    """The topic's phrases and keywords as BM25 query tokens (bm25s's tokenizer, English stop words out)."""
    texts = topic.phrases + [k for k in topic.keywords for _ in range(KEYWORD_WEIGHT)]
    tokenized = bm25s.tokenize(texts, stopwords="en", show_progress=False, return_ids=False)
    return [token for tokens in tokenized for token in tokens]


def _by_author(paper: Paper, authors: list[str]) -> bool:
    wanted = {" ".join(a.lower().split()) for a in authors if a.strip()}
    return any(" ".join(a.lower().split()) in wanted for a in paper.authors)


def score(papers: list[Paper], topic: Topic) -> list[Ranked]:
    """Every paper with its score, best first; ties keep the order found (newest first). A topic that does not
    rank keeps the order found."""
    if not papers:
        return []
    corpus = [f"{p.title or ''}\n{p.abstract}" for p in papers]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False)
    query = [t for t in _query_tokens(topic) if t in retriever.vocab_dict]  # bm25s refuses unknown tokens
    scores = retriever.get_scores(query) if query else [0.0] * len(papers)
    ranked = [
        Ranked(p, round(float(s) + (AUTHOR_BONUS if _by_author(p, topic.authors) else 0.0), 2))
        for p, s in zip(papers, scores, strict=True)
    ]
    if not topic.rank:
        return ranked
    order = sorted(range(len(ranked)), key=lambda i: -ranked[i].score)  # stable: ties stay newest first
    return [ranked[i] for i in order]


def cut(ranked: list[Ranked], topic: Topic) -> tuple[list[Ranked], list[Ranked]]:
    """(digested, listed short): the top ``max`` scoring at least ``min_score``, and the rest. A topic that does not
    rank keeps the order found and digests the first ``max``."""
    keep = [r for r in ranked if r.score >= topic.min_score] if topic.rank else ranked
    chosen = keep[: topic.max]
    ids = {id(r) for r in chosen}
    return chosen, [r for r in ranked if id(r) not in ids]

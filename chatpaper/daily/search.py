"""Find the newest arXiv papers on a topic: the query, the date window, exclusions, versions, seen papers."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone

import arxiv

from chatpaper._errors import InputError
from chatpaper.paper import Paper
from chatpaper.settings import Settings
from chatpaper.source.fetch import arxiv_client, arxiv_errors, paper_from_result

log = logging.getLogger("chatpaper.daily")

# arXiv asks for 3 s between API pages.
POLITE_DELAY = 3.0
PAGE_SIZE = 100
_FIELDED = re.compile(r"\b(ti|abs|au|cat|all|co|jr|rn|id|submittedDate):", re.IGNORECASE)


def build_query(topics: list[str], categories: list[str], start: datetime, end: datetime) -> str:
    """Each topic as a phrase in title or abstract (OR-ed), in any of the categories, submitted in the window.
    A topic that is already an arXiv query (``ti:…``, ``cat:…``) is used as written."""
    parts = []
    for topic in topics:
        topic = topic.strip()
        if _FIELDED.search(topic):
            parts.append(f"({topic})")
        elif topic:
            phrase = topic.replace('"', "")
            parts.append(f'ti:"{phrase}" OR abs:"{phrase}"')
    if not parts:
        raise InputError('give a topic, e.g. "Talking Head Generation"')
    query = "(" + " OR ".join(parts) + ")"
    if categories:
        query += " AND (" + " OR ".join(f"cat:{c.strip()}" for c in categories if c.strip()) + ")"
    window = f"[{start:%Y%m%d%H%M} TO {end:%Y%m%d%H%M}]"
    return f"{query} AND submittedDate:{window}"


def excluded(paper: Paper, words: list[str]) -> bool:
    text = f"{paper.title} {paper.abstract}".lower()
    return any(w.strip().lower() in text for w in words if w.strip())


def search_papers(
    settings: Settings,
    topics: list[str],
    categories: list[str] | None = None,
    days: int = 1,
    limit: int = 30,
    exclude: list[str] | None = None,
    seen: set[str] | None = None,
    now: datetime | None = None,
    delay: float = POLITE_DELAY,
) -> list[Paper]:
    """Newest first, one entry per paper (the latest version), without excluded words or seen IDs."""
    end = now or datetime.now(timezone.utc)
    start = end - timedelta(days=days)
    query = build_query(topics, categories or [], start, end)
    log.info("arXiv query: %s", query)
    client = arxiv_client(settings, page_size=min(PAGE_SIZE, max(limit * 3, 10)), delay_seconds=delay)
    search = arxiv.Search(
        query=query,
        max_results=max(limit * 3, limit + 20),
        sort_by=arxiv.SortCriterion.SubmittedDate,
        sort_order=arxiv.SortOrder.Descending,
    )
    found: dict[str, Paper] = {}
    with arxiv_errors(f"arXiv rejected the query {query!r}; check the topic and --categories"):
        for result in client.results(search):
            if result.published < start:
                break  # sorted newest first: the rest is older than the window
            paper = paper_from_result(result)
            if (
                paper.arxiv_id is None
                or paper.arxiv_id in found
                or paper.arxiv_id in (seen or set())
                or excluded(paper, exclude or [])
            ):
                continue
            found[paper.arxiv_id] = paper
            if len(found) >= limit:
                break
    return list(found.values())

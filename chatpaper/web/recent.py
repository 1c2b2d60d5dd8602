"""The page's 最近 / Recent list: the last arXiv papers digested on this server (never a visitor's upload)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import NamedTuple

from chatpaper.cache import Store
from chatpaper.settings import Settings

# Papers listed; rows read to find them (the same paper digested in two languages or models is one entry).
RECENT_SHOWN = 8
RECENT_ROWS_READ = 64


class RecentPaper(NamedTuple):
    arxiv_id: str
    title: str
    date: str


def recent_papers(rows: list[tuple[dict, float]], shown: int = RECENT_SHOWN) -> list[RecentPaper]:
    """Newest first, one entry per paper. Only papers whose metadata came from arXiv (``published`` is set only
    by the arXiv API): an uploaded PDF's digest is never listed, even when its text names an arXiv ID."""
    out: dict[str, RecentPaper] = {}
    for digest, saved in rows:
        paper = digest.get("paper") or {}
        arxiv_id, published = paper.get("arxiv_id"), paper.get("published")
        if not arxiv_id or not published or arxiv_id in out:
            continue
        date = datetime.fromtimestamp(saved, timezone.utc).date().isoformat()
        out[arxiv_id] = RecentPaper(arxiv_id, " ".join(str(paper.get("title") or arxiv_id).split()), date)
        if len(out) == shown:
            break
    return list(out.values())


def recent_on_server(settings: Settings) -> list[RecentPaper]:
    return recent_papers(Store(settings.data_dir, settings.cache_bytes).recent_digests(RECENT_ROWS_READ))


def recent_label(paper: RecentPaper) -> str:
    return f"{paper.date} · {paper.arxiv_id} · {paper.title}"  # a long title is cut at the end, the rest stays

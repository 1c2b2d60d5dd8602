"""Search, digest in parallel under one LLM rate limit, and write the post with its images."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from chatpaper._errors import ChatPaperError
from chatpaper.cache import Store
from chatpaper.daily.post import PostEntry, render_post, slug
from chatpaper.daily.search import POLITE_DELAY, search_papers
from chatpaper.paper import Paper
from chatpaper.pipeline import iter_digest
from chatpaper.render.export import copy_figures
from chatpaper.settings import Settings

log = logging.getLogger("chatpaper.daily")


@dataclass
class DailyResult:
    path: Path
    entries: list[PostEntry]
    seconds: float


def _digest_one(paper: Paper, settings: Settings, out: Path, image_base: str) -> PostEntry:
    """One paper's entry; any failure becomes its reason, never a lost paper or a crashed post."""
    source = f"{paper.arxiv_id}v{paper.arxiv_version}" if paper.arxiv_version else str(paper.arxiv_id)
    try:
        *_, last = iter_digest(source, settings)
        assert last is not None and last.digest is not None
    except ChatPaperError as exc:
        return PostEntry(paper, error=str(exc))
    except Exception as exc:  # a bug on one paper must not cost the others
        log.exception("paper %s failed", source)
        return PostEntry(paper, error=f"internal error ({type(exc).__name__})")
    digest = last.digest
    copies = copy_figures([f for f in digest.figures if f.key], last.figure_dir, out / "images" / str(paper.arxiv_id))
    images = [f"{image_base.rstrip('/')}/{paper.arxiv_id}/{path.name}" for path in copies]
    return PostEntry(paper, digest, images=images)


def run_daily(
    topics: list[str],
    out: Path,
    settings: Settings,
    *,
    days: int = 1,
    limit: int = 30,
    categories: list[str] | None = None,
    exclude: list[str] | None = None,
    workers: int = 4,
    image_base_url: str | None = None,
    include_seen: bool = False,
    remember: bool = True,
    now: datetime | None = None,
    author: str = "ChatPaper",
    search_delay: float = POLITE_DELAY,
    on_found: Callable[[int], None] | None = None,
    on_paper: Callable[[PostEntry], None] | None = None,
) -> DailyResult:
    """Write ``out/<date>-<topic>.md`` and ``out/images/<arxiv-id>/``. Finished stages are cached, so a rerun
    after a crash or Ctrl-C pays only for what was not done."""
    t0 = time.perf_counter()
    store = Store(settings.data_dir, settings.cache_bytes)
    topic = " / ".join(t.strip() for t in topics if t.strip())
    key = slug(topic)
    papers = search_papers(
        settings,
        topics,
        categories,
        days,
        limit,
        exclude,
        seen=set() if include_seen else store.published(key),
        now=now,
        delay=search_delay,
    )
    for p in papers:  # the search already has the metadata: no second API call per paper
        store.put_meta(f"arxiv-meta:{p.arxiv_id}v{p.arxiv_version}", p.model_dump())
    if on_found:
        on_found(len(papers))
    out.mkdir(parents=True, exist_ok=True)
    entries: list[PostEntry | None] = [None] * len(papers)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {
            pool.submit(_digest_one, p, settings, out, image_base_url or "images"): i for i, p in enumerate(papers)
        }
        for future in as_completed(futures):
            entry = future.result()
            entries[futures[future]] = entry
            if on_paper:
                on_paper(entry)
    done = [e for e in entries if e is not None]
    when = now or datetime.now()
    path = out / f"{when:%Y-%m-%d}-{key}.md"
    fd, tmp = tempfile.mkstemp(dir=out, suffix=".part")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(render_post(topic, when, done, author))
    os.replace(tmp, path)
    if remember:  # the next post of this topic skips these (a preview in the web app does not count)
        store.mark_published(key, [str(e.paper.arxiv_id) for e in done if e.digest is not None], path.name)
    return DailyResult(path, done, time.perf_counter() - t0)

"""Search, digest in parallel under one LLM rate limit, and write the post with its images."""

from __future__ import annotations

import logging
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from chatpaper._errors import ChatPaperError, InputError
from chatpaper.cache import Store
from chatpaper.daily.post import PostEntry, render_post, slug
from chatpaper.daily.search import POLITE_DELAY, search_papers
from chatpaper.files import write_atomic, writing
from chatpaper.limits import DAYS, MAX_PAPERS, WORKERS, check_topic
from chatpaper.paper import Paper
from chatpaper.pipeline import iter_digest
from chatpaper.render.export import copy_figures
from chatpaper.settings import Settings

log = logging.getLogger("chatpaper.daily")


# A paper not digested because the run was interrupted says so in the post (and is not marked as seen).
INTERRUPTED = "not digested: the run was interrupted; run again to add it"
# How often the waiting main thread wakes to notice that every worker has stopped.
POLL_SECONDS = 0.5


@dataclass
class DailyResult:
    path: Path
    entries: list[PostEntry]
    seconds: float
    interrupted: bool = False  # Ctrl-C/SIGTERM or ``cancel``: the post holds what was done by then


def _digest_one(paper: Paper, settings: Settings, out: Path, image_base: str, cancel: threading.Event) -> PostEntry:
    """One paper's entry; any failure becomes its reason, never a lost paper or a crashed post."""
    source = f"{paper.arxiv_id}v{paper.arxiv_version}" if paper.arxiv_version else str(paper.arxiv_id)
    try:
        *_, last = iter_digest(source, settings, cancel=cancel)
        assert last is not None and last.digest is not None
        if cancel.is_set() and not last.digest.complete:
            return PostEntry(paper, error=INTERRUPTED)
        digest = last.digest
        copies = copy_figures(
            [f for f in digest.figures if f.key], last.figure_dir, out / "images" / str(paper.arxiv_id)
        )
    except ChatPaperError as exc:
        return PostEntry(paper, error=str(exc))
    except Exception as exc:  # a bug on one paper must not cost the others
        log.exception("paper %s failed", source)
        return PostEntry(paper, error=f"internal error ({type(exc).__name__})")
    images = [f"{image_base.rstrip('/')}/{paper.arxiv_id}/{path.name}" for path in copies]
    return PostEntry(paper, digest, images=images)


@contextmanager
def _interrupts_as_flags(cancel: threading.Event, abandon: threading.Event) -> Iterator[None]:
    """Inside this block Ctrl-C and SIGTERM set flags instead of raising wherever the main thread happens to be:
    the first sets ``cancel``, the second ``abandon``. Outside the main thread (the web app) signals are not ours
    to take, and the block changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupted(signum: int, frame: object) -> None:
        if cancel.is_set():
            abandon.set()
        else:
            cancel.set()

    previous = {sig: signal.signal(sig, interrupted) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _digest_all(
    papers: list[Paper],
    work: Callable[[Paper], PostEntry],
    workers: int,
    cancel: threading.Event,
    abandon: threading.Event,
    on_paper: Callable[[PostEntry], None] | None,
) -> list[PostEntry]:
    """Digest the papers on ``workers`` threads, in the post's order. Once ``cancel`` is set no new paper starts
    and each paper in flight ends after its current LLM call; once ``abandon`` is set the papers in flight are
    left at once (daemon threads: the process does not wait for them). Papers not done get the INTERRUPTED
    reason."""
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in range(len(papers)):
        todo.put(i)
    results: queue.SimpleQueue[tuple[int, PostEntry]] = queue.SimpleQueue()

    def worker() -> None:
        while not cancel.is_set():
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            results.put((i, work(papers[i])))

    threads = [threading.Thread(target=worker, name=f"chatpaper-daily-{n}", daemon=True) for n in range(workers)]
    for thread in threads:
        thread.start()
    entries: list[PostEntry | None] = [None] * len(papers)
    pending = len(papers)
    warned = False
    while pending and not abandon.is_set():
        if cancel.is_set() and not warned:
            log.warning("interrupted: finishing the LLM calls in flight, then writing the post (Ctrl-C again: now)")
            warned = True
        try:
            i, entry = results.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if not any(t.is_alive() for t in threads) and results.empty():
                break  # cancelled: the workers took no further paper
            continue
        entries[i] = entry
        pending -= 1
        if on_paper:
            on_paper(entry)
    if abandon.is_set():
        log.warning("interrupted again: leaving the papers in flight")
    return [e if e is not None else PostEntry(p, error=INTERRUPTED) for p, e in zip(papers, entries, strict=True)]


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
    cancel: threading.Event | None = None,
) -> DailyResult:
    """Write ``out/<date>-<topic>.md`` and ``out/images/<arxiv-id>/``. Finished stages are cached, so a rerun
    after a crash or Ctrl-C pays only for what was not done. Ctrl-C in the calling (main) thread or setting
    ``cancel`` stops the run early: the post is still written, with the papers not done marked so."""
    t0 = time.perf_counter()
    cleaned = [check_topic(t) for t in topics if t.strip()]
    if not cleaned:
        raise InputError('give a topic, e.g. "Talking Head Generation"')
    DAYS.check(days)
    MAX_PAPERS.check(limit)
    WORKERS.check(workers)
    cancel = cancel or threading.Event()
    store = Store(settings.data_dir, settings.cache_bytes)
    topic = " / ".join(cleaned)
    key = slug(topic)
    papers = search_papers(
        settings,
        cleaned,
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
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
    base = image_base_url or "images"
    abandon = threading.Event()
    with _interrupts_as_flags(cancel, abandon):  # the post is written however often Ctrl-C is pressed
        done = _digest_all(
            papers, lambda p: _digest_one(p, settings, out, base, cancel), workers, cancel, abandon, on_paper
        )
        when = now or datetime.now()
        path = write_atomic(out / f"{when:%Y-%m-%d}-{key}.md", render_post(topic, when, done, author))
    interrupted = cancel.is_set()
    if remember:  # the next post of this topic skips these (a preview in the web app does not count)
        store.mark_published(key, [str(e.paper.arxiv_id) for e in done if e.digest is not None], path.name)
    return DailyResult(path, done, time.perf_counter() - t0, interrupted)

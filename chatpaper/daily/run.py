"""Search, digest in parallel under one LLM rate limit, and write the post with its images."""

from __future__ import annotations

import logging
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from chatpaper._errors import ChatPaperError, InputError, UpstreamError
from chatpaper.cache import Store
from chatpaper.daily import atom, feed, mail, rank
from chatpaper.daily.config import FEED_ENTRIES, DailyConfig, Source, Topic
from chatpaper.daily.post import PostEntry, render_post, slug
from chatpaper.daily.search import POLITE_DELAY, excluded, search_papers
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
# Model calls a digest makes (summary, methods, conclusion): what ranking saves per paper it leaves out.
CALLS_PER_PAPER = 3


@dataclass
class DailyResult:
    path: Path
    entries: list[PostEntry]
    seconds: float
    interrupted: bool = False  # Ctrl-C/SIGTERM or ``cancel``: the post holds what was done by then
    below: list[PostEntry] = field(default_factory=list)  # ranked below the cut: listed short, not digested
    mail_error: str | None = None  # the e-mail that could not be sent (the post is written)


@dataclass
class TopicPost:
    """One topic's post: its digested papers (best ranked first), the ones listed short, its feed."""

    topic: Topic
    path: Path
    entries: list[PostEntry]
    below: list[PostEntry]
    feed: Path
    source: str  # where its candidates came from: "rss", "api", or "api (rss failed: …)"
    mailed: list[str] = field(default_factory=list)
    mail_error: str | None = None  # the post and feed are written even when the e-mail could not be sent


@dataclass
class ServiceResult:
    """A run over every topic of a config."""

    posts: list[TopicPost]
    candidates: int  # distinct papers found over all topics
    digested: int  # distinct papers sent to the model (a paper two topics share counts once)
    model_calls: int  # calls the digests really made (cached stages make none)
    seconds: float
    interrupted: bool = False

    @property
    def calls_saved(self) -> int:
        """What ranking saved: the calls digesting every candidate would have cost, less those of the chosen."""
        return CALLS_PER_PAPER * (self.candidates - self.digested)

    def summary(self) -> str:
        return (
            f"{len(self.posts)} topic(s), {self.candidates} candidates, {self.digested} digested, "
            f"{self.model_calls} model calls; ranking saved {self.calls_saved} calls; {self.seconds:.1f} s"
        )


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


def _candidates(
    topic: Topic,
    settings: Settings,
    source: Source,
    days: int,
    seen: set[str],
    now: datetime | None,
    delay: float,
    listings: dict[str, list[Paper]],
) -> tuple[list[Paper], str]:
    """The topic's candidates and where they came from. ``rss``: today's announcements of its categories (each
    category read once per run, ``listings``), falling back to the search API when a feed fails or lists nothing."""
    how = "api"
    if source == "rss":
        if not topic.categories:
            how = "api (rss needs categories)"
        else:
            try:
                for category in topic.categories:
                    if category not in listings:
                        listings[category] = feed.announced(settings, [category])
                found = {str(p.arxiv_id): p for c in topic.categories for p in listings[c]}
                papers = [p for p in found.values() if p.arxiv_id not in seen and not excluded(p, topic.exclude)]
                if papers:  # all of today's: ranking them costs no model call
                    return papers, "rss"
                how = "api (the feeds listed nothing new)"
            except UpstreamError as exc:
                log.warning("topic %r: %s; using the search API", topic.name, exc)
                how = "api (rss failed)"
    papers = search_papers(
        settings, topic.phrases, topic.categories, days, topic.candidates, topic.exclude, seen, now, delay
    )
    return papers, how


def run_topics(
    config: DailyConfig,
    out: Path,
    settings: Settings,
    *,
    source: Source | None = None,
    mail_to: list[str] | None = None,
    include_seen: bool = False,
    remember: bool = True,
    now: datetime | None = None,
    search_delay: float = POLITE_DELAY,
    on_found: Callable[[int], None] | None = None,
    on_paper: Callable[[PostEntry], None] | None = None,
    cancel: threading.Event | None = None,
) -> ServiceResult:
    """One post per topic in ``out``, its Atom feed next to it, and an e-mail per post when addresses are given.
    Candidates are ranked before any model call; a paper two topics choose is digested once and appears in both
    posts. All topics share the process's rate limit and one Store."""
    t0 = time.perf_counter()
    cancel = cancel or threading.Event()
    store = Store(settings.data_dir, settings.cache_bytes)
    listings: dict[str, list[Paper]] = {}
    chosen_by_topic: list[tuple[Topic, list[rank.Ranked], list[rank.Ranked], str]] = []
    found_ids: set[str] = set()
    for topic in config.topics:
        seen = set() if include_seen else store.published(slug(topic.name))
        how = source or config.source
        papers, used = _candidates(topic, settings, how, config.days, seen, now, search_delay, listings)
        chosen, below = rank.cut(rank.score(papers, topic), topic)
        log.info("topic %r: %d candidates (%s), %d to digest", topic.name, len(papers), used, len(chosen))
        chosen_by_topic.append((topic, chosen, below, used))
        found_ids |= {str(p.arxiv_id) for p in papers}
    todo = {str(r.paper.arxiv_id): r.paper for _, chosen, _, _ in chosen_by_topic for r in chosen}
    from_feeds = [p for p in todo.values() if not p.pdf_url]
    for p in feed.with_api_metadata(settings, from_feeds) if from_feeds else []:
        todo[str(p.arxiv_id)] = p
    for p in todo.values():  # the listing already has the metadata: no second API call per paper
        store.put_meta(f"arxiv-meta:{p.arxiv_id}v{p.arxiv_version}", p.model_dump())
    papers = list(todo.values())
    if on_found:
        on_found(len(papers))
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
    base = config.image_base_url or "images"
    abandon = threading.Event()
    posts = []
    with _interrupts_as_flags(cancel, abandon):  # the posts are written however often Ctrl-C is pressed
        done = _digest_all(
            papers, lambda p: _digest_one(p, settings, out, base, cancel), config.workers, cancel, abandon, on_paper
        )
        by_id = {str(e.paper.arxiv_id): e for e in done}
        when = now or datetime.now()
        for topic, chosen, below, used in chosen_by_topic:
            score = (lambda r: r.score) if topic.rank else (lambda r: None)
            entries = [replace(by_id[str(r.paper.arxiv_id)], score=score(r)) for r in chosen]
            listed = [PostEntry(r.paper, score=score(r)) for r in below]
            posts.append(_publish(topic, entries, listed, used, out, config, when))
    interrupted = cancel.is_set()
    if remember:  # the next post of a topic skips these (a preview in the web app does not count)
        for post in posts:
            ids = [str(e.paper.arxiv_id) for e in post.entries if e.digest is not None]
            store.mark_published(slug(post.topic.name), ids, post.path.name)
    to = mail_to if mail_to is not None else config.mail_to
    for post in posts if to else []:  # last: a mail server that fails costs no post, feed or seen-list
        _mail(post, to, settings, when, out)
    calls = sum(u.calls for e in done if e.digest for u in e.digest.usage)
    return ServiceResult(posts, len(found_ids), len(papers), calls, time.perf_counter() - t0, interrupted)


def _publish(
    topic: Topic,
    entries: list[PostEntry],
    below: list[PostEntry],
    used: str,
    out: Path,
    config: DailyConfig,
    when: datetime,
) -> TopicPost:
    """Write the topic's post and add it to the topic's feed."""
    key = slug(topic.name)
    text = render_post(topic.name, when, entries, config.author, below)
    path = write_atomic(out / f"{when:%Y-%m-%d}-{key}.md", text)
    stem = path.stem
    link = config.site_url + config.post_path.format(stem=stem, year=f"{when:%Y}", month=f"{when:%m}", day=f"{when:%d}")
    entry = atom.FeedEntry(
        id=f"urn:chatpaper:daily:{key}:{when:%Y-%m-%d}",
        title=f"{topic.name} · {when:%Y-%m-%d}",
        link=link,
        updated=when if when.tzinfo else when.astimezone(),
        summary_html=atom.summary_html(entries, len(below)),
    )
    feed_file = atom.write_feed(atom.feed_path(out, key), topic.name, key, entry, config.feed_entries)
    return TopicPost(topic, path, entries, below, feed_file, used)


def _mail(post: TopicPost, to: list[str], settings: Settings, when: datetime, out: Path) -> None:
    """E-mail one post; a failure is kept on the post (its one line), not raised: the other topics still go out."""
    subject = f"{post.topic.name} · 每日速递 {when:%Y-%m-%d}"
    try:
        msg, _ = mail.build_message(post.path.read_text(encoding="utf-8"), subject, mail.sender_of(settings), to, out)
        mail.send(settings, msg)
    except ChatPaperError as exc:
        log.error("topic %r: the e-mail was not sent: %s", post.topic.name, exc)
        post.mail_error = str(exc)
        return
    post.mailed = list(to)


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
    source: Source = "api",
    mail_to: list[str] | None = None,
    rank_papers: bool = False,
    min_score: float = 0.0,
) -> DailyResult:
    """One topic (its phrases OR-ed): ``out/<date>-<topic>.md``, ``out/<topic>.xml`` and ``out/images/<arxiv-id>/``.
    Finished stages are cached, so a rerun after a crash or Ctrl-C pays only for what was not done. Ctrl-C in the
    calling (main) thread or setting ``cancel`` stops the run early: the post is still written, with the papers not
    done marked so. Without ``rank_papers`` the first ``limit`` papers found are digested, newest first."""
    cleaned = [check_topic(t) for t in topics if t.strip()]
    if not cleaned:
        raise InputError('give a topic, e.g. "Talking Head Generation"')
    DAYS.check(days)
    MAX_PAPERS.check(limit)
    WORKERS.check(workers)
    topic = Topic.model_construct(  # the parts were checked above; the joined name may be longer than one topic
        name=" / ".join(cleaned),
        query=cleaned,
        categories=list(categories or []),
        exclude=list(exclude or []),
        keywords=[],
        authors=[],
        max=limit,
        min_score=min_score,
        candidates=max(limit, 40) if rank_papers else limit,
        rank=rank_papers,
    )
    config = DailyConfig.model_construct(
        topics=[topic],
        out=out,
        days=days,
        source=source,
        workers=workers,
        image_base_url=image_base_url,
        author=author,
        site_url="",
        post_path="{stem}.md",
        feed_entries=FEED_ENTRIES,
        mail_to=[],
    )
    result = run_topics(
        config,
        out,
        settings,
        mail_to=mail_to,
        include_seen=include_seen,
        remember=remember,
        now=now,
        search_delay=search_delay,
        on_found=on_found,
        on_paper=on_paper,
        cancel=cancel,
    )
    post = result.posts[0]
    return DailyResult(post.path, post.entries, result.seconds, result.interrupted, post.below, post.mail_error)

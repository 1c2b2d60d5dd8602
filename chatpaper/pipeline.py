"""fetch -> parse -> (figures ‖ stages) -> digest. ``iter_digest`` is the whole flow; it yields progress so the
web app can stream, and the figures are cut while the stages' worker thread waits on the model."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chatpaper import backends
from chatpaper._errors import InputError, StageError, UpstreamError
from chatpaper.cache import Store, digest_key, sha256_file
from chatpaper.figures import FIGURES_VERSION, Figure, FigureLimits, key_figures
from chatpaper.models import FIGURE_FOLDER, Digest, FigureInfo, StageFailure, StageUsage
from chatpaper.paper import Paper
from chatpaper.pdf import PARSER_VERSION
from chatpaper.pdf.links import find_links
from chatpaper.pdf.reader import PdfReader, read_figures
from chatpaper.settings import Settings
from chatpaper.source.reference import ArxivRef, parse_source
from chatpaper.stages.prompts import PROMPT_VERSION
from chatpaper.stages.run import PartialSink, run_stage
from chatpaper.stages.schemas import SummaryStage
from chatpaper.stages.spec import STAGE_NAMES, STAGES

log = logging.getLogger("chatpaper")

# Unversioned arXiv lookups are reused for this long (a new version may appear).
META_TTL_SECONDS = 24 * 3600
# A streamed stage posts its text so far at most this often: a page redrawn on every token would fall behind.
PARTIAL_INTERVAL_SECONDS = 0.2
# The stages wait at most this long for their caller to come back for the previous stage's progress: a caller
# that neither reads on nor closes the generator for that long is gone.
CALLER_PATIENCE_SECONDS = 300.0


@dataclass
class Progress:
    step: str  # fetch, parse, figures, summary, methods, conclusion, done
    message: str
    paper: Paper | None = None
    digest: Digest | None = None
    cached: bool = False
    figure_dir: Path | None = None  # where the files named in digest.figures are
    partial: bool = False  # the digest holds a stage still being written (streamed), not yet validated


def stored_figures(
    store: Store, source_key: str, settings: Settings, extract: Callable[[FigureLimits], Iterable[Figure]]
) -> tuple[list[FigureInfo], Path]:
    """The paper's figures from the store, extracting and saving them first if needed; key figures marked.
    ``extract`` cuts within the limits it is given; each figure is written as it comes, so the images are never
    all in memory."""
    key = digest_key(
        "figures",
        source_key,
        settings.figure_dpi,
        settings.max_pages,
        settings.max_figures,
        settings.max_figure_mb,
        FIGURES_VERSION,
    )
    listed = store.get_figures(key) if settings.use_cache else None
    if listed is None:
        listed = []

        def written_one_at_a_time() -> Iterator[tuple[dict[str, Any], bytes]]:
            for f in extract(FigureLimits.of(settings)):
                info = {**f.info(f"{FIGURE_FOLDER}/{f.filename}"), "file": f.filename}
                listed.append(info)
                yield info, f.image

        store.put_figures(key, written_one_at_a_time())
    infos = [FigureInfo.model_validate(d) for d in listed]
    chosen = {f.number for f in key_figures(infos, settings.key_figures)}
    return [f.model_copy(update={"key": f.number in chosen}) for f in infos], store.figure_dir(key)


def merge(meta: Paper, parsed: Paper) -> Paper:
    """arXiv metadata wins; the PDF adds affiliations, sections, links and page counts."""
    links = parsed.links + find_links(meta.comment or "", [])
    return meta.model_copy(
        update={
            "affiliations": meta.affiliations or parsed.affiliations,
            "first_author_affiliation": meta.first_author_affiliation or parsed.first_author_affiliation,
            "abstract": meta.abstract or parsed.abstract,
            "links": list(dict.fromkeys(links)),
            "pages": parsed.pages,
            "pages_read": parsed.pages_read,
            "has_text": parsed.has_text,
            "sections": parsed.sections,
            "notices": parsed.notices,
        }
    )


def with_arxiv_link(parsed: Paper) -> Paper:
    """A local PDF whose arXiv id the reader found (stamp or text) links its arXiv page; no metadata is fetched."""
    if not parsed.arxiv_id or parsed.abs_url:
        return parsed
    ref = ArxivRef(parsed.arxiv_id, parsed.arxiv_version)
    return parsed.model_copy(update={"abs_url": ref.abs_url, "pdf_url": ref.abs_url.replace("/abs/", "/pdf/")})


def with_parsed_affiliation(output: BaseModel, paper: Paper) -> BaseModel:
    """The one place the digest's first-author affiliation is chosen: the parser's, read from the author block,
    when it has one; the model's only when it has none."""
    if isinstance(output, SummaryStage) and paper.first_author_affiliation:
        return output.model_copy(update={"first_author_affiliation": paper.first_author_affiliation})
    return output


def locate(source: str | Path, settings: Settings, store: Store) -> tuple[str, Paper | None, Path]:
    """Which paper this is (source key), its arXiv metadata if any, and a local PDF path (downloaded once)."""
    target = parse_source(str(source)) if not isinstance(source, Path) else source
    if not isinstance(target, ArxivRef):
        path = Path(target)
        if not path.is_file():
            raise InputError(f"file not found: {path.name}")
        return "sha256:" + sha256_file(path), None, path
    # The arXiv and HTTP clients (arxiv, requests, httpx: 0.12 s to import) load for arXiv sources only.
    from chatpaper.source.fetch import download_pdf, fetch_metadata

    meta_key = f"arxiv-meta:{target.versioned}"
    cached = store.get_meta(meta_key, None if target.version else META_TTL_SECONDS) if settings.use_cache else None
    meta = Paper.model_validate(cached) if cached else fetch_metadata(target, settings)
    if not cached:
        store.put_meta(meta_key, meta.model_dump())
    pdf_key = f"arxiv:{meta.arxiv_id}v{meta.arxiv_version}"
    cached_pdf = store.get_pdf(pdf_key) if settings.use_cache else None
    if cached_pdf is not None:
        return pdf_key, meta, cached_pdf
    log.info("downloading %s", meta.pdf_url)
    return pdf_key, meta, store.put_pdf(pdf_key, download_pdf(meta.pdf_url or target.abs_url, settings))


def paper_info(paper: Paper) -> dict[str, Any]:
    info = paper.model_dump(exclude={"sections"})
    info["sections"] = [{"title": s.title, "page": s.page, "role": s.role, "chars": s.chars} for s in paper.sections]
    return info


def iter_digest(
    source: str | Path, settings: Settings, stream: bool = False, cancel: threading.Event | None = None
) -> Iterator[Progress]:
    """Run the whole pipeline, yielding progress; the last item has step 'done' and the digest. With ``stream``,
    each stage's reply is streamed and progress items with ``partial=True`` carry its text as it is written.
    Setting ``cancel`` (Ctrl-C, a client gone) starts no further LLM call: the call in flight ends, the stages
    stop and the digest comes back incomplete. Closing the generator does the same."""
    backend = backends.create(settings)  # configuration errors before any download
    store = Store(settings.data_dir, settings.cache_bytes)
    yield Progress("fetch", f"fetching {source}")
    source_key, meta, path = locate(source, settings, store)
    key = digest_key(
        source_key,
        backend.name,
        backend.model,
        settings.lang,
        PROMPT_VERSION,
        PARSER_VERSION,
        settings.stage_input_tokens,
        settings.max_pages,
    )
    hit = store.get_digest(key) if settings.use_cache else None
    if hit:  # a repeated digest needs neither parsing nor any LLM call
        done = Digest.model_validate(hit)
        done.figures, folder = stored_figures(
            store,
            source_key,
            settings,
            lambda limits: read_figures(path, settings.figure_dpi, settings.max_pages, settings.max_pdf_bytes, limits),
        )
        yield Progress(
            "done", "cached digest", paper=Paper.model_validate(done.paper), digest=done, cached=True, figure_dir=folder
        )
        return

    # The stages start as soon as the paper is parsed; the figures are cut meanwhile, from the same open PDF,
    # so the model's first call does not wait for them (a worker thread posts each stage's progress).
    events: queue.Queue[Progress | BaseException | None] = queue.Queue()
    stop = threading.Event()

    def stopped() -> bool:
        return stop.is_set() or (cancel is not None and cancel.is_set())

    listener = Listener(stopped)

    try:
        with PdfReader(path, settings.max_pages, settings.max_pdf_bytes) as reader:
            parsed = reader.paper()
            paper = merge(meta, parsed) if meta else with_arxiv_link(parsed)
            if not paper.sections and not paper.abstract:
                raise InputError("; ".join(paper.notices) or "no text could be read from the PDF")
            digest = Digest(
                paper=paper_info(paper),
                backend=backend.name,
                model=backend.model,
                lang=settings.lang,
                prompt_version=PROMPT_VERSION,
                offline=backend.offline,
            )
            threading.Thread(
                target=run_stages,
                name="chatpaper-stages",
                daemon=True,
                args=(StageRun(backend, store, key, settings, paper, digest, stream), events, listener),
            ).start()
            yield Progress(
                "parse", f"read {paper.pages_read} pages, {len(paper.sections)} sections", paper=paper, digest=digest
            )
            # The figures are cut in a thread too, so a streamed stage's text reaches the page while they are cut;
            # every other stage event waits for the figures, so the order of steps stays fetch, parse, figures.
            cutter = threading.Thread(
                target=cut_figures,
                name="chatpaper-figures",
                daemon=True,
                args=(
                    lambda: stored_figures(
                        store, source_key, settings, lambda limits: reader.iter_figures(settings.figure_dpi, limits)
                    ),
                    paper,
                    digest,
                    events,
                ),
            )
            cutter.start()
            held: list[Progress | None] = []  # stage steps that come after the figures step
            try:
                while True:
                    event = events.get()
                    if isinstance(event, BaseException):
                        raise event
                    if event is not None and event.partial:
                        yield event
                    elif event is not None and event.step == "figures":
                        figures_step = event
                        break
                    else:
                        held.append(event)
            finally:
                cutter.join()  # the reader stays open until the figures are cut
        run_folder = figures_step.figure_dir
        digest.paper["notices"] = list(paper.notices)  # figure extraction may have added one
        yield figures_step
        listener.reading()
        while (event := held.pop(0) if held else events.get()) is not None:
            if isinstance(event, BaseException):
                raise event
            event.figure_dir = run_folder
            yield event
            if not event.partial:
                listener.took()  # the caller came back for more: it is still there
    finally:
        stop.set()  # a caller that stops listening stops the stages too (after the call in flight)
    digest.complete = not digest.errors and all(getattr(digest, s) is not None for s in STAGE_NAMES)
    if digest.complete:
        store.put_digest(key, digest.model_dump())
    yield Progress(
        "done",
        "digest complete" if digest.complete else "digest incomplete",
        paper=paper,
        digest=digest,
        figure_dir=run_folder,
    )


def cut_figures(
    cut: Callable[[], tuple[list[FigureInfo], Path]],
    paper: Paper,
    digest: Digest,
    events: queue.Queue[Progress | BaseException | None],
) -> None:
    """Cut (or load) the figures into ``digest`` and post the "figures" step; a failure is posted to be raised."""
    try:
        digest.figures, folder = cut()
        events.put(Progress("figures", f"{len(digest.figures)} figures", paper=paper, digest=digest, figure_dir=folder))
    except BaseException as exc:
        events.put(exc)


class Listener:
    """Whether the caller of ``iter_digest`` is still there, so that a caller who left costs no further LLM call.

    The stages' thread posts each stage's progress, then, before that stage's call, waits until the caller has
    come back for more after taking every posted event (a web client that disconnected makes Gradio stop
    pulling and close the generator: the wait ends in ``stopped``). While the caller is still cutting the
    figures and not yet reading events, stages do not wait (the first call must not wait for the figures), so
    a caller that leaves then may still cost the one call that starts before it reads again."""

    def __init__(self, stopped: Callable[[], bool]):
        self.stopped = stopped
        self._cond = threading.Condition()
        self._reading = False
        self._posted = 0
        self._taken = 0

    def post(self, events: queue.Queue[Progress | BaseException | None], progress: Progress) -> None:
        with self._cond:
            self._posted += 1
        events.put(progress)

    def reading(self) -> None:
        with self._cond:
            self._reading = True
            self._cond.notify_all()

    def took(self) -> None:
        with self._cond:
            self._taken += 1
            self._cond.notify_all()

    def still_there(self, patience: float = CALLER_PATIENCE_SECONDS) -> bool:
        deadline = time.monotonic() + patience
        with self._cond:
            while self._reading and self._taken < self._posted:
                if self.stopped() or time.monotonic() > deadline:
                    return False
                self._cond.wait(0.1)
        return not self.stopped()


@dataclass
class StageRun:
    """What the stage worker needs: the backend, where results are cached, and the digest it fills in."""

    backend: backends.Backend
    store: Store
    key: str
    settings: Settings
    paper: Paper
    digest: Digest
    stream: bool = False


def partial_poster(run: StageRun, stage: str, events: queue.Queue[Progress | BaseException | None]) -> PartialSink:
    """Posts the digest with ``stage``'s answer so far, at most every PARTIAL_INTERVAL_SECONDS (the first at
    once). The digest itself is not changed: a partial answer is never stored."""
    last = [0.0]

    def post(partial: BaseModel) -> None:
        now = time.monotonic()
        if now - last[0] < PARTIAL_INTERVAL_SECONDS:
            return
        last[0] = now
        shown = run.digest.model_copy(update={stage: with_parsed_affiliation(partial, run.paper)})
        events.put(Progress(stage, f"{stage} stage: writing", paper=run.paper, digest=shown, partial=True))

    return post


def run_stages(run: StageRun, events: queue.Queue[Progress | BaseException | None], listener: Listener) -> None:
    """summary -> methods -> conclusion into ``run.digest``, posting a Progress as each starts; then None.
    No stage starts once the caller was cancelled or has gone (see Listener).
    A failing stage is recorded and later stages still run; a dead service stops them; a configuration
    error (or a bug) is posted for the caller to raise."""
    try:
        previous: dict[str, BaseModel] = {}
        digest, store, settings = run.digest, run.store, run.settings
        for spec in STAGES:
            stage = spec.name
            if listener.stopped():
                break
            listener.post(events, Progress(stage, f"{stage} stage", paper=run.paper, digest=digest))
            saved = store.get_stage(run.key, stage) if settings.use_cache else None
            if saved:
                output, usage = spec.schema.model_validate(saved), StageUsage(stage=stage, cached=True)
            else:
                if not listener.still_there():  # a caller who left pays for no further call
                    break
                try:
                    on_partial = partial_poster(run, stage, events) if run.stream else None
                    result = run_stage(
                        run.backend, spec, run.paper, previous, settings.lang, settings.stage_input_tokens, on_partial
                    )
                except StageError as exc:  # this stage only: later stages may still work
                    digest.errors.append(StageFailure(stage=stage, message=str(exc)))
                    continue
                except UpstreamError as exc:  # the service is down: stop, keep what we have
                    digest.errors.append(StageFailure(stage=stage, message=str(exc)))
                    break
                output, usage = result.output, result.usage
                store.put_stage(run.key, stage, output.model_dump())
            output = with_parsed_affiliation(output, run.paper)
            setattr(digest, stage, output)
            digest.usage.append(usage)
            previous[stage] = output
        events.put(None)
    except BaseException as exc:  # ConfigError, or a bug: the caller raises it
        events.put(exc)


def digest(source: str | Path, settings: Settings | None = None) -> Digest:
    """Digest one paper (arXiv ID/URL or PDF path) and return it."""
    last = None
    for last in iter_digest(source, settings or Settings.load()):
        log.info("%s", last.message)
    assert last is not None and last.digest is not None
    return last.digest

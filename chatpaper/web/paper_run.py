"""One paper's run on the page and through the /digest API: the status line (step, n/3, seconds), the digest as
it streams, the figures, the downloads; 取消 / Cancel (cancel.py) and failures (page_error.py) end it with a line
that stays in the status area."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from chatpaper.models import FIGURE_FOLDER, Digest
from chatpaper.pipeline import iter_digest
from chatpaper.render.dollars import protect_prose_dollars
from chatpaper.render.export import copy_figures, write_downloads
from chatpaper.render.figure_order import figure_sort_key
from chatpaper.render.markdown import render_markdown
from chatpaper.web.cancel import end_run, start_run, until_cancelled
from chatpaper.web.figure_view import figure_view_html
from chatpaper.web.page_error import page_error, status_of_error
from chatpaper.web.rate_limit import check_rate, session_of
from chatpaper.web.run_folders import end_run_folder, refuse_when_disk_is_short, start_run_folder
from chatpaper.web.session import (
    AUTO,
    CANCELLED,
    RERUN_NOTE,
    pending_stages,
    progress_line,
    resolve_source,
    settings_for,
    share_link,
    source_note,
)

# Seconds between progress lines while one step runs: the elapsed time on the page keeps counting.
TICK_SECONDS = 1.0
# Least seconds between two pages drawn from a stage's partial text: a model streams tens of chunks a second, and
# each page is a copy of the digest rendered to Markdown; a reader sees no difference above a few updates a second.
# The stage's finished text is always drawn.
PARTIAL_EVERY_SECONDS = 0.2

Outputs = tuple[Any, Any, Any, Any, Any]
Gallery = list[tuple[str, str]]


def _base_url(request: gr.Request | None) -> str:
    if request is None:
        return ""
    headers = request.headers
    host = headers.get("x-forwarded-host") or headers.get("host") or ""
    proto = headers.get("x-forwarded-proto") or (request.request.url.scheme if request.request else "https")
    return f"{proto}://{host}" if host else ""


def _figures(digest: Digest, run_dir: Path, figure_dir: Path | None) -> tuple[Gallery, str]:
    """Copy the figures into this run's folder (Gradio serves it): the API's gallery (path, caption) and the
    page's figure view, both in number order."""
    copies = copy_figures(digest.figures, figure_dir, run_dir / FIGURE_FOLDER)
    pairs = sorted(zip(copies, digest.figures, strict=False), key=lambda pair: figure_sort_key(pair[1].number))
    view = figure_view_html(pairs)  # no copies without a figure folder
    heading = f"<h3>论文图表 / Figures ({len(pairs)})</h3>" if pairs else ""
    return [(str(path), fig.caption) for path, fig in pairs], heading + view


def _status(*lines: str) -> str:
    return "\n\n".join(line for line in lines if line)


def _final_status(digest: Digest, note: str) -> str:
    if digest.complete:
        head = "✅ 完成 / done"
    else:
        head = "⚠️ 部分完成 / incomplete: " + "; ".join(e.message for e in digest.errors)
    if digest.offline:
        head += " · 离线模式（未使用大语言模型）/ offline mode, no LLM"
    return _status(head, note, "" if digest.complete else RERUN_NOTE)


def _digest_md(digest: Digest, pending: set[str] | None = None, cancelled: bool = False) -> str:
    md = render_markdown(digest, pending=pending or set(), with_figures=False, cancelled=cancelled)
    if cancelled or not (digest.complete or pending):
        md += f"\n\n> {RERUN_NOTE}\n"  # under a partial digest
    return protect_prose_dollars(md)  # gr.Markdown pairs every "$" (render/dollars.py)


def _run(
    source: str, pdf: str | None, lang: str, backend: str, model: str, api_key: str, request: gr.Request | None
) -> Iterator[tuple[Any, Any, Any, Any, Any, Any]]:
    """One run, streaming (status, markdown, gallery, figure view, files, share link); gr.skip() for what did
    not change. The status shows the step, n/3 and the seconds so far; 取消 / Cancel stops it at once
    (cancel.py); a failure stays in the status and is raised as one line."""
    run_dir, session = None, session_of(request)
    cancel = start_run(session)
    started = time.monotonic()
    keep = gr.skip()
    if cancel.is_set():  # cancelled while it waited in the queue: nothing was started
        end_run(session, cancel)
        yield CANCELLED, keep, keep, keep, keep, keep
        return
    try:
        target = resolve_source(source, pdf)
        note = source_note(source, pdf)
        settings = settings_for(lang, backend, model, api_key)
        check_rate("digest", request, settings.runs_per_minute)
        refuse_when_disk_is_short(settings)
        share = share_link(_base_url(request), target)
        run_dir = start_run_folder()
        digest, figure_dir, step_name = None, None, "fetch"
        gallery: Gallery = []
        view = ""
        drawn = 0.0  # when a page was last drawn from partial text
        for step in until_cancelled(iter_digest(target, settings, stream=True, cancel=cancel), cancel, TICK_SECONDS):
            if step is None or step.digest is None:  # a tick, or a step with nothing to show yet
                step_name = step.step if step is not None else step_name
                yield _status(progress_line(step_name, time.monotonic() - started), note), keep, keep, keep, keep, keep
                continue
            if step.partial and time.monotonic() - drawn < PARTIAL_EVERY_SECONDS:
                continue  # the next partial page, or the finished stage, shows this text too
            drawn = time.monotonic() if step.partial else 0.0
            step_name = step.step
            digest, figure_dir = step.digest.model_copy(deep=True), step.figure_dir  # as it was at this step
            if not gallery:
                gallery, view = _figures(digest, run_dir, figure_dir)
            if step.step != "done":
                md = _digest_md(digest, pending_stages(digest, step.step))
                status = _status(progress_line(step.step, time.monotonic() - started), note)
                yield status, md, gallery, view, None, share
        if cancel.is_set():  # the click: the digest as it was, its unfinished parts marked cancelled
            md = _digest_md(digest, pending_stages(digest, step_name), cancelled=True) if digest else ""
            yield _status(CANCELLED, note, RERUN_NOTE if digest else ""), md, gallery, view, None, share
            return
        assert digest is not None
        files = [str(path) for path in write_downloads(digest, figure_dir, run_dir, Path(pdf).name if pdf else "")]
        yield _final_status(digest, note), _digest_md(digest), gallery, view, files, share
    except Exception as exc:  # every failure stays in the status line, and is one line in a toast / the API
        error = page_error("run", exc)
        yield status_of_error(exc), keep, keep, keep, keep, keep
        raise error from None
    finally:  # also when the client went away and Gradio closed this generator
        end_run(session, cancel)
        end_run_folder(run_dir)


def run_digest(
    source: str,
    pdf: str | None = None,
    lang: str = "zh",
    backend: str = AUTO,
    model: str = "",
    api_key: str = "",
    request: gr.Request | None = None,
) -> Iterator[Outputs]:
    """The /digest API: an arXiv paper (ID or URL in ``source``) or an uploaded PDF, streaming each finished part
    as (status, digest Markdown, gallery of (figure, caption), downloads, share link)."""
    for status, md, gallery, _view, files, share in _run(source, pdf, lang, backend, model, api_key, request):
        if not isinstance(md, str):  # the page's clock ticks are not the API's business
            continue
        yield status, md, gallery, files, share


def run_page(
    source: str,
    pdf: str | None = None,
    lang: str = "zh",
    backend: str = AUTO,
    model: str = "",
    api_key: str = "",
    request: gr.Request | None = None,
) -> Iterator[Outputs]:
    """The Run button: the page's outputs (the figure view instead of the gallery), the last run's cleared."""
    yield _status(progress_line("fetch", 0.0)), "", "", None, ""
    for status, md, _gallery, view, files, share in _run(source, pdf, lang, backend, model, api_key, request):
        yield status, md, view, files, share


def run_example(
    source: str, lang: str, backend: str, model: str, api_key: str, request: gr.Request | None = None
) -> Iterator[Outputs]:
    """An example or a recent paper was clicked: run that arXiv paper (an upload in the box is not used)."""
    yield from run_page(source, None, lang, backend, model, api_key, request=request)


def run_from_link(
    source: str, lang: str, backend: str, model: str, api_key: str, request: gr.Request | None = None
) -> Iterator[Outputs]:
    """The page opened with ``/?arxiv=…``: run that paper; opened plainly: change nothing."""
    if not source:
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return
    yield from run_page(source, None, lang, backend, model, api_key, request=request)

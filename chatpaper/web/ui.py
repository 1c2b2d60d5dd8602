"""The Gradio page: inputs, a streaming digest, the figure gallery, downloads, share links and the /digest API.

This module builds the page and the paper tab; the daily tab is daily_tab.py, run folders run_folders.py. What a run
does lives in the pipeline, and the page's small pure decisions in session.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import gradio as gr

from chatpaper.models import FIGURE_FOLDER, Digest
from chatpaper.pipeline import iter_digest
from chatpaper.render.dollars import protect_prose_dollars
from chatpaper.render.export import copy_figures, write_folder, write_page, write_zip
from chatpaper.render.markdown import render_markdown
from chatpaper.settings import Settings
from chatpaper.web.ask_panel import ask_panel
from chatpaper.web.daily_tab import daily_tab
from chatpaper.web.page_error import page_error
from chatpaper.web.run_folders import (
    RUN_FILES_TTL,
    end_run_folder,
    refuse_when_disk_is_short,
    runs_root,
    start_run_folder,
)
from chatpaper.web.session import (
    AUTO,
    LATEX_DELIMITERS,
    STEP_FRACTION,
    STEP_LABEL,
    backend_choices,
    pending_stages,
    query_source,
    resolve_source,
    server_has_model,
    settings_for,
    share_link,
)

log = logging.getLogger("chatpaper.web")

# Runs at once per app instance (2 cores: PDF parsing is CPU-bound; LLM calls mostly wait).
CONCURRENCY = 2
# Waiting runs before new ones are turned away. A waiting run holds only its request (its upload was stored
# before it joined, and is bounded by CHATPAPER_MAX_PDF_MB): memory is spent by the CONCURRENCY runs in
# progress, not by the queue, and each run starts only while the disk has CHATPAPER_MIN_FREE_DISK_MB free.
# The size bounds how long a visitor may wait (32 runs ÷ 2 at ≈ 30 s each ≈ 8 minutes); the load test's 20
# simultaneous sessions fit.
QUEUE_SIZE = 32
EXAMPLES = [["1512.03385"], ["https://arxiv.org/abs/1706.03762"], ["2405.07257"]]
SOURCE_URL_DEFAULT = "https://huggingface.co/spaces/{space}/tree/main"
# Gradio sets paragraphs inside list items inline; the digest's (1)…(4) parts need their own lines.
CSS = "#digest li > p, #daily-post li > p { display: block; margin: 0.35em 0; }"

Outputs = tuple[str, str, list, list[str] | None, str]


def _base_url(request: gr.Request | None) -> str:
    if request is None:
        return ""
    headers = request.headers
    host = headers.get("x-forwarded-host") or headers.get("host") or ""
    proto = headers.get("x-forwarded-proto") or (request.request.url.scheme if request.request else "https")
    return f"{proto}://{host}" if host else ""


def _gallery(digest: Digest, run_dir: Path, figure_dir: Path | None) -> list[tuple[str, str]]:
    """Copy the figures into this run's folder (Gradio serves the temp dir) and pair them with captions."""
    copies = copy_figures(digest.figures, figure_dir, run_dir / FIGURE_FOLDER)
    return [
        (str(path), fig.caption) for path, fig in zip(copies, digest.figures, strict=False)
    ]  # no copies without a figure folder


def run_digest(
    source: str,
    pdf: str | None = None,
    lang: str = "zh",
    backend: str = AUTO,
    model: str = "",
    api_key: str = "",
    request: gr.Request | None = None,
    progress: gr.Progress = gr.Progress(),
) -> Iterator[Outputs]:
    """Digest an arXiv paper (ID or URL in ``source``) or an uploaded PDF, streaming each finished part."""
    run_dir = None
    try:
        target = resolve_source(source, pdf)
        settings = settings_for(lang, backend, model, api_key)
        refuse_when_disk_is_short(settings)
        share = share_link(_base_url(request), target)
        run_dir = start_run_folder()
        digest, figure_dir = None, None
        gallery: list[tuple[str, str]] = []
        for step in iter_digest(target, settings, stream=True):
            progress(STEP_FRACTION.get(step.step, 0.0), desc=STEP_LABEL.get(step.step, step.step))
            if step.digest is None:
                continue
            digest, figure_dir = step.digest, step.figure_dir
            gallery = gallery or _gallery(digest, run_dir, figure_dir)
            if step.step != "done":
                md = render_markdown(digest, pending=pending_stages(digest, step.step), with_figures=False)
                md = protect_prose_dollars(md)  # gr.Markdown pairs every "$" (render/dollars.py)
                yield STEP_LABEL.get(step.step, step.step) + " …", md, gallery, None, share
        assert digest is not None
        md_path = write_folder(digest, figure_dir, run_dir)
        page = write_page(digest, figure_dir, run_dir)
        files = [str(write_zip(run_dir, run_dir / "digest.zip")), str(page), str(md_path)]
        status = (
            "✅ 完成 / done"
            if digest.complete
            else "⚠️ 部分完成 / incomplete: " + "; ".join(e.message for e in digest.errors)
        )
        if digest.offline:
            status += " · 离线模式（未使用大语言模型）/ offline mode, no LLM"
        md = protect_prose_dollars(render_markdown(digest, with_figures=False))
        yield status, md, gallery, files, share
    except Exception as exc:  # every failure is one line in the page, never a stack trace
        raise page_error("run", exc) from None
    finally:  # also when the client went away and Gradio closed this generator
        end_run_folder(run_dir)


def run_from_link(
    source: str,
    lang: str,
    backend: str,
    model: str,
    api_key: str,
    request: gr.Request | None = None,
    progress: gr.Progress = gr.Progress(),
) -> Iterator[Outputs]:
    """The page opened with ``/?arxiv=…``: run that paper; opened plainly: change nothing."""
    if not source:
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return
    yield from run_digest(source, None, lang, backend, model, api_key, request=request, progress=progress)


def source_from_link(request: gr.Request) -> tuple:
    """The paper named in the page's link, into the box (left alone without one: the user may be typing)."""
    linked = query_source(dict(request.query_params)) if request else ""
    return (linked or gr.skip()), linked


def update_backends(api_key: str) -> dict:
    return gr.update(choices=backend_choices(bool(api_key and api_key.strip())))


def _source_link() -> str:
    settings = Settings.load()
    url = settings.source_url
    if not url and settings.space_id:
        url = SOURCE_URL_DEFAULT.format(space=settings.space_id)
    url = url or "https://www.gnu.org/licenses/agpl-3.0.html"
    return (
        f"ChatPaper is free software under the AGPL-3.0 (it uses PyMuPDF). [Source code]({url}). "
        "Your API key is used for your run only: it is not logged, stored or shown."
    )


def launch_options() -> dict:
    """What ``launch()`` needs besides host and port (Gradio 6 takes theme and CSS there)."""
    # The daily preview links its figures from the run folders; only our own outputs live there.
    # Uploads over CHATPAPER_MAX_PDF_MB are refused by the server before they are stored.
    return {
        "css": CSS,
        "footer_links": ["api", "gradio"],
        "allowed_paths": [str(runs_root())],
        "max_file_size": Settings.load().max_pdf_bytes,
        # Our handlers turn every failure into a one-line gr.Error; what fails before them (an API client's
        # invalid file reference, rejected by Gradio) would otherwise reach the client as {"error": null}.
        "show_error": True,
    }


def _paper_tab(demo: gr.Blocks) -> None:
    with gr.Row():
        with gr.Column(scale=2):
            source = gr.Textbox("", label="arXiv 编号或链接 / arXiv ID or URL", placeholder="2405.07257")
            pdf = gr.File(label="或上传 PDF / or upload a PDF", file_types=[".pdf"], type="filepath")
        with gr.Column(scale=1):
            lang = gr.Radio([("中文", "zh"), ("English", "en")], value="zh", label="语言 / Language")
            backend = gr.Dropdown(backend_choices(False), value=AUTO, allow_custom_value=True, label="后端 / Backend")
            model = gr.Textbox("", label="模型 / Model", placeholder="留空用默认 / default")
            api_key = gr.Textbox(
                "",
                label="自己的 API key（仅本次使用）/ your own API key (this session only)",
                type="password",
                placeholder="AIza… (Gemini) / sk-… (OpenAI-compatible)",
            )
    with gr.Row():
        run = gr.Button("开始 / Run", variant="primary")
        cancel = gr.Button("取消 / Cancel")
    gr.Examples(EXAMPLES, inputs=[source], label="示例 / Examples")
    status = gr.Markdown(label="状态 / Status")
    with gr.Row():
        with gr.Column(scale=3):
            digest_md = gr.Markdown(label="摘要 / Digest", elem_id="digest", latex_delimiters=LATEX_DELIMITERS)
        with gr.Column(scale=2):
            gallery = gr.Gallery(label="论文图表 / Figures", columns=1, object_fit="contain", height=640)
    files = gr.File(label="下载 / Downloads (zip, HTML, Markdown)", file_count="multiple", interactive=False)
    share = gr.Textbox(label="分享链接 / Share link", buttons=["copy"], interactive=False, elem_id="share-link")

    outputs: list[gr.components.Component] = [status, digest_md, gallery, files, share]
    settings_inputs: list[gr.components.Component] = [lang, backend, model, api_key]
    run_event = run.click(
        run_digest,
        [source, pdf] + settings_inputs,
        outputs,
        api_name="digest",
        concurrency_limit=CONCURRENCY,
        concurrency_id="digest",
    )
    linked = gr.State("")
    load_event = demo.load(source_from_link, None, [source, linked], api_visibility="private").then(
        run_from_link,
        [linked] + settings_inputs,
        outputs,
        api_visibility="private",
        concurrency_limit=CONCURRENCY,
        concurrency_id="digest",
    )
    cancel.click(None, None, None, cancels=[run_event, load_event], api_visibility="private")
    api_key.change(update_backends, api_key, backend, api_visibility="private", queue=False)
    ask_panel(source, pdf, settings_inputs, [run_event, load_event])


def build_app() -> gr.Blocks:
    with gr.Blocks(title="ChatPaper · 论文速读", delete_cache=(RUN_FILES_TTL, RUN_FILES_TTL)) as demo:
        intro = (
            "# ChatPaper · 论文速读\n输入 arXiv 编号/链接或上传 PDF，得到中文摘要、方法、结论和论文原图。 "
            "Paste an arXiv ID/URL or upload a PDF for a Chinese digest with the paper's own figures."
        )
        if not server_has_model():
            intro += (
                "\n\n> 本站未配置 API key：默认使用离线抽取模式（不调用大语言模型）；可在右侧填入自己的 key。 "
                "No API key is configured here: runs use the offline, extractive mode unless you paste a key."
            )
        gr.Markdown(intro)
        with gr.Tab("论文速读 / One paper"):
            _paper_tab(demo)
        with gr.Tab("每日速递 / Daily digest"):
            daily_tab()
        gr.Markdown(_source_link())
    demo.queue(max_size=QUEUE_SIZE, default_concurrency_limit=CONCURRENCY)
    return demo

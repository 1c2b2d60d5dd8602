"""The Gradio page: inputs, one progress line, a streaming digest, the figure view, downloads, share links, the
recent papers and the /digest API.

This module builds the page and the paper tab; one paper's run is paper_run.py, the daily tab daily_tab.py, run
folders run_folders.py, the cancel button's plumbing cancel.py, the figure view figure_view.py, the recent list
recent.py. What a run does lives in the pipeline, and the page's small pure decisions in session.py.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from chatpaper.settings import Settings
from chatpaper.web.ask_panel import ask_panel
from chatpaper.web.cancel import cancel_run, run_asked
from chatpaper.web.daily_tab import daily_tab
from chatpaper.web.footer import source_footer
from chatpaper.web.paper_run import run_digest, run_example, run_from_link, run_page
from chatpaper.web.rate_limit import session_of
from chatpaper.web.recent import recent_label, recent_on_server
from chatpaper.web.run_folders import (
    RUN_FILES_TTL,
    runs_root,
)
from chatpaper.web.session import (
    AUTO,
    LATEX_DELIMITERS,
    backend_choices,
    query_source,
    server_has_model,
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
# The status the moment Run is clicked, before the run leaves the queue.
WAITING = "⏳ 排队中 / waiting for a free slot …"
# Gradio sets paragraphs inside list items inline; the digest's (1)…(4) parts need their own lines. The figure
# view: whole captions wrapped under each figure; tall figures kept to a readable height; on a phone the figures
# are a strip above the digest (the outputs row wraps there), so they are reached without scrolling past it.
CSS = """
#digest li > p, #daily-post li > p { display: block; margin: 0.35em 0; }
#run-status { min-height: 1.5em; }
.cp-figs { display: flex; flex-direction: column; gap: 1.2rem; }
.cp-fig { margin: 0; }
.cp-fig a { display: block; }
.cp-fig img { display: block; width: 100%; height: auto; max-height: 75vh; object-fit: contain; }
.cp-tall img { width: auto; max-width: 100%; margin: 0 auto; }
.cp-fig figcaption { white-space: normal; overflow-wrap: anywhere; font-size: 0.9em; line-height: 1.5;
  margin-top: 0.4em; }
@media (max-width: 767px) {
  #figures-col { order: -1; }
  .cp-figs { flex-direction: row; align-items: flex-start; overflow-x: auto; scroll-snap-type: x mandatory; }
  .cp-fig { flex: 0 0 85%; scroll-snap-align: start; }
  .cp-tall img { max-height: 30vh; }
}
"""
# Brings the progress line (and the digest under it) into view when a run starts.
SCROLL_TO_STATUS_JS = """(...args) => {
  setTimeout(() => document.getElementById('run-status')?.scrollIntoView({behavior: 'smooth', block: 'start'}), 200);
  return args;
}"""


def ask_run(request: gr.Request) -> str:
    """A run was asked for (before it joins the queue): the status says so at once, and Cancel from now on
    cancels it, even while it waits."""
    run_asked(session_of(request))
    return WAITING


def stop_run(request: gr.Request) -> None:
    """取消 / Cancel: the session's run stops at once and shows 已取消 itself (it knows what was done)."""
    cancel_run(session_of(request))


def recent_list() -> tuple[dict, list[str]]:
    """The 最近 / Recent list: the last arXiv papers digested on this server, and their IDs."""
    papers = recent_on_server(Settings.load())
    return gr.update(samples=[[recent_label(p)] for p in papers], visible=bool(papers)), [p.arxiv_id for p in papers]


def pick_recent(ids: list[str], index: int) -> str:
    return ids[index] if 0 <= index < len(ids) else ""


def source_from_link(request: gr.Request) -> tuple:
    """The paper named in the page's link, into the box (left alone without one: the user may be typing)."""
    linked = query_source(dict(request.query_params)) if request else ""
    return (linked or gr.skip()), linked


def update_backends(api_key: str) -> dict:
    return gr.update(choices=backend_choices(bool(api_key and api_key.strip())))


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
    # Inputs, then the buttons, then the settings folded away: on a phone Run is on the first screen.
    with gr.Row(equal_height=False):
        source = gr.Textbox(
            "", label="arXiv 编号或链接 / arXiv ID or URL", placeholder="2405.07257", scale=3, min_width=240
        )
        pdf = gr.File(
            label="或上传 PDF / or upload a PDF",
            file_types=[".pdf"],
            type="filepath",
            height=120,
            scale=2,
            min_width=240,
        )
    with gr.Row():
        run = gr.Button("开始 / Run", variant="primary", elem_id="run-button")
        cancel = gr.Button("取消 / Cancel", elem_id="cancel-button")
    with gr.Accordion("设置 / Settings：语言、后端、模型、自己的 API key", open=False), gr.Row():
        lang = gr.Radio([("中文", "zh"), ("English", "en")], value="zh", label="语言 / Language")
        backend = gr.Dropdown(backend_choices(False), value=AUTO, allow_custom_value=True, label="后端 / Backend")
        model = gr.Textbox("", label="模型 / Model", placeholder="留空用默认 / default")
        api_key = gr.Textbox(
            "",
            label="自己的 API key（仅本次使用）/ your own API key (this session only)",
            type="password",
            placeholder="AIza… (Gemini) / sk-… (OpenAI-compatible)",
        )
    examples = gr.Examples(EXAMPLES, inputs=[source], label="示例（点击即运行）/ Examples (click to run)")
    recent = gr.Dataset(
        components=[gr.Textbox(visible=False)],
        samples=[],
        type="index",
        label="最近 / Recent",
        visible=False,
        elem_id="recent",
    )
    recent_ids = gr.State([])
    status = gr.Markdown(elem_id="run-status")
    with gr.Row(equal_height=False, elem_id="outputs-row"):
        with gr.Column(scale=3, min_width=320):
            digest_md = gr.Markdown(
                label="摘要 / Digest", elem_id="digest", latex_delimiters=LATEX_DELIMITERS, buttons=["copy"]
            )
        with gr.Column(scale=2, min_width=320, elem_id="figures-col"):
            figures = gr.HTML(elem_id="figure-view")
    files = gr.File(
        label="下载 / Downloads (zip, HTML, Markdown)", file_count="multiple", interactive=False, height=210
    )
    share = gr.Textbox(label="分享链接 / Share link", buttons=["copy"], interactive=False, elem_id="share-link")

    outputs: list[gr.components.Component] = [status, digest_md, figures, files, share]
    settings_inputs: list[gr.components.Component] = [lang, backend, model, api_key]
    runs: dict[str, Any] = {
        "outputs": outputs,
        "concurrency_limit": CONCURRENCY,
        "concurrency_id": "digest",
        "show_progress": "hidden",
    }
    asked: dict[str, Any] = {
        "fn": ask_run,
        "outputs": status,
        "api_visibility": "private",
        "queue": False,
        "js": SCROLL_TO_STATUS_JS,
    }
    run_event = run.click(**asked).then(run_page, [source, pdf] + settings_inputs, api_visibility="private", **runs)
    # The API keeps its outputs (a gallery of (figure, caption) pairs): a hidden button carries the endpoint.
    api_gallery = gr.Gallery(visible=False)
    api_run = gr.Button(visible=False)
    api_run.click(
        run_digest,
        [source, pdf] + settings_inputs,
        [status, digest_md, api_gallery, files, share],
        api_name="digest",
        concurrency_limit=CONCURRENCY,
        concurrency_id="digest",
    )
    example_event = examples.load_input_event.then(**asked).then(
        run_example, [source] + settings_inputs, api_visibility="private", **runs
    )
    recent_event = (
        recent.click(pick_recent, [recent_ids, recent], source, api_visibility="private")
        .then(**asked)
        .then(run_example, [source] + settings_inputs, api_visibility="private", **runs)
    )
    linked = gr.State("")
    load_event = demo.load(source_from_link, None, [source, linked], api_visibility="private").then(
        run_from_link, [linked] + settings_inputs, api_visibility="private", **runs
    )
    for event in (demo.load, run_event.then, example_event.then, recent_event.then, load_event.then):
        event(recent_list, None, [recent, recent_ids], api_visibility="private", queue=False)
    cancel.click(stop_run, None, None, api_visibility="private", queue=False)
    api_key.change(update_backends, api_key, backend, api_visibility="private", queue=False)
    # 追问 under the digest: every way a digest runs points the panel at its paper.
    ask_panel(source, pdf, settings_inputs, [run_event, example_event, recent_event, load_event])


def build_app() -> gr.Blocks:
    with gr.Blocks(title="ChatPaper · 论文速读", delete_cache=(RUN_FILES_TTL, RUN_FILES_TTL)) as demo:
        intro = (
            "# ChatPaper · 论文速读\n输入 arXiv 编号/链接或上传 PDF，得到中文摘要、方法、结论和论文原图。 "
            "Paste an arXiv ID/URL or upload a PDF for a Chinese digest with the paper's own figures."
        )
        if not server_has_model():
            intro += (
                "\n\n> 本站未配置 API key：默认使用离线抽取模式（不调用大语言模型）；可在「设置」中填入自己的 key。 "
                "No API key is configured here: runs use the offline, extractive mode unless you paste a key in "
                "Settings."
            )
        gr.Markdown(intro)
        with gr.Tab("论文速读 / One paper"):
            _paper_tab(demo)
        with gr.Tab("每日速递 / Daily digest"):
            daily_tab()
        gr.Markdown(source_footer())
    demo.queue(max_size=QUEUE_SIZE, default_concurrency_limit=CONCURRENCY)
    return demo

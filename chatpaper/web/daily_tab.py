"""The 每日速递 / Daily digest tab: a topic's newest papers as one Hexo post, previewed and offered as a zip."""

from __future__ import annotations

import gradio as gr

from chatpaper._errors import InputError
from chatpaper.daily import PostEntry, run_daily
from chatpaper.limits import DAYS, MAX_PAPERS
from chatpaper.render.export import write_zip
from chatpaper.settings import Settings
from chatpaper.web.page_error import page_error
from chatpaper.web.run_folders import end_run_folder, refuse_when_disk_is_short, start_run_folder
from chatpaper.web.session import LATEX_DELIMITERS


def run_daily_tab(
    topic: str, days: float = 1, max_papers: float = 10, progress: gr.Progress = gr.Progress()
) -> tuple[str, list[str]]:
    """每日速递: the post for a topic, shown (front matter left out) and offered as a zip with its images."""
    out = None
    try:
        if not (topic or "").strip():
            raise InputError("give a topic, e.g. Talking Head Generation")
        settings = Settings.load()
        refuse_when_disk_is_short(settings)
        out = start_run_folder()
        state = {"total": 0, "done": 0}

        def found(n: int) -> None:
            state["total"] = n
            progress(0.1, desc=f"{n} 篇新论文 / new papers")

        def finished(entry: PostEntry) -> None:
            state["done"] += 1
            progress(0.1 + 0.9 * state["done"] / max(1, state["total"]), desc=str(entry.paper.arxiv_id))

        result = run_daily(
            [topic],
            out,
            settings,
            days=int(days or 1),
            limit=int(max_papers or 10),
            include_seen=True,
            remember=False,
            on_found=found,
            on_paper=finished,
        )
        text = result.path.read_text(encoding="utf-8")
        shown = text.split("---", 2)[2] if text.startswith("---") else text
        shown = shown.replace('src="images/', f'src="/gradio_api/file={out}/images/')
        archive = write_zip(out, out / f"{result.path.stem}.zip")
        return shown, [str(archive), str(result.path)]
    except Exception as exc:
        raise page_error("daily", exc) from None
    finally:
        end_run_folder(out)


def daily_tab() -> None:
    gr.Markdown(
        "某个方向最近的 arXiv 新论文，逐篇解读，生成一篇 Hexo 博文（含论文截图）。 "
        "The newest arXiv papers on a topic, each digested, as one Hexo post with figures."
    )
    with gr.Row():
        topic = gr.Textbox("", label="方向 / Topic", placeholder="Talking Head Generation", scale=3)
        days = gr.Number(1, label="最近几天 / Days", minimum=DAYS.low, maximum=DAYS.high, precision=0)
        max_papers = gr.Number(
            10, label="最多几篇 / Max papers", minimum=MAX_PAPERS.low, maximum=MAX_PAPERS.high, precision=0
        )
    go = gr.Button("生成速递 / Build the post", variant="primary")
    # The post's parts are the digest's (render_parts): the same math, so the same delimiters. Its prose dollars are
    # already protected: daily/post.py writes them for Hexo's MathJax, which pairs every "$" as KaTeX does.
    post = gr.Markdown(label="博文 / Post", elem_id="daily-post", latex_delimiters=LATEX_DELIMITERS)
    files = gr.File(label="下载博文和图片 / Download the post with images", file_count="multiple", interactive=False)
    go.click(run_daily_tab, [topic, days, max_papers], [post, files], api_name="daily", concurrency_limit=1)

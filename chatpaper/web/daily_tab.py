"""The 每日速递 / Daily digest tab: a topic's newest papers ranked, the best digested, as one Hexo post with its Atom
feed, offered for download above a collapsible preview."""

from __future__ import annotations

import html

import gradio as gr

from chatpaper._errors import InputError
from chatpaper.daily import PostEntry, run_daily
from chatpaper.daily.atom import feed_path
from chatpaper.daily.post import slug
from chatpaper.limits import DAYS, MAX_PAPERS
from chatpaper.render.export import write_zip
from chatpaper.settings import Settings
from chatpaper.web.daily_access import check_daily_access
from chatpaper.web.page_error import page_error
from chatpaper.web.rate_limit import check_rate
from chatpaper.web.run_folders import end_run_folder, refuse_when_disk_is_short, start_run_folder
from chatpaper.web.session import LATEX_DELIMITERS, server_has_model, settings_for

# Progress shown before the first paper is done: searching and ranking take a few seconds.
FOUND_SHARE = 0.1
# Characters of a paper title in the progress line.
TITLE_CHARS = 60


def progress_line(done: int, total: int, title: str | None) -> str:
    """'3/8 · <title>': how far the run is, and which paper just finished."""
    text = " ".join((title or "").split())
    if len(text) > TITLE_CHARS:
        text = text[: TITLE_CHARS - 1] + "…"
    return f"{done}/{total} · {text}" if text else f"{done}/{total}"


def ranked_list(entries: list[PostEntry], below: list[PostEntry], feed_url: str) -> str:
    """The ranked list shown above the downloads: every candidate with its score, digested or listed short."""
    rows = ["| # | 相关度 / Score | 论文 / Paper | |", "|---|---|---|---|"]
    for n, (entry, digested) in enumerate([(e, True) for e in entries] + [(e, False) for e in below], 1):
        p = entry.paper
        score = f"{entry.score:.2f}" if entry.score is not None else "–"
        title = html.escape(p.title or str(p.arxiv_id)).replace("|", "\\|")
        mark = "仅列出 / listed" if not digested else ("已解读 / digested" if entry.digest else "失败 / failed")
        rows.append(f"| {n} | {score} | [{title}]({p.abs_url}) | {mark} |")
    feed = f"订阅 / Feed (Atom): [{html.escape(feed_url.rsplit('/', 1)[-1])}]({feed_url})" if feed_url else ""
    return "\n".join([feed, "", *rows]) if entries or below else "今天没有新论文。No new papers today."


def run_daily_tab(
    topic: str,
    days: float = 1,
    max_papers: float = 10,
    api_key: str = "",
    request: gr.Request | None = None,
    progress: gr.Progress = gr.Progress(),
) -> tuple[str, str, list[str]]:
    """每日速递: (the post shown without its front matter, the ranked list with the feed link, the downloads)."""
    out = None
    try:
        if not (topic or "").strip():
            raise InputError("请填写方向，例如 Talking Head Generation / give a topic, e.g. Talking Head Generation")
        server = Settings.load()
        check_daily_access(server_has_model(), server.daily_public, api_key)
        settings = settings_for("zh", None, None, api_key)
        check_rate("daily", request, settings.runs_per_minute)
        refuse_when_disk_is_short(settings)
        out = start_run_folder()
        state = {"total": 0, "done": 0}

        def found(n: int) -> None:
            state["total"] = n
            progress(FOUND_SHARE, desc=f"0/{n} · 已排序，开始解读 / ranked, digesting")

        def finished(entry: PostEntry) -> None:
            state["done"] += 1
            share = FOUND_SHARE + (1 - FOUND_SHARE) * state["done"] / max(1, state["total"])
            progress(share, desc=progress_line(state["done"], state["total"], entry.paper.title))

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
            rank_papers=True,
        )
        text = result.path.read_text(encoding="utf-8")
        shown = text.split("---", 2)[2] if text.startswith("---") else text
        shown = shown.replace('src="images/', f'src="/gradio_api/file={out}/images/')
        feed = feed_path(out, slug(topic.strip()))
        archive = write_zip(out, out / f"{result.path.stem}.zip")
        listing = ranked_list(result.entries, result.below, f"/gradio_api/file={feed}" if feed.is_file() else "")
        return shown, listing, [str(archive), str(result.path), *([str(feed)] if feed.is_file() else [])]
    except Exception as exc:
        raise page_error("daily", exc) from None
    finally:
        end_run_folder(out)


def daily_tab() -> None:
    gr.Markdown(
        "某个方向最近的 arXiv 新论文：先按相关度排序（不花模型调用），再逐篇解读最相关的几篇，"
        "生成一篇 Hexo 博文（含论文截图）和 Atom 订阅源。 The newest arXiv papers on a topic, ranked by relevance "
        "first (no model calls), the best digested, as one Hexo post with figures and an Atom feed."
    )
    with gr.Row():
        topic = gr.Textbox("", label="方向 / Topic", placeholder="Talking Head Generation", scale=3)
        days = gr.Number(1, label="最近几天 / Days", minimum=DAYS.low, maximum=DAYS.high, precision=0)
        max_papers = gr.Number(
            10, label="最多解读几篇 / Papers to digest", minimum=MAX_PAPERS.low, maximum=MAX_PAPERS.high, precision=0
        )
    api_key = gr.Textbox(
        "",
        label="你的 API 密钥（可选；只用于本次运行，不保存）/ Your API key (optional; this run only, never stored)",
        type="password",
    )
    go = gr.Button("生成速递 / Build the post", variant="primary")
    files = gr.File(label="下载博文、图片和订阅源 / Download the post, images and feed", file_count="multiple")
    ranked = gr.Markdown(elem_id="daily-ranked")
    with gr.Accordion("博文预览 / Post preview", open=True):
        # The post's parts are the digest's (render_parts): the same math, so the same delimiters. Its prose dollars
        # are already protected: daily/post.py writes them for Hexo's MathJax, which pairs every "$" as KaTeX does.
        post = gr.Markdown(label="博文 / Post", elem_id="daily-post", latex_delimiters=LATEX_DELIMITERS)
    go.click(
        run_daily_tab, [topic, days, max_papers, api_key], [post, ranked, files], api_name="daily", concurrency_limit=1
    )

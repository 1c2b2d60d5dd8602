"""The 追问 / Ask panel under a digest: a chat about the paper just digested (arXiv or upload), answers streamed as
the model writes them, each followed by its cited passages (expandable; a cited figure shows its image). The
conversation lives in the browser session. The same answering is the API endpoint ``/ask``."""

from __future__ import annotations

import logging
import queue
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from chatpaper._errors import InputError
from chatpaper.ask import AskResult, ask, label, load_paper
from chatpaper.ask.answer import check_question
from chatpaper.render.dollars import protect_prose_dollars
from chatpaper.render.model_text import inline_md
from chatpaper.settings import Settings
from chatpaper.web.page_error import page_error
from chatpaper.web.rate_limit import check_rate
from chatpaper.web.run_folders import end_run_folder, refuse_when_disk_is_short, start_run_folder
from chatpaper.web.session import AUTO, LATEX_DELIMITERS, resolve_source, settings_for

log = logging.getLogger("chatpaper.web")
# The chat redraws at most this often while an answer streams.
REDRAW_SECONDS = 0.15
NO_PAPER = (
    "请先在上方运行一篇论文的速读，再提问：回答只依据刚读过的论文。 / Digest a paper first (Run above): questions "
    "are answered from the paper just digested."
)
THINKING = "…"
# Opens the title of each cited passage under an answer (plain text: emoji fonts are missing on many servers).
CITED = "引用 / Source"

Message = dict[str, Any]


def _warm(paper: str | Path) -> None:
    """Read the paper's passages now, while the reader looks at the digest, so the first question does not wait for
    the parse. A failure here is the first question's to report."""
    try:
        load_paper(paper, Settings.load())
    except Exception as exc:
        log.info("ask: passages not read ahead (%s)", type(exc).__name__)


def remember_paper(source: str, pdf: str | None) -> tuple:
    """After a digest: the paper the panel asks about from now on (its passages read ahead), and an empty chat."""
    try:
        paper = resolve_source(source, pdf)  # a Path for an upload: never read as an arXiv reference
    except InputError:
        return gr.skip(), gr.skip()
    threading.Thread(target=_warm, args=(paper,), name="chatpaper-ask-warm", daemon=True).start()
    return paper, []


def _md(text: str, prefix: str = "") -> str:
    """Model or paper text as Markdown that shows exactly its characters (no markup, HTML or stray math from it),
    line by line; formulas kept for KaTeX."""
    lines = [prefix + inline_md(line) for line in text.splitlines() if line.strip()]
    return protect_prose_dollars("\n\n".join(lines))


def _answer_messages(result: AskResult, run_dir: Path) -> list[Message]:
    """The answer, then one collapsed message per cited passage; a cited figure's image follows its passage
    (copied into the run folder, which the page serves)."""
    messages: list[Message] = [{"role": "assistant", "content": _md(result.answer)}]
    for citation in result.citations:
        title = f"{CITED} {label(citation)} · {citation.id}"
        metadata = {"title": title, "status": "done"}
        messages.append({"role": "assistant", "content": _md(citation.quote, "> "), "metadata": metadata})
        if citation.image:
            copy = run_dir / f"{citation.id}-{Path(citation.image).name}"
            shutil.copyfile(citation.image, copy)
            messages.append({"role": "assistant", "content": {"path": str(copy), "alt_text": citation.figure}})
    return messages


def chat(
    paper: str | Path,
    question: str,
    messages: list[Message] | None,
    lang: str,
    backend: str,
    model: str,
    api_key: str,
    request: gr.Request | None = None,
) -> Iterator[tuple[list[Message], str]]:
    """One question in the page: the answer streams into the chat, then its cited passages follow."""
    messages = list(messages or [])
    run_dir, asked = None, False
    try:
        if not paper:
            raise InputError(NO_PAPER)
        settings = settings_for(lang, backend, model, api_key)  # the key is for this call only
        text = check_question(question, settings.ask_question_chars)
        check_rate("ask", request, settings.runs_per_minute)
        refuse_when_disk_is_short(settings)
        history = list(messages)
        messages += [{"role": "user", "content": text}, {"role": "assistant", "content": THINKING}]
        asked = True
        yield messages, ""
        events: queue.Queue[tuple[str, Any]] = queue.Queue()

        def work() -> None:
            try:
                done = ask(paper, text, history, settings, on_answer=lambda t: events.put(("partial", t)))
                events.put(("done", done))
            except BaseException as exc:  # raised below, in the page's thread
                events.put(("error", exc))

        threading.Thread(target=work, name="chatpaper-ask", daemon=True).start()
        drawn = 0.0
        while True:
            kind, value = events.get()
            if kind == "error":
                raise value
            if kind == "done":
                break
            if time.monotonic() - drawn < REDRAW_SECONDS:
                continue  # a newer text follows; the finished answer is drawn in any case
            drawn = time.monotonic()
            messages[-1] = {"role": "assistant", "content": _md(value) or THINKING}
            yield messages, ""
        run_dir = start_run_folder()
        yield messages[:-1] + _answer_messages(value, run_dir), ""
    except Exception as exc:
        error = page_error("ask", exc)
        if asked:  # the question stays in the chat, answered by the error's line
            messages[-1] = {"role": "assistant", "content": f"⚠️ {error.message}"}
            yield messages, ""
        raise error from None
    finally:
        end_run_folder(run_dir)


def ask_api(
    source: str,
    question: str,
    history: list[dict] | None = None,
    lang: str = "zh",
    backend: str = AUTO,
    model: str = "",
    api_key: str = "",
    request: gr.Request | None = None,
) -> dict:
    """Answer a question about an arXiv paper (ID or URL in ``source``) from its passages. ``history`` is the chat
    so far as ``[{"role": "user"|"assistant", "content": "…"}]``. Returns ``{answer, citations: [{id, section,
    page, figure, quote}], found, offline, looked_at}``."""
    try:
        settings = settings_for(lang, backend, model, api_key)  # the key is for this call only
        target = resolve_source(source, None)  # arXiv only: a path typed here must never open a server file
        check_rate("ask", request, settings.runs_per_minute)
        return ask(target, question, history, settings).to_json()
    except Exception as exc:
        raise page_error("ask", exc) from None


def ask_panel(
    source: gr.Textbox, pdf: gr.File, settings_inputs: list[gr.components.Component], digests: list[Any]
) -> None:
    """The panel, below the digest; each of ``digests`` (the page's digest events) points it at its paper."""
    gr.Markdown("### 追问 / Ask the paper")
    chatbot = gr.Chatbot(
        label="追问 / Ask", elem_id="ask-chat", height=520, latex_delimiters=LATEX_DELIMITERS, buttons=["copy"]
    )
    with gr.Row():
        question = gr.Textbox(
            "",
            label="问题 / Question",
            placeholder="例如：他们用的损失函数是什么？图 3 展示了什么？ / e.g. What loss do they use?",
            scale=5,
            elem_id="ask-question",
        )
        send = gr.Button("提问 / Ask", variant="primary", scale=1)
    paper = gr.State("")
    for event in digests:
        event.success(remember_paper, [source, pdf], [paper, chatbot], api_visibility="private")
    inputs = [paper, question, chatbot, *settings_inputs]
    send.click(chat, inputs, [chatbot, question], api_visibility="private", concurrency_id="ask")
    question.submit(chat, inputs, [chatbot, question], api_visibility="private", concurrency_id="ask")
    gr.api(ask_api, api_name="ask", concurrency_id="ask")

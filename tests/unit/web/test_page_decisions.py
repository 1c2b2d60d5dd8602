"""The page's small decisions without a browser: messages, the source used, progress, rate limit, recent list,
figure order and view, cancel."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from chatpaper._errors import ConfigError, InputError, UpstreamError
from chatpaper.models import FigureInfo
from chatpaper.render.figure_order import figure_sort_key
from chatpaper.web.cancel import cancel_run, end_run, start_run, until_cancelled
from chatpaper.web.figure_view import figure_view_html
from chatpaper.web.footer import source_footer
from chatpaper.web.rate_limit import WINDOW_SECONDS, RateLimiter, check_rate
from chatpaper.web.recent import recent_papers
from chatpaper.web.session import error_lines, error_message, progress_line, resolve_source, source_note


def _cjk_first(line: str) -> bool:
    return "\u4e00" <= line.lstrip("「")[0] <= "\u9fff"


@pytest.mark.parametrize(
    "exc",
    [
        InputError("x / y"),
        ConfigError("CHATPAPER_MODEL is not a model name"),
        UpstreamError("the arXiv API timed out"),
        ValueError("boom"),
    ],
    ids=["bilingual", "setting", "upstream", "bug"],
)
def test_every_message_is_chinese_first_with_an_english_line_and_no_class_name(exc):
    zh, en = error_lines(exc)
    assert _cjk_first(zh) and en.isascii()
    assert "ValueError" not in zh + en and "\n" not in error_message(exc)
    assert error_message(exc).startswith(zh)


def test_a_bad_id_says_what_happened_and_what_to_do_in_both_languages():
    with pytest.raises(InputError) as err:
        resolve_source("not-an-id", None)
    zh, en = error_lines(err.value)
    assert zh.startswith("输入有误：「not-an-id」不是 arXiv 编号或链接") and "上传" in zh
    assert en.startswith("Input: 'not-an-id' is not an arXiv ID or URL") and "upload" in en


def test_the_page_says_which_source_it_used_when_given_both():
    assert source_note("2405.07257", "/tmp/x/paper.pdf").startswith("已使用上传的 PDF（paper.pdf）")
    assert source_note("", "/tmp/x/paper.pdf") == source_note("2405.07257", None) == ""


def test_the_progress_line_has_the_step_the_stage_count_and_the_seconds():
    assert progress_line("methods", 12.4) == "⏳ 方法 / methods · 阶段 2/3 / stage 2 of 3 · 12 秒 / s"
    assert "阶段" not in progress_line("parse", 1.0)


def test_the_rate_limit_counts_runs_per_session_in_a_sliding_minute():
    now = [1000.0]
    limiter = RateLimiter(clock=lambda: now[0])
    assert [limiter.allow("a", 2) for _ in range(2)] == [0.0, 0.0]
    assert limiter.allow("a", 2) == pytest.approx(WINDOW_SECONDS)
    assert limiter.allow("b", 2) == 0.0  # another session is not held up
    now[0] += WINDOW_SECONDS
    assert limiter.allow("a", 2) == 0.0
    assert limiter.allow("a", 0) == 0.0  # 0: no limit


def test_over_the_limit_is_a_clear_one_line_input_error():
    class Request:
        session_hash = "over-the-limit-test"

    check_rate("unit-test", Request(), 1)
    with pytest.raises(InputError) as err:
        check_rate("unit-test", Request(), 1)
    zh, en = error_lines(err.value)
    assert "每分钟最多运行 1 次" in zh and "at most 1 a minute" in en


def test_the_recent_list_shows_arxiv_papers_once_each_and_never_an_upload():
    arxiv = {"paper": {"arxiv_id": "1512.03385", "published": "2015-12-10", "title": "Deep  Residual"}}
    other_lang = {"paper": {"arxiv_id": "1512.03385", "published": "2015-12-10", "title": "Deep Residual"}}
    upload = {"paper": {"arxiv_id": "1706.03762", "published": None, "title": "A visitor's PDF"}}
    listed = recent_papers([(arxiv, 86400.0 * 365), (other_lang, 0.0), (upload, 0.0)])
    assert [(p.arxiv_id, p.title, p.date) for p in listed] == [("1512.03385", "Deep Residual", "1971-01-01")]


def test_figures_are_ordered_as_a_reader_counts():
    numbers = ["10", "S1", "7", "6", "9", "A2", "2b"]
    assert sorted(numbers, key=figure_sort_key) == ["2b", "6", "7", "9", "10", "A2", "S1"]


def _figure(number: str, width: int, height: int, caption: str) -> FigureInfo:
    return FigureInfo(
        number=number,
        caption=caption,
        page=1,
        bbox=[0, 0, 1, 1],
        path=f"figures/f{number}.png",
        width=width,
        height=height,
    )


def test_the_figure_view_shows_whole_escaped_captions_in_order_and_knows_wide_from_tall():
    long = "Figure 10: " + "a very long caption " * 30 + "<script>x</script>"
    html = figure_view_html(
        [
            (Path("/tmp/r/f10.png"), _figure("10", 900, 300, long)),
            (Path("/tmp/r/f9.png"), _figure("9", 300, 600, "Fig 9")),
        ]
    )
    assert html.index('data-number="9"') < html.index('data-number="10"')
    assert "cp-wide" in html and "cp-tall" in html
    assert "a very long caption " * 30 in html and "<script>" not in html and "&lt;script&gt;" in html


def test_cancel_stops_reading_at_once_while_the_source_is_still_busy():
    release = threading.Event()

    def slow():
        yield 1
        release.wait(5)  # a model call in flight
        yield 2

    cancel = start_run("unit-cancel")
    seen = []
    started = time.monotonic()
    for item in until_cancelled(slow(), cancel, tick=0.05):
        seen.append(item)
        if item == 1:
            assert cancel_run("unit-cancel")
    assert time.monotonic() - started < 1.0 and 2 not in seen and seen[0] == 1
    release.set()
    end_run("unit-cancel", cancel)
    assert not cancel_run("unit-cancel")


@pytest.mark.parametrize(
    "message,shown",
    [
        (
            "Gemini timed out during the summary stage (CHATPAPER_LLM_TIMEOUT)",
            "Gemini timed out during the summary stage",
        ),
        ("Gemini rejected the API key: check GEMINI_API_KEY / GOOGLE_API_KEY", "Gemini rejected the API key"),
        ("Gemini does not know the model 'x': check --model / CHATPAPER_MODEL", "Gemini does not know the model 'x'"),
        (
            "the arXiv API could not be reached (ConnectionError; CHATPAPER_ARXIV_API)",
            "the arXiv API could not be reached",
        ),
        ("summary stage failed: blocked (SAFETY)", "summary stage failed: blocked (SAFETY)"),
    ],
)
def test_settings_and_exception_names_stay_off_the_page(message, shown):
    zh, en = error_lines(UpstreamError(message))
    assert en.endswith(shown) and "CHATPAPER" not in en and "Error;" not in en


def test_the_footer_links_the_source_never_the_licence_page(monkeypatch):
    assert "](https://github.com/chatpaper-dev/chatpaper)" in source_footer()  # the package's repository URL
    monkeypatch.setenv("SPACE_ID", "owner/chatpaper")
    assert "](https://huggingface.co/spaces/owner/chatpaper/tree/main)" in source_footer()
    monkeypatch.setenv("CHATPAPER_SOURCE_URL", "https://example.org/code")
    assert "](https://example.org/code)" in source_footer() and "gnu.org" not in source_footer()


def test_a_run_cancelled_while_it_waits_in_the_queue_starts_cancelled_and_a_later_one_does_not():
    from chatpaper.web.cancel import run_asked

    run_asked("unit-queued")
    assert not cancel_run("unit-queued")  # nothing runs yet: it waits in the queue
    queued = start_run("unit-queued")
    assert queued.is_set()
    end_run("unit-queued", queued)
    run_asked("unit-queued")  # the next click is not touched by the old cancel
    later = start_run("unit-queued")
    assert not later.is_set()
    end_run("unit-queued", later)


def test_the_pages_pure_helpers_import_without_gradio():
    """Gradio takes about 3 s to import; the unit layer and the CLI read the page's decisions without it."""
    import subprocess
    import sys

    code = (
        "import sys, chatpaper.web, chatpaper.web.session, chatpaper.web.cancel, chatpaper.web.rate_limit, "
        "chatpaper.web.recent, chatpaper.web.figure_view, chatpaper.web.footer, chatpaper.web.run_folders, "
        "chatpaper.cli; print('gradio' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]

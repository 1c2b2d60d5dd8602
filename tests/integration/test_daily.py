"""The daily topic digest: search, post structure against a reference post, failures, seen papers, limits."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from chatpaper import Settings
from chatpaper.daily import build_query, run_daily
from tests.helpers.constants import ROOT  # noqa: E402
from tests.helpers.figure_pdfs import paper_with_figure
from tests.helpers.loopback import ArxivPaper, FakeArxiv, Reply
from tests.helpers.pdfs import ABSTRACT, make_paper_pdf

REFERENCE = ROOT.parent / "shared" / "reference" / "daily-post-2024-05-22.md"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
TOPIC = "Talking Head Generation"


def stamp(hours_ago: float) -> str:
    return (NOW - timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {"figure": paper_with_figure(), "plain": make_paper_pdf()}


@pytest.fixture
def topic_arxiv(monkeypatch, pdfs):
    """Five talking-head papers from the last day (one mentions an excluded word), one older, one off-topic."""
    with FakeArxiv() as server:
        for n in range(5):
            server.add(
                ArxivPaper(
                    f"2611.0{n}001",
                    f"Talking Head Generation with Method {n}",
                    ["Ann Li", "Bo Wu"],
                    ABSTRACT
                    + (" We study talking head generation." if n != 3 else " Talking head generation for dubbing."),
                    pdfs["figure"] if n % 2 == 0 else pdfs["plain"],
                    published=stamp(2 + n),
                )
            )
        server.add(
            ArxivPaper(
                "2611.09999",
                "Talking Head Generation, the old way",
                ["Old Author"],
                ABSTRACT,
                pdfs["plain"],
                published=stamp(60),
            )
        )
        server.add(
            ArxivPaper(
                "2611.08888",
                "Protein folding",
                ["Someone Else"],
                "Proteins fold.",
                pdfs["plain"],
                published=stamp(1),
                category="q-bio.BM",
            )
        )
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        yield server


def daily(out: Path, **kwargs):
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("search_delay", 0.0)
    return run_daily([TOPIC], out, Settings.load(), **kwargs)


# -- structure against the reference ------------------------------------------------------------------------

MARKERS = [
    ("heading", r"^## "),
    ("authors", r"^\*\*Authors:"),
    ("pdf", r"^\[PDF\]\("),
    ("summary", r"^\*\*Summary\*\*"),
    ("takeaways", r"^\*\*Key Takeaways\*\*"),
    ("analysis", r"^(<ol>|1\. \*\*)"),
    ("figures", r"^<details>"),
]


def post_structure(text: str) -> tuple[list[str], list[list[str]]]:
    """Front-matter keys, and per paper the kinds of its blocks in order (the abstract is the paragraph
    between authors and PDF link)."""
    front = text.split("---", 2)[1]
    keys = [m[1] for m in re.finditer(r"^(\w+):", front, re.MULTILINE)]
    papers = []
    for chunk in re.split(r"\n(?=## )", text)[1:]:
        kinds = []
        for line in chunk.splitlines():
            kind = next((k for k, pattern in MARKERS if re.match(pattern, line)), None)
            if kind and kind not in kinds:
                kinds.append(kind)
            elif not kind and kinds and kinds[-1] == "authors" and line.strip():
                kinds.append("abstract")
        papers.append(kinds)
    return keys, papers


def test_post_matches_the_reference_structure(topic_arxiv, tmp_path):
    if not REFERENCE.exists():
        pytest.skip("../shared/reference is not present")
    result = daily(tmp_path / "blog", categories=["cs.CV", "cs.GR"], exclude=["dubbing"])
    text = result.path.read_text()
    ref_keys, ref_papers = post_structure(REFERENCE.read_text())
    keys, papers = post_structure(text)
    assert keys == ref_keys
    expected = ["heading", "authors", "abstract", "pdf", "summary", "takeaways", "analysis"]
    assert all(p[:7] == expected for p in ref_papers)
    assert [p[:7] for p in papers] == [expected] * 4
    # papers with figures end with the screenshot block, as the reference's do
    assert [p[-1] for p in papers].count("figures") == 3 and ref_papers[0][-1] == "figures"
    assert f"# {NOW:%Y-%m-%d} 更新" in text and result.path.name == f"{NOW:%Y-%m-%d}-talking-head-generation.md"


def test_post_content(topic_arxiv, tmp_path):
    out = tmp_path / "blog"
    result = daily(out, categories=["cs.CV"], exclude=["dubbing"])
    text = result.path.read_text()
    ids = [str(e.paper.arxiv_id) for e in result.entries]
    assert ids == ["2611.00001", "2611.01001", "2611.02001", "2611.04001"]  # newest first; old, off-topic, excluded out
    assert "希望以上" not in text and "Gemini-Pro" not in text
    assert "离线模式" in text  # the notice names what really wrote the post
    first_img = re.search(r'<img src="([^"]+)"', text)[1]
    assert first_img == "images/2611.00001/figure-3.png" and (out / first_img).is_file()
    assert f'cover: "{first_img}"' in text
    assert (
        'description: "Talking Head Generation 方向最新论文已更新，请持续关注 Update in 2026-11-22 '
        'Talking Head Generation with Method 0"' in text
    )
    assert text.count("1. **标题**") == 4 and text.count("8. **结论**") == 4
    query = topic_arxiv.queries[0]
    assert 'ti:"Talking Head Generation" OR abs:"Talking Head Generation"' in query
    assert "cat:cs.CV" in query and "submittedDate:[202611211200 TO 202611221200]" in query


def test_image_base_url(topic_arxiv, tmp_path):
    text = daily(tmp_path, limit=1, image_base_url="https://cdn.example.com/img").path.read_text()
    assert '<img src="https://cdn.example.com/img/2611.00001/figure-3.png"' in text


def test_seen_papers_are_skipped_next_time_unless_asked(topic_arxiv, tmp_path):
    first = daily(tmp_path / "a", limit=2)
    assert len(first.entries) == 2
    second = daily(tmp_path / "b", limit=2)
    assert not {e.paper.arxiv_id for e in first.entries} & {e.paper.arxiv_id for e in second.entries}
    again = daily(tmp_path / "c", limit=2, include_seen=True)
    assert [e.paper.arxiv_id for e in again.entries] == [e.paper.arxiv_id for e in first.entries]


def test_a_failed_paper_still_appears_with_its_reason(topic_arxiv, tmp_path):
    topic_arxiv.pdf_overrides["2611.01001"] = Reply(
        200, raw=b"<html>captcha</html>", headers={"Content-Type": "text/html"}
    )
    result = daily(tmp_path, limit=3)
    text = result.path.read_text()
    block = text.split("## Talking Head Generation with Method 1")[1].split("\n## ")[0]
    assert "**Authors:Ann Li, Bo Wu**" in block and ABSTRACT[:60] in block
    assert "digest failed" in block and "HTML page" in block
    assert [e.digest is None for e in result.entries] == [False, True, False]


def test_llm_calls_share_the_rate_limit_and_reruns_resume(topic_arxiv, gemini_env, tmp_path):
    result = daily(tmp_path / "a", limit=3, workers=3)
    assert len(gemini_env.requests) == 9 and all(e.digest.complete for e in result.entries)
    text = result.path.read_text()
    assert "gemini-2.5-flash" in text and "离线模式" not in text
    # a rerun (after a crash, or on purpose) pays for nothing already done
    daily(tmp_path / "b", limit=3, include_seen=True)
    assert len(gemini_env.requests) == 9


def test_rate_limiter_spaces_call_starts(monkeypatch):
    from chatpaper.backends import ratelimit

    clock = {"now": 100.0}
    starts: list[float] = []
    lock = threading.Lock()
    monkeypatch.setattr(ratelimit.time, "monotonic", lambda: clock["now"])

    def fake_sleep(seconds: float) -> None:
        with lock:
            starts.append(clock["now"] + seconds)

    monkeypatch.setattr(ratelimit.time, "sleep", fake_sleep)
    limiter = ratelimit.RateLimiter(rpm=60)
    waits = [limiter.wait() for _ in range(4)]
    assert waits == [0.0, 1.0, 2.0, 3.0]  # one call a second at 60 rpm, the first at once
    assert starts == [101.0, 102.0, 103.0]


def test_build_query_forms():
    start, end = NOW - timedelta(days=2), NOW
    q = build_query(["Talking Head", "lip sync"], [], start, end)
    assert q.startswith('(ti:"Talking Head" OR abs:"Talking Head" OR ti:"lip sync" OR abs:"lip sync")')
    assert build_query(["ti:avatar AND cat:cs.GR"], [], start, end).startswith("((ti:avatar AND cat:cs.GR))")


def test_daily_cli(topic_arxiv, tmp_path):
    env = {**__import__("os").environ}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "chatpaper",
            "daily",
            TOPIC,
            "--days",
            "2",
            "--max",
            "2",
            "--workers",
            "2",
            "--out",
            str(tmp_path / "blog"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    post = Path(run.stdout.strip())
    assert post.is_file() and post.parent == tmp_path / "blog" and (tmp_path / "blog" / "images").is_dir()
    assert "Traceback" not in run.stderr


def test_arxiv_outage_is_one_clear_error(topic_arxiv, tmp_path):
    from chatpaper import UpstreamError

    topic_arxiv.query_reply = Reply(503, raw=b"busy", headers={"Content-Type": "text/plain"})
    with pytest.raises(UpstreamError, match="HTTP 503"):
        daily(tmp_path)
    assert not list(tmp_path.glob("*.md"))  # no half post

"""Issue #18: two topics from one daily.toml against the loopback arXiv (announcement feed and search API) and the
loopback model: one post per topic, the shared paper digested once, ranking order and the list below the cut,
min_score, the Atom feeds, and the e-mail received by a local SMTP server with the figures inlined."""

from __future__ import annotations

import email
import email.policy
import socket
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest

from chatpaper import Settings
from chatpaper.daily.config import parse_config
from chatpaper.daily.run import CALLS_PER_PAPER, run_topics
from tests.helpers.arxiv_feeds import announcement
from tests.helpers.constants import ROOT, SENTINEL_KEY
from tests.helpers.figure_pdfs import paper_with_figure
from tests.helpers.loopback import ArxivPaper, FakeArxiv

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
STAMP = (NOW - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
TALKING, SPEECH = "Talking Head Generation", "Speech Synthesis"
SHARED = "2611.30003"

CONFIG = {
    "source": "rss",
    "workers": 2,
    "site_url": "https://blog.example.com/",
    "post_path": "{year}/{month}/{day}/{stem}/",
    "topic": [
        {
            "name": TALKING,
            "query": ["talking head"],
            "categories": ["cs.CV"],
            "exclude": ["dubbing"],
            "keywords": ["audio-driven"],
            "max": 2,
        },
        {"name": SPEECH, "query": ["speech synthesis"], "categories": ["cs.SD"], "max": 3, "min_score": 0.3},
    ],
}


def _papers(pdf: bytes) -> list[ArxivPaper]:
    def paper(pid: str, title: str, abstract: str, category: str) -> ArxivPaper:
        return ArxivPaper(pid, title, ["Ann Li", "Bo Wu"], abstract, pdf, published=STAMP, category=category)

    return [
        paper("2611.30001", "Talking head generation with diffusion", "We generate a talking head video.", "cs.CV"),
        paper("2611.30002", "Faster talking face rendering", "A talking head model for video calls.", "cs.CV"),
        paper(
            SHARED,
            "Audio-driven talking head and speech synthesis",
            "Joint speech synthesis and talking head generation from audio.",
            "cs.CV",
        ),
        paper("2611.30004", "Image segmentation at scale", "Segmenting images of cities.", "cs.CV"),
        paper("2611.30005", "Talking head dubbing", "Talking head generation for dubbing films.", "cs.CV"),
        paper("2611.30006", "Neural speech synthesis in one step", "Fast speech synthesis with flows.", "cs.SD"),
        paper("2611.30007", "Room acoustics", "Measuring reverberation of concert halls.", "cs.SD"),
    ]


@pytest.fixture
def service_arxiv(monkeypatch):
    """cs.SD through its announcement feed (the shared paper cross-listed there); the cs.CV feed is down (HTTP 503),
    so that topic uses the search API."""
    with FakeArxiv() as server:
        papers = _papers(paper_with_figure())
        for p in papers:
            server.add(p)
        sd = [p for p in papers if p.category == "cs.SD" or p.id == SHARED]
        server.listings["/atom/cs.SD"] = (200, announcement("cs.SD", sd, kinds={SHARED: "cross"}))
        server.listings["/atom/cs.CV"] = (503, b"busy")
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        monkeypatch.setenv("CHATPAPER_ARXIV_RSS", server.url + "/atom")
        yield server


@pytest.fixture
def smtp_server(monkeypatch):
    """A local SMTP server (aiosmtpd) that wants a login; the password is the sentinel key."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.original_content or envelope.content)
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"reader" and auth_data.password == SENTINEL_KEY.encode()
        return AuthResult(success=ok)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(
        Handler(), hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False
    )
    controller.start()
    monkeypatch.setenv("CHATPAPER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("CHATPAPER_SMTP_USER", "reader")
    monkeypatch.setenv("CHATPAPER_SMTP_PASSWORD", SENTINEL_KEY)
    monkeypatch.setenv("CHATPAPER_SMTP_FROM", "daily@example.com")
    try:
        yield received
    finally:
        controller.stop()


def test_two_topics_one_run(service_arxiv, gemini_env, smtp_server, tmp_path):
    out = tmp_path / "blog"
    result = run_topics(
        parse_config(CONFIG), out, Settings.load(), mail_to=["me@example.com"], now=NOW, search_delay=0.0
    )
    talking, speech = result.posts
    ids = lambda entries: [str(e.paper.arxiv_id) for e in entries]  # noqa: E731

    # ranking: the best two are digested, best first (the keyword lifts the shared paper); the third is listed
    # short; "dubbing" is excluded before ranking
    assert talking.source == "api (rss failed)" and speech.source == "rss"
    assert ids(talking.entries) == [SHARED, "2611.30001"] and ids(talking.below) == ["2611.30002"]
    scores = [e.score for e in talking.entries + talking.below]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0
    # min_score: the off-topic paper of the feed scores 0 and is listed, not digested, though max would allow it
    assert sorted(ids(speech.entries)) == sorted([SHARED, "2611.30006"])
    assert ids(speech.below) == ["2611.30007"] and speech.below[0].score == 0.0

    # the shared paper was digested once: three calls for each distinct paper, no more
    assert result.digested == 3 and len(gemini_env.requests) == CALLS_PER_PAPER * 3 == result.model_calls
    assert result.candidates == 5 and result.calls_saved == CALLS_PER_PAPER * 2
    shared_in_speech = next(e for e in speech.entries if e.paper.arxiv_id == SHARED)
    assert talking.entries[0].digest is shared_in_speech.digest

    # one post per topic, each with its relevance scores, the shared paper and the short list
    assert sorted(p.name for p in out.glob("*.md")) == [
        "2026-11-22-speech-synthesis.md",
        "2026-11-22-talking-head-generation.md",
    ]
    post = talking.path.read_text(encoding="utf-8")
    assert post.count("**相关度 / Relevance:**") == 2 and "Audio-driven talking head" in post
    below = post.split("## 其他相关论文 / Also found (not digested)")[1]
    assert "[Faster talking face rendering](https://arxiv.org/abs/2611.30002" in below
    assert "<details><summary>摘要 / Abstract</summary>" in below and "A talking head model for video calls." in below
    assert "Audio-driven talking head" in speech.path.read_text(encoding="utf-8")

    # the feeds: valid Atom read back by feedparser, one entry linking the post, carrying its summary list
    for topic_post in (talking, speech):
        parsed = feedparser.parse(topic_post.feed.read_bytes())
        assert not parsed.bozo and parsed.version == "atom10"
        (entry,) = parsed.entries
        assert entry.link == f"https://blog.example.com/2026/11/22/{topic_post.path.stem}/"
        assert all(str(e.paper.arxiv_id) in entry.content[0].value for e in topic_post.entries)
    assert talking.feed.name == "talking-head-generation.xml"

    # the e-mails: one per topic, HTML with the figures as cid: parts, and a plain-text part
    assert len(smtp_server) == 2
    msg = email.message_from_bytes(smtp_server[0], policy=email.policy.default)
    assert msg["To"] == "me@example.com" and "Talking Head Generation" in msg["Subject"]
    html_part = msg.get_body(("html",))
    text_part = msg.get_body(("plain",))
    images = [p for p in msg.walk() if p.get_content_maintype() == "image"]
    assert text_part is not None and "Talking head generation with diffusion" in text_part.get_content()
    assert "<img" not in text_part.get_content()
    assert len(images) == 2  # the key figure of each digested paper with one (the test PDF has one)
    body = html_part.get_content()
    for image in images:
        assert f'src="cid:{image["Content-ID"][1:-1]}"' in body
        assert image.get_content().startswith(b"\x89PNG")
    assert all(SENTINEL_KEY.encode() not in raw for raw in smtp_server)  # the SMTP password stays out


def test_a_second_day_adds_to_the_feed_and_skips_what_was_posted(service_arxiv, tmp_path):
    cv = [p for p in service_arxiv.papers.values() if p.category == "cs.CV"]
    service_arxiv.listings["/atom/cs.CV"] = (200, announcement("cs.CV", cv))
    out = tmp_path / "blog"
    config = parse_config({**CONFIG, "topic": CONFIG["topic"][:1]})
    run_topics(config, out, Settings.load(), now=NOW, search_delay=0.0)
    second = run_topics(config, out, Settings.load(), now=NOW + timedelta(days=1), search_delay=0.0)
    (post,) = second.posts
    assert [str(e.paper.arxiv_id) for e in post.entries] == ["2611.30002", "2611.30004"]  # yesterday's are seen
    entries = feedparser.parse(post.feed.read_bytes()).entries
    assert [e.title for e in entries] == [f"{TALKING} · 2026-11-23", f"{TALKING} · 2026-11-22"]


def test_the_cli_runs_a_config(service_arxiv, tmp_path):
    cv = [p for p in service_arxiv.papers.values() if p.category == "cs.CV"]
    service_arxiv.listings["/atom/cs.CV"] = (200, announcement("cs.CV", cv))
    config = tmp_path / "daily.toml"
    config.write_text(
        '[[topic]]\nname = "Talking Head Generation"\nquery = ["talking head"]\ncategories = ["cs.CV"]\nmax = 1\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "chatpaper",
            "daily",
            "--config",
            str(config),
            "--source",
            "rss",
            "--out",
            str(tmp_path / "b"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.strip()).name.endswith("-talking-head-generation.md")
    assert "5 candidates, 1 digested" in run.stderr and "ranking saved 12 calls" in run.stderr


def test_a_bad_config_is_one_line(tmp_path):
    config = tmp_path / "daily.toml"
    config.write_text('[[topic]]\nname = "x"\nmax = 500\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "chatpaper", "daily", "--config", str(config), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "topic.0.max" in run.stderr and "Traceback" not in run.stderr


def test_the_workflow_passes_the_github_workflow_schema():
    """actionlint cannot be installed offline; check-jsonschema's vendored GitHub workflow schema can."""
    workflow = ROOT / "examples" / "daily.yml"
    checker = Path(sys.executable).parent / "check-jsonschema"
    run = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ok -- validation done" in run.stdout
    text = workflow.read_text(encoding="utf-8")
    assert "schedule:" in text and "secrets.GEMINI_API_KEY" in text and "--config" in text


def test_a_mail_server_that_is_down_costs_no_post(service_arxiv, tmp_path, monkeypatch):
    monkeypatch.setenv("CHATPAPER_SMTP_URL", "smtp://127.0.0.1:9")  # closed port
    out = tmp_path / "blog"
    result = run_topics(parse_config(CONFIG), out, Settings.load(), mail_to=["me@example.com"], now=NOW, search_delay=0)
    assert len(list(out.glob("*.md"))) == 2 and len(list(out.glob("*.xml"))) == 2
    assert all(p.mail_error and "could not be sent through 127.0.0.1:9" in p.mail_error for p in result.posts)
    assert not any(p.mailed for p in result.posts)


def test_an_empty_announcement_feed_falls_back_to_the_search_api(service_arxiv, tmp_path):
    service_arxiv.listings["/atom/cs.SD"] = (200, announcement("cs.SD", []))  # a holiday: nothing announced
    config = parse_config({**CONFIG, "topic": CONFIG["topic"][1:]})
    (post,) = run_topics(config, tmp_path / "blog", Settings.load(), now=NOW, search_delay=0.0).posts
    assert post.source == "api (the feeds listed nothing new)"
    assert [str(e.paper.arxiv_id) for e in post.entries] == ["2611.30006"]  # the search API's cs.SD paper
    assert any("search_query" in r for r in service_arxiv.requests)

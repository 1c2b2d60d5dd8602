"""Issue #17 row 3: two topics whose words alone look alike (Chinese topics, C++ and C) get their own posts and
their own seen-papers lists in the same --out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from chatpaper import Settings
from chatpaper.daily import run_daily
from tests.helpers.loopback import ArxivPaper, FakeArxiv
from tests.helpers.pdfs import ABSTRACT, make_paper_pdf

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
TOPICS = {"说话人头像生成": "2611.20001", "语音合成": "2611.20002"}


@pytest.fixture
def chinese_topics(monkeypatch):
    pdf = make_paper_pdf()
    stamp = (NOW - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with FakeArxiv() as server:
        for topic, arxiv_id in TOPICS.items():
            server.add(ArxivPaper(arxiv_id, f"{topic} 研究", ["Ann Li"], f"{topic}。" + ABSTRACT, pdf, published=stamp))
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        yield server


def test_two_chinese_topics_in_one_folder_get_two_posts(chinese_topics, tmp_path):
    out = tmp_path / "blog"
    posts = {}
    for topic, arxiv_id in TOPICS.items():
        result = run_daily([topic], out, Settings.load(), now=NOW, search_delay=0.0)
        posts[topic] = result.path
        # before: both slugged to "topic"; the second skipped its paper as "seen" and overwrote the first post
        assert [str(e.paper.arxiv_id) for e in result.entries] == [arxiv_id]
    assert len(set(posts.values())) == 2 and all(p.is_file() for p in posts.values())
    for topic, path in posts.items():
        assert TOPICS[topic] in path.read_text(encoding="utf-8")

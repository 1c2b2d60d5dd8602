"""Issue #18: the real announcement feeds (current Atom, RSS 2.0, the RSS 1.0 served before 2024) parse into the
papers announced as new or cross-listed; replacements are left out."""

from __future__ import annotations

import pytest

from chatpaper import UpstreamError
from chatpaper.daily.feed import parse_announcements
from tests.helpers.arxiv_feeds import ATOM_SAMPLE, RSS1_SAMPLE, RSS2_SAMPLE, announcement
from tests.helpers.loopback import ArxivPaper


def test_current_atom_feed_keeps_new_and_cross_listed():
    papers = parse_announcements(ATOM_SAMPLE.read_bytes())
    assert [(p.arxiv_id, p.arxiv_version) for p in papers] == [("2609.31763", 1), ("2301.02225", 1)]  # no replace
    first = papers[0]
    assert first.title.startswith("SMARtCARE: Privacy-Preserving") and first.authors == [
        "Srini Ramaswamy",
        "Deveeshree Nayak",
    ]
    assert first.abstract == "Long-context clinical AI systems can miss relevant patient history."
    assert first.abs_url == "https://arxiv.org/abs/2609.31763v1" and papers[1].categories == ["stat.ML", "cs.AI"]


def test_rss2_feed():
    (paper,) = parse_announcements(RSS2_SAMPLE.read_bytes())
    assert (paper.arxiv_id, paper.arxiv_version) == ("2509.15234", 1)
    assert paper.title == "Exploring the Capabilities of LLM Encoders for Image-Text Retrieval in Chest X-rays"
    assert paper.abstract.startswith("Vision-language pretraining has advanced")
    assert "Announce Type" not in paper.abstract


def test_old_rss1_feed_reads_the_kind_from_the_title():
    papers = parse_announcements(RSS1_SAMPLE.read_bytes())
    assert [(p.arxiv_id, p.arxiv_version) for p in papers] == [("2107.03419", 1), ("2106.00550", 2)]  # UPDATED out
    assert papers[0].title.endswith("decays.") and "(arXiv:" not in papers[0].title
    assert papers[1].authors == ["Robert A. Wilson"] and "<a" not in " ".join(papers[0].authors)


def test_our_test_feeds_parse_like_the_real_one():
    paper = ArxivPaper("2611.00001", "A & B <talking> heads", ["Ann Li", "Bo Wu"], "We study heads.", b"", version=2)
    (parsed,) = parse_announcements(announcement("cs.CV", [paper]))
    assert (parsed.arxiv_id, parsed.arxiv_version, parsed.title) == ("2611.00001", 2, "A & B <talking> heads")
    assert parsed.authors == ["Ann Li", "Bo Wu"] and parsed.abstract == "We study heads."


def test_not_a_feed_is_an_upstream_error():
    with pytest.raises(UpstreamError, match="not a feed"):
        parse_announcements(b"<html><body>captcha</body></html")

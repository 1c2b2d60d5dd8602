"""The real arxiv client on real Atom samples from ../shared/corpus/atom, served on loopback."""

import pytest

from chatpaper import InputError, Settings, UpstreamError
from chatpaper.source.fetch import fetch_metadata
from chatpaper.source.reference import ArxivRef
from tests.helpers.loopback import Reply


def _serve(arxiv_server, corpus, ident, filename, status=200):
    arxiv_server.raw_feeds[ident] = (status, (corpus / "atom" / filename).read_bytes())


def test_legacy_feed(arxiv_server, corpus):
    _serve(arxiv_server, corpus, "1111.2011v2", "arxivpy_legacy2016_id_list_1111.2011v2.xml")
    paper = fetch_metadata(ArxivRef("1111.2011", 2), Settings())
    assert paper.arxiv_id == "1111.2011" and paper.arxiv_version == 2
    assert paper.title and paper.authors and paper.abstract == paper.abstract.strip()
    assert "\n" not in paper.abstract


def test_current_feed(arxiv_server, corpus):
    _serve(arxiv_server, corpus, "1707.08567", "arxivpy_2026_id_list_0808.05394_1707.08567.xml")
    paper = fetch_metadata(ArxivRef("1707.08567"), Settings())
    assert paper.arxiv_id == "1707.08567" and paper.pdf_url.startswith("http")


def test_empty_feed_is_unknown_paper(arxiv_server, corpus):
    _serve(arxiv_server, corpus, "0000.0000", "arxivpy_2026_id_list_0000.0000_empty_result.xml")
    with pytest.raises(InputError, match="no paper"):
        fetch_metadata(ArxivRef("0000.0000"), Settings())


def test_error_feed_400_is_input_error(arxiv_server, corpus):
    _serve(arxiv_server, corpus, "abc", "arxivpy_2026_id_list_abc_http400_error_feed.xml", status=400)
    with pytest.raises(InputError, match="rejected"):
        fetch_metadata(ArxivRef("abc"), Settings())


def test_timeout_is_upstream_error(arxiv_server, monkeypatch):
    monkeypatch.setenv("CHATPAPER_HTTP_TIMEOUT", "0.3")
    arxiv_server.query_reply = Reply(raw=b"<feed/>", delay=1.0)
    with pytest.raises(UpstreamError, match="timed out"):
        fetch_metadata(ArxivRef("1512.03385"), Settings())

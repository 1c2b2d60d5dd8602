"""arXiv announcement feeds for the loopback arXiv: the real samples in tests/fixtures/arxiv_feeds, and feeds of the
test's own papers in the shape of the real Atom sample (same namespaces, ids, summary prefix, announce type)."""

from __future__ import annotations

from html import escape

from tests.helpers.constants import ROOT
from tests.helpers.loopback import ArxivPaper

FEEDS = ROOT / "tests" / "fixtures" / "arxiv_feeds"
ATOM_SAMPLE = FEEDS / "atom-cs.AI-2026-09-29.xml"
RSS2_SAMPLE = FEEDS / "rss2-cs.CV-2025-09-22.xml"
RSS1_SAMPLE = FEEDS / "rss1-hep-ex-2021-07-08.xml"

_HEAD = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns="http://www.w3.org/2005/Atom" xml:lang="en-us">
  <id>http://rss.arxiv.org/atom/{category}</id>
  <title>{category} updates on arXiv.org</title>
  <updated>2026-11-22T05:00:00.000000+00:00</updated>
{entries}
</feed>
"""
_ENTRY = """  <entry>
    <id>oai:arXiv.org:{id}v{version}</id>
    <title>{title}</title>
    <updated>2026-11-22T05:00:00.000000+00:00</updated>
    <link href="https://arxiv.org/abs/{id}" rel="alternate" type="text/html"/>
    <summary>arXiv:{id}v{version} Announce Type: {kind}
Abstract: {summary}</summary>
    <category term="{category}" scheme="http://arxiv.org/schemas/atom"/>
    <published>2026-11-22T00:00:00-05:00</published>
    <arxiv:announce_type>{kind}</arxiv:announce_type>
    <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
    <dc:creator>{authors}</dc:creator>
  </entry>"""


def announcement(category: str, papers: list[ArxivPaper], kinds: dict[str, str] | None = None) -> bytes:
    """Today's announcement feed of ``category`` listing ``papers`` (``kinds`` maps an id to new/cross/replace)."""
    entries = [
        _ENTRY.format(
            id=p.id,
            version=p.version,
            title=escape(p.title),
            summary=escape(p.summary),
            category=category,
            kind=(kinds or {}).get(p.id, "new"),
            authors=escape(", ".join(p.authors)),
        )
        for p in papers
    ]
    return _HEAD.format(category=category, entries="\n".join(entries)).encode()

"""Today's announcements: the papers arXiv listed in a category's announcement feed (what readers mean by "new
papers"), read with feedparser. The current Atom feed (rss.arxiv.org/atom/<cat>), its RSS 2.0 twin and the RSS 1.0
(RDF) feed arXiv served before 2024 all parse; replacements (a new version of an old paper) are left out."""

from __future__ import annotations

import html
import logging
import re

import arxiv
import feedparser
import requests

from chatpaper._errors import UpstreamError
from chatpaper.paper import Paper
from chatpaper.settings import Settings
from chatpaper.source.fetch import arxiv_client, arxiv_errors, paper_from_result

log = logging.getLogger("chatpaper.daily")

# Announcement kinds that are papers new to the category today; "replace"/"replace-cross" are new versions.
NEW_KINDS = {"new", "cross"}
# IDs per API request when completing the metadata of announced papers (the API takes long id_lists).
ID_BATCH = 100
_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Za-z\-]{2,})?/\d{7})(?:v(\d+))?")
_TAG = re.compile(r"<[^>]+>")
# The RSS 1.0 title carried the ID and kind: "Title. (arXiv:2107.03419v1 [hep-ex] UPDATED)".
_OLD_TITLE = re.compile(r"\s*\(arXiv:[^)]*\)\s*$")
_ABSTRACT = re.compile(r"^.*?Announce Type:\s*[\w-]+\s*(?:Abstract:\s*)?", re.DOTALL)


def feed_url(settings: Settings, category: str) -> str:
    return f"{settings.arxiv_rss.rstrip('/')}/{category.strip()}"


def _text(value: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", value or "")).split())


def _kind(entry: feedparser.FeedParserDict) -> str:
    """new / cross / replace / replace-cross, from the arxiv:announce_type element or the older title marks."""
    declared = str(entry.get("arxiv_announce_type") or "").strip().lower()
    if declared:
        return declared
    title = str(entry.get("title") or "")
    if "UPDATED)" in title:
        return "replace"
    return "cross" if "CROSS LISTED)" in title else "new"


def _authors(entry: feedparser.FeedParserDict) -> list[str]:
    names = [_text(a.get("name", "")) for a in entry.get("authors") or []]
    text = ", ".join(n for n in names if n) or _text(str(entry.get("author") or ""))
    parts = re.split(r",\s*|\s+and\s+|\s*:\s+", text)
    return [p.strip() for p in parts if p.strip() and not p.strip().startswith("et al")]


def paper_of(entry: feedparser.FeedParserDict) -> Paper | None:
    """One announced paper, or None for an entry that names no arXiv ID."""
    where = " ".join(str(entry.get(k) or "") for k in ("id", "link", "title", "summary"))
    matches = list(_ID.finditer(where))
    if not matches:
        return None
    match = next((m for m in matches if m[2] and m[1] == matches[0][1]), matches[0])  # the versioned mention
    arxiv_id, version = match[1], int(match[2]) if match[2] else None
    abstract = _text(_ABSTRACT.sub("", str(entry.get("summary") or entry.get("description") or ""), count=1))
    return Paper(
        # a title is text ("$a<b$" is math, not a tag): only the old form's "(arXiv:…)" tail goes
        title=" ".join(html.unescape(_OLD_TITLE.sub("", str(entry.get("title") or ""))).split()),
        authors=_authors(entry),
        abstract=abstract,
        arxiv_id=arxiv_id,
        arxiv_version=version,
        abs_url=f"https://arxiv.org/abs/{arxiv_id}" + (f"v{version}" if version else ""),
        categories=[str(t.get("term")) for t in entry.get("tags") or [] if t.get("term")],
    )


def parse_announcements(data: bytes) -> list[Paper]:
    """The new and cross-listed papers of one feed document, in the feed's order, each once."""
    parsed = feedparser.parse(data)
    found: dict[str, Paper] = {}
    for entry in parsed.entries:
        if _kind(entry) not in NEW_KINDS:
            continue
        paper = paper_of(entry)
        if paper and paper.arxiv_id and paper.arxiv_id not in found:
            found[paper.arxiv_id] = paper
    if not found and parsed.get("bozo") and not parsed.entries:
        raise UpstreamError(f"the announcement feed is not a feed ({type(parsed.get('bozo_exception')).__name__})")
    return list(found.values())


def announced(settings: Settings, categories: list[str]) -> list[Paper]:
    """Today's new papers in ``categories``, each once (a paper cross-listed in two is listed once)."""
    found: dict[str, Paper] = {}
    for category in categories:
        url = feed_url(settings, category)
        try:
            reply = requests.get(url, timeout=settings.http_timeout, headers={"User-Agent": "chatpaper-daily"})
        except requests.RequestException as exc:
            reason = type(exc).__name__
            raise UpstreamError(f"the announcement feed of {category} could not be read ({reason})") from None
        if reply.status_code != 200:
            raise UpstreamError(f"the announcement feed of {category} answered HTTP {reply.status_code}")
        for paper in parse_announcements(reply.content):
            found.setdefault(str(paper.arxiv_id), paper)
    return list(found.values())


def with_api_metadata(settings: Settings, papers: list[Paper]) -> list[Paper]:
    """The papers with the API's metadata (PDF link, comment, exact version), one request per ``ID_BATCH``. A
    paper the API does not answer for keeps the feed's metadata and arXiv's usual PDF link."""
    by_id: dict[str, Paper] = {}
    ids = [str(p.arxiv_id) for p in papers if p.arxiv_id]
    client = arxiv_client(settings, page_size=ID_BATCH, delay_seconds=0.0)
    try:
        for start in range(0, len(ids), ID_BATCH):
            batch = ids[start : start + ID_BATCH]
            with arxiv_errors("arXiv rejected the announced IDs"):
                for result in client.results(arxiv.Search(id_list=batch, max_results=len(batch))):
                    paper = paper_from_result(result)
                    by_id[str(paper.arxiv_id)] = paper
    except UpstreamError as exc:
        log.warning("announced papers keep the feed's metadata: %s", exc)
    out = []
    for p in papers:
        full = by_id.get(str(p.arxiv_id))
        if full is None:
            versioned = f"{p.arxiv_id}v{p.arxiv_version}" if p.arxiv_version else str(p.arxiv_id)
            full = p.model_copy(update={"pdf_url": f"https://arxiv.org/pdf/{versioned}"})
        out.append(full)
    return out

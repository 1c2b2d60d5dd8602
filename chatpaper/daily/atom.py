"""A topic's Atom feed, ``<out>/<topic-slug>.xml``: its last posts, each entry linking the post and carrying its
summary list. Written with feedgen; the file is its own memory (earlier entries are read back with feedparser), so
no state lives anywhere else."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
from feedgen.feed import FeedGenerator

from chatpaper.daily.post import PostEntry
from chatpaper.files import write_atomic


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    link: str
    updated: datetime
    summary_html: str


def feed_path(out: Path, key: str) -> Path:
    return out / f"{key}.xml"


def summary_html(entries: list[PostEntry], below: int) -> str:
    """The post's papers as an HTML list: title (linked to arXiv), relevance, one-line summary."""
    items = []
    for e in entries:
        p = e.paper
        line = f'<a href="{html.escape(p.abs_url or "", quote=True)}">{html.escape(p.title or str(p.arxiv_id))}</a>'
        if e.score is not None:
            line += f" ({e.score:.2f})"
        if e.digest and e.digest.summary:
            line += " — " + html.escape(e.digest.summary.one_line_summary)
        elif e.error:
            line += " — 解读失败 / digest failed"
        items.append(f"<li>{line}</li>")
    more = f"<p>另有 {below} 篇列于文末 / {below} more listed in the post</p>" if below else ""
    return f"<ol>{''.join(items)}</ol>{more}" if items else f"<p>今天没有新论文 / No new papers today</p>{more}"


def _when(entry: feedparser.FeedParserDict) -> datetime:
    parsed = entry.get("updated_parsed")
    if parsed:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    try:
        return parsedate_to_datetime(str(entry.get("updated")))
    except (TypeError, ValueError):
        return datetime.now(timezone.utc)


def read_entries(path: Path) -> list[FeedEntry]:
    """The entries already in the feed file (none when there is no file or it cannot be read as a feed)."""
    if not path.is_file():
        return []
    parsed = feedparser.parse(path.read_bytes())
    out = []
    for e in parsed.entries:
        content = (e.get("content") or [{}])[0].get("value") or e.get("summary") or ""
        out.append(FeedEntry(str(e.get("id")), str(e.get("title")), str(e.get("link")), _when(e), content))
    return out


def write_feed(path: Path, topic: str, key: str, new: FeedEntry, keep: int, self_url: str = "") -> Path:
    """The feed with ``new`` first, then the earlier entries (one per id: a rerun of a day replaces it), at most
    ``keep``."""
    entries = [new] + [e for e in read_entries(path) if e.id != new.id]
    entries = sorted(entries, key=lambda e: e.updated, reverse=True)[:keep]
    fg = FeedGenerator()
    fg.id(f"urn:chatpaper:daily:{key}")
    fg.title(f"{topic} · ChatPaper 每日速递")
    fg.subtitle(f"arXiv 新论文解读 / New arXiv papers on {topic}, digested")
    fg.link(href=self_url or path.name, rel="self")
    fg.language("zh-CN")
    fg.updated(entries[0].updated)
    for e in reversed(entries):  # feedgen puts each added entry first
        fe = fg.add_entry()
        fe.id(e.id)
        fe.title(e.title)
        fe.link(href=e.link, rel="alternate")
        fe.updated(e.updated)
        fe.content(e.summary_html, type="html")
    return write_atomic(path, fg.atom_str(pretty=True))

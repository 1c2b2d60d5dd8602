"""The daily post as Hexo Markdown, in the shape of the reference posts, rendered by our code. Pure.

What the references got wrong stays out: no hard-coded model name (the notice names the models really used),
no model chatter (everything comes from validated fields), numbering from our renderer, and a paper whose
digest failed still appears, with its abstract and the reason.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from chatpaper.models import Digest
from chatpaper.paper import Paper
from chatpaper.render.dollars import protect_prose_dollars
from chatpaper.render.markdown import labels_of, render_parts, takeaway_lines
from chatpaper.render.model_text import inline_md, model_md

# The front-matter keys of the reference posts, in their order; the ones we have no value for stay empty.
FRONT_MATTER_KEYS = [
    "title",
    "date",
    "author",
    "cover",
    "categories",
    "tags",
    "description",
    "keywords",
    "toc",
    "toc_number",
    "toc_style_simple",
    "copyright",
    "copyright_author",
    "copyright_author_href",
    "copyright_url",
    "copyright_info",
    "mathjax",
    "katex",
    "aplayer",
    "highlight_shrink",
    "aside",
]
PROJECT_URL = "https://huggingface.co/spaces"


@dataclass
class PostEntry:
    """One paper of the post: its arXiv metadata, its digest (None if it failed) and image links."""

    paper: Paper
    digest: Digest | None = None
    error: str | None = None
    images: list[str] = field(default_factory=list)
    score: float | None = None  # relevance to the topic (BM25), when the topic was ranked


# Longest readable part of a post's file name (the date and a short hash may follow).
SLUG_CHARS = 60
# A topic spelled only with ASCII words and single spaces/dashes/underscores is its own slug, unchanged.
_PLAIN_TOPIC = re.compile(r"[a-z0-9]+([ _-][a-z0-9]+)*")


def slug(topic: str) -> str:
    """The topic's name in file names and in the seen-papers table: unique per topic, readable, short.

    A plain ASCII topic keeps its words ("talking-head-generation"). Anything the words alone would lose
    (symbols: ``C++`` vs ``C``; non-ASCII: 语音合成 vs 说话人头像生成; a cut long topic) gets 8 hex digits of the
    topic's hash appended, so two topics never share a post. Topics that differ only in case or in the
    separators between words are the same topic. No transliteration: a Chinese topic reads as ``topic-<hash>``."""
    text = " ".join(topic.lower().split())
    words = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    readable = words[:SLUG_CHARS].rstrip("-") or "topic"
    if _PLAIN_TOPIC.fullmatch(text) and readable == words:
        return readable
    digest = hashlib.sha256(re.sub(r"[ _-]+", " ", text).encode()).hexdigest()[:8]
    return f"{readable}-{digest}"


def _yaml(value: object) -> str:
    """A YAML scalar: JSON strings are valid YAML and survive colons, quotes and '#' in paper titles."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def front_matter(topic: str, when: datetime, author: str, cover: str, first_title: str) -> list[str]:
    values: dict[str, object] = {
        "title": topic,
        "date": when.strftime("%Y-%m-%d %H:%M:%S"),
        "author": author,
        "cover": cover,
        "categories": "Paper",
        "description": f"{topic} 方向最新论文已更新，请持续关注 Update in {when:%Y-%m-%d} {first_title}".strip(),
        "keywords": topic,
        "toc": True,
        "toc_number": False,
        "toc_style_simple": True,
        "mathjax": True,
    }
    out = ["---"]
    for key in FRONT_MATTER_KEYS:
        if key == "tags":
            out += ["tags:", f"    - {_yaml(topic)}"]
        elif key == "date":
            out.append(f"date: {values['date']}")
        else:
            rendered = _yaml(values.get(key))
            out.append(f"{key}: {rendered}" if rendered else f"{key}:")
    return out + ["---", ""]


def notice(digests: list[Digest]) -> list[str]:
    """Which models wrote this post: the ones really used, not a name typed into a template."""
    if not digests:
        return []
    llm = list(dict.fromkeys(d.model for d in digests if not d.offline))
    if llm:
        head = f">⚠️ 以下总结由大语言模型 {', '.join(llm)} 生成，可能有错，仅供论文初筛，请以原文为准"
    else:
        head = ">⚠️ 以下内容由论文原句抽取生成（离线模式，未使用大语言模型），仅供论文初筛"
    lines = [head]
    if llm and any(d.offline for d in digests):
        lines += [">", ">部分论文为离线抽取（未使用大语言模型）"]
    lines += [">", ">🔴 请勿用于严肃的学术场景，只用于阅读前的初筛"]
    return lines + [""]


def paper_block(entry: PostEntry) -> list[str]:
    p, d = entry.paper, entry.digest
    out = [
        f"## {inline_md(p.title)}",
        "",
        f"**Authors:{inline_md(', '.join(p.authors))}**",
        "",
        inline_md(p.abstract),
        "",
    ]
    out += [f"[PDF]({p.abs_url}) {inline_md(p.comment or '')}".rstrip(), ""]
    if entry.score is not None:
        out += [f"**相关度 / Relevance:** {entry.score:.2f}", ""]
    if d is None or d.summary is None:
        reason = entry.error or (d.errors[0].message if d and d.errors else "the digest failed")
        return out + [f"> ⚠️ 此论文解读失败 / digest failed：{inline_md(reason)}", ""]
    s = d.summary
    out += ["**Summary**", model_md(s.one_line_summary, labels_of("one_line")), "", "**Key Takeaways**"]
    out += takeaway_lines(s.key_takeaways) + [""]
    if d.errors:
        out += ["> ⚠️ 部分内容生成失败：" + "；".join(inline_md(e.message) for e in d.errors), ""]
    out += render_parts(d)
    if entry.images:
        out += ["<details>", "  <summary>点此查看论文截图</summary>"]
        out += [f'<img src="{html.escape(src, quote=True)}" align="middle">' for src in entry.images]
        out += ["</details>", ""]
    return out + [""]


def below_cut_block(below: list[PostEntry]) -> list[str]:
    """The papers ranked below the cut: listed short (title, authors, link, score, abstract collapsed), so nothing
    found is hidden and none cost a model call."""
    if not below:
        return []
    out = ["## 其他相关论文 / Also found (not digested)", ""]
    for entry in below:
        p = entry.paper
        score = f" · {entry.score:.2f}" if entry.score is not None else ""
        title, authors = inline_md(p.title or str(p.arxiv_id)), inline_md(", ".join(p.authors))
        out.append(f"- [{title}]({p.abs_url}) — {authors}{score}")
        if p.abstract:
            out += ["  <details><summary>摘要 / Abstract</summary>", "", f"  {inline_md(p.abstract)}", ""]
            out += ["  </details>"]
    return out + [""]


def render_post(
    topic: str, when: datetime, entries: list[PostEntry], author: str = "ChatPaper", below: Sequence[PostEntry] = ()
) -> str:
    cover = next((e.images[0] for e in entries if e.images), "")
    first_title = (entries[0].paper.title or "") if entries else ""
    head = front_matter(topic, when, author, cover, first_title)
    out = notice([e.digest for e in entries if e.digest])
    out += [f"# {when:%Y-%m-%d} 更新", ""]
    if not entries and not below:
        out += ["今天没有新论文。No new papers today.", ""]
    for entry in entries:
        out += paper_block(entry)
    out += below_cut_block(list(below))
    body = protect_prose_dollars("\n".join(out))  # MathJax pairs every "$" (render/dollars.py); YAML has none
    return "\n".join([*head, body]).rstrip() + "\n"

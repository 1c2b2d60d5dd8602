"""A whole digest from messy model replies (derived from ../shared/model-replies) rendered three ways:
digest.md, the standalone HTML page and the Hexo post. What a reader would see broken must not be there."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from chatpaper.daily.post import PostEntry, render_post
from chatpaper.models import Digest
from chatpaper.paper import Paper
from chatpaper.render.dollars import PROSE_DOLLAR
from chatpaper.render.export import standalone_html
from chatpaper.render.markdown import render_markdown
from tests.helpers import messy_replies as mr

pytestmark = pytest.mark.skipif(not mr.available(), reason="../shared/model-replies is absent")


def digest(paper: str) -> Digest:
    return mr.messy_digest(paper)


def visible_text(html: str) -> str:
    """The page's text without tags (MathML included: its text is the formula's symbols)."""
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture(params=mr.PAPERS)
def paper(request) -> str:
    return request.param


def test_markdown_has_no_run_together_marks_doubled_markers_or_labels(paper):
    md = render_markdown(digest(paper))
    assert "。；" not in md
    assert "****" not in md
    assert "- 1." not in md and "- -" not in md and "- **" not in md.replace("- **优点**", "").replace("- **不足**", "")
    assert "研究背景**：(1)" not in md and md.count("研究背景") == 1
    assert "过去的方法：" not in md
    assert "步骤1" not in md and "Step 2" not in md
    assert "优点：优点" not in md and "不足**：不足" not in md and "不足**：局限" not in md
    assert not re.search(r"^\s*\|", md, re.M) and "|---" not in md
    assert not re.search(r"^\s*#{2,}", md, re.M)  # only our own title is a heading
    assert "## 意义" not in md and "## 本文方法" not in md


def test_strengths_and_weaknesses_are_each_on_their_own_line(paper):
    md = render_markdown(digest(paper))
    assert md.count("- **优点**：") == 3 and md.count("- **不足**：") == 3
    for line in md.splitlines():
        assert not ("优点" in line and "不足" in line), line


def test_title_shows_the_translation_once(paper):
    d = digest(paper)
    md = render_markdown(d)
    title_line = next(ln for ln in md.splitlines() if ln.startswith("1. **标题**"))
    english = mr.ENGLISH_TITLES[paper]
    translation = mr.clean(paper, "summary")["title_zh"]
    assert title_line == f"1. **标题**：{english.replace('&', '&amp;')}（{translation}）"


def test_every_keyword_and_takeaway_the_schema_keeps_is_shown(paper):
    d = digest(paper)
    md = render_markdown(d)
    assert d.summary is not None
    keywords_line = next(ln for ln in md.splitlines() if ln.startswith("4. **关键词**"))
    assert keywords_line.count(",") == len(d.summary.keywords) - 1
    takeaways = [ln for ln in md.splitlines() if ln.startswith("- ") and not ln.startswith("- **")]
    assert len(takeaways) == len(d.summary.key_takeaways)


def test_math_stays_as_dollar_math_in_markdown_and_becomes_mathml_in_html(paper):
    d = digest(paper)
    md = render_markdown(d)
    assert mr.FORMULA in md and mr.BIG_O in md and r"$\alpha$" in md and "$$" in md
    page = standalone_html(d, None)
    assert page.count("<math") >= 5
    text = visible_text(page)
    assert "\\mathcal" not in text and "\\beta" not in text
    assert "$" not in text.replace(mr.MONEY, ""), "every dollar left is a prose dollar"
    assert page.count("<em>") == 1 and "<p><em>由 ChatPaper 生成" in page  # our footer, nothing a model wrote


def test_underscores_and_angle_brackets_are_text_and_script_is_never_live(paper):
    d = digest(paper)
    md, page = render_markdown(d), standalone_html(d, None)
    post = render_post("Speech", datetime(2026, 11, 22), [PostEntry(paper=paper_of(d), digest=d)])
    for rendered in (md, page, post):
        assert "<script" not in rendered and "<tag>" not in rendered and "<b>" not in rendered
    assert "__init__.py" in visible_text(page) and "a_b_c" in visible_text(page)
    assert "&lt;script&gt;" in page and "&lt;tag&gt;" in page
    assert "<strong>init</strong>" not in page
    assert mr.MONEY in visible_text(page) and mr.MONEY.replace("$", r"\$") in md


def paper_of(d: Digest) -> Paper:
    return Paper(
        title=d.paper["title"],
        authors=d.paper["authors"],
        abstract=d.paper["abstract"],
        arxiv_id="2308.11596",
        abs_url=d.paper["abs_url"],
    )


def test_hexo_post_keeps_math_unescaped_for_mathjax(paper):
    d = digest(paper)
    post = render_post("Speech", datetime(2026, 11, 22), [PostEntry(paper=paper_of(d), digest=d)])
    assert "mathjax: true" in post
    assert mr.FORMULA in post and mr.BIG_O in post and "$O(n^2)$" in post  # the abstract's math too
    assert "。；" not in post and "****" not in post
    assert mr.MONEY.replace("$", PROSE_DOLLAR) in post  # MathJax must not pair the prose dollars


def test_an_english_digest_uses_its_own_labels_and_strips_the_chinese_echoes():
    d = digest("th03").model_copy(update={"lang": "en"})
    md = render_markdown(d)
    assert md.count("- **Strengths**: ") == 3 and md.count("- **Weaknesses**: ") == 3
    assert "(1) **Background**: " in md and "研究背景" not in md
    # English punctuation around every label (the model's own Chinese text keeps its own)
    assert "**：" not in md and "，Code" not in md and ", Code: " in md


def test_clean_replies_pass_through_the_cleaner_unchanged(paper):
    """The cleaner only removes mess: every string of the clean shared replies comes out as it went in."""
    from chatpaper.render.markdown import STRENGTH_LABELS, WEAKNESS_LABELS, labels_of
    from chatpaper.render.model_text import clean_model_text

    s, m, c = (mr.clean(paper, stage) for stage in ("summary", "methods", "conclusion"))
    fields = {"background": "background", "prior_work": "prior", "method": "method", "results": "results"}
    items = [(s[field], labels_of(key)) for field, key in fields.items()]
    items += [(s["one_line_summary"], labels_of("one_line")), (c["significance"], labels_of("significance"))]
    items += [(t, ()) for t in s["key_takeaways"] + s["keywords"] + [s["title_zh"]]]
    items += [(step["name"], ()) for step in m["steps"]] + [(step["detail"], (step["name"],)) for step in m["steps"]]
    for key in ("innovation", "performance", "workload"):
        items.append((c[key]["strengths"], labels_of(key) + labels_of("strengths") + STRENGTH_LABELS))
        items.append((c[key]["weaknesses"], labels_of(key) + labels_of("weaknesses") + WEAKNESS_LABELS))
    for text, labels in items:
        assert clean_model_text(text, labels) == " ".join(text.split())

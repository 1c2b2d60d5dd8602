"""Exports name themselves after the paper, carry whole captions in number order and say which figures they
show; the English abstract sits inside item 6."""

from __future__ import annotations

from chatpaper.models import Digest, FigureInfo
from chatpaper.render.export import download_stem, write_downloads
from chatpaper.render.markdown import render_markdown
from chatpaper.render.mathml import markdown_html

LONG = "Figure 7: " + "throughput of the router under a heavy load " * 12


def _digest(**paper) -> Digest:
    figures = [
        FigureInfo(number=n, caption=c, page=1, bbox=[0, 0, 1, 1], path=f"figures/f{n}.png", width=4, height=3, key=k)
        for n, c, k in [("7", LONG, True), ("6", "Figure 6: loss.", True), ("8", "Figure 8: extra.", False)]
    ]
    info = {"title": "SparseRouter", "abstract": "We route tokens.", **paper}
    return Digest(paper=info, backend="offline", model="extractive", lang="zh", prompt_version="t", figures=figures)


def test_downloads_are_named_after_the_arxiv_id_or_the_uploaded_file():
    assert download_stem(_digest(arxiv_id="2405.07257", arxiv_version=2)) == "2405.07257v2"
    assert download_stem(_digest(), "my paper (final).pdf") == "my_paper_final"
    assert download_stem(_digest(), "../..pdf") == "paper"


def test_write_downloads_makes_three_named_files(tmp_path):
    files = write_downloads(_digest(arxiv_id="2405.07257", arxiv_version=1), None, tmp_path)
    assert [f.name for f in files] == [f"2405.07257v1-digest.{ext}" for ext in ("zip", "html", "md")]
    assert all(f.is_file() for f in files)


def test_exports_carry_whole_captions_in_number_order_and_say_which_figures_are_shown():
    md = render_markdown(_digest())
    assert LONG.strip() in md and "…" not in md.split("<details>", 2)[-1]
    assert md.index("Figure 6: loss.") < md.index("Figure 7:")
    assert "此处显示 2/3 张关键图（6, 7）；全部图表都在 zip 的 figures/ 文件夹中。" in md
    english = render_markdown(_digest().model_copy(update={"lang": "en"}))
    assert "Showing 2 of 3 key figures (6, 7); all figures are in the zip's figures/ folder." in english


def test_the_english_abstract_sits_inside_item_6():
    page = markdown_html(render_markdown(_digest(), with_figures=False))
    item6 = page[page.index("<li>", page.index("摘要") - 40) :]
    details = page.index("<details>")
    # the abstract's block opens before item 6's list item closes and before item 7 starts
    assert details < page.index("方法") and page.count("<ol") == 1
    assert "We route tokens." in item6

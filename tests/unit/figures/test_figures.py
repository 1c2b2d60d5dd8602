"""Figure extraction: golden tests on PDFs built here, the caption grammar, key figures, CLI and digest."""

from __future__ import annotations

import io
import logging

import pymupdf
import pytest
from PIL import Image

from chatpaper import Settings, digest, render_markdown
from chatpaper.figures import extract_figures, key_figures
from chatpaper.figures.captions import caption_body, caption_number
from chatpaper.figures.geometry import keep_off
from chatpaper.models import FigureInfo
from tests.helpers import figure_pdfs as fp
from tests.helpers.boxes import inside, overlaps


def figures_of(data: bytes, **kwargs):
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        return extract_figures(doc, **kwargs), [tuple(w[:4]) + (w[4],) for w in doc[0].get_text("words")]
    finally:
        doc.close()


def words_in(words: list, region: tuple) -> list:
    """Words whose centre lies in ``region``."""
    centre = [((w[0] + w[2]) / 2, (w[1] + w[3]) / 2) for w in words]
    return [w for w, (cx, cy) in zip(words, centre, strict=True) if inside((cx, cy, cx, cy), region, slack=0)]


def check_crop(fig, words: list, drawn: tuple, labels: tuple, prose: list[tuple], caption: tuple) -> None:
    """The crop holds everything drawn and every label of the figure, and no body text or caption."""
    assert inside(drawn, fig.bbox, slack=1.0), (fig.bbox, drawn)
    for w in words_in(words, labels):
        assert inside(w[:4], fig.bbox), f"label {w[4]!r} at {w[:4]} is cut off by {fig.bbox}"
    for block in prose:
        for w in words_in(words, block):
            assert not overlaps(w[:4], fig.bbox), f"body word {w[4]!r} is inside the crop"
    assert not overlaps(caption, fig.bbox)


def test_vector_chart_with_caption_below():
    data, exp = fp.vector_chart_caption_below()
    figures, words = figures_of(data)
    assert [f.number for f in figures] == ["1"]  # "Figure 1 shows ..." in the text is not a second figure
    fig = figures[0]
    assert fig.caption.startswith("Figure 1: Accuracy of the three models") and fig.page == 1
    check_crop(fig, words, exp["drawn"], exp["labels"], exp["prose"], exp["caption"])
    rotated = [w for w in words if w[4] == "accuracy"]
    assert rotated and inside(rotated[0][:4], fig.bbox)  # the rotated y-axis label is in the crop
    img = Image.open(io.BytesIO(fig.image))
    assert fig.format == "png" and img.format == "PNG" and img.size == (fig.width, fig.height)
    assert abs(fig.width - (fig.bbox[2] - fig.bbox[0]) * 150 / 72) <= 2  # 150 dpi by default


def test_raster_image_with_caption_above_is_kept_compact():
    data, exp = fp.raster_caption_above()
    figures, words = figures_of(data)
    assert [f.number for f in figures] == ["2"]
    fig = figures[0]
    assert fig.caption == "Fig. 2. A photograph of the test scene."
    check_crop(fig, words, exp["drawn"], exp["labels"], exp["prose"], exp["caption"])
    assert inside(fig.bbox, (exp["drawn"][0] - 4, exp["drawn"][1] - 4, exp["drawn"][2] + 4, exp["drawn"][3] + 4))
    assert fig.format == "jpeg" and Image.open(io.BytesIO(fig.image)).format == "JPEG"


def test_two_panel_figure_is_one_crop_with_its_subcaptions():
    data, exp = fp.two_panel_figure()
    figures, words = figures_of(data)
    assert [f.number for f in figures] == ["3"]
    check_crop(figures[0], words, exp["drawn"], exp["labels"], exp["prose"], exp["caption"])
    for sub in exp["subcaptions"]:
        assert inside(sub, figures[0].bbox, slack=1.0)


def test_two_column_page_full_width_figure_and_column_figure():
    data, exp = fp.two_column_page()
    figures, words = figures_of(data)
    by_number = {f.number: f for f in figures}
    assert sorted(by_number) == ["4", "5"]
    wide, narrow = by_number["4"], by_number["5"]
    # A short caption in the left column still gets the whole full-width figure.
    check_crop(wide, words, exp["wide"], fp.labels_around(exp["wide"]), exp["prose"], exp["wide_caption"])
    assert wide.bbox[2] - wide.bbox[0] > 420
    # A figure in the right column stays there: the left column's prose beside it is not in the crop.
    check_crop(narrow, words, exp["narrow"], fp.labels_around(exp["narrow"]), exp["prose"], exp["narrow_caption"])
    assert narrow.bbox[0] > 306


def test_chinese_caption_numbered_by_chapter():
    data, exp = fp.chinese_figure()
    figures, words = figures_of(data)
    assert [(f.number, f.caption) for f in figures] == [("2.1", "图 2.1 系统框架")]
    check_crop(figures[0], words, exp["drawn"], exp["labels"], exp["prose"], exp["caption"])


def test_dpi_is_configurable():
    data, _ = fp.vector_chart_caption_below()
    low = figures_of(data, dpi=72)[0][0]
    high = figures_of(data, dpi=300)[0][0]
    assert abs(low.width - (low.bbox[2] - low.bbox[0])) <= 2
    assert abs(high.width / low.width - 300 / 72) < 0.05


def test_no_figures_give_an_empty_list(paper_pdf):
    assert figures_of(paper_pdf)[0] == []  # a paper without numbered figures
    assert figures_of(fp.image_only_scan())[0] == []  # a scan without a text layer


def test_decompression_bomb_is_never_decoded(caplog):
    caplog.set_level(logging.WARNING, "chatpaper.figures")
    assert figures_of(fp.bomb_figure())[0] == []
    assert "over" in caplog.text and "pixels" in caplog.text


def test_absurd_page_size_is_rendered_within_the_pixel_cap():
    from chatpaper.figures.extract import MAX_CROP_PIXELS

    figures, _ = figures_of(fp.giant_page_figure())
    assert [f.number for f in figures] == ["1"]
    fig = figures[0]
    assert fig.width * fig.height <= MAX_CROP_PIXELS
    ratio = (fig.bbox[2] - fig.bbox[0]) / (fig.bbox[3] - fig.bbox[1])
    assert abs(fig.width / fig.height - ratio) < 0.01


@pytest.mark.parametrize(
    "line,number",
    [
        ("Figure 3: Overview of the model.", "3"),
        ("Fig. 3. Results.", "3"),
        ("FIG. 12. Face detection.", "12"),
        ("Figure 3 Overview of the system", "3"),
        ("Figure 7", "7"),
        ("Figure 2 | Architecture", "2"),
        ("图 3 系统结构", "3"),
        ("图 2.1 2011-2022 年论文数量", "2.1"),
        ("图2-1 模型框架", "2.1"),
        ("Figure A.1: Extra results.", "A.1"),
        ("Fig.4: Ablation", "4"),
    ],
)
def test_caption_lines(line, number):
    assert caption_number(line) == number


@pytest.mark.parametrize(
    "line",
    [
        "Figure 3 shows the results on ImageNet.",
        "Figures 3 and 4 compare the models.",
        "Fig.3a shows",
        "图 3 所示的结构",
        "图 3 中的模型",
        "Figure 1 Overview ........................ 12",
        "Table 2: Results.",
        "In Figure 3 we show",
        "figure 5 shows these probabilities",
    ],
)
def test_body_lines_mentioning_figures_are_not_captions(line):
    assert caption_number(line) is None


def test_caption_body():
    assert caption_body("Figure 3: Overview of the model.") == "Overview of the model."
    assert caption_body("Fig. 2. A photo.") == "A photo."


def test_keep_off_cuts_the_cheapest_side():
    assert keep_off((0, 0, 100, 100), (0, 90, 100, 110)) == (0, 0, 100, 90)  # caption below
    assert keep_off((0, 0, 100, 100), (95, 0, 200, 10)) == (0, 0, 95, 100)  # text in the next column
    assert keep_off((0, 0, 100, 100), (200, 200, 300, 300)) == (0, 0, 100, 100)


def _info(number: str, caption: str) -> FigureInfo:
    return FigureInfo(
        number=number, caption=caption, page=1, bbox=[0, 0, 1, 1], path=f"figures/{number}.png", width=1, height=1
    )


def test_key_figures_first_overview_results():
    figs = [
        _info("1", "Figure 1: Teaser."),
        _info("2", "Figure 2: Samples from the dataset."),
        _info("3", "Figure 3: Overview of our pipeline."),
        _info("4", "Figure 4: Attention maps."),
        _info("5", "Figure 5: Comparison with prior methods."),
        _info("6", "Figure 6: Qualitative results."),
        _info("7", "Figure 7: More samples."),
    ]
    assert [f.number for f in key_figures(figs, 4)] == ["1", "3", "5", "6"]
    assert [f.number for f in key_figures(figs, 2)] == ["1", "3"]
    assert key_figures(figs, 0) == [] and key_figures([], 4) == []
    plain = [_info(str(i), f"Figure {i}: Something.") for i in range(1, 7)]
    assert [f.number for f in key_figures(plain, 4)] == ["1", "2", "3", "4"]


def test_digest_lists_all_figures_and_embeds_key_ones(figure_paper, tmp_path, monkeypatch):
    monkeypatch.setenv("CHATPAPER_KEY_FIGURES", "1")
    result = digest(figure_paper, Settings.load())
    assert [(f.number, f.key, f.path) for f in result.figures] == [("3", True, "figures/figure-3.png")]
    md = render_markdown(result)
    assert "<summary>点此查看论文截图</summary>" in md and '<img src="figures/figure-3.png"' in md
    assert "Figure 3: Training curves of both models." in md
    assert '<img src="img/p1/figure-3.png"' in render_markdown(result, figure_base="img/p1")


def test_digest_without_figures_has_no_figure_block(paper_file):
    result = digest(paper_file)
    assert result.figures == [] and "点此查看论文截图" not in render_markdown(result)


def test_figure_captions_are_escaped(figure_paper):
    result = digest(figure_paper)
    result.figures = [result.figures[0].model_copy(update={"caption": "Figure 3: <script>alert(1)</script>"})]
    md = render_markdown(result)
    assert "<script>" not in md and "&lt;script&gt;" in md

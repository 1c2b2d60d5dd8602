"""Layout rules of issue #12 on PDFs built here, the crop audit's rules, and the corpus levels reached."""

from __future__ import annotations

import pytest

from chatpaper.figures.audit import CropInfo, FrontMatter, audit_crop, caption_cut
from chatpaper.figures.page import Graphic, PageContent, TextLine
from chatpaper.figures.style import DocStyle, holds_email
from tests.helpers import boxes
from tests.helpers import figure_rules_pdfs as rp
from tests.helpers.boxes import overlaps
from tests.helpers.figure_pdfs import figures_in


def inside(inner: tuple, outer: tuple, slack: float = 1.0) -> bool:
    """A crop drawn at 50 dpi for trimming may sit a point off what was drawn."""
    return boxes.inside(inner, outer, slack)


# Golden tests: what the crop must hold and what it must not.


def test_running_header_and_its_rule_stay_out_of_a_top_figure():
    data, exp = rp.running_header_over_top_figure()
    [fig] = figures_in(data)
    assert fig.page == 2 and inside(exp["drawn"], fig.bbox)
    assert fig.bbox[1] >= exp["header"][3] - 0.01, (fig.bbox, exp["header"])  # neither the header nor its rule


def test_picture_box_over_its_caption_is_cut_at_the_caption():
    data, exp = rp.picture_box_over_caption()
    [fig] = figures_in(data)
    assert fig.number == "1" and inside(exp["drawn"], fig.bbox)
    assert fig.bbox[3] <= exp["caption"][1] + 1
    assert not any(overlaps(p, fig.bbox) for p in exp["prose"])


def test_stacked_panels_with_sub_captions_are_one_figure():
    data, exp = rp.stacked_panels_with_subcaptions()
    [fig] = figures_in(data)
    assert fig.number == "2" and inside(exp["drawn"], fig.bbox)
    assert not overlaps(exp["caption"], fig.bbox)


def test_a_caption_of_three_lines_is_read_whole():
    data, exp = rp.three_line_caption()
    [fig] = figures_in(data)
    assert fig.caption.endswith("dashed line marks the best published result.")
    assert "different seeds" in fig.caption and inside(exp["drawn"], fig.bbox)


def test_teaser_figure_stays_under_the_title_and_authors():
    data, exp = rp.teaser_under_title()
    [fig] = figures_in(data)
    assert inside(exp["drawn"], fig.bbox)
    assert fig.bbox[1] >= exp["title_block"][3] - 1, fig.bbox


def test_crop_is_what_a_clip_path_lets_show():
    data, exp = rp.clipped_picture()
    [fig] = figures_in(data)
    assert inside(exp["visible"], fig.bbox)
    assert inside(fig.bbox, exp["visible"], slack=4.0), fig.bbox


def test_picture_box_running_to_the_page_edge_is_trimmed_to_its_drawing():
    data, exp = rp.picture_running_to_page_edge()
    [fig] = figures_in(data)
    assert inside(exp["drawn"], fig.bbox)
    assert inside(fig.bbox, exp["drawn"], slack=4.0), fig.bbox


def test_sideways_figure_is_found_and_shown_upright():
    data, exp = rp.sideways_figure()
    [fig] = figures_in(data)
    assert fig.number == "7" and fig.caption.startswith("Figure 7: A landscape chart")
    assert inside(exp["drawn"], fig.bbox) and fig.bbox[2] < 425  # the caption stays out
    assert fig.width > fig.height  # turned to read like its caption


def test_figures_side_by_side_in_one_column_each_get_their_own_crop():
    data, exp = rp.three_figures_in_a_row()
    figs = sorted(figures_in(data), key=lambda f: f.number)  # in page order: by caption height
    assert [f.number for f in figs] == ["1", "2", "3"]
    for fig, drawn in zip(figs, exp["drawn"], strict=True):
        assert inside(drawn, fig.bbox), (fig.number, fig.bbox)
    assert not overlaps(figs[0].bbox, figs[1].bbox) and not overlaps(figs[1].bbox, figs[2].bbox)


def test_figure_right_under_a_table_leaves_the_table_out():
    data, exp = rp.figure_under_a_table()
    [fig] = figures_in(data)
    assert fig.number == "4" and inside(exp["drawn"], fig.bbox)
    assert fig.bbox[1] >= exp["table"][3] - 1, fig.bbox


# The audit, on hand-made page content.

STYLE = DocStyle(
    body=10.0,
    column=400.0,
    top=60.0,
    bottom=740.0,
    left=72.0,
    right=540.0,
    furniture=frozenset({"journal of layout studies"}),
)
PAGE = (0.0, 0.0, 612.0, 792.0)


def line(text: str, bbox: tuple, size: float = 10.0, block: int = 0, starts: bool = True) -> TextLine:
    return TextLine(text, bbox, size, True, block, starts)


def page_of(lines: list[TextLine], graphics: list[Graphic] | None = None) -> PageContent:
    return PageContent(1, PAGE, lines, graphics or [], False, [])


NO_FRONT = FrontMatter()


def audit(
    lines: list[TextLine], crop: tuple, caption: str = "Figure 1: A chart.", others=(), front=NO_FRONT, graphics=None
) -> list[str]:
    return audit_crop(CropInfo("1", 1, crop, caption), page_of(lines, graphics), list(others), STYLE, front)


def test_audit_passes_a_clean_crop():
    lines = [line("accuracy", (200, 150, 240, 158), size=7), line("Figure 1: A chart.", (150, 260, 300, 270))]
    assert audit(lines, (140, 100, 450, 250)) == []


def test_audit_flags_a_running_header_and_a_header_cut_in_half():
    header = line("Journal of Layout Studies", (72, 40, 300, 50), size=8)
    assert audit([header], (70, 44, 450, 250)) == ["furniture"]


def test_audit_flags_body_prose_but_not_text_inside_a_drawn_box():
    sentence = "the model is trained on the data and then it is tested on the held out part of it"
    text = line(sentence, (80, 200, 500, 210))
    assert audit([text], (70, 100, 520, 250)) == ["prose"]
    assert audit([text], (70, 100, 520, 250), graphics=[Graphic((75, 190, 510, 230), False)]) == []


def test_audit_flags_other_captions_title_authors_and_email():
    table = line("Table 2: Results on the test set.", (100, 200, 300, 210))
    assert audit([table], (70, 100, 520, 250)) == ["caption"]
    front = FrontMatter("A Study of Figures Under Titles", ("Ann Author", "Bob Writer"))
    title = line("A Study of Figures Under Titles", (120, 60, 460, 80), size=20)
    assert audit([title], (70, 50, 520, 250), front=front) == ["title"]
    assert audit([line("{ann,bob}@somewhere.edu", (150, 130, 300, 140))], (70, 100, 520, 250)) == ["author"]
    # Two words of the title as an axis label are not the title.
    assert audit([line("Under Titles", (120, 200, 200, 208), size=7)], (70, 100, 520, 250), front=front) == []


def test_audit_flags_a_strip_of_another_crop_and_the_page_edge():
    assert audit([], (70, 100, 520, 250), others=[(70, 240, 520, 400)]) == ["overlap"]
    assert audit([], (70, 100, 520, 250), others=[(70, 245, 520, 400)]) == []  # padding, not a strip
    assert audit([], (0, 100, 520, 250)) == ["page-edge"]


def test_audit_flags_a_caption_cut_before_its_paragraph_ends():
    lines = [
        line("Figure 1: A chart of the accuracy of the three models on the", (100, 300, 480, 309), 9, 0),
        line("benchmark, over five seeds.", (100, 311, 300, 320), 9, 1),
    ]
    page = page_of(lines)
    assert caption_cut(CropInfo("1", 1, (100, 100, 480, 290), "Figure 1: A chart of the accuracy of the"), page)
    whole = "Figure 1: A chart of the accuracy of the three models on the benchmark, over five seeds."
    assert not caption_cut(CropInfo("1", 1, (100, 100, 480, 290), whole), page)


def test_a_caption_set_on_wide_lines_with_a_hanging_indent_is_read_whole():
    """A Chinese journal's English caption: each line a block of its own, the second indented under the text after
    "Fig. 8", 0.64 font sizes below the first (its line spacing is wide); the Chinese caption follows."""
    from chatpaper.figures.captions import find_captions

    lines = [
        TextLine("Fig. 8 The evaluation of the matching precision of computing", (315.9, 298.8, 530.1, 308.3), 8.25,
                 True, 50, True),
        TextLine("nodes for HMM, static and dynamic indicators", (343.3, 313.9, 497.4, 322.2), 8.25, True, 51, True),
        TextLine("图 8 HMM 与静态和动态指标算力节点匹配准确率的", (324.1, 327.4, 521.6, 336.9), 8.25, True, 52, True),
    ]  # fmt: skip
    page = PageContent(7, (0, 0, 595, 842), lines, [], False, [])
    [caption, _] = find_captions(page)
    assert caption.text.endswith("computing nodes for HMM, static and dynamic indicators")
    crop = CropInfo("8", 7, (328, 146, 517, 293), caption.text)
    assert not caption_cut(crop, page)


@pytest.mark.parametrize(
    "text,contact",
    [
        ("ann.li@cs.example.edu", True),
        ("{ann, bo.wu}@lab.example.org", True),
        ("ann, bo}@lab.example.", True),  # the end of a grouped address split over two rows
        ("Email: zhang_san+paper@example.com.cn", True),
        ("(a) accuracy @ 5 epochs", False),
        ("Figure 3: top-1 @k retrieval", False),
    ],
)
def test_one_email_pattern_marks_contact_rows_for_the_finder_and_the_crop_check(text, contact):
    """The finder (a barrier) and the crop check (a title block inside a crop) read e-mail rows with one pattern;
    they had two that differed."""
    assert holds_email(text) is contact

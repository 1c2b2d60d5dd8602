"""render/model_text.py: one model string -> one line of safe Markdown with math kept."""

from __future__ import annotations

import pytest

from chatpaper.render.mathml import markdown_html
from chatpaper.render.model_text import MathSpan, clean_model_text, clean_title_zh, inline_md, model_md, split_math

BACKGROUND = ("研究背景", "Background")
PRIOR = ("过去的方法及其问题", "Prior work and its problems")


@pytest.mark.parametrize(
    "raw,labels,expected",
    [
        ("(1) 研究背景：机器翻译以文本为中心。", BACKGROUND, "机器翻译以文本为中心。"),
        ("（1）**研究背景**：机器翻译以文本为中心。", BACKGROUND, "机器翻译以文本为中心。"),
        ("Background: text first.", BACKGROUND, "text first."),
        ("过去的方法：级联系统。", PRIOR, "级联系统。"),
        ("1. 一个模型支持五个任务。", (), "一个模型支持五个任务。"),
        ("- - 嵌套的列表标记", (), "嵌套的列表标记"),
        ("一、第一点", (), "第一点"),
        ("步骤1：语种识别", (), "语种识别"),
        ("第2步：切分", (), "切分"),
        ("Step 3: Train the encoder", (), "Train the encoder"),
        ("**语种识别（LID）**", (), "语种识别（LID）"),
        ("1.3B 稠密模型", (), "1.3B 稠密模型"),  # a number is not a list marker
        ("> 50% 的数据被过滤", (), "> 50% 的数据被过滤"),
        ("核心思想：用统一模型", BACKGROUND, "核心思想：用统一模型"),  # not our label: kept
        ("任务：语音翻译", ("任务与性能",), "任务：语音翻译"),  # less than half the label: a word, kept
        ("工作量很大：三阶段训练", ("工作量",), "工作量很大：三阶段训练"),
    ],
)
def test_markers_numbering_and_echoed_labels_are_removed(raw, labels, expected):
    assert clean_model_text(raw, labels) == expected


def test_a_list_inside_a_string_becomes_one_sentence_not_a_nested_list():
    out = model_md("现有系统的问题：\n- 偏重高资源语言\n- 只支持译入英语\n1. 依赖级联")
    assert out == "现有系统的问题：偏重高资源语言；只支持译入英语；依赖级联"
    assert "\n" not in out


def test_a_table_and_headings_inside_a_string_become_prose():
    raw = "## 意义\n结果很好。\n| 模型 | BLEU |\n|---|---|\n| A | 24.0 |\n| B | 19.7 |"
    out = model_md(raw)
    assert out == "意义：结果很好。模型：A，BLEU：24.0；模型：B，BLEU：19.7。"
    assert model_md(raw, ("意义",)).startswith("结果很好。")


@pytest.mark.parametrize(
    "raw,shown",
    [
        ("__init__.py", r"\_\_init\_\_.py"),
        ("a_b_c", r"a\_b\_c"),
        ("<tag>", "&lt;tag&gt;"),
        ("a * b", r"a \* b"),
        ("x | y", r"x \| y"),
        ("#1 排名", r"\#1 排名"),
        ("R&D", "R&amp;D"),
        ("costs $5 and $6", r"costs \$5 and \$6"),  # loose dollars are money, not math
    ],
)
def test_markdown_specials_outside_math_survive_as_text(raw, shown):
    md = model_md(raw)
    assert md == shown
    html = markdown_html(md)
    assert "<em>" not in html and "<strong>" not in html and "<math" not in html


def test_the_text_of_specials_reads_back_in_html():
    html = markdown_html(model_md("见 __init__.py、a_b_c 与 <tag>"))
    assert "__init__.py" in html and "a_b_c" in html and "&lt;tag&gt;" in html


def test_script_is_text_in_markdown_and_html():
    md = model_md("<script>alert(1)</script><img src=x onerror=alert(2)>")
    assert "<script" not in md and "<img" not in md
    html = markdown_html(md)
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "raw,math",
    [
        (r"损失 $\mathcal{L}_{S2TT}+\beta\mathcal{L}_{T2TT}$。", r"$\mathcal{L}_{S2TT}+\beta\mathcal{L}_{T2TT}$"),
        ("复杂度 $O(n^2)$", "$O(n^2)$"),
        (r"inline \(a_1\) form", "$a_1$"),
        (r"display \[x^2\] form", "$$x^2$$"),
        ("display $$x_1 + x_2$$ form", "$$x_1 + x_2$$"),
        (r"权重 \alpha 很小", r"$\alpha$"),
        (r"\mathcal{L}_{KD} 蒸馏", r"$\mathcal{L}_{KD}$"),
    ],
)
def test_math_is_kept_verbatim_and_becomes_mathml(raw, math):
    md = model_md(raw)
    assert math in md
    html = markdown_html(md)
    assert "<math" in html and "<em>" not in html and "\\" not in html


def test_angle_brackets_inside_math_cannot_open_a_tag():
    md = model_md("$a<b>c$ and $<script>$")
    assert "<" not in md and r"\lt" in md
    assert "<script" not in markdown_html(md)


def test_a_backslash_outside_known_commands_stays_text():
    assert model_md(r"C:\Users\n") == r"C:\\Users\\n"


def test_split_math_finds_every_kind():
    parts = split_math(r"a $x$ b $$y$$ c \(z\) d \[w\]")
    assert [p for p in parts if isinstance(p, MathSpan)] == [
        MathSpan("x", False),
        MathSpan("y", True),
        MathSpan("z", False),
        MathSpan("w", True),
    ]


def test_inline_md_never_starts_a_block():
    assert inline_md("1. not a list") == r"1\. not a list"
    assert inline_md("- not a bullet") == r"\- not a bullet"
    assert inline_md("> not a quote") == "&gt; not a quote"  # an entity opens no block quote
    assert inline_md("+ not a bullet") == r"\+ not a bullet"


@pytest.mark.parametrize(
    "zh,en,expected",
    [
        ("混合场（BlendFields: Few-Shot Example-Driven Facial Modeling）", "BlendFields: Few-Shot", "混合场"),
        ("混合场(BlendFields)", "BlendFields: Few-Shot Example-Driven Facial Modeling", "混合场"),
        ("混合场 BlendFields: Few-Shot Example-Driven Facial Modeling", "BlendFields: Few-Shot", "混合场"),
        ("**SeamlessM4T：大规模多语言机器翻译**", "SeamlessM4T: Massively", "SeamlessM4T：大规模多语言机器翻译"),
        ("基于 Transformer 的 RLHF", "Something Else", "基于 Transformer 的 RLHF"),  # a name, not the title
        ("ResNet（残差网络）", "Deep Residual Learning", "ResNet（残差网络）"),
        ("混合场 —— BlendFields: Few-Shot Example-Driven", "BlendFields: Few-Shot Example-Driven", "混合场"),
        ("BlendFields: Few-Shot（混合场：少样本建模）", "BlendFields: Few-Shot", "混合场：少样本建模"),
        ("BlendFields: Few-Shot Modeling：混合场", "BlendFields: Few-Shot Modeling", "混合场"),
    ],
)
def test_title_zh_keeps_only_the_translation(zh, en, expected):
    assert clean_title_zh(zh, en) == expected

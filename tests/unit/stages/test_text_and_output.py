import json

import pytest

from chatpaper.stages.output import OutputError, parse_reply, strip_chatter
from chatpaper.stages.schemas import MethodsStage, SummaryStage
from chatpaper.text import clip_to_tokens, estimate_tokens, fix_accents, join_lines, split_sentences

SUMMARY = {
    "title_zh": "稀疏路由",
    "keywords": ["MoE"],
    "first_author_affiliation": "Tsinghua University",
    "background": "背景。",
    "prior_work": "问题。",
    "method": "方法。",
    "results": "结果。",
    "one_line_summary": "一句话。",
    "key_takeaways": ["a", "b", "c", "d", "e"],
}


def test_spacing_accents_are_composed():
    assert fix_accents("J˛edrzej G¨olge Bi´nkowski Hjelm˚as") == "Jędrzej Gölge Bińkowski Hjelmås"


def test_join_lines_dehyphenates_and_keeps_urls_whole():
    assert (
        join_lines(["a learn-", "ing rate", "at https:", "//github.com/a/b"])
        == "a learning rate at https://github.com/a/b"
    )


def test_split_sentences_keeps_abbreviations():
    got = split_sentences("Nets (e.g. ResNet) work. Smith et al. showed it. We get 3.57% error. Fig. 2 shows it.")
    assert got == ["Nets (e.g. ResNet) work.", "Smith et al. showed it.", "We get 3.57% error.", "Fig. 2 shows it."]


def test_clip_to_tokens_respects_budget():
    text = "One sentence here. " * 400
    clipped = clip_to_tokens(text, 100)
    assert estimate_tokens(clipped) <= 100 and clipped.endswith(".")
    assert estimate_tokens("数字普惠金融") == 6


@pytest.mark.parametrize(
    "wrap",
    [
        lambda s: s,
        lambda s: f"```json\n{s}\n```",
        lambda s: f"Here is the JSON you asked for:\n{s}\n希望以上内容符合您的要求！",
        lambda s: s[:-1] + ",}",
        lambda s: json.dumps({"result": json.loads(s)}),
    ],
)
def test_parse_reply_tolerates_common_wrappers(wrap):
    got = parse_reply(wrap(json.dumps(SUMMARY, ensure_ascii=False)), SummaryStage)
    assert got.title_zh == "稀疏路由" and got.key_takeaways == ["a", "b", "c", "d", "e"]


def test_parse_reply_accepts_bare_list_for_one_list_schema():
    got = parse_reply('[{"name": "Gate", "detail": "top-2"}]', MethodsStage)
    assert got.steps[0].name == "Gate"


def test_chatter_inside_fields_is_removed():
    data = dict(SUMMARY, results="在 C4 上困惑度为 12.3。希望以上回答能够满足您的要求！")
    got = parse_reply(json.dumps(data, ensure_ascii=False), SummaryStage)
    assert got.results == "在 C4 上困惑度为 12.3。"
    assert strip_chatter(["I hope this helps.", "keep"]) == ["keep"]


def test_takeaways_capped_at_seven():
    data = dict(SUMMARY, key_takeaways=[str(i) for i in range(10)])
    assert len(parse_reply(json.dumps(data), SummaryStage).key_takeaways) == 7


@pytest.mark.parametrize(
    "text,fragment",
    [
        (None, "empty"),
        ("", "empty"),
        ("no json here", "no JSON"),
        ('{"title_zh": "x"}', "field error"),
        ('{"title_zh": ', "invalid JSON"),
    ],
)
def test_parse_reply_errors_are_one_line(text, fragment):
    with pytest.raises(OutputError) as err:
        parse_reply(text, SummaryStage)
    assert fragment in str(err.value) and "\n" not in str(err.value)

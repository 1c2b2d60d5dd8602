"""The chatter filter removes only closing remarks that stand as whole sentences at the end of a field."""

from __future__ import annotations

import pytest

from chatpaper.stages.output import strip_chatter, strip_closing


@pytest.mark.parametrize(
    "text",
    [
        "平滑项的权重为 0.1。如有需要，可将 λdiff 设为 0.1 以外的值以增强平滑。",
        "学习率设为 0.1，训练 5×10^5 步。",
        "The threshold is 0.1. Let the weight be 0.5 in all runs.",
        "希望以上方法能推广到其他领域，作者在结论中提出了这一点：本方法可用于全身建模。",
        "如有需要，可进一步微调。",
    ],
)
def test_sentences_with_content_are_kept(text):
    assert strip_closing(text) == text


@pytest.mark.parametrize(
    "text,kept",
    [
        ("在 C4 上困惑度为 12.3。希望以上内容对您有帮助！", "在 C4 上困惑度为 12.3。"),
        ("结果为 0.1。如有任何问题，请随时告诉我。", "结果为 0.1。"),
        ("Accuracy is 91.2. I hope this helps!", "Accuracy is 91.2."),
        ("误差下降 3.5。以上内容仅供参考。希望对您有帮助！", "误差下降 3.5。"),
        ("希望以上内容对您有帮助！", ""),
    ],
)
def test_closing_remarks_at_the_end_are_removed(text, kept):
    assert strip_closing(text) == kept


def test_a_remark_in_the_middle_is_left_alone():
    text = "希望以上内容对您有帮助！ 但结果为 0.1。"
    assert strip_closing(text) == text


def test_json_values_lose_empty_items():
    assert strip_chatter({"a": ["I hope this helps.", "keep 0.1."]}) == {"a": ["keep 0.1."]}

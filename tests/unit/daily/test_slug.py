"""Issue #17 rows 3 and 10: every topic gets its own post name, readable and short."""

from __future__ import annotations

import pytest

from chatpaper.daily.post import SLUG_CHARS, slug


def test_plain_topics_keep_their_words():
    assert slug("Talking Head Generation") == "talking-head-generation"
    assert slug("talking-head  generation") == slug("Talking Head Generation")


@pytest.mark.parametrize(
    ("a", "b"),
    [("说话人头像生成", "语音合成"), ("C++", "C"), ("C#", "C++"), ("LLM / RAG", "LLM RAG"), ("x" * 300, "x" * 301)],
)
def test_topics_the_words_cannot_tell_apart_get_distinct_slugs(a, b):
    assert slug(a) != slug(b)


def test_slugs_are_short_and_file_name_safe():
    for topic in ["说话人头像生成", "C++", "x" * 10_000, "../../etc/passwd", "a/b\\c:d*e?f"]:
        name = slug(topic)
        assert len(name) <= SLUG_CHARS + 9
        assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in name), name
    assert slug("说话人头像生成").startswith("topic-")

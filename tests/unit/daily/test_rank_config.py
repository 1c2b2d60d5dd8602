"""Issue #18: ranking before any model call, and daily.toml read into checked topics."""

from __future__ import annotations

import pytest

from chatpaper import ConfigError
from chatpaper.daily.config import load_config, parse_config
from chatpaper.daily.rank import AUTHOR_BONUS, cut, score
from chatpaper.paper import Paper
from tests.helpers.constants import ROOT

PAPERS = [
    Paper(arxiv_id="1", title="Room acoustics", abstract="Reverberation of concert halls.", authors=["Eve"]),
    Paper(arxiv_id="2", title="Talking head generation", abstract="A talking head from audio.", authors=["Ann"]),
    Paper(arxiv_id="3", title="Faster rendering", abstract="A talking head, faster.", authors=["Bo"]),
]


def topic(**fields):
    return parse_config({"topic": [{"name": "Talking Head", **fields}]}).topics[0]


def test_bm25_orders_by_relevance_and_cuts_at_max_and_min_score():
    ranked = score(PAPERS, topic())
    assert [r.paper.arxiv_id for r in ranked] == ["2", "3", "1"] and ranked[-1].score == 0.0
    chosen, below = cut(ranked, topic(max=1))
    assert [r.paper.arxiv_id for r in chosen] == ["2"] and [r.paper.arxiv_id for r in below] == ["3", "1"]
    chosen, below = cut(ranked, topic(max=3, min_score=0.01))
    assert [r.paper.arxiv_id for r in chosen] == ["2", "3"] and [r.paper.arxiv_id for r in below] == ["1"]


def test_keywords_and_authors_lift_a_paper():
    plain = {r.paper.arxiv_id: r.score for r in score(PAPERS, topic())}
    lifted = {r.paper.arxiv_id: r.score for r in score(PAPERS, topic(keywords=["faster"], authors=["bo"]))}
    assert lifted["3"] > plain["3"] + AUTHOR_BONUS - 0.01
    assert [r.paper.arxiv_id for r in score(PAPERS, topic(keywords=["faster"], authors=["bo"]))][0] == "3"


def test_an_unranked_topic_keeps_the_order_found():
    ranked = score(PAPERS, topic(rank=False))
    assert [r.paper.arxiv_id for r in ranked] == ["1", "2", "3"]
    chosen, below = cut(ranked, topic(rank=False, max=2, min_score=5))
    assert [r.paper.arxiv_id for r in chosen] == ["1", "2"]


def test_the_example_config_loads():
    config = load_config(ROOT / "examples" / "daily.toml")
    assert [t.name for t in config.topics] == ["Talking Head Generation", "Speech Synthesis"]
    assert config.source == "rss" and config.topics[0].phrases[0] == "talking head"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topic": []}, "topic: List should have at least 1 item"),
        ({"topic": [{"name": "x", "max": 0}]}, "topic.0.max: --max must be between 1 and 50"),
        ({"topic": [{"name": "x", "colour": "red"}]}, "topic.0.colour: Extra inputs are not permitted"),
        ({"topic": [{"name": "x"}], "source": "email"}, "source: Input should be 'rss' or 'api'"),
        ({"topic": [{"name": " "}]}, "topic.0.name: give a topic"),
    ],
)
def test_a_bad_config_names_the_place(data, message):
    with pytest.raises(ConfigError) as info:
        parse_config(data)
    assert message in str(info.value)


def test_a_file_that_is_not_toml(tmp_path):
    bad = tmp_path / "daily.toml"
    bad.write_text("[[topic]\nname = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="no config file"):
        load_config(tmp_path / "missing.toml")

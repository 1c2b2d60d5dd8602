"""The schemas the model receives: descriptions kept where inlined, counts as minItems/maxItems, tolerant trims."""

from __future__ import annotations

import json

from chatpaper.backends.base import inline_schema
from chatpaper.stages.output import parse_reply
from chatpaper.stages.schemas import ConclusionStage, MethodsStage, SummaryStage


def test_inlined_refs_keep_their_field_descriptions():
    props = inline_schema(ConclusionStage)["properties"]
    assert "$ref" not in json.dumps(props)
    assert props["innovation"]["description"].startswith("Innovation: what is new")
    assert props["performance"]["description"].startswith("Performance:")
    workload = props["workload"]["description"]
    for word in ("data", "experiments", "baselines", "ablations", "compute", "missing"):
        assert word in workload
    assert props["workload"]["required"] == ["strengths", "weaknesses"]
    assert props["workload"]["additionalProperties"] is False


def test_counts_are_in_the_schema():
    summary = inline_schema(SummaryStage)["properties"]
    assert (summary["keywords"]["minItems"], summary["keywords"]["maxItems"]) == (3, 6)
    assert (summary["key_takeaways"]["minItems"], summary["key_takeaways"]["maxItems"]) == (5, 7)
    steps = inline_schema(MethodsStage)["properties"]["steps"]
    assert (steps["minItems"], steps["maxItems"]) == (3, 8)
    assert "80-200" in summary["background"]["description"]
    assert "no Markdown" in summary["results"]["description"]
    assert "not the English title" in summary["title_zh"]["description"]


def test_too_many_items_are_trimmed_not_refused():
    data = {
        "title_zh": "标题",
        "keywords": [f"k{i}" for i in range(9)],
        "first_author_affiliation": "",
        "background": "a",
        "prior_work": "b",
        "method": "c",
        "results": "d",
        "one_line_summary": "e",
        "key_takeaways": [f"t{i}" for i in range(8)],
    }
    got = parse_reply(json.dumps(data), SummaryStage)
    assert got.key_takeaways == [f"t{i}" for i in range(7)]
    assert len(got.keywords) == 6
    steps = parse_reply(json.dumps({"steps": [{"name": str(i), "detail": "x"} for i in range(10)]}), MethodsStage)
    assert [s.name for s in steps.steps] == [str(i) for i in range(8)]

"""Reading a stage's answer while it is still being written."""

from __future__ import annotations

import json

from chatpaper.stages.partial import partial_stage
from chatpaper.stages.run import partial_reader
from chatpaper.stages.schemas import ConclusionStage, MethodsStage, SummaryStage


def test_fields_so_far_with_the_rest_empty():
    got = partial_stage('{"significance": "这项工作把 0.', ConclusionStage)
    assert got is not None and got.significance == "这项工作把 0."
    assert got.innovation.strengths == "" and got.workload.weaknesses == ""
    steps = partial_stage('{"steps": [{"name": "编码", "detail": "用 ViT', MethodsStage)
    assert steps is not None and steps.steps[0].detail == "用 ViT"


def test_nothing_yet_is_none():
    assert partial_stage("", SummaryStage) is None
    assert partial_stage("Here is", SummaryStage) is None
    assert partial_stage('{"title_zh": "标题", "keyw', SummaryStage).keywords == []


def test_the_reader_reports_each_change_and_ends_with_the_whole_answer():
    answer = {"steps": [{"name": f"步骤{i}", "detail": "计算" * 5} for i in range(3)]}
    text = json.dumps(answer, ensure_ascii=False)
    seen: list = []
    take = partial_reader(MethodsStage, seen.append)
    for i in range(0, len(text), 7):
        take(text[i : i + 7])
    assert len(seen) > 3
    assert seen[-1] == MethodsStage.model_validate(answer)
    assert all(a != b for a, b in zip(seen, seen[1:], strict=False))  # only changes are reported

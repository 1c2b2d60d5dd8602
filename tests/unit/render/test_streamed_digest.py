"""Issue #13: while a stage is streamed, a field the model has not reached yet shows the pending marker, not an
empty line or "无"; once the answer is finished, an empty field is shown as empty again."""

from __future__ import annotations

import json

from chatpaper.models import Digest
from chatpaper.render.markdown import LABELS, render_markdown
from chatpaper.stages.partial import partial_stage
from chatpaper.stages.prompts import PROMPT_VERSION
from chatpaper.stages.schemas import ConclusionStage, MethodsStage, SummaryStage

PENDING = f"（{LABELS['zh']['pending']}）"
SUMMARY = {
    "title_zh": "稀疏专家路由",
    "keywords": [],
    "first_author_affiliation": "",
    "background": "大模型推理昂贵。",
    "prior_work": "以往方法路由不稳定。",
    "method": "本文训练一个路由器。",
    "results": "吞吐提高两倍。",
    "one_line_summary": "稀疏路由让大模型更快。",
    "key_takeaways": ["路由可学习"],
}
PAPER = {"title": "Sparse Expert Routing", "authors": ["Ann Li"], "abstract": "We route tokens."}


def _digest(**stages) -> Digest:
    return Digest(paper=PAPER, backend="openai", model="m", lang="zh", prompt_version=PROMPT_VERSION, **stages)


def _line(md: str, start: str) -> str:
    return next(ln for ln in md.splitlines() if ln.strip().startswith(start))


def _streamed(answer: dict, upto: str, schema):
    """The answer as far as the start of the value of ``upto`` (its key written, nothing of its value yet)."""
    text = json.dumps(answer, ensure_ascii=False)
    cut = text.index(f'"{upto}": ') + len(f'"{upto}": ') + 1  # the opening quote or bracket of the value
    return partial_stage(text[:cut], schema)


def test_fields_not_reached_show_the_pending_marker_while_written_ones_show_their_text():
    summary = _streamed(SUMMARY, "background", SummaryStage)  # keywords written (empty), background just started
    md = render_markdown(_digest(summary=summary), pending={"methods", "conclusion"})
    assert _line(md, "1. **标题**").endswith("（稀疏专家路由）")
    assert _line(md, "4. **关键词**").endswith("：无")  # written, and empty: the model gave none
    assert _line(md, "(1) **研究背景**").endswith(PENDING)
    assert _line(md, "(3) **本文方法**").endswith(PENDING)
    assert _line(md, "**一句话总结**").endswith(PENDING)
    assert "此部分生成失败" not in md


def test_a_summary_that_has_only_started_shows_no_none_or_unknown():
    summary = partial_stage('{"title_zh": "稀疏', SummaryStage)
    md = render_markdown(_digest(summary=summary))
    assert _line(md, "4. **关键词**").endswith(PENDING)
    assert _line(md, "3. **第一作者单位**").endswith(PENDING)
    assert "：无" not in _line(md, "4. **关键词**") and "未知" not in _line(md, "3. **第一作者单位**")
    takeaways = md.split("**要点**", 1)[1].split("1. **标题**", 1)[0]
    assert f"- {PENDING}" in takeaways


def test_streamed_methods_and_conclusion_mark_what_is_not_written_yet():
    methods = partial_stage('{"steps": [{"name": "编码", "detail": "', MethodsStage)
    conclusion = partial_stage('{"significance": "意义重大。", "innovation": {"strengths": "新', ConclusionStage)
    md = render_markdown(_digest(summary=SummaryStage.model_validate(SUMMARY), methods=methods, conclusion=conclusion))
    assert _line(md, "(1) **编码**").endswith(PENDING)
    assert _line(md, "(1) **意义**").endswith("意义重大。")
    strengths, weaknesses = [ln for ln in md.splitlines() if "**优点**" in ln or "**不足**" in ln][:2]
    assert strengths.endswith("新") and weaknesses.endswith(PENDING)
    # the step's detail, innovation's weaknesses and both halves of the two aspects not begun
    assert md.count(PENDING) == 1 + 1 + 2 * 2

    started = partial_stage('{"steps": [', MethodsStage)  # no step yet: in progress, not failed
    methods_part = render_markdown(_digest(methods=started)).split("7. **")[1].split("8. **")[0]
    assert PENDING in methods_part and "此部分生成失败" not in methods_part


def test_a_finished_answer_never_shows_the_marker():
    md = render_markdown(_digest(summary=SummaryStage.model_validate(SUMMARY)), pending={"methods", "conclusion"})
    assert PENDING not in md.split("7. **")[0]
    assert _line(md, "4. **关键词**").endswith("：无")
    assert _line(md, "3. **第一作者单位**").endswith("未知")

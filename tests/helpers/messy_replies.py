"""Messy variants of the clean model replies in ../shared/model-replies, written the way real replies go wrong:
Markdown emphasis, LaTeX, list markers and numbering inside strings, echoed labels, HTML tags, tables and headings
inside a string, the English title appended to the translation, ``__init__.py``, extra keywords.

Each variant keeps the clean reply's own sentences (so a test can look for them on the page) and adds the mess.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from chatpaper.models import Digest
from chatpaper.stages.schemas import ConclusionStage, MethodsStage, SummaryStage
from tests.helpers.constants import SHARED

REPLIES = SHARED / "model-replies"
PAPERS = ("th03", "lg02")
# What each paper's English title starts with (the loopback feeds the digest this title).
ENGLISH_TITLES = {
    "th03": "BlendFields: Few-Shot Example-Driven Facial Modeling",
    "lg02": "SeamlessM4T: Massively Multilingual & Multimodal Machine Translation",
}
# Pieces the variants add; tests look for them (or for their absence) on the rendered page.
FORMULA = r"$\mathcal{L}_{S2TT}+\beta\mathcal{L}_{T2TT}$"
BIG_O = "$O(n^2)$"
DISPLAY = r"$$L = \alpha L_{S2TT} + \gamma L_{KD}$$"
BARE_TEX = r"\alpha"
SCRIPT = "<script>window.__pwned = 1</script>"
FILE_NAME = "__init__.py"
SNAKE = "a_b_c"
TAG = "<tag>"
TABLE = "| 模型 | BLEU |\n|---|---|\n| SeamlessM4T-Large | 24.0 |\n| AudioPaLM-2-8B-AST | 19.7 |"
MONEY = "训练成本约 $4.6M，推理约 $0.1/小时"  # prose dollars: never typeset as math
EXTRA_KEYWORDS = ["**speech translation**", "1. ASR", "- 低资源语言"]


def clean(paper: str, stage: str) -> dict[str, Any]:
    """The clean reply of one stage for ``paper`` ("th03" or "lg02")."""
    return json.loads((REPLIES / f"{paper}-{stage}.json").read_text(encoding="utf-8"))


def messy_summary(paper: str) -> dict[str, Any]:
    r = copy.deepcopy(clean(paper, "summary"))
    r["title_zh"] = f"**{r['title_zh']}**（{ENGLISH_TITLES[paper]}）"
    r["keywords"] = [f"**{r['keywords'][0]}**"] + r["keywords"][1:] + EXTRA_KEYWORDS
    r["background"] = f"(1) **研究背景**：{r['background']}"
    r["prior_work"] = f"过去的方法：\n- {r['prior_work']}\n- 代码入口在 `{FILE_NAME}`，变量名 {SNAKE} 与 {TAG}。"
    r["method"] = f"## 本文方法\n{r['method']} 总损失为 {FORMULA}，复杂度 {BIG_O}，权重 {BARE_TEX}。\n{DISPLAY}"
    r["results"] = f"{r['results']}{MONEY}。\n\n{TABLE}\n\n## 意义\n结果支持目标。"
    takeaways = r["key_takeaways"]
    r["key_takeaways"] = [f"1. {takeaways[0]}", f"- {takeaways[1]}", f"**{takeaways[2]}**"] + takeaways[3:6]
    r["key_takeaways"].append(f"{SCRIPT}{takeaways[6] if len(takeaways) > 6 else '脚本不应执行'}")
    return r


def messy_methods(paper: str) -> dict[str, Any]:
    r = copy.deepcopy(clean(paper, "methods"))
    steps = r["steps"]
    steps[0]["name"] = f"**步骤1：{steps[0]['name']}**"
    steps[1]["name"] = f"Step 2: {steps[1]['name']}"
    steps[1]["detail"] = f"{steps[1]['name'].split(': ', 1)[1]}：{steps[1]['detail']}"
    steps[2]["detail"] = f"- {steps[2]['detail']}<br>- 损失 {FORMULA}"
    return r


def messy_conclusion(paper: str) -> dict[str, Any]:
    r = copy.deepcopy(clean(paper, "conclusion"))
    r["significance"] = f"## 意义\n{r['significance']}"
    r["innovation"]["strengths"] = f"优点：{r['innovation']['strengths']}"
    r["innovation"]["weaknesses"] = f"**不足**：\n1. {r['innovation']['weaknesses']}\n2. {SCRIPT}仍需改进"
    r["performance"]["strengths"] = f"{r['performance']['strengths']}\n{TABLE}"
    r["workload"]["weaknesses"] = f"- 局限：{r['workload']['weaknesses']}"
    return r


def messy(paper: str) -> dict[str, dict[str, Any]]:
    """All three stages' messy replies for ``paper``, by stage name."""
    return {"summary": messy_summary(paper), "methods": messy_methods(paper), "conclusion": messy_conclusion(paper)}


def available() -> bool:
    return all((REPLIES / f"{p}-{s}.json").is_file() for p in PAPERS for s in ("summary", "methods", "conclusion"))


def messy_digest(paper: str) -> Digest:
    """A finished digest of ``paper`` whose three stages answered with the messy variants."""
    replies = messy(paper)
    return Digest(
        paper={
            "title": ENGLISH_TITLES[paper],
            "authors": ["A. Author", "B. Author"],
            "abs_url": "https://arxiv.org/abs/2308.11596",
            "links": ["https://github.com/facebookresearch/seamless_communication"],
            "abstract": "We study $O(n^2)$ costs of <b>things</b>.",
        },
        backend="gemini",
        model="gemini-test",
        lang="zh",
        prompt_version="v",
        summary=SummaryStage.model_validate(replies["summary"]),
        methods=MethodsStage.model_validate(replies["methods"]),
        conclusion=ConclusionStage.model_validate(replies["conclusion"]),
        complete=True,
    )

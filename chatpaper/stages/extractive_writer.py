"""The default backend when no key is set: an extractive digest of the paper's own sentences, no model."""

from __future__ import annotations

import re
from typing import ClassVar

from chatpaper.stages import extractive as ex
from chatpaper.paper import Section
from chatpaper.stages.schemas import Assessment, ConclusionStage, MethodsStage, MethodStep, SummaryStage
from chatpaper.settings import Settings
from chatpaper.backends.base import LLMRequest, LLMResponse

# Steps the methods stage lists at most.
MAX_STEPS = 8

NOT_FOUND = {"zh": "（原文中未找到相关语句）", "en": "(no such statement found in the paper)"}


class OfflineBackend:
    name: ClassVar[str] = "offline"
    offline: ClassVar[bool] = True

    def __init__(self, settings: Settings):
        self.model = "extractive"
        self.lang = settings.lang

    def execute(self, request: LLMRequest) -> LLMResponse:
        build = {"summary": self._summary, "methods": self._methods, "conclusion": self._conclusion}[request.stage]
        out = build(request)
        return LLMResponse(text=out.model_dump_json(), model=self.model, input_tokens=0, output_tokens=0)

    def _join(self, items: list[str]) -> str:
        return " ".join(items) if items else NOT_FOUND[self.lang]

    def _summary(self, req: LLMRequest) -> SummaryStage:
        m = req.material
        by_role = _sentences_by_role(m.sections)
        abstract = ex.sentences(m.paper.abstract)
        intro = by_role.get("intro", []) or by_role.get("other", [])
        used: set[str] = set()
        background = ex.pick(intro or abstract, "background", 2, used)
        problem = ex.pick(intro + by_role.get("related", []) + abstract, "problem", 2, used, fallback=False)
        method = ex.pick(abstract + intro, "method", 2, used)
        results = ex.pick(abstract + by_role.get("conclusion", []) + by_role.get("experiments", []), "result", 2,
                          used, fallback=False)
        headline = ex.pick(abstract, "method", 1, set()) or abstract[:1] or [m.paper.title or ""]
        takeaways = _takeaways(abstract, intro + by_role.get("conclusion", []))
        text_for_keywords = " ".join([m.paper.title or "", m.paper.abstract] + [s.text for s in m.sections[:3]])
        return SummaryStage(
            title_zh="", keywords=ex.keywords(text_for_keywords), background=self._join(background),
            first_author_affiliation=m.paper.first_author_affiliation or "",
            prior_work=self._join(problem), method=self._join(method), results=self._join(results),
            one_line_summary=headline[0], key_takeaways=takeaways)

    def _methods(self, req: LLMRequest) -> MethodsStage:
        secs = [s for s in req.material.sections if s.role == "method"] or req.material.sections
        subsections = [s for s in secs if s.level >= 2] or secs
        steps = []
        for sec in subsections:
            first = ex.sentences(sec.text)[:2]
            if first:
                steps.append(MethodStep(name=_strip_number(sec.title) or f"p.{sec.page}", detail=" ".join(first)))
            if len(steps) == MAX_STEPS:
                break
        if not steps:
            cands = ex.sentences(" ".join(s.text for s in secs)) or ex.sentences(req.material.paper.abstract)
            steps = [MethodStep(name=f"{i + 1}", detail=s) for i, s in enumerate(ex.pick(cands, "method", 5))]
        return MethodsStage(steps=steps)

    def _conclusion(self, req: LLMRequest) -> ConclusionStage:
        m = req.material
        by_role = _sentences_by_role(m.sections)
        concl = by_role.get("conclusion", [])
        exp = by_role.get("experiments", [])
        abstract = ex.sentences(m.paper.abstract)
        used: set[str] = set()
        # Without a conclusion section, the abstract's own claims are the safest statement of significance.
        significance = concl[:2] or ex.pick(abstract, "result", 2, set())
        used.update(significance)
        return ConclusionStage(
            significance=self._join(significance),
            innovation=Assessment(strengths=self._join(ex.pick(abstract + concl, "novelty", 1, used)),
                                  weaknesses=self._join(ex.pick(concl, "limitation", 1, used, fallback=False))),
            performance=Assessment(strengths=self._join(ex.pick(exp + concl + abstract, "result", 2, used)),
                                   weaknesses=self._join(ex.pick(exp, "limitation", 1, used, fallback=False))),
            workload=Assessment(strengths=self._join(ex.pick(exp + abstract, "workload", 1, used, fallback=False)),
                                weaknesses=NOT_FOUND[self.lang]))


def _sentences_by_role(sections: list[Section]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for sec in sections:
        out.setdefault(sec.role, []).extend(ex.sentences(sec.text))
    return out


def _takeaways(abstract: list[str], rest: list[str]) -> list[str]:
    pool = list(dict.fromkeys(abstract + ex.pick(rest, "result", 3, set(), fallback=False) + rest))
    return pool[:6]


def _strip_number(title: str) -> str:
    return re.sub(r"^\s*[\dA-Z]+(\.\d+)*\.?\s+", "", title).strip()

"""Each stage answered without a model: the paper's own sentences, picked by cue phrases (see ``extractive``).

This is what runs when no key is set (the ``offline`` backend hands each request to the stage's writer). It
quotes, it does not understand: see ``extractive`` for what that cannot do.
"""

from __future__ import annotations

import re

from chatpaper.paper import Section
from chatpaper.stages import extractive as ex
from chatpaper.stages.material import StageMaterial
from chatpaper.stages.schemas import Assessment, ConclusionStage, MethodsStage, MethodStep, SummaryStage

# Steps the methods stage lists at most.
MAX_STEPS = 8

NOT_FOUND = {"zh": "（原文中未找到相关语句）", "en": "(no such statement found in the paper)"}


def _join(items: list[str], lang: str) -> str:
    return " ".join(items) if items else NOT_FOUND[lang]


def summary(m: StageMaterial, lang: str) -> SummaryStage:
    by_role = _sentences_by_role(m.sections)
    abstract = ex.sentences(m.paper.abstract)
    intro = by_role.get("intro", []) or by_role.get("other", [])
    used: set[str] = set()
    background = ex.pick(intro or abstract, "background", 2, used)
    problem = ex.pick(intro + by_role.get("related", []) + abstract, "problem", 2, used, fallback=False)
    method = ex.pick(abstract + intro, "method", 2, used)
    results = ex.pick(
        abstract + by_role.get("conclusion", []) + by_role.get("experiments", []), "result", 2, used, fallback=False
    )
    headline = ex.pick(abstract, "method", 1, set()) or abstract[:1] or [m.paper.title or ""]
    takeaways = _takeaways(abstract, intro + by_role.get("conclusion", []))
    text_for_keywords = " ".join([m.paper.title or "", m.paper.abstract] + [s.text for s in m.sections[:3]])
    return SummaryStage(
        title_zh="",
        keywords=ex.keywords(text_for_keywords),
        background=_join(background, lang),
        first_author_affiliation=m.paper.first_author_affiliation or "",
        prior_work=_join(problem, lang),
        method=_join(method, lang),
        results=_join(results, lang),
        one_line_summary=headline[0],
        key_takeaways=takeaways,
    )


def methods(m: StageMaterial, lang: str) -> MethodsStage:
    secs = [s for s in m.sections if s.role == "method"] or m.sections
    subsections = [s for s in secs if s.level >= 2] or secs
    steps = []
    for sec in subsections:
        first = ex.sentences(sec.text)[:2]
        if first:
            steps.append(MethodStep(name=_strip_number(sec.title) or f"p.{sec.page}", detail=" ".join(first)))
        if len(steps) == MAX_STEPS:
            break
    if not steps:
        cands = ex.sentences(" ".join(s.text for s in secs)) or ex.sentences(m.paper.abstract)
        steps = [MethodStep(name=f"{i + 1}", detail=s) for i, s in enumerate(ex.pick(cands, "method", 5))]
    return MethodsStage(steps=steps)


def conclusion(m: StageMaterial, lang: str) -> ConclusionStage:
    by_role = _sentences_by_role(m.sections)
    concl = by_role.get("conclusion", [])
    exp = by_role.get("experiments", [])
    abstract = ex.sentences(m.paper.abstract)
    used: set[str] = set()
    # Without a conclusion section, the abstract's own claims are the safest statement of significance.
    significance = concl[:2] or ex.pick(abstract, "result", 2, set())
    used.update(significance)
    return ConclusionStage(
        significance=_join(significance, lang),
        innovation=Assessment(
            strengths=_join(ex.pick(abstract + concl, "novelty", 1, used), lang),
            weaknesses=_join(ex.pick(concl, "limitation", 1, used, fallback=False), lang),
        ),
        performance=Assessment(
            strengths=_join(ex.pick(exp + concl + abstract, "result", 2, used), lang),
            weaknesses=_join(ex.pick(exp, "limitation", 1, used, fallback=False), lang),
        ),
        workload=Assessment(
            strengths=_join(ex.pick(exp + abstract, "workload", 1, used, fallback=False), lang),
            weaknesses=NOT_FOUND[lang],
        ),
    )


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

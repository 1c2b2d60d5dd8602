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
# Takeaways the summary lists at most (the schema allows 5-7; fewer when the paper states fewer claims).
TAKEAWAYS = 6
MIN_TAKEAWAYS = 3
# Results the takeaways may take from beyond the abstract and introduction: the rest stay for the conclusion.
RESULTS_FROM_REST = 2

# A title shorter than this is too likely to be an ordinary phrase to be cut out of the text as a running header.
MIN_TITLE_CHARS = 20

NOT_FOUND = {"zh": "（原文中未找到相关语句）", "en": "(no such statement found in the paper)"}


def _join(items: list[str], lang: str) -> str:
    return " ".join(items) if items else NOT_FOUND[lang]


def summary(m: StageMaterial, lang: str) -> SummaryStage:
    by_role = _sentences_by_role(m.sections, m.paper.title)
    abstract = ex.sentences(m.paper.abstract)
    intro = by_role.get("intro", []) or by_role.get("other", [])
    experiments = by_role.get("experiments", [])
    conclusion = by_role.get("conclusion", [])
    used: set[str] = set()  # no sentence in two slots
    headline = (
        ex.pick(abstract, "contribution", 1, used, fallback=False, avoid_limitations=True)
        or ex.pick(abstract, "method", 1, used, fallback=False, avoid_limitations=True)
        or abstract[:1]
        or [m.paper.title or ""]
    )
    used.update(headline)
    background = ex.pick(intro or abstract, "background", 2, used, avoid_limitations=False)
    problem = ex.pick(intro + by_role.get("related", []) + abstract, "problem", 2, used, fallback=False)
    # The method slot falls back to other early sentences, but never to a result (that is the results slot's).
    method = (
        ex.pick(abstract + intro, "method", 2, used, fallback=False)
        or [x for x in abstract + intro if x not in used and not ex.matches(x, "result")][:1]
    )
    used.update(method)
    results = ex.pick(
        abstract + conclusion + experiments, "result", 2, used, fallback=False, prefer="number", avoid_limitations=True
    )
    everything = [x for sentences in by_role.values() for x in sentences]
    takeaways = _takeaways(abstract + intro, conclusion + experiments, used, everything)
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
    used = _said_before(m)
    steps = []
    for sec in subsections:
        first = [s for s in ex.sentences(sec.text) if s not in used][:2]
        if first:
            used.update(first)
            steps.append(MethodStep(name=_strip_number(sec.title) or f"p.{sec.page}", detail=" ".join(first)))
        if len(steps) == MAX_STEPS:
            break
    if not steps:
        cands = ex.sentences(" ".join(s.text for s in secs)) or ex.sentences(m.paper.abstract)
        steps = [MethodStep(name=f"{i + 1}", detail=s) for i, s in enumerate(ex.pick(cands, "method", 5, used))]
    return MethodsStage(steps=steps)


def conclusion(m: StageMaterial, lang: str) -> ConclusionStage:
    """Stated limitations go only under weaknesses; strengths never quote one. Performance quotes results with
    the paper's numbers first; innovation, its statements of contribution."""
    by_role = _sentences_by_role(m.sections, m.paper.title)
    concl = by_role.get("conclusion", [])
    exp = by_role.get("experiments", [])
    intro = by_role.get("intro", [])
    abstract = ex.sentences(m.paper.abstract)
    used = _said_before(m)
    # Without a conclusion section, the abstract's own claims are the safest statement of significance.
    significance = [s for s in concl if s not in used and not ex.is_limitation(s)][:2] or ex.pick(
        abstract, "result", 2, set(used), avoid_limitations=True
    )
    used.update(significance)
    limits = [s for s in concl + exp + intro if ex.is_limitation(s)]
    return ConclusionStage(
        significance=_join(significance, lang),
        innovation=Assessment(
            strengths=_join(
                ex.pick(abstract + intro + concl, "contribution", 1, used, fallback=False, avoid_limitations=True)
                or ex.pick(abstract + intro + concl, "novelty", 1, used, fallback=False, avoid_limitations=True),
                lang,
            ),
            weaknesses=_join(ex.pick(concl + intro, "limitation", 1, used, fallback=False), lang),
        ),
        performance=Assessment(
            strengths=_join(
                ex.pick(
                    exp + concl + abstract, "result", 2, used, fallback=False, prefer="number", avoid_limitations=True
                ),
                lang,
            ),
            weaknesses=_join(ex.pick(exp + limits, "limitation", 1, used, fallback=False), lang),
        ),
        workload=Assessment(
            strengths=_join(
                ex.pick(
                    exp + abstract + intro, "workload", 1, used, fallback=False, prefer="number", avoid_limitations=True
                ),
                lang,
            ),
            weaknesses=_join(ex.pick(limits, "workload", 1, used, fallback=False), lang),
        ),
    )


def _said_before(m: StageMaterial) -> set[str]:
    """Sentences earlier stages already quote, so no slot of the digest repeats one."""
    earlier = " ".join(v.model_dump_json() for v in m.previous.values())
    if not earlier:
        return set()
    return {s for sec in m.sections for s in ex.sentences(sec.text) if s in earlier} | {
        s for s in ex.sentences(m.paper.abstract) if s in earlier
    }


def _sentences_by_role(sections: list[Section], title: str | None = None) -> dict[str, list[str]]:
    """Usable sentences per role; the paper's title, which running headers repeat inside the text, taken out."""
    # The whole title, and its parts before and after a colon or question mark (a header may carry only one).
    parts = [title, *re.split(r"(?<=[?:])\s+", title)] if title else []
    headers = sorted({p.strip() for p in parts if len(p.strip()) > MIN_TITLE_CHARS}, key=len, reverse=True)
    out: dict[str, list[str]] = {}
    for sec in sections:
        text = sec.text
        for header in headers:
            text = text.replace(header, " ")
        out.setdefault(sec.role, []).extend(ex.sentences(text))
    return out


def _takeaways(own_summary: list[str], rest: list[str], used: set[str], everything: list[str]) -> list[str]:
    """Results with numbers first, then claims of contribution, from the abstract and introduction (the authors'
    own summary); the rest of the paper only when those run out, so the conclusion stage keeps its sentences."""
    found: list[str] = []
    for pool, most in ((own_summary, TAKEAWAYS), (rest, RESULTS_FROM_REST)):
        want = min(most, TAKEAWAYS - len(found))
        found += ex.pick(pool, "result", want, used, fallback=False, prefer="number", avoid_limitations=True)
        found += ex.pick(pool, "contribution", TAKEAWAYS - len(found), used, fallback=False, avoid_limitations=True)
        if len(found) >= TAKEAWAYS:
            break
    if len(found) < MIN_TAKEAWAYS:  # a paper with few stated results: its other sentences, earliest first
        found += [
            x for x in dict.fromkeys(own_summary + rest + everything) if x not in used and not ex.is_limitation(x)
        ][: MIN_TAKEAWAYS - len(found)]
    return found[:TAKEAWAYS]


def _strip_number(title: str) -> str:
    return re.sub(r"^\s*[\dA-Z]+(\.\d+)*\.?\s+", "", title).strip()

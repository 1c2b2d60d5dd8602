"""What each stage sends the model: the relevant sections within a token budget, fenced as data."""

from __future__ import annotations

import json
import logging
import re
from typing import Literal, get_args

from pydantic import BaseModel

from chatpaper.paper import Paper
from chatpaper.stages.budget import Selection, select
from chatpaper.stages.material import StageMaterial
from chatpaper.stages.prompts import LANGUAGE_NAME, OMITTED, SYSTEM
from chatpaper.stages.spec import Stage

log = logging.getLogger("chatpaper.stages.context")

# The tags that fence each part of a stage prompt as data. The neutraliser below is built from this one list, so a
# fence added here is one the paper cannot close either.
FenceName = Literal["paper_metadata", "earlier_stages", "paper", "omitted_sections"]
FENCES: tuple[FenceName, ...] = get_args(FenceName)
# Any spelling a model may read as one of our tags: any case, spaces or line breaks around the slash and the name,
# attributes after it. Longest names first, so "paper_metadata" is not taken for "paper" plus text.
_FENCE_TAG = re.compile(
    r"<(\s*/?\s*(?:" + "|".join(sorted(FENCES, key=len, reverse=True)) + r")\b[^<>]*)>", re.IGNORECASE
)


def select_sections(paper: Paper, stage: Stage, budget: int) -> Selection:
    """Sections for ``stage`` within ``budget`` tokens, in document order, and what was left out (see ``budget``)."""
    return select(paper, stage.roles, budget)


def build_material(paper: Paper, stage: Stage, budget: int, previous: dict[str, BaseModel]) -> StageMaterial:
    chosen = select_sections(paper, stage, budget)
    material = StageMaterial(
        stage.name, paper, chosen.sections, dict(previous), chosen.log, chosen.omitted, chosen.clipped
    )
    if chosen.log:
        log.info(
            "%s stage: sending %d tokens of paper text; cut %d part(s): %s",
            stage.name,
            material.paper_tokens,
            len(chosen.log),
            "; ".join(chosen.log[:6]) + (" ..." if len(chosen.log) > 6 else ""),
        )
    else:
        log.info("%s stage: sending %d tokens of paper text (nothing cut)", stage.name, material.paper_tokens)
    return material


def neutralise_fences(text: str) -> str:
    """``text`` with every spelling of a fence tag made inert: its angle brackets become "‹" "›", so the paper (or a
    title, or an earlier stage's answer quoting it) cannot close a fence and speak as the user. Only our own tag
    names are touched; other markup in the paper stays as printed."""
    return _FENCE_TAG.sub(lambda m: f"‹{m[1]}›", text)


def _fenced(name: FenceName, text: str) -> str:
    return f"<{name}>\n{neutralise_fences(text)}\n</{name}>"


def system_prompt(lang: str) -> str:
    return SYSTEM.format(language=LANGUAGE_NAME[lang])


def stage_prompt(stage: Stage, material: StageMaterial, lang: str) -> str:
    p = material.paper
    meta = [f"Title: {p.title or 'unknown'}", f"Authors: {', '.join(p.authors[:30]) or 'unknown'}"]
    if p.first_author_affiliation:
        meta.append(f"First author's affiliation (from the PDF's author block): {p.first_author_affiliation}")
    if p.affiliations:
        meta.append(f"Affiliations (from the PDF, not mapped to authors): {'; '.join(p.affiliations[:10])}")
    if p.arxiv_id:
        meta.append(f"arXiv: {p.arxiv_id}")
    parts = [
        stage.task.format(language=LANGUAGE_NAME[lang]),
        _fenced("paper_metadata", "\n".join(meta)),
    ]
    if material.previous:
        earlier = {k: v.model_dump() for k, v in material.previous.items()}
        parts.append(_fenced("earlier_stages", json.dumps(earlier, ensure_ascii=False, indent=1)))
    body = []
    if p.abstract:
        body.append("## Abstract\n" + p.abstract)
    for sec in material.sections:
        body.append(f"## {sec.title or '(untitled)'} (page {sec.page})\n{sec.text}")
    parts.append(_fenced("paper", "\n\n".join(body)))
    if material.omitted or material.clipped:
        note = OMITTED.format(
            omitted="; ".join(material.omitted) or "none", clipped="; ".join(material.clipped) or "none"
        )
        parts.append(_fenced("omitted_sections", note))
    return "\n\n".join(parts)

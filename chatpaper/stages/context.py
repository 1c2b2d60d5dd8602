"""What each stage sends the model: the relevant sections within a token budget, fenced as data."""

from __future__ import annotations

import json
import logging

from pydantic import BaseModel

from chatpaper.paper import Paper
from chatpaper.stages.budget import Selection, select
from chatpaper.stages.material import StageMaterial
from chatpaper.stages.prompts import LANGUAGE_NAME, OMITTED, SYSTEM
from chatpaper.stages.spec import Stage

log = logging.getLogger("chatpaper.stages.context")


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


def _fence(text: str) -> str:
    # The paper must not be able to close our fence and speak as the user.
    return text.replace("</paper>", "</ paper>").replace("<paper>", "< paper>")


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
        "<paper_metadata>\n" + _fence("\n".join(meta)) + "\n</paper_metadata>",
    ]
    if material.previous:
        earlier = {k: v.model_dump() for k, v in material.previous.items()}
        parts.append(
            "<earlier_stages>\n" + _fence(json.dumps(earlier, ensure_ascii=False, indent=1)) + "\n</earlier_stages>"
        )
    body = []
    if p.abstract:
        body.append("## Abstract\n" + p.abstract)
    for sec in material.sections:
        body.append(f"## {sec.title or '(untitled)'} (page {sec.page})\n{sec.text}")
    parts.append("<paper>\n" + _fence("\n\n".join(body)) + "\n</paper>")
    if material.omitted or material.clipped:
        note = OMITTED.format(
            omitted="; ".join(material.omitted) or "none", clipped="; ".join(material.clipped) or "none"
        )
        parts.append("<omitted_sections>\n" + _fence(note) + "\n</omitted_sections>")
    return "\n\n".join(parts)

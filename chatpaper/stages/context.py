"""What each stage sends the model: the relevant sections within a token budget, fenced as data."""

from __future__ import annotations

import json
import logging

from pydantic import BaseModel

from chatpaper.paper import Paper, Section
from chatpaper.stages.material import StageMaterial
from chatpaper.stages.prompts import LANGUAGE_NAME, SYSTEM
from chatpaper.stages.spec import Stage
from chatpaper.text import clip_to_tokens, estimate_tokens

log = logging.getLogger("chatpaper.stages.context")

# A clipped section is still worth sending when at least this many tokens of it fit.
MIN_USEFUL_TOKENS = 200


def select_sections(paper: Paper, stage: Stage, budget: int) -> tuple[list[Section], list[str]]:
    """Sections for ``stage`` within ``budget`` tokens, in document order, plus a list of what was cut."""
    usable = [s for s in paper.sections if s.role not in ("references", "abstract") and s.text.strip()]
    order = {role: rank for rank, role in enumerate(stage.roles)}
    wanted = [s for s in usable if s.role in order]
    if not wanted:
        wanted = usable
    ranked = sorted(range(len(wanted)), key=lambda i: (order.get(wanted[i].role, len(order)), i))
    left = budget - estimate_tokens(paper.abstract)
    chosen: dict[int, Section] = {}
    cut: list[str] = []
    for i in ranked:
        sec = wanted[i]
        need = estimate_tokens(sec.text)
        label = sec.title or f"text on page {sec.page}"
        if need <= left:
            chosen[i] = sec
            left -= need
        elif left >= MIN_USEFUL_TOKENS:
            chosen[i] = sec.model_copy(update={"text": clip_to_tokens(sec.text, left)})
            cut.append(f"{label} (clipped to {left} of {need} tokens)")
            left = 0
        else:
            cut.append(f"{label} ({need} tokens)")
    return [chosen[i] for i in sorted(chosen)], cut


def build_material(paper: Paper, stage: Stage, budget: int, previous: dict[str, BaseModel]) -> StageMaterial:
    sections, cut = select_sections(paper, stage, budget)
    material = StageMaterial(stage.name, paper, sections, dict(previous), cut)
    if cut:
        log.info(
            "%s stage: sending %d tokens of paper text; cut %d part(s): %s",
            stage.name,
            material.paper_tokens,
            len(cut),
            "; ".join(cut[:6]) + (" ..." if len(cut) > 6 else ""),
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
    if p.affiliations:
        meta.append(f"Affiliations (from the PDF): {'; '.join(p.affiliations[:10])}")
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
    return "\n\n".join(parts)

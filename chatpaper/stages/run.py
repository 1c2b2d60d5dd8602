"""Running one stage: build its prompt, call the backend, validate the reply (one repair round)."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, replace

from pydantic import BaseModel

from chatpaper._errors import StageError
from chatpaper.backends import Backend, LLMRequest
from chatpaper.backends.base import inline_schema
from chatpaper.models import StageUsage
from chatpaper.paper import Paper
from chatpaper.stages.context import build_material, stage_prompt, system_prompt
from chatpaper.stages.material import StageMaterial
from chatpaper.stages.output import OutputError, parse_reply
from chatpaper.stages.prompts import REPAIR
from chatpaper.stages.spec import Stage

log = logging.getLogger("chatpaper.stages.run")

# Replies that fail validation get this many repair attempts.
REPAIR_ATTEMPTS = 1


@dataclass
class StageResult:
    output: BaseModel
    usage: StageUsage


def request_for(stage: Stage, material: StageMaterial, lang: str) -> LLMRequest:
    """The call for one stage: its prompts and schema, and its extractive answer for a backend with no model."""
    extractive = stage.extractive

    def answer_without_model() -> BaseModel:
        if extractive is None:
            raise StageError(stage.name, "this stage has no extractive writer")
        answer: BaseModel = extractive(material, lang)
        return answer

    return LLMRequest(
        stage.name, system_prompt(lang), stage_prompt(stage, material, lang), stage.schema, answer_without_model
    )


def run_stage(
    backend: Backend, stage: Stage, paper: Paper, previous: dict[str, BaseModel], lang: str, budget: int
) -> StageResult:
    """One stage: build the prompt, call the backend, validate; one repair round on invalid output."""
    material = build_material(paper, stage, budget, previous)
    request = request_for(stage, material, lang)
    usage = StageUsage(stage=stage.name, paper_tokens=material.paper_tokens)
    t0 = time.perf_counter()
    for attempt in range(REPAIR_ATTEMPTS + 1):
        reply = backend.execute(request)
        usage.calls += 1
        if reply.input_tokens is not None:
            usage.input_tokens = (usage.input_tokens or 0) + reply.input_tokens
        if reply.output_tokens is not None:
            usage.output_tokens = (usage.output_tokens or 0) + reply.output_tokens
        try:
            output = parse_reply(reply.text, stage.schema)
            usage.seconds = round(time.perf_counter() - t0, 3)
            return StageResult(output, usage)
        except OutputError as exc:
            if attempt == REPAIR_ATTEMPTS:
                raise StageError(stage.name, f"the model's reply did not match the schema: {exc}") from None
            log.warning("%s stage: invalid reply (%s); asking once more", stage.name, exc)
            repair = REPAIR.format(problem=exc, schema=json.dumps(inline_schema(stage.schema)))
            request = replace(request, prompt=request.prompt + "\n\n" + repair)
    raise AssertionError("unreachable")

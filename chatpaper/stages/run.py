"""The three LLM stages: summary -> methods -> conclusion, each with typed input and output."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from pydantic import BaseModel

from chatpaper._errors import StageError
from chatpaper.backends import Backend, LLMRequest
from chatpaper.backends.base import inline_schema
from chatpaper.stages.context import build_material, stage_prompt, system_prompt
from chatpaper.stages.output import OutputError, parse_reply
from chatpaper.paper import Paper
from chatpaper.stages.prompts import REPAIR
from chatpaper.stages.schemas import STAGE_SCHEMAS, StageUsage

log = logging.getLogger("chatpaper.stages.run")

STAGE_NAMES = ("summary", "methods", "conclusion")
# Replies that fail validation get this many repair attempts.
REPAIR_ATTEMPTS = 1


@dataclass
class StageResult:
    output: BaseModel
    usage: StageUsage


def run_stage(backend: Backend, stage: str, paper: Paper, previous: dict[str, BaseModel], lang: str,
              budget: int) -> StageResult:
    """One stage: build the prompt, call the backend, validate; one repair round on invalid output."""
    schema = STAGE_SCHEMAS[stage]
    material = build_material(paper, stage, budget, previous)
    prompt = stage_prompt(material, lang)
    usage = StageUsage(stage=stage, paper_tokens=material.paper_tokens)
    t0 = time.perf_counter()
    for attempt in range(REPAIR_ATTEMPTS + 1):
        reply = backend.execute(LLMRequest(stage, system_prompt(lang), prompt, schema, material))
        usage.calls += 1
        if reply.input_tokens is not None:
            usage.input_tokens = (usage.input_tokens or 0) + reply.input_tokens
        if reply.output_tokens is not None:
            usage.output_tokens = (usage.output_tokens or 0) + reply.output_tokens
        try:
            output = parse_reply(reply.text, schema)
            usage.seconds = round(time.perf_counter() - t0, 3)
            return StageResult(output, usage)
        except OutputError as exc:
            if attempt == REPAIR_ATTEMPTS:
                raise StageError(stage, f"the model's reply did not match the schema: {exc}") from None
            log.warning("%s stage: invalid reply (%s); asking once more", stage, exc)
            prompt = prompt + "\n\n" + REPAIR.format(problem=exc, schema=json.dumps(inline_schema(schema)))
    raise AssertionError("unreachable")

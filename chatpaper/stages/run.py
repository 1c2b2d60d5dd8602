"""Running one stage: build its prompt, call the backend, validate the reply (one repair round)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
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
from chatpaper.stages.partial import partial_stage
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


# Receives the stage's answer as written so far (fields not yet written are empty), while the model writes.
PartialSink = Callable[[BaseModel], None]


def partial_reader(schema: type[BaseModel], on_partial: PartialSink) -> Callable[[str], None]:
    """A text sink that gathers a streamed reply and hands ``on_partial`` the stage's model so far, each time a
    piece of text changes what can be shown."""
    pieces: list[str] = []
    shown: list[BaseModel | None] = [None]

    def take(piece: str) -> None:
        pieces.append(piece)
        partial = partial_stage("".join(pieces), schema)
        if partial is not None and partial != shown[0]:
            shown[0] = partial
            on_partial(partial)

    return take


def run_stage(
    backend: Backend,
    stage: Stage,
    paper: Paper,
    previous: dict[str, BaseModel],
    lang: str,
    budget: int,
    on_partial: PartialSink | None = None,
) -> StageResult:
    """One stage: build the prompt, call the backend, validate; one repair round on invalid output. With
    ``on_partial``, the reply is streamed and the answer so far is handed to it as it grows."""
    material = build_material(paper, stage, budget, previous)
    request = request_for(stage, material, lang)
    usage = StageUsage(stage=stage.name, paper_tokens=material.paper_tokens)
    t0 = time.perf_counter()
    for attempt in range(REPAIR_ATTEMPTS + 1):
        on_text = partial_reader(stage.schema, on_partial) if on_partial else None
        reply = backend.execute(request, on_text)
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

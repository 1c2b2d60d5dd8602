"""The one interface every LLM backend implements."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel

from ..context import StageMaterial


@dataclass(frozen=True)
class LLMRequest:
    """One call: a system prompt, a user prompt and the JSON schema the reply must match.

    ``material`` is the paper text the prompt was built from; extractive backends read it directly."""

    stage: str
    system: str
    prompt: str
    schema: type[BaseModel]
    material: StageMaterial


@dataclass
class LLMResponse:
    text: str | None
    model: str
    input_tokens: int | None = None
    output_tokens: int | None = None


class Backend(Protocol):
    name: ClassVar[str]
    offline: ClassVar[bool]
    model: str

    def execute(self, request: LLMRequest) -> LLMResponse:
        """Run one call. Raise UpstreamError/StageError/ConfigError; never put a key in a message."""
        ...


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with $refs inlined and every object closed and fully required.

    Gemini's and OpenAI's strict modes both accept this shape; neither needs $defs."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return walk(copy.deepcopy(defs[node["$ref"].split("/")[-1]]))
            out = {k: walk(v) for k, v in node.items() if k != "title"}
            if out.get("type") == "object" and "properties" in out:
                out["required"] = list(out["properties"])
                out["additionalProperties"] = False
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every secret replaced, for messages that quote a service's answer."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text

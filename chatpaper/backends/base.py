"""The one interface every LLM backend implements."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel


def _no_extractive_answer() -> BaseModel:
    raise NotImplementedError("this request has no extractive answer")


@dataclass(frozen=True)
class LLMRequest:
    """One call: a system prompt, a user prompt and the JSON schema the reply must match.

    ``stage`` names the call in messages. ``extractive`` answers the same request from the paper's own
    sentences, without a model: the offline backend returns it, the others never call it. ``images`` (PNG files
    of the paper's figures) go with the prompt to a backend that sees images (``BackendInfo.sees_images``);
    the others ignore them."""

    stage: str
    system: str
    prompt: str
    schema: type[BaseModel]
    extractive: Callable[[], BaseModel] = _no_extractive_answer
    images: tuple[Path, ...] = ()


# Receives the reply's text piece by piece, as the model writes it.
TextSink = Callable[[str], None]


@dataclass
class LLMResponse:
    text: str | None
    model: str
    input_tokens: int | None = None
    output_tokens: int | None = None


class Backend(Protocol):
    """What every backend is. ``name`` and ``offline`` are per instance: wrappers (Deferred, RateLimited) copy
    them from what they wrap."""

    name: str
    offline: bool  # answers without calling any service
    model: str

    def execute(self, request: LLMRequest, on_text: TextSink | None = None) -> LLMResponse:
        """Run one call. With ``on_text``, stream the reply and hand it each piece of text as it arrives; the
        response still carries the whole text and the usage. Raise UpstreamError/StageError/ConfigError; never
        put a key in a message."""
        ...


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with $refs inlined and every object closed and fully required.

    Gemini's and OpenAI's strict modes both accept this shape; neither needs $defs. A field's own keywords next
    to a $ref (its description) win over the referenced type's."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                # Keywords next to the $ref (a field's description) describe this use of the type: keep them.
                target = copy.deepcopy(defs[node["$ref"].split("/")[-1]])
                target.update({k: v for k, v in node.items() if k != "$ref"})
                return walk(target)
            out = {k: walk(v) for k, v in node.items() if k != "title"}
            if out.get("type") == "object" and "properties" in out:
                out["required"] = list(out["properties"])
                out["additionalProperties"] = False
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    inlined: dict[str, Any] = walk(schema)
    return inlined


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every secret replaced, for messages that quote a service's answer."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


# Keys in use by this process (environment keys and keys users bring), kept only to be scrubbed from logs.
_SECRETS: set[str] = set()
# The SDKs log retries with the service's error text, which some services and proxies fill with the key.
_SDK_LOGGERS = (
    "google_genai",
    "google_genai._api_client",
    "google_genai.models",
    "openai",
    "openai._base_client",
    "httpx",
    "httpx2",
)


class RedactSecrets(logging.Filter):
    """Replaces every guarded key in a log record by ***."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _SECRETS:
            message = record.getMessage()
            clean = redact(message, *_SECRETS)
            if clean != message:
                record.msg, record.args = clean, None
        return True


_REDACTOR = RedactSecrets()


def guard_secret(key: str) -> None:
    """Remember a key in use, so that no record of the SDKs' loggers (or of any handler that carries the
    filter) shows it."""
    _SECRETS.add(key)
    for name in _SDK_LOGGERS:
        target = logging.getLogger(name)
        if _REDACTOR not in target.filters:
            target.addFilter(_REDACTOR)

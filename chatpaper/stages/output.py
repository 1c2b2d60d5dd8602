"""Reading model replies: tolerant JSON extraction, schema validation, and removal of model chatter."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)

# Sentences models append that are about the answer, not the paper ("希望以上内容符合您的要求！").
_CHATTER = re.compile(
    r"[^。！？.!?\n]*(希望(以上|这)|如有(任何)?(其他|进一步)?(问题|需要)|请随时|以上(内容|回答|答案|整理)|"
    r"仅供参考|请注意，以上|I hope this|Let me know if|Feel free to|As an AI)[^。！？.!?\n]*[。！？.!?]?",
    re.IGNORECASE,
)


class OutputError(ValueError):
    """The reply cannot be turned into the schema; ``str()`` says why in one line."""


def _candidates(text: str) -> list[str]:
    text = text.strip().lstrip("\ufeff")
    fenced = re.findall(r"```(?:json|JSON)?\s*(.*?)```", text, re.DOTALL)
    out = [f.strip() for f in fenced] + [text]
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        out.append(text[start : end + 1])
    return out


def _loads(candidate: str) -> Any:
    try:
        return json.loads(candidate, strict=False)
    except json.JSONDecodeError:
        pass
    repaired = re.sub(r",\s*([}\]])", r"\1", candidate)  # trailing commas
    repaired = repaired.replace("“", '"').replace("”", '"') if repaired.count('"') < 2 else repaired
    return json.loads(repaired, strict=False)


def strip_chatter(value: Any) -> Any:
    """Remove model chatter sentences from every string in a JSON value."""
    if isinstance(value, str):
        return _CHATTER.sub("", value).strip()
    if isinstance(value, list):
        return [v for v in (strip_chatter(x) for x in value) if v != ""]
    if isinstance(value, dict):
        return {k: strip_chatter(v) for k, v in value.items()}
    return value


def parse_reply(text: str | None, schema: type[T]) -> T:
    """The reply as ``schema``. Accepts fenced JSON, prose around JSON, trailing commas, a bare list for a
    one-list schema; raises OutputError otherwise."""
    if not text or not text.strip():
        raise OutputError("the reply was empty")
    if "{" not in text and "[" not in text:
        raise OutputError("no JSON object found in the reply")
    data: Any = None
    last_error = "no JSON object found"
    for cand in _candidates(text):
        try:
            data = _loads(cand)
            break
        except json.JSONDecodeError as exc:
            last_error = f"invalid JSON ({exc.msg} at line {exc.lineno})"
    if data is None:
        raise OutputError(last_error)
    fields = list(schema.model_fields)
    if isinstance(data, list) and len(fields) == 1:
        data = {fields[0]: data}
    if isinstance(data, dict) and len(data) == 1 and fields and fields[0] not in data:
        inner = next(iter(data.values()))
        if isinstance(inner, dict) and fields[0] in inner:
            data = inner  # {"result": {...}} wrappers
    try:
        return schema.model_validate(strip_chatter(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise OutputError(f"{exc.error_count()} field error(s), first: {where}: {first['msg']}") from None

"""Reading model replies: tolerant JSON extraction, schema validation, and removal of model chatter."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)

# Closing remarks models append that are about the answer, not the paper ("希望以上内容符合您的要求！"). A
# remark must be the whole sentence: "如有需要，可将 λdiff 设为 0.1 以外的值" has content and stays.
_CLOSING = re.compile(
    r"^(希望(以上|这些?|本)[^。！？]{0,30}(帮助|要求|有用|满意|需要|参考)[^。！？]{0,10}"
    r"|希望[^。！？]{0,12}(对您|对你|帮到|帮助到)[^。！？]{0,20}"
    r"|如(有|果您?有)(任何)?(其他|进一步|更多)?的?(问题|疑问)[^。！？]{0,30}"
    r"|(请|欢迎)随时[^。！？]{0,30}"
    r"|以上(内容|回答|答案|整理|总结)?(仅供参考|供您参考)[^。！？]{0,20}"
    r"|(I hope (this|that|the above)|Let me know if|Feel free to|Hope this helps)[^.!?]{0,80}"
    r")[。！？.!?～~]*$",
    re.IGNORECASE,
)


def _split_last(text: str) -> tuple[str, str]:
    """(everything before the last sentence, the last sentence); sentence ends are 。！？!? or a period
    followed by a space, so a decimal point never ends one."""
    body = text.rstrip()
    core = body.rstrip("。！？.!?～~")
    cut = max(core.rfind(c) for c in "。！？!?\n")
    period = max((i for i in range(len(core) - 1) if core[i] == "." and core[i + 1].isspace()), default=-1)
    cut = max(cut, period)
    return body[: cut + 1], body[cut + 1 :].strip()


def strip_closing(text: str) -> str:
    """``text`` without closing remarks that stand as whole sentences at its end."""
    while text:
        head, last = _split_last(text)
        if not last or not _CLOSING.match(last):
            return text
        text = head.rstrip()
    return text


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
    """Remove closing remarks from the end of every string in a JSON value (see ``strip_closing``)."""
    if isinstance(value, str):
        return strip_closing(value.strip())
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

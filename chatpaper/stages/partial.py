"""A stage's answer while the model is still writing it: the JSON so far, parsed leniently, as the stage's model
with every field not yet written left empty. The model's ``model_fields_set`` (and that of every nested model) names
the fields the model has reached: those it has finished and the one it is writing once something is in it, so a
renderer can tell "not written yet" from "written empty". It is for showing progress only; the finished reply goes
through ``output.parse_reply`` and its validation (where every field is set: the schemas have no defaults).

What it cannot do: a reply that is not plain JSON from its first character (prose or a fence before the
object) shows nothing until the object starts, and a field is shown only once its key is complete.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import from_json

T = TypeVar("T", bound=BaseModel)
M = TypeVar("M", bound=BaseModel)


def _empty(annotation: Any) -> Any:
    """The empty value of a field's type: "" for text, [] for a list, an empty model for a model."""
    origin = get_origin(annotation)
    if origin is list:
        return []
    if origin in (typing.Union, types.UnionType):
        return _empty(next(a for a in get_args(annotation) if a is not type(None)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _filled(annotation, {})
    if annotation is str:
        return ""
    return None


def _item_type(annotation: Any) -> Any:
    args = get_args(annotation)
    return args[0] if args else Any


def _filled(schema: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every field of ``schema`` present: partial nested models filled in, odd values dropped."""
    out: dict[str, Any] = {}
    for name, info in schema.model_fields.items():
        value, kind = data.get(name), info.annotation
        empty = _empty(kind)
        if isinstance(empty, dict) and isinstance(value, dict):
            sub = kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None
            out[name] = _filled(sub, value) if sub else empty
        elif isinstance(empty, list) and isinstance(value, list):
            item = _item_type(kind)
            if isinstance(item, type) and issubclass(item, BaseModel):
                out[name] = [_filled(item, v) for v in value if isinstance(v, dict)]
            else:
                out[name] = [v for v in value if isinstance(v, str)]
        elif isinstance(value, str) and isinstance(empty, str):
            out[name] = value
        else:
            out[name] = empty
    return out


def _reached(data: dict[str, Any], names: Iterable[str]) -> set[str]:
    """The fields of ``data`` the model has reached: every key but the last (JSON is written in order, so the
    keys before the last are finished) and the last once its value is not empty."""
    keys = [k for k in data if k in names]
    return set(keys[:-1]) | ({keys[-1]} if keys and data[keys[-1]] not in ("", [], {}, None) else set())


def _marked(model: M, data: dict[str, Any]) -> M:
    """``model`` with its fields set to the ones ``data`` reached, nested models and list items alike."""
    values: dict[str, Any] = {}
    for name in type(model).model_fields:
        value, raw = getattr(model, name), data.get(name)
        if isinstance(value, BaseModel):
            value = _marked(value, raw if isinstance(raw, dict) else {})
        elif isinstance(value, list) and isinstance(raw, list) and value and isinstance(value[0], BaseModel):
            value = [_marked(v, r) for v, r in zip(value, [r for r in raw if isinstance(r, dict)], strict=True)]
        values[name] = value
    return type(model).model_construct(_fields_set=_reached(data, type(model).model_fields), **values)


def partial_stage(text: str, schema: type[T]) -> T | None:
    """The stage's model from the reply written so far, or None when nothing usable has arrived yet."""
    start = text.find("{")
    if start < 0:
        return None
    try:
        data = from_json(text[start:], allow_partial="trailing-strings")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        return _marked(schema.model_validate(_filled(schema, data)), data)
    except ValidationError:
        return None

"""The three stages, each described once: name, reply schema, task prompt, the sections it reads, its label on
the page, and the extractive writer that answers it without a model. Everything else reads ``STAGES``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from chatpaper.stages import extractive_writer as writer
from chatpaper.stages.material import StageMaterial
from chatpaper.stages.prompts import STAGE_TASKS
from chatpaper.stages.schemas import ConclusionStage, MethodsStage, SummaryStage


@dataclass(frozen=True)
class Stage:
    name: str
    schema: type[BaseModel]
    task: str = ""  # the stage's instructions (prompts.STAGE_TASKS), formatted with the output language
    # Section roles the stage reads, most wanted first. Anything else is used only when a paper has none of
    # these (no "Introduction", no "Conclusion": use what is there).
    roles: tuple[str, ...] = ()
    label: dict[str, str] | None = None  # heading on the page, per language
    extractive: Callable[[StageMaterial, str], BaseModel] | None = None  # the answer without a model


STAGES: tuple[Stage, ...] = (
    Stage(
        "summary",
        SummaryStage,
        STAGE_TASKS["summary"],
        ("intro", "conclusion", "related", "method", "experiments", "other"),
        {"zh": "摘要", "en": "Summary"},
        writer.summary,
    ),
    Stage(
        "methods",
        MethodsStage,
        STAGE_TASKS["methods"],
        ("method", "other", "intro", "experiments", "appendix"),
        {"zh": "方法", "en": "Methods"},
        writer.methods,
    ),
    Stage(
        "conclusion",
        ConclusionStage,
        STAGE_TASKS["conclusion"],
        ("conclusion", "experiments", "intro", "method", "other", "appendix"),
        {"zh": "结论", "en": "Conclusion"},
        writer.conclusion,
    ),
)
STAGE_NAMES: tuple[str, ...] = tuple(s.name for s in STAGES)
_BY_NAME = {s.name: s for s in STAGES}


def stage(name: str) -> Stage:
    """The stage called ``name`` (KeyError for any other name: stage names are ours, never a user's)."""
    return _BY_NAME[name]

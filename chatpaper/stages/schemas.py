"""What each LLM stage must answer (pydantic).

The model fills only what needs reading and writing; title, authors and links come from metadata,
so names are never invented or transliterated by a model.

Counts are in the JSON schema (``minItems``/``maxItems``) so the model sees them, but validation is tolerant:
a longer list is trimmed and a shorter one accepted, because a stage must not fail over one takeaway too many.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

# Counts the model is asked for; validation trims to the maximum.
KEYWORDS = (3, 6)
TAKEAWAYS = (5, 7)
STEPS = (3, 8)
MAX_TAKEAWAYS = TAKEAWAYS[1]

# Said in every free-text description: the page renders these strings, not the model's Markdown.
PLAIN = "Plain text: no Markdown, no HTML, no bullets or numbering; math only as $…$."
# Length of each part of the summary and of each assessment, in the output language.
PART_LENGTH = "80-200 Chinese characters (40-120 English words)"


def _counted(low: int, high: int) -> dict[str, Any]:
    return {"minItems": low, "maxItems": high}


def _trimmed(items: list[Any], most: int) -> list[Any]:
    kept = [i.strip() if isinstance(i, str) else i for i in items if i and (not isinstance(i, str) or i.strip())]
    return kept[:most]


class SummaryStage(BaseModel):
    """Stage 1: translation of the title, keywords and the four-part summary."""

    title_zh: str = Field(
        description="Only the title translated into the output language (method names stay in English); "
        "not the English title, no explanation"
    )
    keywords: list[str] = Field(
        description="3-6 keywords in English, as the paper uses them, each 1-4 words",
        json_schema_extra=_counted(*KEYWORDS),
    )
    first_author_affiliation: str = Field(
        description="The first author's affiliation exactly as printed (from the metadata when given there); "
        "empty string if not given"
    )
    background: str = Field(description=f"(1) Research background of the paper. {PART_LENGTH}. {PLAIN}")
    prior_work: str = Field(
        description=f"(2) Prior methods, their problems, and why this paper is well motivated. {PART_LENGTH}. {PLAIN}"
    )
    method: str = Field(description=f"(3) The research method the paper proposes. {PART_LENGTH}. {PLAIN}")
    results: str = Field(
        description="(4) Tasks, the performance achieved with the paper's numbers, and whether it supports the "
        f"goals. {PART_LENGTH}. {PLAIN}"
    )
    one_line_summary: str = Field(
        description=f"One sentence (at most 60 Chinese characters) that says what the paper does and achieves. {PLAIN}"
    )
    key_takeaways: list[str] = Field(
        description=f"5 to 7 key takeaways, one short sentence each (at most 50 Chinese characters). {PLAIN}",
        json_schema_extra=_counted(*TAKEAWAYS),
    )

    @field_validator("key_takeaways")
    @classmethod
    def _trim_takeaways(cls, items: list[str]) -> list[str]:
        return _trimmed(items, TAKEAWAYS[1])

    @field_validator("keywords")
    @classmethod
    def _trim_keywords(cls, items: list[str]) -> list[str]:
        return _trimmed(items, KEYWORDS[1])


class MethodStep(BaseModel):
    name: str = Field(description="Short name of the step (at most 20 Chinese characters), no numbering")
    detail: str = Field(
        description="What is computed, trained or built in this step, with the paper's component names and "
        f"hyper-parameters where they matter; 60-200 Chinese characters. {PLAIN}"
    )


class MethodsStage(BaseModel):
    """Stage 2: the method as numbered, concrete steps."""

    steps: list[MethodStep] = Field(
        description="The method's steps in the order the paper applies them, 3 to 8 of them",
        json_schema_extra=_counted(*STEPS),
    )

    @field_validator("steps")
    @classmethod
    def _trim_steps(cls, items: list[MethodStep]) -> list[MethodStep]:
        return items[: STEPS[1]]


class Assessment(BaseModel):
    strengths: str = Field(description=f"Strengths, concretely. {PART_LENGTH}. {PLAIN}")
    weaknesses: str = Field(description=f"Weaknesses or limitations the text supports. {PART_LENGTH}. {PLAIN}")


class ConclusionStage(BaseModel):
    """Stage 3: significance, then innovation / performance / workload."""

    significance: str = Field(description=f"(1) The significance of this work for its field. {PART_LENGTH}. {PLAIN}")
    innovation: Assessment = Field(
        description="Innovation: what is new compared with prior work (strengths) and where the novelty is "
        "limited or incremental (weaknesses)"
    )
    performance: Assessment = Field(
        description="Performance: the results against baselines with the paper's numbers (strengths) and where "
        "they fall short or are not shown (weaknesses)"
    )
    workload: Assessment = Field(
        description="Workload: the amount and thoroughness of the work: data, experiments, baselines, ablations "
        "and compute (strengths), and what is missing, e.g. absent baselines, ablations or compute figures "
        "(weaknesses)"
    )

"""What each LLM stage must answer (pydantic).

The model fills only what needs reading and writing; title, authors and links come from metadata,
so names are never invented or transliterated by a model.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

MAX_TAKEAWAYS = 7


class SummaryStage(BaseModel):
    """Stage 1: translation of the title, keywords and the four-part summary."""

    title_zh: str = Field(description="The paper title translated into the output language")
    keywords: list[str] = Field(description="3-6 keywords in English, as the paper uses them")
    first_author_affiliation: str = Field(
        description="The first author's affiliation exactly as printed in the paper; empty string if not given"
    )
    background: str = Field(description="(1) Research background of the paper")
    prior_work: str = Field(description="(2) Prior methods, their problems, and why this paper is well motivated")
    method: str = Field(description="(3) The research method the paper proposes")
    results: str = Field(description="(4) Tasks, the performance achieved, and whether it supports the goals")
    one_line_summary: str = Field(description="One sentence that says what the paper does and achieves")
    key_takeaways: list[str] = Field(description="5 to 7 key takeaways, one short sentence each")

    @field_validator("key_takeaways", "keywords")
    @classmethod
    def _trim(cls, items: list[str]) -> list[str]:
        items = [i.strip() for i in items if i and i.strip()]
        return items[:MAX_TAKEAWAYS]


class MethodStep(BaseModel):
    name: str = Field(description="Short name of the step")
    detail: str = Field(description="What is done in this step, concretely")


class MethodsStage(BaseModel):
    """Stage 2: the method as numbered, concrete steps."""

    steps: list[MethodStep] = Field(description="The method's steps in order, 3 to 8 of them")


class Assessment(BaseModel):
    strengths: str = Field(description="Strengths")
    weaknesses: str = Field(description="Weaknesses or limitations")


class ConclusionStage(BaseModel):
    """Stage 3: significance, then innovation / performance / workload."""

    significance: str = Field(description="(1) The significance of this work")
    innovation: Assessment = Field(description="Innovation point: strengths and weaknesses")
    performance: Assessment = Field(description="Performance: strengths and weaknesses")
    workload: Assessment = Field(description="Workload: strengths and weaknesses")

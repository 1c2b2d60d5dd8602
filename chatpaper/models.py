"""The finished (or partly finished) digest: what digest.json holds, the cache stores and every renderer reads."""

from __future__ import annotations

from datetime import datetime, timezone

from pydantic import BaseModel, Field

from chatpaper.stages.schemas import ConclusionStage, MethodsStage, SummaryStage


class StageUsage(BaseModel):
    stage: str
    calls: int = 0
    input_tokens: int | None = None
    output_tokens: int | None = None
    seconds: float = 0.0
    paper_tokens: int = Field(0, description="estimated tokens of paper text the stage saw")
    cached: bool = False


class StageFailure(BaseModel):
    stage: str
    message: str


# Figure files sit in this folder next to digest.md; FigureInfo.path starts with it.
FIGURE_FOLDER = "figures"


class FigureInfo(BaseModel):
    """One numbered figure of the paper; ``path`` is relative to the digest's folder."""

    number: str
    caption: str
    page: int = Field(description="1-based page number")
    bbox: list[float] = Field(description="x0, y0, x1, y1 in PDF points")
    path: str
    width: int
    height: int
    key: bool = Field(False, description="shown in the digest")


class Digest(BaseModel):
    """A finished (or partly finished) digest: what digest.json holds."""

    schema_version: int = 1
    paper: dict = Field(description="paper metadata (Paper without section text)")
    backend: str
    model: str
    lang: str
    prompt_version: str
    offline: bool = False
    summary: SummaryStage | None = None
    methods: MethodsStage | None = None
    conclusion: ConclusionStage | None = None
    complete: bool = False
    errors: list[StageFailure] = []
    usage: list[StageUsage] = []
    figures: list[FigureInfo] = []
    created_at: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

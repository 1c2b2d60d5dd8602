"""What one stage sees of the paper: the sections chosen for it, earlier stages' answers, and what was cut."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from chatpaper.paper import Paper, Section
from chatpaper.text import estimate_tokens


@dataclass
class StageMaterial:
    """The paper text one stage sees, and what was left out."""

    stage: str
    paper: Paper
    sections: list[Section]
    previous: dict[str, BaseModel] = field(default_factory=dict)
    cut: list[str] = field(default_factory=list)  # one line per cut, with token counts, for the log
    omitted: list[str] = field(default_factory=list)  # titles of sections left out entirely
    clipped: list[str] = field(default_factory=list)  # titles of sections sent in part (ending in […])

    @property
    def paper_tokens(self) -> int:
        return estimate_tokens(self.paper.abstract) + sum(estimate_tokens(s.text) for s in self.sections)

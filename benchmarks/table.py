"""Markdown tables and the targets summary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def markdown(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub Markdown table; numbers right-aligned."""
    rows = [[_cell(v) for v in row] for row in rows]
    align = [
        "---:" if rows and all(_numeric(r[i]) for r in rows if r[i] not in ("", "–")) else "---"
        for i in range(len(header))
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if abs(value) < 0.001:
            return "0"
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value).replace("|", "\\|")


def _numeric(text: str) -> bool:
    return text.replace(".", "", 1).replace("×", "").replace("%", "").replace("-", "", 1).replace(",", "").isdigit()


@dataclass
class Target:
    """One target of issue #7 and what this run measured."""

    name: str
    goal: str
    measured: str
    met: bool
    why: str = ""  # the reason, when missed


def targets_table(targets: list[Target]) -> str:
    return markdown(
        ["target", "goal", "measured", "met", "why missed"],
        [[t.name, t.goal, t.measured, "yes" if t.met else "**no**", t.why if not t.met else ""] for t in targets],
    )

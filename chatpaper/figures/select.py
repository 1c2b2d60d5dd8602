"""Which figures a reader should see first: the opening figure, the method overview, the main results."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

DEFAULT_KEY_FIGURES = 4

_OVERVIEW = re.compile(
    r"overview|pipeline|architecture|framework|overall|illustration of (our|the proposed)|"
    r"model structure|system|approach|proposed (method|model)|框架|架构|流程|概览|结构|模型",
    re.IGNORECASE,
)
_RESULTS = re.compile(
    r"result|comparison|compar|performance|accuracy|qualitative|quantitative|\bvs\.?\b|versus|"
    r"benchmark|ablation|结果|对比|比较|性能|效果",
    re.IGNORECASE,
)


class _Captioned(Protocol):
    number: str
    caption: str


F = TypeVar("F", bound=_Captioned)


def key_figures(figures: Sequence[F], limit: int = DEFAULT_KEY_FIGURES) -> list[F]:
    """Up to ``limit`` figures in paper order: the first, the best overview match, then results figures,
    then whatever comes next. Captions decide; a paper without such words still gets its first figures."""
    if limit <= 0 or not figures:
        return []
    picked: list[int] = [0]
    overview = [i for i, f in enumerate(figures) if _OVERVIEW.search(f.caption)]
    results = [i for i, f in enumerate(figures) if _RESULTS.search(f.caption) and i not in overview]
    for i in overview[:1] + results + overview[1:] + list(range(len(figures))):
        if len(picked) >= limit:
            break
        if i not in picked:
            picked.append(i)
    return [figures[i] for i in sorted(picked)]

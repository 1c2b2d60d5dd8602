"""The order figures are shown in: by number as a reader counts (6 before 7, 10 after 9, S1 after them all)."""

from __future__ import annotations

import re

from chatpaper.models import FigureInfo

_NUMBER = re.compile(r"^(\D*)(\d+)(.*)$")


def figure_sort_key(number: str) -> tuple[bool, str, int, str]:
    """Plain numbers first, in numeric order; then prefixed ones (S1, A2) by prefix and number; then the rest."""
    match = _NUMBER.match(number.strip())
    if not match:
        return (True, "\uffff", 0, number)
    prefix, digits, rest = match.groups()
    return (bool(prefix), prefix.casefold(), int(digits), rest)


def in_number_order(figures: list[FigureInfo]) -> list[FigureInfo]:
    return sorted(figures, key=lambda f: figure_sort_key(f.number))

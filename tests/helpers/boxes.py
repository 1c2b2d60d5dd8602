"""Box predicates the figure tests assert with: (x0, y0, x1, y1) tuples in PDF points."""

from __future__ import annotations


def inside(inner: tuple, outer: tuple, slack: float = 0.5) -> bool:
    """``inner`` lies within ``outer``, give or take ``slack`` points on each side."""
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

"""Pure geometry on plain ``(x0, y0, x1, y1)`` tuples in PDF points, y growing downwards."""

from __future__ import annotations

from collections.abc import Iterable

Rect = tuple[float, float, float, float]


def width(r: Rect) -> float:
    return r[2] - r[0]


def height(r: Rect) -> float:
    return r[3] - r[1]


def area(r: Rect) -> float:
    return max(0.0, width(r)) * max(0.0, height(r))


def union(rects: Iterable[Rect]) -> Rect | None:
    rs = list(rects)
    if not rs:
        return None
    return (min(r[0] for r in rs), min(r[1] for r in rs), max(r[2] for r in rs), max(r[3] for r in rs))


def hull(rects: Iterable[Rect]) -> Rect:
    """The union of rects known to be there (``union`` of a non-empty list, typed so)."""
    out = union(rects)
    if out is None:
        raise ValueError("hull of no rects")
    return out


def intersection(a: Rect, b: Rect) -> Rect | None:
    r = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return r if r[0] < r[2] and r[1] < r[3] else None


def overlap_x(a: Rect, b: tuple[float, float]) -> float:
    """Length of the horizontal overlap of a rect with an x-span ``(x0, x1)``."""
    return max(0.0, min(a[2], b[1]) - max(a[0], b[0]))


def centre_inside(inner: Rect, outer: Rect) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def pad(r: Rect, by: float, limit: Rect | None = None) -> Rect:
    out = (r[0] - by, r[1] - by, r[2] + by, r[3] + by)
    if limit is not None:
        out = (max(out[0], limit[0]), max(out[1], limit[1]), min(out[2], limit[2]), min(out[3], limit[3]))
    return out


def percentile(values: list[float], q: float) -> float:
    """The q-th (0..1) value of a sorted copy; nearest rank, no interpolation."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def keep_off(r: Rect, other: Rect) -> Rect:
    """``r`` shrunk on one side so that it no longer overlaps ``other``: the side that costs the least area."""
    if not intersection(r, other):
        return r
    x0, y0, x1, y1 = r
    choices = [
        (x0, y0, x1, min(y1, other[1])),
        (x0, max(y0, other[3]), x1, y1),
        (x0, y0, min(x1, other[0]), y1),
        (max(x0, other[2]), y0, x1, y1),
    ]
    return max(choices, key=lambda c: area(c) if c[0] < c[2] and c[1] < c[3] else -1.0)

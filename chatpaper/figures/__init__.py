"""Numbered figures of a paper, cropped to their graphics, with captions; and the few worth showing first."""

from chatpaper.figures.extract import DEFAULT_DPI, DEFAULT_LIMITS, Figure, FigureLimits, extract_figures, iter_figures
from chatpaper.figures.select import key_figures

# Part of the figure cache key: change it when extraction changes what it finds.
FIGURES_VERSION = "2026-11-23.1"

__all__ = [
    "DEFAULT_DPI",
    "DEFAULT_LIMITS",
    "FIGURES_VERSION",
    "Figure",
    "FigureLimits",
    "extract_figures",
    "iter_figures",
    "key_figures",
]

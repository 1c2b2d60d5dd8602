"""Numbered figures of a paper, cropped to their graphics, with captions; and the few worth showing first."""

from .extract import DEFAULT_DPI, Figure, extract_figures
from .select import key_figures

__all__ = ["DEFAULT_DPI", "Figure", "extract_figures", "key_figures"]

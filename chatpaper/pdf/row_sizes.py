"""Font sizes for rows whose fonts report none: Type3 bitmap fonts drawn through a scaling matrix.

dvips output of the 1990s embeds its fonts as Type3 bitmaps and scales them with the text matrix, so PyMuPDF gives
every span a size near zero (0.0-0.1 pt). Every size rule (title = largest text, abstract set smaller than the body,
headings set larger) then sees one size for the whole paper. The row's height still carries the size: a row's box is
about ``ROW_HEIGHT_PER_PT`` times its font size, so the height stands in.

What it cannot do: tell bold from regular, or two sizes whose rows have the same height (a row of capitals and a row
with descenders of the same font differ by a little; sizes are rounded to ``SIZE_STEP_PT`` so such rows agree).
"""

from __future__ import annotations

from dataclasses import replace

from chatpaper.pdf.lines import Line

# A span size below this is no real size (no printed text is under 1 pt): the font is scaled by its matrix.
DEGENERATE_SIZE_PT = 1.0
# A row's box height per point of font size: the median over the rows of the corpus papers is 0.89-0.99.
ROW_HEIGHT_PER_PT = 0.9
# Sizes from heights are rounded to this step, so rows of one font agree whatever letters they hold.
SIZE_STEP_PT = 0.5


def size_from_height(line: Line) -> float:
    """The font size a row's height stands for, rounded to ``SIZE_STEP_PT``."""
    height = line.bbox[3] - line.bbox[1]
    return round(height / ROW_HEIGHT_PER_PT / SIZE_STEP_PT) * SIZE_STEP_PT


def with_row_sizes(lines: list[Line]) -> list[Line]:
    """The rows, each with a degenerate font size replaced by the size its height stands for."""
    return [replace(ln, size=size_from_height(ln)) if ln.size < DEGENERATE_SIZE_PT else ln for ln in lines]

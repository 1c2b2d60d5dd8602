"""Tables and page texts read from the PDF's pages, for the passages: the parser drops table rows from section text
(they would garble a digest), but "how big is the training set?" is often answered by a table. Both come from the
page text the parser already extracted (``PageText``), so reading them costs no second pass over the PDF."""

from __future__ import annotations

import re
from collections.abc import Callable

from chatpaper.ask.passages import TableText
from chatpaper.text import clean

Block = tuple[float, float, float, float, str]  # x0, y0, x1, y1, text

# "Table 2:", "TABLE II.", "Tab. 3", "表 2": a block that starts so is a table caption.
_TABLE_CAPTION = re.compile(
    r"^\s*(?:table|tab\.)\s*(?P<num>\d{1,3}|[IVX]{1,6})\b(?!\s+(?:shows|lists|reports))|^\s*表\s*(?P<zh>\d{1,3})",
    re.IGNORECASE,
)
# A block belongs to the table when it starts within this many points of the table read so far ...
TABLE_GAP_PT = 14.0
# ... and reads like cells: short lines on average (prose lines of a column are longer).
CELL_LINE_CHARS = 45
# A table's text is cut to this many characters: a passage stays a passage.
MAX_TABLE_CHARS = 1500
# Blocks scanned above or below a caption.
MAX_TABLE_BLOCKS = 40


def _is_cells(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return bool(lines) and sum(len(ln) for ln in lines) / len(lines) <= CELL_LINE_CHARS


def _grow(blocks: list[Block], start: int, step: int) -> list[str]:
    """Cell blocks next to the caption at ``start``, going down (step 1) or up (step -1) the page."""
    taken: list[str] = []
    edge = blocks[start][3] if step > 0 else blocks[start][1]
    index = start + step
    while 0 <= index < len(blocks) and len(taken) < MAX_TABLE_BLOCKS:
        x0, y0, x1, y1, text = blocks[index]
        gap = y0 - edge if step > 0 else edge - y1
        if gap > TABLE_GAP_PT or not _is_cells(text) or _TABLE_CAPTION.match(text):
            break
        taken.append(text)
        edge = y1 if step > 0 else y0
        index += step
    return taken if step > 0 else taken[::-1]


def _blocks(page: dict) -> list[Block]:
    """The text blocks of a page (PyMuPDF's "dict" extraction), top to bottom, each as its lines joined."""
    out = []
    for block in page.get("blocks", []):
        if block.get("type") != 0:
            continue
        text = "\n".join("".join(span["text"] for span in line["spans"]) for line in block["lines"])
        if text.strip():
            out.append((*block["bbox"], text))
    return sorted(out, key=lambda b: (b[1], b[0]))


def read_pages(page_dict: Callable[[int], dict], pages: int) -> tuple[list[str], list[TableText]]:
    """The text of each of the first ``pages`` pages, and every captioned table on them: the caption block and the
    cell blocks next to it (below, else above; a caption sits above its table in most styles, below in some).
    ``page_dict`` gives a page's "dict" extraction (the parser's ``PageText``)."""
    texts: list[str] = []
    found: list[TableText] = []
    seen: set[str] = set()
    for index in range(pages):
        blocks = _blocks(page_dict(index))
        texts.append("\n".join(b[4] for b in blocks))
        for at, block in enumerate(blocks):
            m = _TABLE_CAPTION.match(block[4])
            if not m:
                continue
            number = (m["num"] or m["zh"]).upper()
            if number in seen:  # "Table 2" again: a mention at a line start, or a continued table
                continue
            cells = _grow(blocks, at, 1) or _grow(blocks, at, -1)
            if not cells:
                continue  # a caption-like line with no cells next to it is prose that names a table
            seen.add(number)
            caption = clean(" ".join(block[4].split()))
            rows = [" ".join(line.split()) for cell in cells for line in cell.splitlines() if line.strip()]
            body = clean("\n".join(rows))[:MAX_TABLE_CHARS]
            found.append(TableText(number, caption, body, index + 1))
    return texts, found

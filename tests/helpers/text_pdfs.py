"""Small PDFs for the text clean-up rules: rows placed one by one so that line ends, superscripts, stamps and
running headers sit exactly where a real typesetter would put them."""

from __future__ import annotations

import pymupdf

BODY = 10.0
LEADING = 12.5
SUP = 7.0
# A superscript's baseline is raised by this share of the body size, as TeX does.
RISE = 0.35

TITLE = "Clean Text from Typeset Pages"
FILLER = (
    "The method reads every page of the document and keeps the running text for the reader. "
    "It is evaluated on many documents from several fields and publishers. "
)


def row(page: pymupdf.Page, y: float, pieces: list[tuple[str, bool]], x: float = 72, size: float = BODY) -> None:
    """One printed row; each piece is ``(text, superscript)``."""
    for text, sup in pieces:
        fs = SUP if sup else size
        page.insert_text((x, y - (RISE * size if sup else 0)), text, fontsize=fs)
        x += pymupdf.get_text_length(text, fontsize=fs)


def rows(page: pymupdf.Page, y: float, texts: list[str], size: float = BODY) -> float:
    """Plain rows one under the other (one text block); returns the y below them."""
    for text in texts:
        row(page, y, [(text, False)], size=size)
        y += LEADING
    return y


def wrapped(text: str, width: int = 80) -> list[str]:
    out, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    return out + ([cur] if cur else [])


def paper_with_rows(
    body_rows: list[list[tuple[str, bool]]],
    pages: int = 1,
    header: str | None = None,
    stamp: str | None = None,
    stamp_every_page: str | None = None,
) -> bytes:
    """A paper: title and abstract on page 1, an "1 Introduction" section holding ``body_rows`` and filler pages.

    ``header``: a running header at the top of every page; ``stamp``: a small notice drawn last on page 1 at its
    top edge (like the CVF open-access notice); ``stamp_every_page``: a lone line in the middle of every page."""
    doc = pymupdf.open()
    for pno in range(pages):
        page = doc.new_page()
        if header:
            row(page, 40, [(header, False)], size=8)
        y = 90
        if pno == 0:
            row(page, y, [(TITLE, False)], size=16)
            y = rows(page, y + 30, ["Abstract"] + wrapped(FILLER * 2)) + 10
            row(page, y, [("1 Introduction", False)], size=12)
            y += 20
            for pieces in body_rows:
                row(page, y, pieces)
                y += LEADING
        else:
            y = rows(page, y, wrapped(FILLER * 3)) + 10
        if stamp_every_page:
            row(page, 420, [(stamp_every_page, False)], size=8)
            rows(page, 450, wrapped(FILLER * 3))
        if stamp and pno == 0:
            row(page, 20, [(stamp, False)], size=8)
    return doc.tobytes()

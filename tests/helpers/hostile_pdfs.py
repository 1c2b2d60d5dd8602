"""PDFs from the adversarial pass of issue #17 that look fine but are not: text no reader can decode, rotated
pages, one big photo reused on every page."""

from __future__ import annotations

import pymupdf

from tests.helpers.figure_pdfs import W, caption, photo, prose

LINE = "Sparse routing of experts improves the throughput of large language models"


def unmapped_font_pdf(pages: int = 2) -> bytes:
    """Text drawn with a font whose glyphs have made-up names and no ToUnicode map: it looks like text on the
    page, but no reader can tell which characters it is (extraction yields garbage such as 'Ođxpđrts')."""
    doc = pymupdf.open()
    for _ in range(pages):
        doc.new_page(width=W, height=792)
    font = doc.get_new_xref()
    names = " ".join(f"/g{c}" for c in range(32, 127))
    doc.update_object(
        font,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        f"/Encoding << /Type /Encoding /Differences [32 {names}] >> >>",
    )
    for pno in range(pages):
        ops = ["BT", "/F9 11 Tf", "14 TL", "72 720 Td"]
        if pno == 0:
            ops += ["/F9 18 Tf", "(A Study of Sparse Expert Routing) Tj", "T*", "/F9 11 Tf", "T*"]
            ops += ["(Abstract) Tj", "T*"]
        ops += [f"({LINE} {i}.) Tj T*" for i in range(40)] + ["ET"]
        stream = doc.get_new_xref()
        doc.update_object(stream, "<<>>")
        doc.update_stream(stream, "\n".join(ops).encode())
        page = doc[pno]
        doc.xref_set_key(page.xref, "Contents", f"{stream} 0 R")
        doc.xref_set_key(page.xref, "Resources", f"<< /Font << /F9 {font} 0 R >> >>")
    return doc.tobytes()


def reused_photo_pdf(pages: int, side: int = 600) -> bytes:
    """One ``side``² photo stored once and shown on every page under a "Figure N:" caption (row 4's 5 MB PDF
    that cut into 1.9 GB of figures, scaled down)."""
    doc = pymupdf.open()
    image = photo(side, side)
    xref = 0
    for n in range(1, pages + 1):
        page = doc.new_page(width=W, height=792)
        prose(page, (72, 72, 540, 180))
        rect = pymupdf.Rect(106, 200, 506, 600)
        xref = page.insert_image(rect, stream=image) if not xref else page.insert_image(rect, xref=xref)
        caption(page, (106, 620), f"Figure {n}: The same photograph, again.")
    return doc.tobytes()

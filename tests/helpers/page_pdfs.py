"""A paper whose figures come out of number order (7 above 6 on one page, 10 on the next), with long captions:
what the page's figure view must sort and show whole."""

from __future__ import annotations

import pymupdf

from tests.helpers.figure_pdfs import H, W, photo, prose

LONG_CAPTIONS = {
    "7": "Figure 7: Throughput of the router under load, measured on eight nodes with the capacity factor "
    "set to 1.25 for every expert.",
    "6": "Figure 6: Validation loss of the sparse model and the dense baseline over the first ten thousand "
    "training steps of the run.",
    "10": "Figure 10: Share of tokens dropped by each expert when the batch size doubles, for three gate "
    "temperatures in the ablation.",
}


def _figure(page: pymupdf.Page, top: float, number: str, seed: int) -> None:
    page.insert_image(pymupdf.Rect(146, top, 466, top + 150), stream=photo(seed=seed))
    box = pymupdf.Rect(72, top + 160, 540, top + 200)
    page.insert_textbox(box, LONG_CAPTIONS[number], fontsize=9, fontname="helv")


def paper_with_figures_out_of_order() -> bytes:
    from tests.helpers.pdfs import make_paper_pdf

    doc = pymupdf.open(stream=make_paper_pdf(), filetype="pdf")
    page = doc.new_page(width=W, height=H)
    _figure(page, 72, "7", 3)
    _figure(page, 330, "6", 5)
    prose(page, (72, 600, 540, 720))
    page = doc.new_page(width=W, height=H)
    _figure(page, 72, "10", 9)
    prose(page, (72, 330, 540, 600))
    return doc.tobytes()

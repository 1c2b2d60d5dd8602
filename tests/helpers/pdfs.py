"""Small PDFs built with PyMuPDF for unit and golden tests."""

from __future__ import annotations

import pymupdf

LOREM = "The proposed router assigns each token to two experts and balances their load with an auxiliary loss. "

INTRO = (
    "Large language models are expensive to serve because every token passes through every layer. "
    "However, existing mixture-of-experts routers suffer from load imbalance and dropped tokens. "
    "We propose SparseRouter, a routing scheme that keeps experts balanced without dropping tokens. "
)
METHOD = (
    "SparseRouter computes a score for every expert with a linear gate and keeps the top two. "
    "The capacity of each expert is set to 1.25 times the average load. "
) * 3
ROUTER = ("The gate is trained jointly with the experts using a load-balancing loss with weight 0.01. ") * 3
EXPERIMENTS = (
    "On the C4 benchmark SparseRouter reaches a perplexity of 12.3 compared to 13.1 for the "
    "baseline, and it outperforms Switch Transformer by 4.2% in throughput. "
) * 3
CONCLUSION = (
    "SparseRouter shows that balanced routing can be achieved without dropping tokens. A limitation "
    "is that we only evaluate models up to 8 billion parameters. "
)
ABSTRACT = (
    "Mixture-of-experts models route tokens to a few experts, but routers drop tokens when experts "
    "overflow. We present SparseRouter, a balanced router that never drops tokens. SparseRouter "
    "improves perplexity on C4 from 13.1 to 12.3 and achieves 4.2% higher throughput than Switch "
    "Transformer. Code is available at https://github.com/alice/sparse-router."
)

TITLE = "SparseRouter: Balanced Token Routing for Mixture-of-Experts"
AUTHORS = ["Alice Zhang", "Bob Müller", "Carol Smith"]


def _box(page: pymupdf.Page, rect: tuple, text: str, size: float = 10, font: str = "helv") -> float:
    """Write wrapped text; returns the y just below it."""
    r = pymupdf.Rect(*rect)
    left = page.insert_textbox(r, text, fontsize=size, fontname=font)
    return r.y1 - left + 4 if left >= 0 else r.y1


def make_paper_pdf(
    sections: list[tuple[str, str]] | None = None,
    title: str = TITLE,
    authors_line: str = "Alice Zhang1, Bob Muller2, Carol Smith1",
    affiliations: str = "1Tsinghua University    2ETH Zurich",
    abstract_label: str = "Abstract",
    extra_text: str = "",
) -> bytes:
    """A one-column paper: title, authors, affiliations, abstract, numbered sections, references."""
    if sections is None:
        sections = [
            ("1 Introduction", INTRO),
            ("2 Method", METHOD),
            ("2.1 Router Training", ROUTER),
            ("3 Experiments", EXPERIMENTS),
            ("4 Conclusion", CONCLUSION + extra_text),
            ("References", "[1] A. Author. Some paper. 2020."),
        ]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 90), title, fontsize=16, fontname="hebo")
    page.insert_text((72, 120), authors_line, fontsize=11, fontname="helv")
    page.insert_text((72, 136), affiliations, fontsize=10, fontname="helv")
    y = 170
    if abstract_label:
        page.insert_text((72, y), abstract_label, fontsize=11, fontname="hebo")
        y += 8
    y = _box(page, (72, y, 540, y + 90), ABSTRACT, 9.5)
    for heading, text in sections:
        need = 30 + 14 * (len(text) // 90 + 1)
        if y + need > 740:
            page = doc.new_page(width=612, height=792)
            y = 72
        y += 14
        page.insert_text(
            (72, y), heading, fontsize=11 if heading[0].isdigit() or heading.isupper() else 11, fontname="hebo"
        )
        y = _box(page, (72, y + 6, 540, y + 6 + need), text, 10)
    return doc.tobytes()

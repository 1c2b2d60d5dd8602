"""Small PDFs with figures whose positions we know, for golden tests of figure extraction.

Each builder returns ``(pdf_bytes, expected)`` where ``expected`` holds the rectangles the test checks:
the figure's graphics and labels (must be inside the crop) and the prose around it (must stay outside).
"""

from __future__ import annotations

import io
import random

import pymupdf
from PIL import Image

PROSE = (
    "Mixture-of-experts models route every token to a few experts chosen by a learned gate, and the "
    "capacity of each expert limits how many tokens it can take in one batch. "
)
W, H = 612, 792


def figures_in(data: bytes) -> list:
    """``extract_figures`` of a PDF given as bytes (the golden tests' builders return bytes)."""
    from chatpaper.figures import extract_figures

    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        return extract_figures(doc)
    finally:
        doc.close()


def prose(page: pymupdf.Page, rect: tuple, text: str = PROSE * 4) -> tuple:
    """Body text (10 pt) in ``rect``; returns the rectangle the text really covers."""
    r = pymupdf.Rect(*rect)
    left = page.insert_textbox(r, text, fontsize=10, fontname="helv")
    return (r.x0, r.y0, r.x1, r.y1 - left if left >= 0 else r.y1)


def chart(page: pymupdf.Page, rect: tuple, label: str = "accuracy (%)") -> tuple:
    """A bar chart drawn as vector paths, with tick labels, an x label and a rotated y label outside its
    axes, as plotting libraries place them. Returns the box of everything drawn."""
    x0, y0, x1, y1 = rect
    shape = page.new_shape()
    shape.draw_line((x0, y1), (x1, y1))
    shape.draw_line((x0, y0), (x0, y1))
    shape.finish(color=(0, 0, 0), width=0.8)
    step = (x1 - x0) / 4
    for i, frac in enumerate((0.5, 0.8, 0.65)):
        bx = x0 + step * (i + 0.5)
        shape.draw_rect(pymupdf.Rect(bx, y1 - frac * (y1 - y0), bx + step * 0.6, y1))
        shape.finish(fill=(0.2, 0.4, 0.8), color=None)
    shape.commit()
    for i, tick in enumerate(("0", "50", "100")):
        page.insert_text((x0 - 16, y1 - i * (y1 - y0) / 2 + 2), tick, fontsize=7)
    for i, name in enumerate(("A", "B", "C")):
        page.insert_text((x0 + step * (i + 0.7), y1 + 9), name, fontsize=7)
    page.insert_text(((x0 + x1) / 2 - 15, y1 + 20), "model", fontsize=7)
    page.insert_text((x0 - 22, (y0 + y1) / 2 + 20), label, fontsize=7, rotate=90)
    return (x0, y0, x1, y1)


def labels_around(axes: tuple) -> tuple:
    """Where ``chart`` puts tick labels, axis titles and the rotated y label."""
    return (axes[0] - 32, axes[1] - 2, axes[2] + 2, axes[3] + 24)


def photo(width: int = 320, height: int = 200, seed: int = 7) -> bytes:
    """A noisy gradient: compresses like a photograph (JPEG wins), not like a diagram."""
    rnd = random.Random(seed)
    img = Image.new("RGB", (width, height))
    img.putdata(
        [
            ((x * 255) // width ^ rnd.randrange(64), (y * 255) // height ^ rnd.randrange(64), rnd.randrange(256))
            for y in range(height)
            for x in range(width)
        ]
    )
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def caption(page: pymupdf.Page, point: tuple, text: str, font: str = "helv") -> tuple:
    page.insert_text(point, text, fontsize=9, fontname=font)
    return (point[0], point[1] - 9, point[0] + pymupdf.get_text_length(text, font, 9), point[1] + 3)


def vector_chart_caption_below() -> tuple[bytes, dict]:
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 72, 540, 230))
    drawn = chart(page, (170, 260, 450, 440))
    cap = caption(page, (160, 490), "Figure 1: Accuracy of the three models on the benchmark.")
    below = prose(page, (72, 520, 540, 700), "Figure 1 shows that model B is best. " + PROSE * 3)
    return doc.tobytes(), {"drawn": drawn, "labels": labels_around(drawn), "caption": cap, "prose": [above, below]}


def raster_caption_above() -> tuple[bytes, dict]:
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 72, 540, 200))
    cap = caption(page, (200, 232), "Fig. 2. A photograph of the test scene.")
    image = (146, 250, 466, 450)
    page.insert_image(pymupdf.Rect(*image), stream=photo())
    below = prose(page, (72, 470, 540, 640))
    return doc.tobytes(), {"drawn": image, "labels": image, "caption": cap, "prose": [above, below]}


def two_panel_figure() -> tuple[bytes, dict]:
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 72, 540, 200))
    left = chart(page, (110, 230, 290, 380), "loss")
    right = chart(page, (360, 230, 540, 380))
    sub_a = caption(page, (170, 425), "(a) Training loss")
    sub_b = caption(page, (410, 425), "(b) Test accuracy")
    cap = caption(page, (200, 450), "Figure 3: Training curves of both models.")
    below = prose(page, (72, 480, 540, 640))
    drawn = (left[0], left[1], right[2], right[3])
    labels = (labels_around(left)[0], left[1], right[2], sub_b[3] + 1)
    return doc.tobytes(), {
        "drawn": drawn,
        "labels": labels,
        "subcaptions": [sub_a, sub_b],
        "caption": cap,
        "prose": [above, below],
    }


def two_column_page() -> tuple[bytes, dict]:
    """A full-width figure with a short caption in the left column, then a figure in the right column
    with prose beside it in the left column."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    wide = chart(page, (110, 80, 530, 230))
    wide_cap = caption(page, (72, 270), "Figure 4: Overview.")
    left_text = prose(page, (72, 290, 296, 740), PROSE * 12)
    right_top = prose(page, (316, 290, 540, 430), PROSE * 3)
    narrow = chart(page, (356, 450, 530, 580))
    narrow_cap = caption(page, (320, 625), "Figure 5: Detail in one column.")
    right_bottom = prose(page, (316, 645, 540, 740), PROSE * 2)
    return doc.tobytes(), {
        "wide": wide,
        "wide_caption": wide_cap,
        "narrow": narrow,
        "narrow_caption": narrow_cap,
        "prose": [left_text, right_top, right_bottom],
    }


def chinese_figure() -> tuple[bytes, dict]:
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    body = "混合专家模型把每个词元分配给少数几个专家，门控网络决定分配方式，专家容量限制每批可处理的词元数量。" * 4
    above = prose_cjk(page, (72, 72, 540, 200), body)
    drawn = chart(page, (170, 230, 450, 400))
    cap = caption(page, (250, 450), "图 2.1 系统框架", font="china-s")
    below = prose_cjk(page, (72, 480, 540, 640), body)
    return doc.tobytes(), {"drawn": drawn, "labels": labels_around(drawn), "caption": cap, "prose": [above, below]}


def prose_cjk(page: pymupdf.Page, rect: tuple, text: str) -> tuple:
    r = pymupdf.Rect(*rect)
    left = page.insert_textbox(r, text, fontsize=10, fontname="china-s")
    return (r.x0, r.y0, r.x1, r.y1 - left if left >= 0 else r.y1)


def image_only_scan() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    page.insert_image(page.rect, stream=photo(306, 396))
    return doc.tobytes()


def bomb_figure() -> bytes:
    """A figure whose image claims 30000 x 30000 pixels: must never be decoded."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    prose(page, (72, 72, 540, 200))
    page.insert_image(pymupdf.Rect(146, 230, 466, 430), stream=photo(64, 40))
    caption(page, (200, 460), "Figure 1: An image that is far too large.")
    prose(page, (72, 490, 540, 640))
    xref = page.get_images()[0][0]
    doc.xref_set_key(xref, "Width", "30000")
    doc.xref_set_key(xref, "Height", "30000")
    return doc.tobytes()


def giant_page_figure() -> bytes:
    """A 200-inch page with a figure nearly as large: rendering it at full dpi would take 400 megapixels."""
    doc = pymupdf.open()
    page = doc.new_page(width=14400, height=14400)
    prose(page, (500, 400, 13900, 900), PROSE * 60)
    chart(page, (1000, 1200, 13000, 11000))
    caption(page, (1000, 11045), "Figure 1: A very large chart.")
    prose(page, (500, 11600, 13900, 12400), PROSE * 60)
    return doc.tobytes()


def paper_with_figure() -> bytes:
    """The synthetic paper of ``pdfs.make_paper_pdf`` followed by a page with a two-panel figure."""
    from tests.helpers.pdfs import make_paper_pdf

    doc = pymupdf.open(stream=make_paper_pdf(), filetype="pdf")
    doc.insert_pdf(pymupdf.open(stream=two_panel_figure()[0], filetype="pdf"))
    return doc.tobytes()

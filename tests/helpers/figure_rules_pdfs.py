"""Small PDFs for the layout rules of issue #12: running headers, Word picture boxes over their captions,
stacked panels with sub-captions, multi-line captions, a teaser under the title block.

Each builder returns ``(pdf_bytes, expected)``; rectangles are in PDF points on the page holding the figure.
"""

from __future__ import annotations

import pymupdf

from tests.helpers import type3_pdfs
from tests.helpers.figure_pdfs import PROSE, H, W, caption, chart, photo, prose

HEADER = "Journal of Layout Studies, Vol. 3"


def _header(page: pymupdf.Page) -> tuple:
    """A running header with a rule under it, as journal classes set them."""
    page.insert_text((72, 48), HEADER, fontsize=8, fontname="helv")
    page.draw_line((72, 54), (540, 54), color=(0, 0, 0), width=0.6)
    return (72, 40, 540, 54.3)  # the rule is 0.6 pt thick


def running_header_over_top_figure() -> tuple[bytes, dict]:
    """Four pages with the same header; page 2 opens with a figure right under the header."""
    doc = pymupdf.open()
    exp: dict = {}
    for i in range(4):
        page = doc.new_page(width=W, height=H)
        exp["header"] = _header(page)
        page.insert_text((300, 770), str(i + 1), fontsize=9)
        if i == 1:
            exp["drawn"] = chart(page, (180, 62, 440, 200))
            exp["caption"] = caption(page, (160, 245), "Figure 1: Results right under the running header.")
            prose(page, (72, 270, 540, 700))
        else:
            prose(page, (72, 72, 540, 700), PROSE * 8)
    return doc.tobytes(), exp


def picture_box_over_caption() -> tuple[bytes, dict]:
    """Word-style: the picture's box reaches down over its own caption line."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 72, 540, 200))
    box = (146, 230, 466, 480)  # the image is drawn over the caption's place
    page.insert_image(pymupdf.Rect(*box), stream=photo(320, 250))
    cap = caption(page, (180, 470), "Figure 1. A picture whose box covers this caption.")
    below = prose(page, (72, 500, 540, 700))
    return doc.tobytes(), {"drawn": (146, 230, 466, 455), "caption": cap, "prose": [above, below]}


def stacked_panels_with_subcaptions() -> tuple[bytes, dict]:
    """Two images one above the other, each with a long body-size sub-caption under it, then the caption."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 60, 540, 140))
    top = (170, 160, 440, 290)
    page.insert_image(pymupdf.Rect(*top), stream=photo(270, 130, seed=1))
    page.insert_text(
        (120, 306),
        "(a) the loss of the model trained with the original objective on all data",
        fontsize=10,
        fontname="helv",
    )
    bottom = (170, 320, 440, 450)
    page.insert_image(pymupdf.Rect(*bottom), stream=photo(270, 130, seed=2))
    page.insert_text(
        (120, 466),
        "(b) the loss of the model trained with the proposed objective on all data",
        fontsize=10,
        fontname="helv",
    )
    cap = caption(page, (160, 490), "Figure 2: Two training runs.")
    below = prose(page, (72, 510, 540, 700))
    return doc.tobytes(), {"drawn": (top[0], top[1], bottom[2], bottom[3]), "caption": cap, "prose": [above, below]}


CAPTION_PITCH = 15.0  # a 9 pt caption set with loose leading: over 3 pt between lines
CAPTION_LINES = (
    "Figure 3: Accuracy of the three models on the benchmark, measured over five runs with",
    "different seeds; bars show the mean and the whiskers one standard deviation, and the",
    "dashed line marks the best published result.",
)


def three_line_caption() -> tuple[bytes, dict]:
    """A caption of three lines, each its own text object (as Word writes them)."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 72, 540, 200))
    drawn = chart(page, (170, 230, 450, 400))
    for i, line in enumerate(CAPTION_LINES):
        page.insert_text((90, 450 + CAPTION_PITCH * i), line, fontsize=9, fontname="helv")
    below = prose(page, (72, 500, 540, 700))
    return doc.tobytes(), {"drawn": drawn, "prose": [above, below]}


def teaser_under_title() -> tuple[bytes, dict]:
    """A first page: title, author rows, e-mail, then a teaser figure with its caption, then prose."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    page.insert_text((120, 80), "A Study of Figures Under Titles", fontsize=20, fontname="helv")
    page.insert_text((150, 110), "Ann Author   Bob Writer   Cy Scholar", fontsize=11, fontname="helv")
    page.insert_text((190, 126), "University of Somewhere", fontsize=10, fontname="helv")
    page.insert_text((180, 140), "{ann,bob}@somewhere.edu", fontsize=9, fontname="helv")
    title_block = (120, 60, 460, 143)
    drawn = (150, 155, 460, 330)
    page.insert_image(pymupdf.Rect(*drawn), stream=photo(310, 175, seed=3))
    cap = caption(page, (120, 350), "Figure 1. Our method turns photos into drawings.")
    below = prose(page, (72, 380, 540, 700), PROSE * 6)
    return doc.tobytes(), {"drawn": drawn, "caption": cap, "title_block": title_block, "prose": [below]}


def clipped_picture() -> tuple[bytes, dict]:
    """A picture whose box is far larger than what a clip path lets show."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    page.insert_image(pymupdf.Rect(100, 100, 500, 400), stream=photo(100, 80))
    xref = page.get_contents()[0]
    # Clip to x 150..350, y 200..300 (PDF space is y-up: 792 - 300 = 492).
    doc.update_stream(xref, b"q 150 492 200 100 re W n " + doc.xref_stream(xref) + b" Q")
    cap = caption(page, (200, 420), "Figure 1: Only the middle of this picture shows.")
    below = prose(page, (72, 450, 540, 700))
    return doc.tobytes(), {"visible": (150, 200, 350, 300), "caption": cap, "prose": [below]}


def picture_running_to_page_edge() -> tuple[bytes, dict]:
    """A picture placed across the whole page width whose drawing is only its middle (white all round)."""
    import io

    from PIL import Image

    canvas = Image.new("RGB", (612, 200), "white")
    canvas.paste(Image.open(io.BytesIO(photo(200, 120, seed=5))), (206, 40))
    buf = io.BytesIO()
    canvas.save(buf, "PNG")
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 72, 540, 180))
    page.insert_image(pymupdf.Rect(0, 200, 612, 400), stream=buf.getvalue())
    cap = caption(page, (200, 420), "Figure 1: A picture with wide white margins.")
    below = prose(page, (72, 450, 540, 700))
    return doc.tobytes(), {"drawn": (206, 240, 406, 360), "caption": cap, "prose": [above, below]}


def sideways_figure() -> tuple[bytes, dict]:
    """A landscape chart printed sideways on a portrait page: chart and caption run up the page."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    shape = page.new_shape()
    drawn = (150, 120, 400, 600)  # wide once turned: 480 x 250
    for i in range(5):
        y0 = drawn[1] + i * 100
        shape.draw_rect(pymupdf.Rect(drawn[0] + 40 * (i % 3), y0, drawn[2], y0 + 80))
    shape.finish(fill=(0.2, 0.4, 0.8), color=(0, 0, 0))
    shape.commit()
    page.insert_text((430, 600), "Figure 7: A landscape chart printed sideways on the page.", fontsize=9, rotate=90)
    return doc.tobytes(), {"drawn": drawn}


def three_figures_in_a_row() -> tuple[bytes, dict]:
    """Three small figures side by side in one column, each with a short caption, at slightly different heights
    (the middle caption wraps over two lines and sits higher)."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 60, 540, 120))
    drawn = [chart(page, (110, 150, 200, 300)), chart(page, (260, 150, 360, 260)), chart(page, (420, 150, 520, 280))]
    caps = [
        caption(page, (120, 345), "Figure 1: Object"),
        caption(page, (270, 305), "Figure 2: Grow-only"),
        caption(page, (270, 317), "Set: G-Set"),
        caption(page, (430, 325), "Figure 3: 2P-Set"),
    ]
    below = prose(page, (72, 380, 540, 600))
    return doc.tobytes(), {"drawn": drawn, "captions": caps, "prose": [above, below]}


def figure_under_a_table() -> tuple[bytes, dict]:
    """A table with its caption above it, and right under the table a chart with its caption below it."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)
    above = prose(page, (72, 60, 540, 125), PROSE * 2)
    caption(page, (120, 140), "Table 1: Error rates of the three systems.")
    rows = ("System   Dev   Test", "Baseline   15.9   18.7", "Ours   15.8   17.6")
    for i, row in enumerate(rows):
        page.insert_text((150, 160 + 13 * i), row, fontsize=9, fontname="helv")
    for y in (148, 188):
        page.draw_line((140, y), (460, y), color=(0, 0, 0), width=0.5)
    table = (140, 146, 460, 190)
    drawn = chart(page, (170, 205, 450, 360))
    cap = caption(page, (160, 405), "Figure 4: Results right under the table.")
    below = prose(page, (72, 430, 540, 600))
    return doc.tobytes(), {"drawn": drawn, "table": table, "caption": cap, "prose": [above, below]}


def caption_set_word_by_word() -> tuple[bytes, dict]:
    """A 1990s dvips page: the caption is set in a Type3 bitmap font, every word its own text object (PyMuPDF
    reads each as a line of its own) and its digit glyph named "/1"; a vector chart sits above it."""
    words, x, y, size = ["Figure", "1", "Backlinks", "of", "a", "page"], 200.0, 330.0, 11.0
    rows = []
    for word in words:
        rows.append((word, x, y, size))
        x += len(word) * type3_pdfs.ADVANCE * size + 0.3 * size  # a word space
    doc = pymupdf.open(stream=type3_pdfs.type3_pdf(rows), filetype="pdf")
    page = doc[0]
    above = prose(page, (72, 72, 540, 150))
    drawn = chart(page, (200, 170, 420, 300))
    below = prose(page, (72, 360, 540, 700))
    caption_box = (200, y - type3_pdfs.GLYPH_HEIGHT * size, x, y)
    return doc.tobytes(), {"drawn": drawn, "caption": caption_box, "prose": [above, below]}


def _ocr_scan(lines: list[tuple[str, float, float, float]], draw, ocr_sizes: dict[int, float] | None = None) -> bytes:
    """A page as a scanner and OCR make it: the printed page (``draw`` adds its graphics; ``lines`` are
    ``(text, x, baseline, printed_size)``) becomes one page image, and an invisible text layer repeats every line
    at one size, as OCR layers report it (``ocr_sizes``: other sizes it reports, by line index)."""
    printed = pymupdf.open()
    page = printed.new_page(width=W, height=H)
    draw(page)
    for text, x, y, size in lines:
        page.insert_text((x, y), text, fontsize=size, fontname="tiro")
    image = page.get_pixmap(dpi=100).tobytes("png")
    doc = pymupdf.open()
    scan = doc.new_page(width=W, height=H)
    scan.insert_image(scan.rect, stream=image)
    for i, (text, x, y, _size) in enumerate(lines):
        size = (ocr_sizes or {}).get(i, OCR_SIZE)
        scan.insert_text((x, y), text, fontsize=size, fontname="tiro", render_mode=3)
    return doc.tobytes()


# The one size an OCR layer gives every line of the scan below.
OCR_SIZE = 9.5
NOTE = "the joint probability of a pair is the product of the two model probabilities given in the text above"


def scan_with_figure_notes() -> tuple[bytes, dict]:
    """A scanned page: a diagram whose explanatory notes are set in 7 pt on 8.5 pt lines under it, the caption,
    and 10 pt body text on 12 pt lines above and below. The OCR layer reports all of it at one size."""
    body = PROSE.split()
    rows: list[tuple[str, float, float, float]] = []
    for i in range(8):
        rows.append((" ".join(body[(i * 11) % 30 :][:11]), 72, 80 + 12 * i, 10))
    notes_top = 282
    for i in range(4):
        rows.append((NOTE, 110, notes_top + 8.5 * i, 7))
    rows.append(("Figure 1. A diagram with notes set in small type.", 200, 330, 9))
    for i in range(10):
        rows.append((" ".join(body[(i * 7) % 30 :][:11]), 72, 356 + 12 * i, 10))

    def draw(page: pymupdf.Page) -> None:
        page.draw_rect(pymupdf.Rect(150, 190, 260, 250), color=(0, 0, 0), width=1)
        page.draw_rect(pymupdf.Rect(350, 190, 460, 250), color=(0, 0, 0), width=1)
        page.draw_line((260, 220), (350, 220), color=(0, 0, 0), width=1)

    exp = {"drawn": (150, 190, 460, 250), "notes": (110, notes_top - 7, 430, notes_top + 8.5 * 3), "caption_top": 321,
           "body_above": 80 + 12 * 7, "body_below": 356 - 10}  # fmt: skip
    return _ocr_scan(rows, draw), exp


def scan_with_bullet_legend(label: str = "Fig. 1.") -> tuple[bytes, dict]:
    """A scanned page: a chart whose legend rows start with a filled and an open circle, which the OCR layer reads
    as "0"; the caption (labelled ``label``) under it and body text above and below."""
    body = (PROSE * 2).split()
    rows: list[tuple[str, float, float, float]] = []
    for i in range(8):
        rows.append((" ".join(body[(i * 11) % 30 :][:17]), 72, 80 + 12 * i, 10))
    legend = [("0 Vertex of current region", 230, 300, 12), ("0 Vertex of neighboring region", 230, 320, 12)]
    rows += legend
    rows.append((f"{label} Depth of a region found from its lowest vertex.", 100, 345, 9))
    for i in range(10):
        rows.append((" ".join(body[(i * 7) % 30 :][:17]), 72, 372 + 12 * i, 10))

    def draw(page: pymupdf.Page) -> None:
        chart(page, (150, 190, 460, 270))
        page.draw_circle((220, 296), 4, color=(0, 0, 0), fill=(0, 0, 0))
        page.draw_circle((220, 316), 4, color=(0, 0, 0))

    exp = {"drawn": (150, 190, 460, 270), "legend": (216, 290, 420, 322), "caption_top": 337,
           "body_above": 80 + 12 * 7}  # fmt: skip
    return _ocr_scan(rows, draw), exp


EXAMPLE = "Please give me your response to this request as soon as it is at all possible."


def scan_with_example_figure() -> tuple[bytes, dict]:
    """A scanned page whose figure is made of text: example sentences in 9 pt on 10 pt lines (the body is 10 pt on
    11.7 pt lines), a "=>" before each second one, a label over each pair. The last two body lines above are
    italics the OCR layer reports at a smaller size."""
    body = (PROSE * 2).split()
    rows: list[tuple[str, float, float, float]] = []
    for i in range(10):
        rows.append((" ".join(body[(i * 11) % 30 :][:17]), 72, 80 + 11.7 * i, 10))
    small = {len(rows) - 2: 8.0, len(rows) - 1: 8.0}
    y = 80 + 11.7 * 9 + 30
    for label in ("Exact reconstruction", "Reconstruction preserving meaning", "Garbage reconstruction"):
        rows.append((label, 72, y, 10))
        rows += [(EXAMPLE, 130, y + 16, 9), ("=>", 100, y + 26, 9), (EXAMPLE, 130, y + 26, 9)]
        y += 50
    rows.append(("Figure 2. Bag model examples.", 250, y, 9))
    for i in range(10):
        rows.append((" ".join(body[(i * 7) % 30 :][:17]), 72, y + 26 + 11.7 * i, 10))
    right = 130 + pymupdf.get_text_length(EXAMPLE, "tiro", 9)
    exp = {"body_above": 80 + 11.7 * 9 + 3, "examples": (72, 80 + 11.7 * 9 + 20, right, y - 24), "caption_top": y - 8}
    return _ocr_scan(rows, lambda page: None, small), exp

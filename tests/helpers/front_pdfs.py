"""Small PDFs with the front-matter layouts of real papers: author grids, IEEE author lines, run-in abstracts,
drop caps, unlabelled abstracts, wrapped headings."""

from __future__ import annotations

import pymupdf

BODY = (
    "Mixture-of-experts models route tokens to a few experts, but routers drop tokens when experts overflow. "
    "We present a balanced router that never drops tokens and improves perplexity on standard benchmarks. "
)
INTRO = (
    "Large language models are expensive to serve because every token passes through every layer of the "
    "network. Existing routers suffer from load imbalance and dropped tokens in practice. "
) * 3


def _page(doc: pymupdf.Document) -> pymupdf.Page:
    return doc.new_page(width=612, height=792)


def _centred(page: pymupdf.Page, y: float, text: str, size: float, font: str = "helv", centre: float = 306) -> None:
    width = pymupdf.get_text_length(text, fontname=font, fontsize=size)
    page.insert_text((centre - width / 2, y), text, fontsize=size, fontname=font)


def _paragraph(page: pymupdf.Page, y: float, text: str, size: float = 10, x0: float = 72, x1: float = 540) -> float:
    """Write wrapped text; returns the y below it."""
    rect = pymupdf.Rect(x0, y, x1, y + 400)
    left = page.insert_textbox(rect, text, fontsize=size, fontname="helv")
    return rect.y1 - left + 6


def _name_with_marks(page: pymupdf.Page, x: float, y: float, name: str, marks: str, size: float = 11) -> float:
    """A name followed by superscript markers (smaller, raised); returns the x after it."""
    page.insert_text((x, y), name, fontsize=size, fontname="helv")
    x += pymupdf.get_text_length(name, fontname="helv", fontsize=size)
    page.insert_text((x + 0.5, y - size * 0.35), marks, fontsize=size * 0.6, fontname="helv")
    return x + pymupdf.get_text_length(marks, fontname="helv", fontsize=size * 0.6) + 1


def _sections(page: pymupdf.Page, y: float) -> None:
    page.insert_text((72, y), "1 Introduction", fontsize=12, fontname="hebo")
    y = _paragraph(page, y + 8, INTRO)
    page.insert_text((72, y + 10), "2 Method", fontsize=12, fontname="hebo")
    _paragraph(page, y + 18, INTRO)


def superscript_grid_pdf() -> bytes:
    """Centred title; names with superscript digits; numbered affiliation rows with superscript markers."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 17, "hebo")
    x = 150
    for name, marks in (("Alice Zhang", "1,2"), ("Bob Müller", "2"), ("Carol Smith", "1*")):
        x = _name_with_marks(page, x, 125, name, marks) + 14
    for y, mark, text in (
        (145, "1", "School of Computing, Tsinghua University, Beijing, China"),
        (158, "2", "ETH Zurich, Switzerland"),
    ):
        page.insert_text((170, y - 3), mark, fontsize=6, fontname="helv")
        page.insert_text((175, y), text, fontsize=9, fontname="helv")
    page.insert_text((270, 185), "Abstract", fontsize=11, fontname="hebo")
    y = _paragraph(page, 192, BODY, 9.5, 110, 500)
    _sections(page, y + 20)
    return doc.tobytes()


def author_columns_pdf() -> bytes:
    """Two author cells side by side: name, department, institution, e-mail in each column."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "A Study of Token Routing in Practice", 17, "hebo")
    cells = (
        ("Alice Zhang", "Department of Computer Science", "Hochschule Fulda", "alice@hs-fulda.de"),
        ("Bob Smith", "Machine Learning Group", "Stanford University", "bob@stanford.edu"),
    )
    for centre, cell in zip((200, 412), cells, strict=True):
        for k, text in enumerate(cell):
            _centred(page, 125 + 13 * k, text, 10, "hebo" if k == 0 else "helv", centre)
    page.insert_text((270, 200), "Abstract", fontsize=11, fontname="hebo")
    y = _paragraph(page, 207, BODY, 9.5, 110, 500)
    _sections(page, y + 20)
    return doc.tobytes()


def ieee_pdf() -> bytes:
    """IEEE journal: 'Member, IEEE' grades in the author row, an institution row, a run-in 'Abstract-' (the
    base-14 fonts have no em dash), an 'Index Terms-' row right after it, and a footnote marker glued to the
    abstract's last word."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 80, "Real-time Temporal Stereo Matching", 22, "helv")
    _centred(page, 115, "Alice Zhang, Member, IEEE, and Bob Smith, Senior Member, IEEE", 11)
    _centred(page, 130, "Department of Electrical Engineering, University of Nebraska-Lincoln", 10)
    y = _paragraph(page, 160, "Abstract-" + BODY + "It runs in real time.1", 9, 50, 300)
    y = _paragraph(page, y + 2, "Index Terms-stereo matching, routing, real-time systems.", 9, 50, 300)
    page.insert_text((50, y + 20), "I. INTRODUCTION", fontsize=10, fontname="helv")
    _paragraph(page, y + 28, INTRO, 10, 50, 300)
    return doc.tobytes()


def drop_cap_pdf() -> bytes:
    """A Word-style paper: no 'Abstract' heading, the abstract starts with a drop cap 'F' on its own."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Routing Tokens Without Dropping Them", 17, "hebo")
    _centred(page, 120, "Alice Zhang and Bob Smith", 11)
    _centred(page, 134, "Stanford University", 10)
    page.insert_text((72, 190), "F", fontsize=34, fontname="helv")
    rest = (
        "or many years mixture-of-experts routers have dropped tokens when experts overflow. We present a "
        "balanced router that never drops tokens and keeps every expert busy."
    )
    y = _paragraph(page, 166, rest, 10, 100, 540)
    _sections(page, y + 30)
    return doc.tobytes()


def unlabelled_abstract_pdf() -> bytes:
    """An economics journal: the author and institution on one row, an unlabelled abstract, 'I. Introduction'."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Does Balanced Routing Help Sparse Models", 17, "helv")
    _centred(page, 120, "Evan K. Rose, University of California, Berkeley", 10)
    y = _paragraph(page, 150, "This paper uses administrative data to evaluate routers. " + BODY, 10, 110, 500)
    _centred(page, y + 24, "I. Introduction", 10, "hebo")
    _paragraph(page, y + 34, INTRO)
    return doc.tobytes()


def wrapped_heading_pdf() -> bytes:
    """A two-column paper whose section heading wraps onto a second row."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 80, "Robust Table Encoding", 17, "hebo")
    _centred(page, 110, "Alice Zhang and Bob Smith", 11)
    _centred(page, 124, "Georgia Institute of Technology", 10)
    page.insert_text((50, 160), "Abstract", fontsize=12, fontname="hebo")
    y = _paragraph(page, 168, BODY, 10, 50, 290)
    page.insert_text((50, y + 14), "1", fontsize=12, fontname="hebo")
    page.insert_text((68, y + 14), "Introduction", fontsize=12, fontname="hebo")
    y = _paragraph(page, y + 22, INTRO, 10, 50, 290)
    page.insert_text((50, y + 14), "2", fontsize=12, fontname="hebo")
    page.insert_text((68, y + 14), "Preliminaries: Routing for Table", fontsize=12, fontname="hebo")
    page.insert_text((68, y + 28), "Encoding", fontsize=12, fontname="hebo")
    _paragraph(page, y + 36, INTRO, 10, 50, 290)
    return doc.tobytes()


def name_email_rows_pdf() -> bytes:
    """JMLR-style: each author's name with the e-mail on the same row, the affiliation rows under it."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Visualizing Data using Routers", 17, "hebo")
    page.insert_text((72, 125), "Laurens van der Maaten", fontsize=10, fontname="hebo")
    page.insert_text((420, 125), "lvdmaaten@uvt.nl", fontsize=10, fontname="helv")
    page.insert_text((72, 138), "TiCC, Tilburg University", fontsize=10, fontname="helv")
    page.insert_text((72, 151), "P.O. Box 90153, 5000 LE Tilburg, The Netherlands", fontsize=10, fontname="helv")
    page.insert_text((72, 170), "Geoffrey Hinton", fontsize=10, fontname="hebo")
    page.insert_text((420, 170), "hinton@cs.toronto.edu", fontsize=10, fontname="helv")
    page.insert_text((72, 183), "Department of Computer Science, University of Toronto", fontsize=10, fontname="helv")
    page.insert_text((280, 215), "Abstract", fontsize=11, fontname="hebo")
    y = _paragraph(page, 222, BODY, 9.5, 110, 500)
    _sections(page, y + 20)
    return doc.tobytes()


def ieee_footnote_pdf() -> bytes:
    """IEEE journal whose affiliations are only in the first-page footnote ("X is with ...")."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 80, "Programmable Switches for Chain Replication", 20, "helv")
    _centred(page, 112, "Alice Zhang, Student Member, IEEE, and Bob Smith, Fellow, IEEE", 11)
    y = _paragraph(page, 140, "Abstract-" + BODY, 9, 50, 300)
    page.insert_text((50, y + 20), "I. INTRODUCTION", fontsize=10, fontname="helv")
    _paragraph(page, y + 28, INTRO, 10, 50, 300)
    _paragraph(
        page,
        700,
        "Manuscript received May 1, 2020. A. Zhang is with the School of Computing, Tsinghua "
        "University, Beijing 100084, China (e-mail: alice@tsinghua.edu.cn).",
        7,
        50,
        300,
    )
    return doc.tobytes()


def amsart_pdf() -> bytes:
    """An AMS mathematics paper: capitals for title and names, a run-in 'Abstract.', addresses at the end."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "TILINGS OF THE PLANE BY ROUTERS", 14, "helv")
    _centred(page, 115, "JOHN SMITH AND JANE DOE", 10)
    y = _paragraph(page, 140, "Abstract. " + BODY, 9, 110, 500)
    _sections(page, y + 20)
    page = _page(doc)
    y = _paragraph(page, 72, INTRO)
    page.insert_text(
        (72, y + 20),
        "Department of Mathematics, University of Utah, Salt Lake City, UT 84112",
        fontsize=8,
        fontname="helv",
    )
    page.insert_text((72, y + 32), "E-mail address: smith@math.utah.edu", fontsize=8, fontname="helv")
    return doc.tobytes()


def summary_label_pdf() -> bytes:
    """A biology journal labels its abstract 'Summary'."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Household Transmission of Routers", 17, "hebo")
    _centred(page, 118, "Alice Zhang and Bob Smith", 11)
    _centred(page, 132, "Utrecht University", 10)
    page.insert_text((72, 165), "Summary", fontsize=11, fontname="hebo")
    y = _paragraph(page, 172, BODY, 9.5)
    _sections(page, y + 20)
    return doc.tobytes()


def acm_journal_pdf() -> bytes:
    """ACM journal (acmsmall): names in capitals with their institution on the same row, an unlabelled abstract,
    then 'CCS Concepts', 'Additional Key Words and Phrases' and 'ACM Reference Format' blocks."""
    doc = pymupdf.open()
    page = _page(doc)
    page.insert_text((72, 90), "Regular Expressions with Lookaround for Routers", fontsize=16, fontname="hebo")
    page.insert_text((72, 112), "ALICE ZHANG, Stanford University, USA", fontsize=9, fontname="helv")
    page.insert_text((72, 124), "BOB SMITH, Massachusetts Institute of Technology, USA", fontsize=9, fontname="helv")
    y = _paragraph(page, 140, BODY, 9)
    y = _paragraph(page, y, "CCS Concepts: • Theory of computation → Regular languages.", 8)
    y = _paragraph(page, y, "Additional Key Words and Phrases: lookaround, routers", 8)
    y = _paragraph(page, y, "ACM Reference Format:", 8)
    y = _paragraph(
        page,
        y,
        "Alice Zhang and Bob Smith. 2024. Regular Expressions with Lookaround. Proc. ACM "
        "Program. Lang. 8, Article 1 (2024), 20 pages.",
        8,
    )
    page.insert_text((72, y + 20), "1 INTRODUCTION", fontsize=10, fontname="hebo")
    _paragraph(page, y + 28, INTRO, 10)
    return doc.tobytes()


def working_paper_pdf() -> bytes:
    """An economics working paper: a starred author whose affiliation is the first-page footnote, a centred
    'Abstract' heading, then 'JEL Classification' and 'Keywords' rows."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 100, "Teacher Quality and Router Outcomes", 17, "helv")
    _name_with_marks(page, 260, 135, "Alice Zhang", "*")
    _centred(page, 152, "This version: May 2020", 10)
    _centred(page, 185, "Abstract", 11, "hebo")
    y = _paragraph(page, 192, BODY, 10, 110, 500)
    y = _paragraph(page, y, "JEL Classification: I21, J24", 10, 110, 500)
    y = _paragraph(page, y, "Keywords: teacher quality, routers", 10, 110, 500)
    _paragraph(
        page,
        700,
        "*Stanford University, Department of Economics. Email: alice@stanford.edu. I thank "
        "seminar participants for comments.",
        8,
    )
    page = _page(doc)
    _sections(page, 80)
    return doc.tobytes()


_TYPE3_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TYPE3_PUNCT = {".": "period", ",": "comma", ":": "colon", "-": "hyphen"}
# Every glyph of the test Type3 font is this many glyph units wide and high (a filled box, like a bitmap).
_TYPE3_ADVANCE, _TYPE3_HEIGHT = 500, 700


def _type3_glyph_name(char: str) -> str:
    if char.isascii() and char.isalpha():
        return char
    if char.isdigit():
        return _TYPE3_DIGITS[int(char)]
    return _TYPE3_PUNCT.get(char, "space")


def type3_scaled_pdf(rows: list[tuple[str, float, float, float]]) -> bytes:
    """A page set in a Type3 font scaled by the text matrix, as dvips wrote them: ``rows`` of (text, printed size,
    x, baseline y). The font is selected at 1 pt and the matrix scales it by size/100, so PyMuPDF reports every
    span at size/100 pt while the glyph boxes (FontMatrix 0.1) have the printed size."""
    doc = pymupdf.open()
    page = _page(doc)
    chars = [chr(c) for c in range(32, 127)]
    names = [_type3_glyph_name(c) for c in chars]
    # dvips names TeX's OT1 ligature glyphs by their code: 0x0B (ff) is "/#0B", written "/#230B" in the file.
    ligatures = {11: "#230B", 12: "#230C", 13: "#230D", 14: "#230E", 15: "#230F"}
    procs = {}
    for name in dict.fromkeys(names + list(ligatures.values())):
        xref = doc.get_new_xref()
        doc.update_object(xref, "<<>>")
        box = "" if name == "space" else f" 50 0 {_TYPE3_ADVANCE - 100} {_TYPE3_HEIGHT} re f"
        doc.update_stream(xref, f"{_TYPE3_ADVANCE} 0 d0{box}".encode())
        procs[name] = xref
    font = doc.get_new_xref()
    doc.update_object(
        font,
        f"<</Type/Font/Subtype/Type3/FontBBox[0 0 {_TYPE3_ADVANCE} {_TYPE3_HEIGHT}]/FontMatrix[0.1 0 0 0.1 0 0]"
        f"/CharProcs<<{' '.join(f'/{n} {x} 0 R' for n, x in procs.items())}>>"
        f"/Encoding<</Type/Encoding/Differences[11 {' '.join('/' + n for n in ligatures.values())} "
        f"32 {' '.join('/' + n for n in names)}]>>"
        f"/FirstChar 11/LastChar 126/Widths[{' '.join([str(_TYPE3_ADVANCE)] * (len(chars) + 21))}]/Resources<<>>>>",
    )
    ops = []
    for text, size, x, y in rows:
        scale = size / 100
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        escaped = "".join(f"\\{ord(c):03o}" if ord(c) < 32 else c for c in escaped)  # ligature codes in octal
        ops.append(f"BT /T1 1 Tf {scale:.4f} 0 0 {scale:.4f} {x} {page.rect.height - y} Tm ({escaped}) Tj ET")
    contents = doc.get_new_xref()
    doc.update_object(contents, "<<>>")
    doc.update_stream(contents, "\n".join(ops).encode())
    doc.xref_set_key(page.xref, "Contents", f"{contents} 0 R")
    doc.xref_set_key(page.xref, "Resources", f"<</Font<</T1 {font} 0 R>>>>")
    return doc.tobytes()


def _type3_paragraph(text: str, size: float, x: float, y: float, indent: float, width: float = 440) -> list:
    """Rows of a paragraph in the test Type3 font (every glyph half its size wide), first row indented."""
    rows: list[tuple[str, float, float, float]] = []
    words = text.split()
    while words:
        room = int((width - (indent if not rows else 0)) / (size * _TYPE3_ADVANCE / 1000))
        row: list[str] = []
        while words and len(" ".join([*row, words[0]])) <= room:
            row.append(words.pop(0))
        rows.append((" ".join(row), size, x + (indent if len(rows) == 0 else 0), y + 1.2 * size * len(rows)))
    return rows


def type3_article_pdf() -> bytes:
    """A 1990s dvips article: two-line centred title, a date, a centred "Abstract" heading over a two-paragraph
    abstract set smaller than the body, then "1 Introduction" — every span at a size near zero."""
    rows = [
        ("The Ranking of Linked Pages:", 17, 176, 110),
        ("Bringing Order to Citations", 17, 190, 132),
        ("January 29, 1998", 12, 258, 190),
        ("Abstract", 10, 286, 232),
    ]
    rows += _type3_paragraph(BODY, 10, 86, 250, 15)
    rows += _type3_paragraph("We compare the ranking to a random surfer. " * 2, 10, 86, rows[-1][3] + 12, 15)
    rows.append(("1 Introduction", 14, 72, rows[-1][3] + 36))
    rows += _type3_paragraph(INTRO, 12, 72, rows[-1][3] + 22, 0, 468)
    return type3_scaled_pdf(rows)


def chinese_thesis_pdf(school: str = "华东师范大学") -> bytes:
    """A Chinese master's thesis: a cover with labelled fields and no university in its text (the school's name is
    a logo image there), a declaration page titled "<school>学位论文原创性声明", then 摘要 pages under the running
    header "<school>硕士学位论文". The 院系 field names a college (学院), which is not the university."""
    doc = pymupdf.open()
    cover = _page(doc)
    _centred(cover, 150, "硕士研究生学位论文", 30, "china-s")
    cover.insert_text((110, 250), "论文题目：面向云原生的大数据架构研究", fontsize=20, fontname="china-s")
    for k, (label, value) in enumerate((("姓    名：", "张三"), ("院    系：", "计算机科学与技术学院"))):
        cover.insert_text((130, 420 + 30 * k), label, fontsize=15, fontname="china-s")
        cover.insert_text((260, 420 + 30 * k), value, fontsize=15, fontname="china-s")
    declaration = _page(doc)
    _centred(declaration, 110, f"{school}学位论文原创性声明", 14, "china-s")
    declaration.insert_textbox(
        (90, 140, 520, 300), f"本人郑重声明：所呈交的学位论文，是本人在{school}攻读学位期间独立完成的研究成果。" * 3,
        fontsize=10.5, fontname="china-s",
    )  # fmt: skip
    for text in ("数据量的不断膨胀使传统的数据处理技术难以满足需求。" * 12, "本文提出一种云原生的大数据架构。" * 20):
        page = _page(doc)
        _centred(page, 60, f"{school}硕士学位论文", 10.5, "china-s")
        _centred(page, 110, "摘  要", 16, "china-s")
        page.insert_textbox((72, 140, 540, 700), text, fontsize=12, fontname="china-s")
    return doc.tobytes()


def abstract_then_note_pdf(blank_rows: int) -> bytes:
    """A review copy's abstract page: "Abstract" heading, one paragraph, then ``blank_rows`` empty rows and an
    italic author's note in the same column, then the introduction on the next page."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 17, "hebo")
    _centred(page, 120, "Alice Zhang", 11)
    _centred(page, 134, "Tsinghua University", 10)
    page.insert_text((72, 180), "Abstract", fontsize=14, fontname="helv")
    y = _paragraph(page, 190, BODY + "We release the code.", 12)
    y = _paragraph(page, y + 14 * blank_rows, "Author's note: text in grey was present in the original submission.", 12)
    _paragraph(page, y, "Black text is new or revised.", 12)
    _sections(_page(doc), 72)
    return doc.tobytes()


def ieee_two_notes_pdf() -> bytes:
    """IEEE journal with one "X is with ..." footnote per author: the first author's names a company without any
    institution word, the second author's a university."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 80, "Programmable Switches for Chain Replication", 20, "helv")
    _centred(page, 112, "Alice Zhang and Bob Smith, Member, IEEE", 11)
    y = _paragraph(page, 140, "Abstract-" + BODY, 9, 50, 300)
    page.insert_text((50, y + 20), "I. INTRODUCTION", fontsize=10, fontname="helv")
    _paragraph(page, y + 28, INTRO, 10, 50, 300)
    y = _paragraph(page, 690, "A. Zhang is with Creare Inc., PO Box 71, Hanover, NH 03755.", 7, 50, 300)
    _paragraph(page, y - 4, "B. Smith is with the University of Tennessee, Knoxville, TN 37996.", 7, 50, 300)
    return doc.tobytes()


def wrapped_author_list_pdf(line_numbers: bool = False) -> bytes:
    """A comma-separated author list that wraps inside a name ("..., Carol" / "Lee1, ..."), numbered affiliations,
    an ORCID row; with ``line_numbers`` every row has a margin line number, as in a review copy."""
    doc = pymupdf.open()
    page = _page(doc)
    rows = [
        ("Balanced Routing for Sparse Experts", 17.0),
        ("Alice Zhang1, Bob Smith2, Carol", 12.0),
        ("Lee1, and Dan Wu2", 12.0),
        ("1 Tsinghua University, Beijing, China", 12.0),
        ("2 ETH Zurich, Switzerland", 12.0),
        ("Orcid ID: 0000-0002-5063-1156", 12.0),
        ("Abstract", 14.0),
    ]
    y = 90.0
    for k, (text, size) in enumerate(rows):
        if line_numbers:
            page.insert_text((30, y), str(k + 1), fontsize=8, fontname="helv")
        page.insert_text((72, y), text, fontsize=size, fontname="helv")
        y += size * 1.6
    for k, row in enumerate(("Mixture-of-experts models route tokens to a few experts, and routers drop", "tokens.")):
        if line_numbers:
            page.insert_text((30, y), str(len(rows) + k + 1), fontsize=8, fontname="helv")
        page.insert_text((72, y), row, fontsize=12, fontname="helv")
        y += 19
    _sections(_page(doc), 72)
    return doc.tobytes()


def author_grid_rows_pdf() -> bytes:
    """Two rows of centred name cells without commas (CVPR style): each row ends with a whole name."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 17, "hebo")
    for y, names in ((125, ("Alice Zhang", "Bob Smith", "Carol Lee")), (145, ("Dan Wu", "Eve Li"))):
        for k, name in enumerate(names):
            _centred(page, y, name, 11, centre=306 + (k - (len(names) - 1) / 2) * 150)
    _centred(page, 170, "Tsinghua University", 10)
    page.insert_text((270, 200), "Abstract", fontsize=11, fontname="hebo")
    y = _paragraph(page, 207, BODY, 9.5, 110, 500)
    _sections(page, y + 20)
    return doc.tobytes()


def marked_affiliation_rows_pdf() -> bytes:
    """Names with number markers over one row of marked affiliations whose first piece is
    unmarked ("Meta AI, 2INRIA, 3UC Berkeley"), as in large-lab reports."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 17, "hebo")
    _centred(page, 125, "Alice Zhang, Bob Smith2, Carol Lee3", 11)
    _centred(page, 145, "Meta AI, 2INRIA, 3UC Berkeley", 10)
    page.insert_text((270, 180), "Abstract", fontsize=11, fontname="hebo")
    y = _paragraph(page, 187, BODY, 9.5, 110, 500)
    _sections(page, y + 20)
    return doc.tobytes()


def footnote_affiliation_wrapped_pdf() -> bytes:
    """ICML style: affiliations only in a first-page footnote, where the first author's university name wraps
    across two footnote rows ("1School of Software Engineering, South" / "China University of Technology, ...")."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 17, "hebo")
    x = 200
    for name, marks in (("Alice Zhang", "1"), ("Bob Smith", "2")):
        x = _name_with_marks(page, x, 125, name, marks) + 14
    page.insert_text((270, 160), "Abstract", fontsize=11, fontname="hebo")
    y = _paragraph(page, 167, BODY, 9.5, 110, 500)
    _sections(page, y + 20)
    for k, row in enumerate(
        (
            "*Equal contribution 1School of Software Engineering, South",
            "China University of Technology, China 2Pazhou Laboratory, China.",
        )
    ):
        page.insert_text((72, 700 + 10 * k), row, fontsize=8, fontname="helv")
    return doc.tobytes()


def affiliations_at_end_pdf() -> bytes:
    """Nature style: names with superscript numbers, no affiliation on the title page, an unlabelled abstract; the
    numbered affiliations are printed after the references on the last page."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 20, "hebo")
    x = 200
    for name, marks in (("Alice Zhang", "1,2"), ("Bob Smith", "3")):
        x = _name_with_marks(page, x, 125, name, marks) + 14
    y = _paragraph(page, 150, BODY * 2, 10.5)
    _paragraph(page, y + 10, INTRO * 2, 9.5)
    last = _page(doc)
    last.insert_text((72, 80), "References", fontsize=12, fontname="hebo")
    y = _paragraph(last, 90, "1. Smith, A. Routing. Nature 1, 2 (2020). 2. Lee, B. Experts. Science 3, 4 (2021).", 8)
    _paragraph(
        last,
        y + 20,
        "1Department of Physics, University of Cambridge, Cambridge, UK. 2Wellcome Sanger Institute, Hinxton, UK. "
        "3Max Planck Institute for Informatics, Saarbrücken, Germany.",
        8,
    )
    return doc.tobytes()


def subtitle_pdf() -> bytes:
    """A title ending in a colon over a subtitle set smaller, then the author and the affiliation."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing:", 20, "hebo")
    _centred(page, 115, "A Study of Sparse Experts at Scale", 14, "hebo")
    _centred(page, 145, "Alice Zhang", 11)
    _centred(page, 159, "Tsinghua University", 10)
    page.insert_text((270, 190), "Abstract", fontsize=11, fontname="hebo")
    y = _paragraph(page, 197, BODY, 9.5, 110, 500)
    _sections(page, y + 20)
    return doc.tobytes()


def side_labels_pdf(side_keywords: bool) -> bytes:
    """An abstract under a margin label ("Abstract" left, the text beside it), then a keywords row without a colon:
    a margin label too when ``side_keywords``, else run in as Springer sets it ("Keywords Routing · Experts")."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 17, "hebo")
    _centred(page, 120, "Alice Zhang", 11)
    _centred(page, 134, "Tsinghua University", 10)
    page.insert_text((72, 170), "Abstract", fontsize=10, fontname="hebo")
    y = _paragraph(page, 160, BODY * 2, 10, 160, 540)
    if side_keywords:
        page.insert_text((72, y + 8), "Keywords", fontsize=10, fontname="hebo")
        page.insert_text((160, y + 8), "Routing - Experts - Sparsity", fontsize=10, fontname="helv")
    else:
        page.insert_text((160, y + 8), "Keywords Routing - Experts - Sparsity", fontsize=10, fontname="helv")
    _sections(page, y + 40)
    return doc.tobytes()


CJK_ABSTRACT = "随着新型网络业务的不断发展和对算力需求的不断提高，算力网络技术逐渐走进人们的视野。" * 3


def chinese_journal_pdf() -> bytes:
    """A Chinese journal's first page (计算机研究与发展 style): Chinese title and authors, the English title, an
    English abstract under a margin label, "Key words" beside its terms, then the Chinese 摘要 and the body."""
    doc = pymupdf.open()
    page = _page(doc)
    page.insert_text((57, 130), "算力网络中高效算力资源度量方法", fontsize=15, fontname="china-s")
    page.insert_text((57, 165), "柴若楠 郜 帅 兰江雨", fontsize=11.5, fontname="china-s")
    page.insert_text((57, 184), "（北京交通大学电子信息工程学院 北京 100044）", fontsize=8, fontname="china-s")
    page.insert_text((57, 230), "Efficient Computing Resource Metric Method", fontsize=13, fontname="helv")
    page.insert_text((67, 268), "Abstract", fontsize=9.5, fontname="hebo")
    y = _paragraph(page, 258, BODY * 2, 9.5, 120, 528)
    page.insert_text((67, y + 8), "Key words", fontsize=9.5, fontname="hebo")
    page.insert_text((120, y + 8), "computing-first network; resource metric", fontsize=9.5, fontname="helv")
    page.insert_text((67, y + 30), "摘 要", fontsize=9.5, fontname="china-s")
    page.insert_textbox((120, y + 20, 528, y + 120), CJK_ABSTRACT, fontsize=9.5, fontname="china-s")
    page.insert_text((67, y + 140), "1 引言", fontsize=12, fontname="china-s")
    page.insert_textbox((67, y + 150, 528, 760), "算力网络的研究尚处于起步阶段。" * 40, fontsize=10, fontname="china-s")
    return doc.tobytes()


def repository_banner_pdf() -> bytes:
    """A PubMed Central author manuscript: the paper's own title page, then (last in the content stream, printed above
    the title) the repository's large "HHS Public Access" / "Author manuscript" box and a citation line."""
    doc = pymupdf.open()
    page = _page(doc)
    page.insert_text((90, 140), "Balanced routing for sparse mixture-of-experts", fontsize=14, fontname="hebo")
    page.insert_text((90, 156), "language models", fontsize=14, fontname="hebo")
    page.insert_text((90, 176), "Alice Zhang, Bob Smith*", fontsize=10, fontname="hebo")
    page.insert_text((90, 190), "Department of Chemistry, Yale University, New Haven, USA", fontsize=10)
    page.insert_text((90, 215), "Abstract", fontsize=12, fontname="hebo")
    y = _paragraph(page, 222, BODY, 10, 108, 500)
    _sections(page, y + 20)
    page.insert_text((130, 40), "HHS Public Access", fontsize=22, fontname="hebo")
    page.insert_text((130, 56), "Author manuscript", fontsize=14, fontname="helv")
    page.insert_text((130, 70), "Anal Chem. Author manuscript; available in PMC 2026 April 22.", fontsize=11)
    page.insert_text((95, 100), "Anal Chem. 2025 April 22; 97(15): 8202-8212. doi:10.1021/ac.1", fontsize=10)
    return doc.tobytes()


def capitals_title_pdf() -> bytes:
    """An amsart article: the title in bold capitals no larger than the body text, centred; the author in capitals;
    a run-in 'Abstract.' set smaller than the body."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 100, "ROUTING TOKENS ON HEXAGONS", 12, "hebo")
    _centred(page, 130, "DYLAN P. SMITH", 10)
    y = _paragraph(page, 150, "Abstract. " + BODY, 10, 108, 504)
    _centred(page, y + 24, "1. Introduction", 12)
    _paragraph(page, y + 34, INTRO, 12)
    return doc.tobytes()


def title_block_last_pdf() -> bytes:
    """A page whose text layer stores the two body columns first and the title block (title, authors, affiliation)
    last, though the title block is printed at the top: content-stream order is not reading order."""
    doc = pymupdf.open()
    page = _page(doc)
    page.insert_text((54, 230), "ABSTRACT", fontsize=9, fontname="hebo")
    y = _paragraph(page, 236, BODY, 9, 54, 294)
    page.insert_text((54, y + 14), "1. INTRODUCTION", fontsize=9, fontname="hebo")
    _paragraph(page, y + 20, INTRO, 9, 54, 294)
    page.insert_text((317, 230), "2. BACKGROUND", fontsize=9, fontname="hebo")
    _paragraph(page, 236, INTRO, 9, 317, 558)
    _centred(page, 110, "Imaging Token Routes With Line Integrals", 18, "hebo")
    _centred(page, 140, "Brian Cabral", 11)
    _centred(page, 154, "Lawrence Livermore National Laboratory", 10)
    return doc.tobytes()


def glued_label_pdf() -> bytes:
    """An 'Abstract' label in bold on the first row of the abstract with no delimiter after it, then keywords in
    italics under a label in a language the parser has no word for."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 17, "hebo")
    _centred(page, 118, "Alice Zhang and Bob Smith", 11)
    _centred(page, 132, "Utrecht University", 10)
    page.insert_text((72, 170), "Abstract", fontsize=9, fontname="hebo")
    first = "Mixture-of-experts models route tokens to a few experts, but"
    page.insert_text((72 + pymupdf.get_text_length("Abstract ", "hebo", 9), 170), first, fontsize=9, fontname="helv")
    rest = BODY[len(first) :].strip()
    y = _paragraph(page, 173, rest, 9)
    page.insert_text((72, y + 10), "Raktiniai žodžiai: routing; experts; tokens.", fontsize=9, fontname="heit")
    _sections(page, y + 40)
    return doc.tobytes()


def foreign_label_pdf() -> bytes:
    """A Lithuanian journal: a run-in 'Anotacija.' label."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Balanced Routing for Sparse Experts", 17, "hebo")
    _centred(page, 118, "Tomas Zhang, Pijus Smith", 11)
    _centred(page, 132, "Vilnius University", 10)
    y = _paragraph(page, 160, "Anotacija. " + BODY, 10)
    _sections(page, y + 20)
    return doc.tobytes()


def section_band_pdf() -> bytes:
    """A journal page with its section band in large capitals above the (smaller, mixed-case) title, then names."""
    doc = pymupdf.open()
    page = _page(doc)
    page.insert_text((74, 100), "COMPUTATIONAL LINGUISTICS", fontsize=17, fontname="hebo")
    title = "Balanced routing of tokens for sparse mixture-of-experts"
    page.insert_text((74, 135), title, fontsize=13, fontname="hebo")
    page.insert_text((74, 150), "language models", fontsize=13, fontname="hebo")
    page.insert_text((74, 175), "Tomas Zhang, Pijus Smith", fontsize=11.5, fontname="hebo")
    y = _paragraph(page, 195, "Abstract. " + BODY, 10)
    _sections(page, y + 20)
    return doc.tobytes()


def authors_above_title_pdf() -> bytes:
    """An economics journal: the authors' names in capitals above the title, the unlabelled abstract under it, and
    the affiliations in an "X is at Y" footnote."""
    doc = pymupdf.open()
    page = _page(doc)
    page.insert_text((300, 80), "DOI: 10.1111/jmcb.12595", fontsize=10)
    for k, name in enumerate(("BRETT A. SMITH", "KAREN M. ZHANG")):
        page.insert_text((167, 105 + 16 * k), name, fontsize=11)
    page.insert_text((72, 200), "How Much Are Tokens Driven by Routing?", fontsize=16)
    y = _paragraph(page, 230, BODY, 8, 167, 406)
    page.insert_text((186, y + 10), "Keywords: routing, experts.", fontsize=8)
    y = _paragraph(page, y + 30, INTRO, 10, 72, 406)
    note = "BRETT A. SMITH is at UCLA Department of Economics (E-mail: bs@ucla.edu). KAREN M. ZHANG is at MIT."
    _paragraph(page, y + 10, note, 8, 72, 406)
    return doc.tobytes()


def shared_institution_pdf() -> bytes:
    """ICLR style: names with superscript markers, one row of marked units, then the institution they share on an
    unmarked row."""
    doc = pymupdf.open()
    page = _page(doc)
    page.insert_text((108, 90), "DEEP LEARNING HAMILTONIAN ROUTERS", fontsize=14)
    x = 114
    for name, marks in (("Sam Zhang", "1"), ("Xiao-Yong Smith", "1,2")):
        x = _name_with_marks(page, x, 120, name, marks, 10) + 10
    x = _name_with_marks(page, 114, 132, "", "1", 10)
    page.insert_text((x, 132), "Leadership Computing Facility,", fontsize=10)
    x = _name_with_marks(page, x + 130, 132, "", "2", 10)
    page.insert_text((x, 132), "Computational Science Division", fontsize=10)
    page.insert_text((114, 144), "Argonne National Laboratory", fontsize=10)
    page.insert_text((278, 180), "ABSTRACT", fontsize=9.5)
    y = _paragraph(page, 190, BODY, 10, 144, 470)
    _sections(page, y + 20)
    return doc.tobytes()


def surname_note_pdf() -> bytes:
    """An economics working paper: names without markers, the abstract, and a title-page footnote that names each
    author by surname with position, institution and e-mail."""
    doc = pymupdf.open()
    page = _page(doc)
    _centred(page, 90, "Teacher Quality and Balanced Routers", 17)
    _centred(page, 120, "Evan K. Rose        Jonathan Smith        Yotam Zhang", 11)
    _centred(page, 150, "Abstract", 11, "hebo")
    y = _paragraph(page, 158, BODY, 10, 110, 500)
    note = (
        "*Rose: Associate Professor, University of Chicago and NBER; ekrose@uchicago.edu. Smith: Economist at "
        "Amazon Web Services; js@econ.berkeley.edu. Zhang: Assistant Professor, UCLA."
    )
    _paragraph(page, y + 30, note, 8)
    for _ in range(2):  # the paper goes on: the note is not among closing addresses
        _sections(_page(doc), 72)
    return doc.tobytes()


def abstract_word_in_body_pdf() -> bytes:
    """An unlabelled abstract on the title page; on the next page a paragraph that starts with the word "Abstract"
    followed by a capitalised word ("Abstract Syntax Trees are ...")."""
    doc = pymupdf.open(stream=unlabelled_abstract_pdf())
    page = _page(doc)
    _paragraph(page, 72, "Abstract Syntax Trees are widely used to represent programs in compilers. " + INTRO)
    return doc.tobytes()

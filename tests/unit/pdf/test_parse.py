"""Golden tests on PDFs the tests build, and every way a file can be unusable."""

import copy

import pymupdf
import pytest

from chatpaper import InputError
from chatpaper.pdf import parse_pdf
from chatpaper.pdf.lines import PageText
from chatpaper.pdf.parse import NO_TEXT_MAPPING, parse_document
from tests.helpers.pdfs import CONCLUSION, EXPERIMENTS, INTRO, METHOD, ROUTER, TITLE, make_paper_pdf


def test_golden_paper(paper_pdf):
    p = parse_pdf(paper_pdf)
    assert p.title == TITLE
    assert p.authors == ["Alice Zhang", "Bob Muller", "Carol Smith"]
    assert p.affiliations == ["Tsinghua University", "ETH Zurich"]
    assert p.first_author_affiliation == "Tsinghua University"
    assert p.abstract.startswith("Mixture-of-experts models route tokens")
    assert [(s.title, s.role, s.level) for s in p.sections] == [
        ("Abstract", "abstract", 1),
        ("1 Introduction", "intro", 1),
        ("2 Method", "method", 1),
        ("2.1 Router Training", "method", 2),
        ("3 Experiments", "experiments", 1),
        ("4 Conclusion", "conclusion", 1),
        ("References", "references", 1),
    ]
    assert p.links == ["https://github.com/alice/sparse-router"]
    intro = next(s for s in p.sections if s.role == "intro")
    assert intro.text.startswith("Large language models are expensive") and intro.page == 1


def test_roman_and_all_caps_headings_without_intro_or_conclusion():
    pdf = make_paper_pdf(
        sections=[
            ("I. BACKGROUND", INTRO),
            ("II. PROPOSED ROUTER", METHOD),
            ("III. RESULTS", EXPERIMENTS),
            ("REFERENCES", "[1] X. 2020."),
        ]
    )
    p = parse_pdf(pdf)
    assert [s.title for s in p.sections][1:] == ["I. BACKGROUND", "II. PROPOSED ROUTER", "III. RESULTS", "REFERENCES"]
    assert [s.role for s in p.sections][1:] == ["related", "method", "experiments", "references"]


def test_unlabelled_abstract_is_the_text_before_the_first_heading():
    p = parse_pdf(make_paper_pdf(abstract_label=""))
    assert p.abstract.startswith("Mixture-of-experts models")


def test_chinese_cover_page_fields():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((150, 150), "硕士研究生学位论文", fontsize=30, fontname="china-s")
    page.insert_text((100, 260), "题目：", fontsize=20, fontname="china-s")
    page.insert_text((170, 255), "深度学习在金融风险中的应用研究", fontsize=22, fontname="china-s")
    page.insert_text((130, 460), "姓    名：", fontsize=14, fontname="china-s")
    page.insert_text((280, 460), "李明", fontsize=15, fontname="china-s")
    body = doc.new_page()
    body.insert_textbox(
        pymupdf.Rect(72, 72, 540, 700),
        "摘要\n" + "本文研究深度学习方法在金融风险评估中的应用。" * 20,
        fontsize=11,
        fontname="china-s",
    )
    p = parse_pdf(doc.tobytes())
    assert p.title == "深度学习在金融风险中的应用研究"
    assert p.authors == ["李明"]


def test_links_split_across_lines_are_joined():
    p = parse_pdf(make_paper_pdf(extra_text="Our code is at https://github.com/carol/\nrouter-code now."))
    assert "https://github.com/carol/router-code" in p.links


def _encrypted() -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")


def _image_only() -> bytes:
    doc = pymupdf.open()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 200), False)
    pix.set_rect(pix.irect, (200, 200, 200))
    for _ in range(2):
        doc.new_page().insert_image(pymupdf.Rect(50, 50, 550, 750), pixmap=pix)
    return doc.tobytes()


@pytest.mark.parametrize(
    "data,fragment",
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "HTML"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "PNG"),
        (b"just some text, renamed to .pdf", "not a PDF"),
        (b"%PDF-1.7\n" + b"garbage" * 10, "damaged"),
        (_encrypted(), "password"),
    ],
)
def test_unusable_files_give_one_line_errors(data, fragment):
    with pytest.raises(InputError) as err:
        parse_pdf(data)
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_truncated_pdf_is_repaired_as_far_as_it_goes(paper_pdf):
    cut = paper_pdf[: int(len(paper_pdf) * 0.9)]
    try:
        p = parse_pdf(cut)
    except InputError as err:  # MuPDF could not repair it: a clear error is the right answer
        assert "damaged" in str(err) or "truncated" in str(err)
    else:
        assert p.pages >= 1


def test_image_only_scan_is_a_notice_not_a_crash():
    p = parse_pdf(_image_only())
    assert not p.has_text and "no text layer" in p.notices[0]


def _private_use(texts: PageText):
    """Page text as a font without a Unicode map gives it: every printed character a private-use code point."""

    def read(pno: int) -> dict:
        data = copy.deepcopy(texts(pno))
        for block in data["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    span["text"] = "".join(c if c.isspace() else chr(0xE000 + ord(c) % 0x1000) for c in span["text"])
        return data

    return read


def test_private_use_glyph_soup_is_told_apart_from_a_missing_text_layer(paper_pdf):
    # Clean-up drops private-use characters, which would leave next to no text: the notice must name the fonts,
    # not claim the PDF is a scan.
    doc = pymupdf.open(stream=paper_pdf)
    p = parse_document(doc, texts=_private_use(PageText(doc)))
    assert not p.has_text and p.notices == [NO_TEXT_MAPPING] and not p.sections


def test_size_and_page_caps(paper_pdf):
    with pytest.raises(InputError, match="over the 0 MB limit"):
        parse_pdf(paper_pdf, max_bytes=1000)
    doc = pymupdf.open(stream=paper_pdf)
    for i in range(3):
        doc.new_page().insert_textbox(pymupdf.Rect(72, 72, 540, 700), f"Appendix page {i}. " * 40, fontsize=10)
    p = parse_pdf(doc.tobytes(), max_pages=2)
    assert (p.pages, p.pages_read) == (4, 2) and "only the first 2 of 4 pages" in p.notices[0]


def test_method_text_reaches_sections(paper_pdf):
    text = " ".join(s.text for s in parse_pdf(paper_pdf).sections)
    for snippet in (METHOD[:60], ROUTER[:60], CONCLUSION[:60]):
        assert snippet.strip() in text

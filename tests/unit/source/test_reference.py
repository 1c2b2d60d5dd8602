import pytest

from chatpaper import InputError
from chatpaper.source.reference import ArxivRef, parse_source


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2405.07257", ArxivRef("2405.07257")),
        ("2405.07257v1", ArxivRef("2405.07257", 1)),
        ("arXiv:2405.07257", ArxivRef("2405.07257")),
        ("  ARXIV: 2405.07257 ", ArxivRef("2405.07257")),
        ("https://arxiv.org/abs/2405.07257v2", ArxivRef("2405.07257", 2)),
        ("https://arxiv.org/pdf/2405.07257", ArxivRef("2405.07257")),
        ("http://arxiv.org/pdf/2405.07257v1.pdf", ArxivRef("2405.07257", 1)),
        ("https://export.arxiv.org/abs/1512.03385", ArxivRef("1512.03385")),
        ("hep-th/9901001", ArxivRef("hep-th/9901001")),
        ("math.GT/0309136v2", ArxivRef("math.GT/0309136", 2)),
        ("0704.0001", ArxivRef("0704.0001")),
    ],
)
def test_accepts_every_form_people_paste(text, expected):
    assert parse_source(text) == expected


@pytest.mark.parametrize(
    "text,fragment",
    [
        ("2413.00001", "month 13"),
        ("1412.12345", "5-digit"),
        ("1501.1234", "5 digits"),
        ("0612.1234", "0704"),
        ("2405.07257v0", "v1"),
        ("", "no paper given"),
        ("not a paper", "neither an arXiv ID"),
        ("https://example.com/paper.pdf", "not an arXiv"),
        ("/nonexistent/paper.pdf", "file not found"),
        ("x" * 3000, "too long"),
    ],
)
def test_rejects_with_one_line(text, fragment):
    with pytest.raises(InputError) as err:
        parse_source(text)
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_existing_pdf_path(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert parse_source(str(pdf)) == pdf


def test_abs_url_carries_version():
    assert ArxivRef("2405.07257", 3).abs_url == "https://arxiv.org/abs/2405.07257v3"

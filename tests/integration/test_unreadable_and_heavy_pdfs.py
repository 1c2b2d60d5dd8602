"""Issue #17 rows 4 and 15.

Row 15: a PDF whose fonts have no Unicode mapping reads as garbage; the digest must say so and no LLM call may
be paid for it. Row 4: one big photo reused on every page must not cut into unbounded figures:
CHATPAPER_MAX_FIGURES and CHATPAPER_MAX_FIGURE_MB bound what is cut and stored, and the digest says so."""

from __future__ import annotations

import pytest

from chatpaper._errors import InputError
from chatpaper.pdf.parse import NO_TEXT_MAPPING
from chatpaper.pipeline import iter_digest
from chatpaper.settings import Settings
from tests.helpers.hostile_pdfs import reused_photo_pdf, unmapped_font_pdf


def test_the_unmapped_font_pdf_is_read_as_having_no_text():
    """The fixture is what row 15 describes: extraction gives text, but not the text on the page. The parser says
    so instead of passing the garbage on as a title and sections."""
    import pymupdf

    from chatpaper.pdf import parse_pdf

    data = unmapped_font_pdf()
    assert "Sparse" not in pymupdf.open(stream=data, filetype="pdf")[0].get_text()  # garbage, not the page's words
    paper = parse_pdf(data)
    assert not paper.has_text and paper.title is None and not paper.sections
    assert paper.notices == [NO_TEXT_MAPPING]


@pytest.mark.parametrize("backend", ["offline", "openai"])
def test_no_backend_is_called_for_text_no_reader_can_decode(backend, openai_env, tmp_path):
    pdf = tmp_path / "unmapped.pdf"
    pdf.write_bytes(unmapped_font_pdf())
    with pytest.raises(InputError, match="fonts have no text mapping") as caught:
        list(iter_digest(pdf, Settings.load(backend=backend)))
    assert "\n" not in str(caught.value)
    assert openai_env.requests == []


def test_text_no_reader_can_decode_is_refused_before_any_llm_call(gemini_env, tmp_path):
    pdf = tmp_path / "unmapped.pdf"
    pdf.write_bytes(unmapped_font_pdf())
    with pytest.raises(InputError, match=r"(?i)font|unicode|cannot be read|could not be read"):
        list(iter_digest(pdf, Settings.load()))
    assert gemini_env.requests == []  # before: 3 paid calls on garbage, digest "complete"


@pytest.mark.slow
def test_figures_are_bounded_in_number_and_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("CHATPAPER_MAX_FIGURES", "5")
    monkeypatch.setenv("CHATPAPER_MAX_FIGURE_MB", "0.5")
    pdf = tmp_path / "reused.pdf"
    pdf.write_bytes(reused_photo_pdf(30))
    *_, last = iter_digest(pdf, Settings.load(backend="offline"))
    digest = last.digest
    assert digest is not None and last.figure_dir is not None
    stored = sum(p.stat().st_size for p in last.figure_dir.iterdir())
    assert 1 <= len(digest.figures) <= 5
    assert stored <= 0.5 * 1024 * 1024
    assert any("figure" in n.lower() for n in digest.paper.get("notices", []))  # the cap is said, not silent

"""Issue #17 rows 4 and 15. Each test states the wanted behaviour; row 15's turns green when its fix lands.

Row 15: a PDF whose fonts have no Unicode mapping reads as garbage; the digest must say so and no LLM call may
be paid for it. Row 4: one big photo reused on every page must not cut into unbounded figures:
CHATPAPER_MAX_FIGURES and CHATPAPER_MAX_FIGURE_MB bound what is cut and stored, and the digest says so."""

from __future__ import annotations

import pytest

from chatpaper._errors import InputError
from chatpaper.pipeline import iter_digest
from chatpaper.settings import Settings
from tests.helpers.hostile_pdfs import reused_photo_pdf, unmapped_font_pdf


def test_the_unmapped_font_pdf_reads_as_garbage_today():
    """The fixture is what row 15 describes: extraction gives text, but not the text on the page."""
    from chatpaper.pdf import parse_pdf

    paper = parse_pdf(unmapped_font_pdf())
    assert paper.has_text and "Sparse" not in (paper.title or "") + paper.abstract


@pytest.mark.xfail(
    reason="issue #17 row 15: garbage text from unmapped fonts is digested as if it were text", strict=True
)
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

"""Issue #17 row 4: figure output per paper is bounded in count and bytes; past a bound nothing more is cut, and a
notice says how many figures were kept and why."""

from __future__ import annotations

import pymupdf
import pytest

from chatpaper.figures import FigureLimits, iter_figures
from chatpaper.figures import extract as extract_module
from chatpaper.settings import Settings
from tests.helpers.hostile_pdfs import reused_photo_pdf

PAGES = 6
UNBOUNDED = FigureLimits(max_figures=1000, max_bytes=10**12)


@pytest.fixture(scope="module")
def doc():
    doc = pymupdf.open(stream=reused_photo_pdf(PAGES, side=200), filetype="pdf")
    yield doc
    doc.close()


@pytest.fixture
def renders(monkeypatch):
    """How many crops were rendered: a bound must stop the cutting, not only the keeping."""
    calls: list[str] = []
    real = extract_module.render_figure

    def counted(page, found, dpi):
        calls.append(found.caption.number)
        return real(page, found, dpi)

    monkeypatch.setattr(extract_module, "render_figure", counted)
    return calls


def test_without_a_bound_every_figure_is_cut_and_nothing_is_said(doc):
    notices: list[str] = []
    figures = list(iter_figures(doc, 72, limits=UNBOUNDED, notices=notices))
    assert [f.number for f in figures] == [str(n) for n in range(1, PAGES + 1)]
    assert notices == []


def test_the_count_bound_stops_cutting_and_says_so(doc, renders):
    notices: list[str] = []
    figures = list(iter_figures(doc, 72, limits=FigureLimits(max_figures=2, max_bytes=10**12), notices=notices))
    assert [f.number for f in figures] == ["1", "2"]
    assert renders == ["1", "2"]  # the third figure is not even rendered
    assert notices == [
        f"only 2 of the {PAGES} numbered figures found were kept: at most 2 per paper (CHATPAPER_MAX_FIGURES)"
    ]


def test_the_byte_bound_keeps_what_fits_and_says_so(doc, renders):
    one = len(next(iter_figures(doc, 72, limits=UNBOUNDED)).image)
    renders.clear()
    notices: list[str] = []
    limits = FigureLimits(max_figures=1000, max_bytes=int(2.5 * one))
    figures = list(iter_figures(doc, 72, limits=limits, notices=notices))
    assert len(figures) == 2 and sum(len(f.image) for f in figures) <= limits.max_bytes
    assert len(renders) == 3  # the figure that did not fit was cut, then dropped; no more after it
    assert len(notices) == 1 and notices[0].startswith(f"only 2 of the {PAGES} numbered figures found were kept")
    assert "CHATPAPER_MAX_FIGURE_MB" in notices[0]


def test_a_first_figure_over_the_byte_bound_leaves_none(doc):
    notices: list[str] = []
    assert list(iter_figures(doc, 72, limits=FigureLimits(1000, max_bytes=10), notices=notices)) == []
    assert notices and notices[0].startswith("only 0 of")


def test_the_limits_come_from_the_settings(monkeypatch):
    monkeypatch.setenv("CHATPAPER_MAX_FIGURES", "7")
    monkeypatch.setenv("CHATPAPER_MAX_FIGURE_MB", "1.5")
    assert FigureLimits.of(Settings.load()) == FigureLimits(7, int(1.5 * 1024 * 1024))


@pytest.mark.parametrize(("name", "value"), [("CHATPAPER_MAX_FIGURES", "-1"), ("CHATPAPER_MAX_FIGURE_MB", "0")])
def test_a_bound_that_makes_no_sense_is_a_config_error(monkeypatch, name, value):
    from chatpaper._errors import ConfigError

    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        Settings.load()

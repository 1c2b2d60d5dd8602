"""Issue #17 row 7: with a tiny CHATPAPER_CACHE_MB, another run's eviction must not remove a figure set between
the moment a run stores it and the moment it copies it out."""

from __future__ import annotations

from chatpaper.pipeline import iter_digest
from chatpaper.render.export import write_folder
from chatpaper.settings import Settings


def test_a_figure_set_in_use_survives_another_runs_eviction(tmp_path, figure_pdf, monkeypatch):
    monkeypatch.setenv("CHATPAPER_CACHE_MB", "0.0001")  # smaller than any one figure set
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(figure_pdf)
    second.write_bytes(figure_pdf + b"\n%another paper\n")  # other bytes: another cache entry
    settings = Settings.load(backend="offline")

    *_, run_a = iter_digest(first, settings)  # run A has stored its figures, not yet copied them
    *_, run_b = iter_digest(second, settings)  # run B stores its own: over the bound, eviction runs
    assert run_a.digest is not None and run_a.digest.figures

    # before: FileNotFoundError here (3 of 48 digests failed under 12 concurrent runs)
    md = write_folder(run_a.digest, run_a.figure_dir, tmp_path / "out-a")
    assert md.is_file()
    assert all((tmp_path / "out-a" / f.path).is_file() for f in run_a.digest.figures)

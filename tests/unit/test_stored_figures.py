"""``stored_figures`` writes each figure as it is cut (issue #17 row 4): the images of a paper are never all held
in memory, and the figure limits of the settings reach the cutter."""

from __future__ import annotations

from chatpaper.cache import Store
from chatpaper.figures import Figure, FigureLimits
from chatpaper.pipeline import stored_figures
from chatpaper.settings import Settings


def _figure(n: int) -> Figure:
    return Figure(str(n), f"Figure {n}: a plot.", n, (0.0, 0.0, 10.0, 10.0), bytes([n]) * 100, "png", 10, 10)


def test_each_figure_is_on_disk_before_the_next_is_cut(tmp_path, monkeypatch):
    monkeypatch.setenv("CHATPAPER_MAX_FIGURES", "3")
    monkeypatch.setenv("CHATPAPER_MAX_FIGURE_MB", "2")
    settings = Settings.load(data_dir=tmp_path)
    store = Store(settings.data_dir)
    seen_on_disk: list[bool] = []
    given: list[FigureLimits] = []

    def cut(limits: FigureLimits):
        given.append(limits)
        for n in (1, 2, 3):
            if n > 1:
                seen_on_disk.append(any(p.name == f"figure-{n - 1}.png" for p in store.dir.rglob("figure-*.png")))
            yield _figure(n)

    infos, folder = stored_figures(store, "src", settings, cut)
    assert given == [FigureLimits(3, 2 * 1024 * 1024)]
    assert seen_on_disk == [True, True]  # figure 1 was written before figure 2 was asked for, and so on
    assert [f.number for f in infos] == ["1", "2", "3"]
    assert sorted(p.name for p in folder.iterdir()) == ["figure-1.png", "figure-2.png", "figure-3.png"]
    assert (folder / "figure-2.png").read_bytes() == bytes([2]) * 100


def test_another_bound_is_another_cached_set(tmp_path, monkeypatch):
    calls: list[FigureLimits] = []

    def cut(limits: FigureLimits):
        calls.append(limits)
        yield _figure(1)

    store = Store(tmp_path)
    stored_figures(store, "src", Settings.load(data_dir=tmp_path), cut)
    stored_figures(store, "src", Settings.load(data_dir=tmp_path), cut)  # cached
    monkeypatch.setenv("CHATPAPER_MAX_FIGURES", "1")
    stored_figures(store, "src", Settings.load(data_dir=tmp_path), cut)  # a set cut under other bounds is not reused
    assert len(calls) == 2

"""Per paper: what ChatPaper's own steps cost on the whole document, and how its PDF reading compares
with ``pymupdf4llm.to_markdown(..., write_images=True)`` and a plain ``page.get_text()`` loop on the same pages.

The comparison reads the first ``pages`` pages of every paper with all three (``None``: whole documents),
so the ratios compare like with like; ChatPaper's side is its real reader: parse + figures + figure files."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.table import markdown
from chatpaper._errors import ChatPaperError
from chatpaper.pdf.reader import PdfReader, read_pdf
from chatpaper.pipeline import iter_digest
from chatpaper.render.export import write_folder
from chatpaper.settings import Settings


@dataclass
class PaperCost:
    """ChatPaper on one whole paper (seconds): its steps one by one, then the whole digest as the pipeline runs it
    (offline backend, empty cache; the stages overlap the figures there, so the steps do not add up to it)."""

    name: str
    pages: int
    parse: float
    figures: float
    n_figures: int
    render: float
    digest: float
    error: str = ""  # why there is no digest (an image-only scan)

    @property
    def steps(self) -> float:
        return self.parse + self.figures + self.render

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.steps


@dataclass
class Comparison:
    """The same pages read three ways (seconds)."""

    name: str
    pages: int
    get_text: float
    ours: float
    pymupdf4llm: float | None


def digest_cost(path: Path, data_dir: Path) -> PaperCost:
    """Open + parse and figures through the reader the pipeline uses, render + write from the finished digest."""
    settings = Settings.load(backend="offline", data_dir=data_dir)
    t0 = time.perf_counter()
    with PdfReader(path) as reader:
        paper = reader.paper()
        t_parse = time.perf_counter() - t0
        t1 = time.perf_counter()
        figures = reader.figures(settings.figure_dpi)
        t_figures = time.perf_counter() - t1
    t2 = time.perf_counter()
    try:
        final = list(iter_digest(path, settings))[-1]
    except ChatPaperError as exc:
        return PaperCost(path.stem, paper.pages, t_parse, t_figures, len(figures), 0.0, 0.0, error=str(exc))
    t_digest = time.perf_counter() - t2
    t3 = time.perf_counter()
    write_folder(final.digest, final.figure_dir, data_dir / "out")
    t_render = time.perf_counter() - t3
    return PaperCost(path.stem, paper.pages, t_parse, t_figures, len(figures), t_render, t_digest + t_render)


def _ours(path: Path, pages: int | None, out: Path) -> float:
    t0 = time.perf_counter()
    _, figures = read_pdf(path, max_pages=pages or 10**6)
    for fig in figures:
        (out / fig.filename).write_bytes(fig.image)
    return time.perf_counter() - t0


def compare(paths: list[Path], pages: int | None) -> list[Comparison]:
    """The alternatives in a child process of their own (see alternatives.py), ChatPaper here."""
    script = Path(__file__).with_name("alternatives.py")
    done = subprocess.run(
        [sys.executable, str(script), str(pages or 0), *map(str, paths)], check=True, capture_output=True, text=True
    )
    theirs = json.loads(done.stdout.strip().splitlines()[-1])
    rows = []
    for path, alt in zip(paths, theirs, strict=True):
        with tempfile.TemporaryDirectory() as out:
            rows.append(
                Comparison(
                    path.stem, alt["pages"], alt["get_text"], _ours(path, alt["pages"], Path(out)), alt["pymupdf4llm"]
                )
            )
    return rows


def measure(papers: list[Path], pages: int | None) -> tuple[list[PaperCost], list[Comparison]]:
    costs = []
    for path in papers:
        with tempfile.TemporaryDirectory() as tmp:
            costs.append(digest_cost(path, Path(tmp)))
    return costs, compare(papers, pages)


def costs_table(costs: list[PaperCost]) -> str:
    rows = [
        [
            c.name + (f" (no digest: {c.error.split('(')[0].strip()})" if c.error else ""),
            c.pages,
            c.parse,
            c.figures,
            c.n_figures,
            c.render * 1000,
            None if c.error else c.pages_per_s,
            c.digest or None,
        ]
        for c in costs
    ]
    read = [c for c in costs if not c.error]
    pages, steps = sum(c.pages for c in read), sum(c.steps for c in read)
    rows.append(
        [
            "**all**",
            pages,
            sum(c.parse for c in costs),
            sum(c.figures for c in costs),
            sum(c.n_figures for c in costs),
            sum(c.render for c in costs) * 1000,
            pages / steps,
            sum(c.digest for c in costs),
        ]
    )
    return markdown(
        [
            "paper",
            "pages",
            "open + parse s",
            "figures s",
            "figures",
            "render + write ms",
            "pages/s (these three steps)",
            "whole digest s (offline)",
        ],
        rows,
    )


def comparison_table(rows: list[Comparison]) -> str:
    def ratio(a: float | None, b: float) -> str:
        return f"{a / b:.1f}×" if a is not None and b > 0 else "–"

    out = [
        [
            c.name,
            c.pages,
            c.get_text,
            c.ours,
            c.pymupdf4llm,
            c.pages / c.ours,
            c.pages / c.pymupdf4llm if c.pymupdf4llm else None,
            ratio(c.pymupdf4llm, c.ours),
            ratio(c.ours, c.get_text),
        ]
        for c in rows
    ]
    pages = sum(c.pages for c in rows)
    g, o = sum(c.get_text for c in rows), sum(c.ours for c in rows)
    p = sum(c.pymupdf4llm for c in rows) if all(c.pymupdf4llm is not None for c in rows) else None
    out.append(["**all**", pages, g, o, p, pages / o, pages / p if p else None, ratio(p, o), ratio(o, g)])
    return markdown(
        [
            "paper",
            "pages",
            "get_text() s",
            "ChatPaper s",
            "pymupdf4llm s",
            "ChatPaper pages/s",
            "pymupdf4llm pages/s",
            "pymupdf4llm ÷ ChatPaper",
            "ChatPaper ÷ get_text()",
        ],
        out,
    )

"""The alternatives ChatPaper's PDF reading is compared with, run as their users run them.

    python benchmarks/alternatives.py PAGES PDF...   (PAGES 0: whole documents)

A script, not a module of the package: it must not import chatpaper, which declines PyMuPDF's layout model,
while pymupdf4llm uses that model when it is installed (it is, as a dependency of pymupdf 2). Prints one
JSON line: per paper, the pages read and the seconds of a plain ``page.get_text()`` loop and of
``pymupdf4llm.to_markdown(..., write_images=True)`` (null when pymupdf4llm is not installed)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pymupdf


@contextlib.contextmanager
def quiet():
    """Silence stdout and stderr, the file descriptors too (MuPDF and pymupdf4llm print from C and Python)."""
    saved = os.dup(1), os.dup(2)
    with (
        open(os.devnull, "w") as null,
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        os.dup2(null.fileno(), 1)
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def get_text_loop(path: Path, count: int) -> float:
    t0 = time.perf_counter()
    with pymupdf.open(path) as doc:
        for page in doc.pages(0, count):
            page.get_text()
    return time.perf_counter() - t0


def to_markdown(path: Path, count: int) -> float | None:
    try:
        import pymupdf4llm
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as out, quiet():
        t0 = time.perf_counter()
        pymupdf4llm.to_markdown(
            str(path), pages=list(range(count)), write_images=True, image_path=out, show_progress=False
        )
        return time.perf_counter() - t0


def main(pages: int, paths: list[str]) -> None:
    rows = []
    for name in paths:
        path = Path(name)
        with pymupdf.open(path) as doc:
            count = min(pages or doc.page_count, doc.page_count)
        rows.append(
            {
                "name": path.stem,
                "pages": count,
                "get_text": get_text_loop(path, count),
                "pymupdf4llm": to_markdown(path, count),
            }
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])

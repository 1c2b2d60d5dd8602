"""Issue #17 row 4: one big photo shown under a "Figure N:" caption on every page of a long PDF.

    python -m benchmarks.heavy_figures [--pages 300] [--side 3000] [--env NAME=VALUE ...]

Builds the PDF (as tests/helpers/hostile_pdfs.py does), then runs ``python -m chatpaper figures``,
``python -m chatpaper digest`` and the web app's ``run_digest`` (an upload; gallery, zip and page written, no
browser) on it, offline backend and empty data dir, each in a fresh child process, and prints
wall time, peak RSS (the child's VmHWM, read from /proc/self/status when it exits: ``ru_maxrss`` of a forked child
would include this process) and the disk written (output folder, data dir, web run folders). ``--env`` passes
settings to the children, e.g. ``--env CHATPAPER_MAX_FIGURES=1000 --env CHATPAPER_MAX_FIGURE_MB=10000`` to cut
every figure. Target: the digest peaks under PEAK_MB. Linux only (/proc)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.table import markdown

# Issue #17 row 4's per-run memory target for the digest of this PDF.
PEAK_MB = 500
KB = 1024
MB = 1024 * 1024

# Runs chatpaper's CLI with the given arguments and prints its VmHWM on exit, whatever the exit status.
_CHILD = """
import atexit, runpy, sys
def _peak():
    with open("/proc/self/status") as f:
        kb = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
    sys.stderr.write(f"VMHWM_KB {kb}\\n")
atexit.register(_peak)
sys.argv = ["chatpaper", *sys.argv[1:]]
if sys.argv[1] == "web":  # the web app's handler, as Gradio calls it for an upload
    from chatpaper.web.ui import run_digest
    for _ in run_digest("", sys.argv[2], backend="offline"):
        pass
else:
    runpy.run_module("chatpaper", run_name="__main__")
"""


@dataclass
class Run:
    command: str
    status: int
    seconds: float
    peak_mb: float
    disk_mb: float
    figures: int


def _bytes_under(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def run(command: str, pdf: Path, env: dict[str, str]) -> Run:
    """One CLI command on ``pdf`` in a fresh process with an empty data dir."""
    with tempfile.TemporaryDirectory() as tmp:
        out, data = Path(tmp) / "out", Path(tmp) / "data"
        child_env = {
            **os.environ,
            **env,
            "CHATPAPER_DATA_DIR": str(data),
            "CHATPAPER_BACKEND": "offline",
            "TMPDIR": str(out),  # the web app's run folders
        }
        out.mkdir()
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, command, str(pdf), "--out", str(out)],
            env=child_env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - t0
        peak = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("VMHWM_KB ")]
        return Run(
            command,
            done.returncode,
            seconds,
            peak[0] / KB if peak else float("nan"),
            (_bytes_under(out) + _bytes_under(data)) / MB,
            len(list(out.rglob("figure-*"))),
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.heavy_figures")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--side", type=int, default=3000, help="the photo's width and height in pixels")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    env = dict(item.split("=", 1) for item in args.env)

    from tests.helpers.hostile_pdfs import reused_photo_pdf

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / f"photo-{args.pages}.pdf"
        pdf.write_bytes(reused_photo_pdf(args.pages, side=args.side))
        runs = [run(command, pdf, env) for command in ("figures", "digest", "web")]
        size_mb = pdf.stat().st_size / MB
    if args.json:
        print(json.dumps([r.__dict__ for r in runs]))
        return
    print(f"{args.pages} pages, one {args.side}² photo, PDF {size_mb:.1f} MB, settings {env or 'default'}\n")
    print(
        markdown(
            ["command", "exit", "seconds", "peak RSS MB", "disk MB", "figure files"],
            [[r.command, r.status, r.seconds, r.peak_mb, r.disk_mb, r.figures] for r in runs],
        )
    )
    digest = runs[1]
    verdict = "met" if digest.peak_mb <= PEAK_MB else "MISSED"
    print(f"\ntarget: digest peak RSS ≤ {PEAK_MB} MB: {digest.peak_mb:.0f} MB, {verdict}")


if __name__ == "__main__":
    main()

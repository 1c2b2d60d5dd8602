"""Peak memory (RSS) of digesting papers in one fresh process: ``python -m benchmarks.memory PDF...``
digests each PDF in turn (parse, figures, three LLM stages, files written) and prints its peak RSS as JSON.

Run as a child process, so the number is ChatPaper's alone, not the benchmark's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.table import markdown


@dataclass
class Peak:
    label: str
    papers: int
    pages: int
    peak_mb: float
    baseline_mb: float  # after imports, before the first paper


def _status_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, in MB. Not ``ru_maxrss``: a child started by
    fork inherits its parent's peak in that number, so it would report the benchmark's memory, not ChatPaper's."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(label: str, pdfs: list[Path], backend: str) -> Peak:
    """Run the child on ``pdfs`` with ``backend`` (its endpoint and key come from this process's environment)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CHATPAPER_DATA_DIR": tmp, "CHATPAPER_BACKEND": backend, "CHATPAPER_LLM_ATTEMPTS": "1"}
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.memory", *map(str, pdfs)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return Peak(label, got["papers"], got["pages"], got["peak_mb"], got["baseline_mb"])


def table(peaks: list[Peak]) -> str:
    return markdown(
        ["run", "papers digested", "pages", "after imports MB", "peak RSS MB"],
        [[p.label, p.papers, p.pages, p.baseline_mb, p.peak_mb] for p in peaks],
    )


def main(paths: list[str]) -> None:
    from benchmarks.llm_cost import timed_digest
    from chatpaper.settings import Settings

    settings = Settings.load()  # the backend and data folder the parent put in the environment
    baseline = _status_mb("VmRSS")
    pages = done = 0
    for path in paths:
        try:
            _, digest = timed_digest(Path(path), settings.backend, settings.data_dir)
        except Exception as exc:  # an unreadable scan: counted as tried, memory still measured
            print(f"{Path(path).name}: {exc}", file=sys.stderr)
            continue
        pages += digest.paper.get("pages") or 0
        done += 1
    peak = _status_mb("VmHWM")
    print(json.dumps({"papers": done, "pages": pages, "peak_mb": round(peak, 1), "baseline_mb": round(baseline, 1)}))


if __name__ == "__main__":
    main(sys.argv[1:])

"""A repeated digest: the same paper a second time, answered from the cache (no parsing, no LLM call).

Timed in-process, as the web app and the Python API see it, and as a whole ``python -m chatpaper digest``
command, whose time is mostly the interpreter starting and importing."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.llm_cost import timed_digest
from benchmarks.table import markdown


@dataclass
class Repeat:
    paper: str
    first: float  # the first digest (loopback model, no latency)
    again: float  # in-process repeat, files written
    cli_again: float  # the same as a new CLI process
    cli_floor: float  # a CLI process that only imports and prints its help


def measure(pdf: Path, backend: str, runs: int = 5, cli_runs: int = 3) -> Repeat:
    """The best of ``runs`` in-process repeats and of ``cli_runs`` CLI commands (each a new interpreter)."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        first, _ = timed_digest(pdf, backend, data)
        again = min(timed_digest(pdf, backend, data)[0] for _ in range(runs))
        env = {**os.environ, "CHATPAPER_DATA_DIR": str(data), "CHATPAPER_BACKEND": backend}

        def cli(*args: str) -> float:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "chatpaper", *args], env=env, check=True, capture_output=True)
            return time.perf_counter() - t0

        cli_again = min(cli("digest", str(pdf), "--out", str(data / "cli")) for _ in range(cli_runs))
        floor = min(cli("--help") for _ in range(cli_runs))
    return Repeat(pdf.stem, first, again, cli_again, floor)


def table(r: Repeat) -> str:
    return markdown(
        ["paper", "first digest s", "repeat, in-process s", "repeat, CLI command s", "CLI start-up only s"],
        [[r.paper, r.first, r.again, r.cli_again, r.cli_floor]],
    )

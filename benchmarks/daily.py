"""Daily digest throughput: papers per minute achieved against what ``--rpm`` allows (3 calls a paper).

A loopback arXiv serves ``papers`` corpus PDFs as the day's new papers; a loopback Gemini answers every
call after ``latency`` seconds. The post is written as ``python -m chatpaper daily`` writes it."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks.llm_cost import loopback_env, patched_env
from benchmarks.llm_server import served_llm
from benchmarks.table import markdown
from chatpaper.settings import Settings
from tests.helpers.loopback import ArxivPaper, FakeArxiv

CALLS_PER_PAPER = 3


@dataclass
class Throughput:
    papers: int
    complete: int
    calls: int
    rpm: float
    workers: int
    latency: float
    seconds: float

    @property
    def per_minute(self) -> float:
        return self.complete * 60 / self.seconds

    @property
    def allowed_per_minute(self) -> float:
        return self.rpm / CALLS_PER_PAPER

    @property
    def share(self) -> float:
        return self.per_minute / self.allowed_per_minute


def measure(pdfs: list[Path], rpm: float, workers: int, latency: float, reference: Path | None = None) -> Throughput:
    from chatpaper.daily import run_daily

    now = datetime.now(timezone.utc)
    with (
        FakeArxiv() as arxiv,
        served_llm(latency, reference) as url,
        loopback_env(url),
        tempfile.TemporaryDirectory() as tmp,
    ):
        for n, pdf in enumerate(pdfs):
            published = (now - timedelta(minutes=10 + n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            arxiv.add(
                ArxivPaper(
                    f"2611.{n:05d}",
                    f"Benchmark topic paper {n}: {pdf.stem}",
                    ["Ann Li"],
                    "We study the benchmark topic. " * 8,
                    pdf.read_bytes(),
                    published=published,
                )
            )
        with patched_env({"CHATPAPER_ARXIV_API": arxiv.url + "/api/query"}):
            settings = Settings.load(backend="gemini", data_dir=Path(tmp) / "data", llm_rpm=rpm, llm_attempts=1)
            result = run_daily(
                ["benchmark topic"], Path(tmp) / "blog", settings, limit=len(pdfs), workers=workers, search_delay=0.0
            )
        complete = sum(bool(e.digest and e.digest.complete) for e in result.entries)
        calls = sum(u.calls for e in result.entries if e.digest for u in e.digest.usage)
        return Throughput(len(result.entries), complete, calls, rpm, workers, latency, result.seconds)


def table(t: Throughput) -> str:
    return markdown(
        [
            "papers",
            "complete",
            "LLM calls",
            "--rpm",
            "workers",
            "s per call",
            "wall s",
            "papers/min",
            "allowed papers/min",
            "share of the limit",
        ],
        [
            [
                t.papers,
                t.complete,
                t.calls,
                t.rpm,
                t.workers,
                t.latency,
                t.seconds,
                t.per_minute,
                t.allowed_per_minute,
                f"{100 * t.share:.0f}%",
            ]
        ],
    )

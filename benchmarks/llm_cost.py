"""What the LLM stages cost: calls and tokens per stage (the SDK's usage data), how much of that is the
paper's text, and ChatPaper's own time around the calls when every call takes exactly ``latency`` seconds.

The model is ``tests.helpers.loopback.FakeLLM`` on 127.0.0.1, reached through the real google-genai and openai
SDKs. It counts the prompt (system + user text) and its answer with the benchmark's tokenizer and reports
them as usage, which the SDKs hand back to ChatPaper like a real service's."""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.llm_server import served_llm
from benchmarks.table import markdown
from benchmarks.tokens import fenced
from chatpaper.paper import Paper
from chatpaper.pdf.reader import read_pdf
from chatpaper.pipeline import iter_digest
from chatpaper.render.export import write_folder
from chatpaper.settings import Settings
from tests.helpers.loopback import FakeLLM

BACKENDS = ("gemini", "openai")


@dataclass
class StageCost:
    paper: str
    stage: str
    calls: int
    input_tokens: int
    output_tokens: int
    paper_seen: int  # tokens of paper text inside the prompt(s), counted
    earlier: int  # tokens of earlier stages' answers inside the prompt(s)
    estimate: int  # ChatPaper's own estimate of paper_seen (what its budget uses)
    paper_total: int  # tokens of the whole paper's text


@dataclass
class EndToEnd:
    paper: str
    backend: str
    pages: int
    calls: int
    wall: float
    latency: float

    @property
    def overhead(self) -> float:
        """Wall time not spent waiting for the model."""
        return self.wall - self.calls * self.latency


@contextlib.contextmanager
def patched_env(values: dict[str, str], clear: tuple[str, ...] = ()) -> Iterator[None]:
    """Set ``values`` (and unset ``clear``) in the environment for the duration; restore after."""
    names = tuple(values) + clear
    saved = {n: os.environ.pop(n, None) for n in names}
    os.environ.update(values)
    try:
        yield
    finally:
        for n, v in saved.items():
            os.environ.pop(n, None)
            if v is not None:
                os.environ[n] = v


def loopback_env(url: str) -> contextlib.AbstractContextManager:
    """Point both SDKs at the loopback model at ``url``, with a dummy key (and no real Google key)."""
    return patched_env(
        {
            "GEMINI_API_KEY": "bench-not-a-key",
            "GOOGLE_GEMINI_BASE_URL": url,
            "OPENAI_API_KEY": "bench-not-a-key",
            "OPENAI_BASE_URL": url + "/v1",
        },
        clear=("GOOGLE_API_KEY",),
    )


def timed_digest(path: Path, backend: str, data_dir: Path) -> tuple[float, object]:
    """One digest of a local PDF, empty cache, written to a folder as the CLI does: (seconds, digest)."""
    settings = Settings.load(backend=backend, data_dir=data_dir, llm_attempts=1)
    t0 = time.perf_counter()
    *_, final = iter_digest(path, settings)
    assert final is not None and final.digest is not None
    write_folder(final.digest, final.figure_dir, data_dir / "out")
    return time.perf_counter() - t0, final.digest


def measure_tokens(papers: dict[str, Path], count: Callable[[str], int], answer: Callable) -> list[StageCost]:
    """Calls and tokens per stage of each labelled paper (openai backend; the server here records the prompts)."""
    costs: list[StageCost] = []
    with FakeLLM(count_tokens=count, answer=answer) as llm, loopback_env(llm.url):
        for label, path in papers.items():
            paper, _ = read_pdf(path, dpi=None)
            first = len(llm.requests)
            with tempfile.TemporaryDirectory() as tmp:
                _, digest = timed_digest(path, "openai", Path(tmp))
            costs += _stage_costs(label, digest, llm.requests[first:], count, count(whole_text(paper)))
    return costs


def measure_overhead(
    papers: dict[str, Path], latency: float, reference: Path | None, repeats: int = 3
) -> list[EndToEnd]:
    """Each labelled paper through both backends against a model in another process that takes ``latency``
    seconds a call; the median wall time of ``repeats`` runs, each with an empty cache. The first digest of
    this process also imports the SDK: it is run once per backend first and reported as its own row."""
    runs: list[EndToEnd] = []

    def run(label: str, path: Path, backend: str, times: int) -> EndToEnd:
        walls = []
        for _ in range(times):
            with tempfile.TemporaryDirectory() as tmp:
                wall, digest = timed_digest(path, backend, Path(tmp))
            walls.append(wall)
        return EndToEnd(
            label, backend, digest.paper["pages"], sum(u.calls for u in digest.usage), statistics.median(walls), latency
        )

    with served_llm(latency, reference) as url, loopback_env(url):
        first_label, first_path = next(iter(papers.items()))
        runs += [run(f"{first_label}, first digest of the process", first_path, b, 1) for b in BACKENDS]
        runs += [run(label, path, b, repeats) for label, path in papers.items() for b in BACKENDS]
    return runs


def whole_text(paper: Paper) -> str:
    """All of the paper's text but its references, laid out as a stage prompt lays out what it sends."""
    body = [f"## Abstract\n{paper.abstract}"] if paper.abstract else []
    body += [
        f"## {s.title or '(untitled)'} (page {s.page})\n{s.text}"
        for s in paper.sections
        if s.role not in ("references", "abstract") and s.text.strip()
    ]
    return "\n\n".join(body)


def _stage_costs(label: str, digest, requests: list, count: Callable[[str], int], paper_total: int) -> list[StageCost]:
    out, i = [], 0
    for usage in digest.usage:
        mine = requests[i : i + usage.calls]
        i += usage.calls
        prompts = [FakeLLM.request_texts(r.body)[1] for r in mine]
        out.append(
            StageCost(
                label,
                usage.stage,
                usage.calls,
                usage.input_tokens or 0,
                usage.output_tokens or 0,
                sum(count(fenced(p, "paper")) for p in prompts),
                sum(count(fenced(p, "earlier_stages")) for p in prompts),
                usage.paper_tokens * usage.calls,
                paper_total,
            )
        )
    return out


def tokens_table(costs: list[StageCost]) -> str:
    rows = []
    for c in costs:
        rest = c.input_tokens - c.paper_seen - c.earlier
        rows.append(
            [
                c.paper,
                c.stage,
                c.calls,
                c.input_tokens,
                c.output_tokens,
                c.paper_seen,
                f"{100 * c.paper_seen / c.paper_total:.0f}%" if c.paper_total else "–",
                c.earlier,
                rest,
                f"{100 * (c.estimate - c.paper_seen) / c.paper_seen:+.0f}%" if c.paper_seen else "–",
            ]
        )
    for paper in dict.fromkeys(c.paper for c in costs):
        mine = [c for c in costs if c.paper == paper]
        rows.append(
            [
                f"**{paper}**",
                "all",
                sum(c.calls for c in mine),
                sum(c.input_tokens for c in mine),
                sum(c.output_tokens for c in mine),
                sum(c.paper_seen for c in mine),
                f"of {mine[0].paper_total}",
                sum(c.earlier for c in mine),
                sum(c.input_tokens - c.paper_seen - c.earlier for c in mine),
                "",
            ]
        )
    return markdown(
        [
            "paper",
            "stage",
            "calls",
            "input tokens",
            "output tokens",
            "paper text seen",
            "share of the paper",
            "earlier stages",
            "instructions + metadata",
            "ChatPaper's estimate vs count",
        ],
        rows,
    )


def e2e_table(runs: list[EndToEnd]) -> str:
    return markdown(
        ["paper", "backend", "pages", "LLM calls", "wall s", "LLM s", "overhead s"],
        [[r.paper, r.backend, r.pages, r.calls, r.wall, r.calls * r.latency, r.overhead] for r in runs],
    )

"""Time to first visible stage text: a loopback model that waits a round trip, then writes its answer in chunks
with a delay each; the web page's run (``iter_digest(stream=True)``) against the CLI's (whole stage at once).

``python -m benchmarks.streaming [PDF] [--latency 0.3] [--chunk-delay 0.02]`` prints one Markdown table."""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.llm_cost import loopback_env
from benchmarks.table import markdown
from benchmarks.tokens import model_like_answer, reference_sentences
from chatpaper.pipeline import iter_digest
from chatpaper.settings import Settings
from tests.helpers.loopback import CHUNK_CHARS, FakeLLM, fake_instance

# The stage timed: the first one, which a reader waits for.
STAGE = "summary"
# Seconds between streamed chunks in ``python -m benchmarks`` (a model writing a few tokens at a time).
CHUNK_DELAY = 0.02


@dataclass
class StreamTiming:
    backend: str
    streamed: bool
    first_text: float  # seconds from the digest's start to the summary stage's first text on the page
    stage_done: float  # seconds from the digest's start to its validated answer
    chunks: int  # streamed chunks the model sent for the stage
    call_started: float  # seconds from the digest's start to the summary request reaching the model


def time_stage(pdf: Path, backend: str, streamed: bool, data_dir: Path, calls: list[float]) -> StreamTiming:
    """One digest with an empty cache, timed from its start as the page sees it: when the summary stage's first
    text shows, and when its validated answer does."""
    settings = Settings.load(backend=backend, data_dir=data_dir, llm_attempts=1, use_cache=False)
    first = done = None
    text_len = 0
    calls.clear()
    t0 = time.perf_counter()
    for step in iter_digest(pdf, settings, stream=streamed):
        now = time.perf_counter() - t0
        answer = getattr(step.digest, STAGE) if step.digest else None
        if answer is not None and first is None:
            first = now
        if answer is not None and not step.partial and done is None:
            done, text_len = now, len(answer.model_dump_json())
    assert first is not None and done is not None
    return StreamTiming(backend, streamed, first, done, -(-text_len // CHUNK_CHARS), calls[0] - t0)


def measure(pdf: Path, latency: float, chunk_delay: float, reference: Path | None = None) -> list[StreamTiming]:
    """Both backends, streamed and not, each against the loopback model (answers of a real model's length when
    ``reference`` holds the daily posts)."""
    write = model_like_answer(reference_sentences(reference)) if reference else fake_instance
    calls: list[float] = []  # when each request reached the model (perf_counter)

    def answer(schema: dict) -> object:
        calls.append(time.perf_counter())
        return write(schema)

    out = []
    with FakeLLM(delay=latency, chunk_delay=chunk_delay, answer=answer) as llm, loopback_env(llm.url):
        with tempfile.TemporaryDirectory() as tmp:  # imports and first clients, so no timed run pays for them
            for backend in ("gemini", "openai"):
                time_stage(pdf, backend, True, Path(tmp) / backend, calls)
        for backend in ("gemini", "openai"):
            for streamed in (True, False):
                with tempfile.TemporaryDirectory() as tmp:
                    out.append(time_stage(pdf, backend, streamed, Path(tmp), calls))
    return out


def table(rows: list[StreamTiming]) -> str:
    return markdown(
        ["backend", "page", "call reached model (s)", "first summary text (s)", "summary done (s)", "chunks (about)"],
        [
            (
                r.backend,
                "streamed (web)" if r.streamed else "whole stage (CLI)",
                r.call_started,
                r.first_text,
                r.stage_done,
                r.chunks,
            )
            for r in rows
        ],
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(__file__).resolve().parents[2] / "shared"
    default = shared / "corpus/papers/th03_blendfields_facial_modeling_cvpr2023.pdf"
    ap.add_argument("pdf", nargs="?", type=Path, default=default)
    ap.add_argument("--latency", type=float, default=0.3, help="seconds before the model's first byte")
    ap.add_argument("--chunk-delay", type=float, default=CHUNK_DELAY, help="seconds between streamed chunks")
    args = ap.parse_args(argv)
    print(
        f"Summary stage of {args.pdf.name}: round trip {args.latency:g} s, then chunks of {CHUNK_CHARS} characters "
        f"{args.chunk_delay:g} s apart; seconds from the digest's start (parse, figures, first call).\n"
    )
    reference = shared / "reference" if (shared / "reference").is_dir() else None
    print(table(measure(args.pdf, args.latency, args.chunk_delay, reference)))


if __name__ == "__main__":
    main()

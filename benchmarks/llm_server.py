"""The loopback LLM in a process of its own, for timings: ``python -m benchmarks.llm_server --delay 1``
prints its URL, then serves until its stdin closes. Out of process, its own work (reading a 130 kB prompt,
counting its tokens, answering) is not charged to ChatPaper's overhead, as a real service's is not."""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks.tokens import model_like_answer, reference_sentences, tokenizer
from tests.helpers.loopback import FakeLLM


@contextlib.contextmanager
def served_llm(delay: float, reference: Path | None) -> Iterator[str]:
    """Start the server process; yield its URL; stop it."""
    cmd = [sys.executable, "-m", "benchmarks.llm_server", "--delay", str(delay)]
    if reference is not None:
        cmd += ["--reference", str(reference)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip() if proc.stdout else ""
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"the loopback LLM did not start (got {url!r})")
        yield url
    finally:
        if proc.stdin:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--delay", type=float, default=1.0)
    ap.add_argument("--reference", type=Path, help="folder of reference posts whose model prose the answers use")
    args = ap.parse_args(argv)
    _, count = tokenizer()
    answer = model_like_answer(reference_sentences(args.reference)) if args.reference else None
    with FakeLLM(delay=args.delay, count_tokens=count, answer=answer) as llm:
        print(llm.url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()

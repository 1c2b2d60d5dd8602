"""Issue #17 row 2: Ctrl-C (or SIGTERM) on a running ``daily`` takes no new paper, lets the LLM calls in flight
end, writes the post of what is done and exits within about one call's time; a second Ctrl-C exits at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from chatpaper.daily.run import INTERRUPTED
from tests.helpers.constants import ROOT
from tests.helpers.loopback import ArxivPaper, FakeArxiv
from tests.helpers.pdfs import ABSTRACT, make_paper_pdf

pytestmark = pytest.mark.slow

TOPIC = "Talking Head Generation"
PAPERS = 8
WORKERS = 2
CALL_SECONDS = 1.0  # each model call takes this long: the signal lands a quarter into the first ones
# Python start, search, parsing and the post: what the exit may take beyond one call.
SLACK_SECONDS = 4.0


@pytest.fixture
def eight_papers(monkeypatch):
    now = datetime.now(timezone.utc)
    pdf = make_paper_pdf()
    with FakeArxiv() as server:
        for n in range(PAPERS):
            stamp = (now - timedelta(hours=1 + n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            server.add(
                ArxivPaper(f"2611.1{n}001", f"Talking Head Generation {n}", ["Ann Li"], ABSTRACT, pdf, published=stamp)
            )
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        yield server


def _start(out: Path, log: Path) -> subprocess.Popen:
    args = [sys.executable, "-m", "chatpaper", "daily", TOPIC, "--days", "2", "--max", str(PAPERS)]
    args += ["--workers", str(WORKERS), "--out", str(out)]
    return subprocess.Popen(args, cwd=ROOT, env=dict(os.environ), stdout=subprocess.PIPE, stderr=log.open("w"))


def _wait_for_calls(llm, n: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while len(llm.requests) < n:
        assert proc.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the daily run never called the model"
        time.sleep(0.05)


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_one_interrupt_finishes_the_calls_in_flight_and_writes_the_post(gemini_env, eight_papers, tmp_path, how):
    gemini_env.reset(delay=CALL_SECONDS)
    out, log = tmp_path / "blog", tmp_path / "stderr.txt"
    proc = _start(out, log)
    _wait_for_calls(gemini_env, WORKERS, proc, log)  # both workers are in their first call
    time.sleep(CALL_SECONDS / 4)
    calls_at_signal = len(gemini_env.requests)
    t0 = time.monotonic()
    proc.send_signal(how)
    stdout, _ = proc.communicate(timeout=60)
    seconds = time.monotonic() - t0

    print(f"\n{how.name}: exit after {seconds:.1f} s, {len(gemini_env.requests)} calls in all")  # for the report
    assert proc.returncode == 130, log.read_text()
    assert seconds < CALL_SECONDS + SLACK_SECONDS, f"exit took {seconds:.1f} s"
    # no call started after the signal (before: all 3 × 8 = 24 calls were made, then no post)
    assert len(gemini_env.requests) == calls_at_signal
    post = Path(stdout.decode().strip())
    text = post.read_text(encoding="utf-8")
    assert post.parent == out and text.count("\n## ") == PAPERS  # every paper is listed, done or not
    assert text.count(INTERRUPTED) == PAPERS  # none finished all three stages in one call's time
    assert "interrupted: the post holds 0 of 8 papers" in log.read_text()
    assert not list(out.rglob("*.part"))


def test_a_second_interrupt_exits_at_once(gemini_env, eight_papers, tmp_path):
    gemini_env.reset(delay=30.0)  # calls that would hold the first interrupt for half a minute
    out, log = tmp_path / "blog", tmp_path / "stderr.txt"
    proc = _start(out, log)
    _wait_for_calls(gemini_env, WORKERS, proc, log)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    stdout, _ = proc.communicate(timeout=60)
    seconds = time.monotonic() - t0

    print(f"\nsecond Ctrl-C: exit after {seconds:.1f} s")  # for the report
    assert proc.returncode == 130, log.read_text()
    assert seconds < SLACK_SECONDS, f"exit took {seconds:.1f} s"
    post = Path(stdout.decode().strip())
    assert post.is_file() and post.read_text(encoding="utf-8").count(INTERRUPTED) == PAPERS

"""Load on the real app process: N gradio_client sessions at once, each on its own paper.

    python scripts/bench_load.py [--sessions 20] [--latency 0.5]

``python app.py`` runs as its own process against loopback arXiv and Gemini doubles (tests/fakes.py); the
clients run here. Reports wall time, failures, and the app process's peak memory (VmHWM from /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.gradio_api import api_client  # noqa: E402
from tests.helpers.loopback import ArxivPaper, FakeArxiv, FakeLLM  # noqa: E402
from tests.helpers.pdfs import ABSTRACT, AUTHORS, make_paper_pdf  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.5, help="seconds each fake LLM call takes")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pdf = make_paper_pdf()
    port = free_port()
    with FakeArxiv() as arxiv_server, FakeLLM(delay=args.latency) as llm, tempfile.TemporaryDirectory() as tmp:
        for n in range(args.sessions):
            arxiv_server.add(ArxivPaper(f"2611.4{n:04d}", f"Load Paper {n}", AUTHORS, ABSTRACT, pdf))
        env = {
            **os.environ,
            "CHATPAPER_ARXIV_API": arxiv_server.url + "/api/query",
            "CHATPAPER_DATA_DIR": tmp,
            "GEMINI_API_KEY": "bench-key",
            "GOOGLE_GEMINI_BASE_URL": llm.url,
            "GRADIO_SERVER_PORT": str(port),
            "GRADIO_SERVER_NAME": "127.0.0.1",
            "GRADIO_ANALYTICS_ENABLED": "False",
        }
        app = subprocess.Popen(
            [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            for _ in range(120):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.5)
            idle_mb = peak_rss_mb(app.pid)

            def session(n: int) -> bool:
                status, md, *_ = api_client(url).predict(source=f"2611.4{n:04d}", pdf=None, api_name="/digest")
                return f"# Load Paper {n}\n" in md and "完成" in status

            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.sessions) as pool:
                results = list(pool.map(lambda n: _safe(session, n), range(args.sessions)))
            wall = time.perf_counter() - t0
            report = {
                "sessions": args.sessions,
                "served": sum(r is True for r in results),
                "errors": [r for r in results if r is not True],
                "wall_s": round(wall, 1),
                "llm_calls": len(llm.requests),
                "app_idle_mb": round(idle_mb),
                "app_peak_mb": round(peak_rss_mb(app.pid)),
            }
        finally:
            app.terminate()
            app.wait(timeout=30)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(
            f"{report['served']}/{report['sessions']} sessions served correctly in {report['wall_s']} s "
            f"({report['llm_calls']} LLM calls); app process memory: {report['app_idle_mb']} MB idle, "
            f"{report['app_peak_mb']} MB peak; errors: {report['errors'] or 'none'}"
        )
    return 0 if report["served"] == args.sessions else 1


def _safe(fn, n):
    try:
        return fn(n)
    except Exception as exc:  # reported, not raised: the count is the result
        return f"{type(exc).__name__}: {exc}"[:200]


if __name__ == "__main__":
    sys.exit(main())

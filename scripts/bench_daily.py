"""Throughput of the daily digest under a rate limit, against loopback arXiv and Gemini servers.

    python scripts/bench_daily.py [--papers 8] [--rpm 60] [--workers 4] [--latency 1.0]

The servers are the test doubles (tests/fakes.py) on 127.0.0.1: the fake Gemini answers every call after
``--latency`` seconds. The rate limit alone imposes ``calls * 60 / rpm`` seconds (3 calls per paper).
Target (issue #5): 8 papers at --rpm 60 --workers 4 take no more than 1.5x that.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fakes import ArxivPaper, FakeArxiv, FakeLLM  # noqa: E402
from figure_pdfs import paper_with_figure  # noqa: E402
from pdfs import ABSTRACT  # noqa: E402

TARGET = 1.5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=8)
    ap.add_argument("--rpm", type=float, default=60)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--latency", type=float, default=1.0, help="seconds each fake LLM call takes")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    now = datetime.now(timezone.utc)
    pdf = paper_with_figure()
    with FakeArxiv() as arxiv_server, FakeLLM(delay=args.latency) as llm, tempfile.TemporaryDirectory() as tmp:
        for n in range(args.papers):
            published = (now - timedelta(minutes=10 + n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            arxiv_server.add(ArxivPaper(f"2611.{n:05d}", f"Talking Head Generation {n}", ["Ann Li"],
                                        ABSTRACT + " Talking head generation.", pdf, published=published))
        os.environ.update({"CHATPAPER_ARXIV_API": arxiv_server.url + "/api/query", "CHATPAPER_DATA_DIR": tmp,
                           "GEMINI_API_KEY": "bench-key", "GOOGLE_GEMINI_BASE_URL": llm.url})
        from chatpaper import Settings
        from chatpaper.daily import run_daily

        settings = Settings.load(llm_rpm=args.rpm)
        result = run_daily(["Talking Head Generation"], Path(tmp) / "blog", settings, limit=args.papers,
                           workers=args.workers, search_delay=0.0)
        calls = len(llm.requests)
        imposed = calls * 60 / args.rpm
        report = {"papers": len(result.entries), "llm_calls": calls, "rpm": args.rpm, "workers": args.workers,
                  "latency_s": args.latency, "seconds": round(result.seconds, 2), "rate_limit_s": round(imposed, 2),
                  "ratio": round(result.seconds / imposed, 2) if imposed else None,
                  "complete": sum(bool(e.digest and e.digest.complete) for e in result.entries)}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(f"{report['papers']} papers, {calls} LLM calls at {args.rpm:g} rpm with {args.workers} workers and "
              f"{args.latency:g} s per call: {report['seconds']} s; the rate limit alone imposes {imposed:.1f} s "
              f"-> {report['ratio']}x (target <= {TARGET}x); {report['complete']} complete digests")
    return 0 if report["ratio"] is not None and report["ratio"] <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

"""A day of the daily service: three topics over one category's announcement feed of 40 candidates, ranked before
any model call, digested under one ``--rpm`` budget. ``python -m benchmarks.daily_topics [--rpm 60]``.

The loopback arXiv announces 40 papers (corpus PDFs behind them) whose titles and abstracts speak of the three
topics, of two at once, or of neither; a loopback Gemini answers every call after ``latency`` seconds. Measured: the
model calls the run really makes and its wall time; without ranking every candidate would be digested (each once,
3 calls), which is computed, not run: at the same rpm it would take ``3 × candidates / rpm`` minutes at least."""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.llm_cost import loopback_env, patched_env
from benchmarks.llm_server import served_llm
from benchmarks.table import markdown
from chatpaper.daily.run import CALLS_PER_PAPER
from chatpaper.settings import Settings
from tests.helpers.arxiv_feeds import announcement
from tests.helpers.loopback import ArxivPaper, FakeArxiv

CANDIDATES = 40
TOPICS = {
    "Talking Head Generation": ["talking head", "lip sync"],
    "Speech Synthesis": ["speech synthesis", "text-to-speech"],
    "Video Diffusion": ["video diffusion", "video generation"],
}
MAX_PER_TOPIC = 8
MIN_SCORE = 1.0
# How the 40 candidates speak of the topics: one topic, two at once (digested once, shown in both posts), or none.
_SUBJECTS = [
    ("talking head", "lip sync"),
    ("speech synthesis", "text-to-speech"),
    ("video diffusion", "video generation"),
    ("talking head", "speech synthesis"),
    ("image segmentation", "point clouds"),
    ("graph theory", "protein folding"),
    ("reinforcement learning", "robot grasping"),
    ("compilers", "databases"),
]


@dataclass
class TopicsDay:
    topics: int
    candidates: int
    in_posts: int  # digested papers shown, counted per post: a paper two topics chose counts twice
    digested: int
    calls: int
    calls_without_ranking: int
    rpm: float
    latency: float
    seconds: float

    @property
    def share(self) -> float:
        """Share of the rate limit used while the run lasted."""
        return self.calls / (self.rpm * self.seconds / 60)

    @property
    def minutes_without_ranking(self) -> float:
        return self.calls_without_ranking / self.rpm


def _candidates(pdfs: list[Path]) -> list[ArxivPaper]:
    papers = []
    for n in range(CANDIDATES):
        first, second = _SUBJECTS[n % len(_SUBJECTS)]
        papers.append(
            ArxivPaper(
                f"2611.{50000 + n}",
                f"{first.title()} and {second} revisited ({n})",
                ["Ann Li", "Bo Wu"],
                f"We study {first} with a new model. Our {first} method also helps {second}. " * 3,
                pdfs[n % len(pdfs)].read_bytes(),
            )
        )
    return papers


def measure(
    pdfs: list[Path], rpm: float, latency: float, workers: int = 4, max_per_topic: int = MAX_PER_TOPIC
) -> TopicsDay:
    from chatpaper.daily.config import parse_config
    from chatpaper.daily.run import run_topics

    config = parse_config(
        {
            "source": "rss",
            "workers": workers,
            "topic": [
                {"name": name, "query": query, "categories": ["cs.CV"], "max": max_per_topic, "min_score": MIN_SCORE}
                for name, query in TOPICS.items()
            ],
        }
    )
    with (
        FakeArxiv() as arxiv,
        served_llm(latency, None) as url,
        loopback_env(url),
        tempfile.TemporaryDirectory() as tmp,
    ):
        papers = _candidates(pdfs)
        for p in papers:
            arxiv.add(p)
        arxiv.listings["/atom/cs.CV"] = (200, announcement("cs.CV", papers))
        env = {"CHATPAPER_ARXIV_API": arxiv.url + "/api/query", "CHATPAPER_ARXIV_RSS": arxiv.url + "/atom"}
        with patched_env(env):
            settings = Settings.load(backend="gemini", data_dir=Path(tmp) / "data", llm_rpm=rpm, llm_attempts=1)
            result = run_topics(config, Path(tmp) / "blog", settings, now=datetime.now(timezone.utc))
    return TopicsDay(
        len(result.posts),
        result.candidates,
        sum(len(p.entries) for p in result.posts),
        result.digested,
        result.model_calls,
        CALLS_PER_PAPER * result.candidates,
        rpm,
        latency,
        result.seconds,
    )


def table(day: TopicsDay) -> str:
    return markdown(
        [
            "topics",
            "candidates",
            "digested papers in the posts",
            "digested (each once)",
            "model calls (ranked)",
            "model calls without ranking",
            "--rpm",
            "s per call",
            "wall s (ranked)",
            "min. minutes without ranking",
            "share of the rate limit",
        ],
        [
            [
                day.topics,
                day.candidates,
                day.in_posts,
                day.digested,
                day.calls,
                day.calls_without_ranking,
                day.rpm,
                day.latency,
                day.seconds,
                day.minutes_without_ranking,
                f"{100 * day.share:.0f}%",
            ]
        ],
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.daily_topics", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    ap.add_argument("--rpm", type=float, default=60)
    ap.add_argument("--latency", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=4)
    args = ap.parse_args(argv)
    import pymupdf

    pdfs = [p for p in sorted(Path(args.corpus, "papers").glob("*.pdf")) if pymupdf.open(p).page_count <= 20][:8]
    print(table(measure(pdfs, args.rpm, args.latency, args.workers)))


if __name__ == "__main__":
    main()

"""Ask the paper (追问): the index build per paper (tables, page texts, passages, BM25; the parse itself is shown
apart, as the digest pays for it too), the time a retrieval takes, and the time from a question to the first
streamed answer text against a loopback model.

``python -m benchmarks.ask [--corpus DIR] [--latency 0.3]`` prints Markdown tables."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.llm_cost import loopback_env
from benchmarks.streaming import CHUNK_DELAY
from benchmarks.table import Target, markdown, targets_table
from chatpaper.ask import ask
from chatpaper.ask.paper_index import passages_of
from chatpaper.ask.retrieve import PassageIndex
from chatpaper.models import FigureInfo
from chatpaper.pdf.reader import PdfReader
from chatpaper.settings import Settings
from tests.helpers.loopback import CHUNK_CHARS, FakeLLM

# Issue #14's targets: the index of a 12-page paper, one retrieval.
INDEX_S, RETRIEVAL_MS = 0.3, 20.0
# Papers of about this many pages are timed (the target names a 12-page paper), and the corpus's longest.
PAGES = 12
# Questions a reader asks; each is retrieved on each paper.
QUESTIONS = [
    "What loss function do they train with?",
    "How large is the training set?",
    "What does Figure 3 show?",
    "Which baselines do they compare against?",
    "What are the limitations?",
    "What is in Table 2?",
    "损失函数是什么？",
]
ANSWER = "The model is trained with a contrastive loss over quantized targets and a diversity penalty [P1]. " * 6
TIMED = 5  # repeats of each timing (median)


@dataclass
class IndexTiming:
    paper: str
    pages: int
    parse: float
    index: float  # tables + page texts + passages + BM25, seconds
    passages: int
    retrieval_ms: float  # median over QUESTIONS
    retrieval_max_ms: float


def time_index(pdf: Path) -> IndexTiming:
    with PdfReader(pdf) as reader:
        t0 = time.perf_counter()
        paper = reader.paper()
        parse = time.perf_counter() - t0
        figures = [FigureInfo(**f.info(f"figures/{f.filename}")) for f in reader.figures(36)]  # cut by the digest
        builds = []
        for _ in range(TIMED):
            t0 = time.perf_counter()
            passages = passages_of(reader, paper, figures, 300)
            index = PassageIndex(passages)
            builds.append(time.perf_counter() - t0)
    searches = []
    for question in QUESTIONS * TIMED:
        t0 = time.perf_counter()
        index.search(question, 6)
        searches.append((time.perf_counter() - t0) * 1000)
    return IndexTiming(
        pdf.stem,
        paper.pages,
        parse,
        statistics.median(builds),
        len(passages),
        statistics.median(searches),
        max(searches),
    )


@dataclass
class AnswerTiming:
    backend: str
    question: str  # the first on a paper (reads it) or a later one (passages cached)
    first_text: float
    done: float


def time_answers(pdf: Path, latency: float, chunk_delay: float) -> list[AnswerTiming]:
    """Seconds from ``ask`` to the first answer text and to the finished answer, per backend: the first question
    on a paper (it is read and indexed) and a later one (its passages cached)."""

    def answer(schema: dict) -> object:
        return {"answer": ANSWER, "cited": ["P1"]}

    out = []
    with FakeLLM(delay=latency, chunk_delay=chunk_delay, answer=answer) as llm, loopback_env(llm.url):
        for backend in ("gemini", "openai"):
            with tempfile.TemporaryDirectory() as tmp:
                settings = Settings.load(backend=backend, data_dir=Path(tmp), llm_attempts=1, lang="en")
                for which in ("first on the paper (reads the PDF, cuts its figures)", "a later one (passages cached)"):
                    first: list[float] = []
                    t0 = time.perf_counter()
                    ask(
                        pdf,
                        QUESTIONS[0],
                        settings=settings,
                        on_answer=lambda _, seen=first: seen.append(time.perf_counter()),
                    )
                    done = time.perf_counter()
                    out.append(AnswerTiming(backend, which, first[0] - t0, done - t0))
    return out


def measure(corpus: Path, latency: float, chunk_delay: float) -> tuple[list[IndexTiming], list[AnswerTiming]]:
    pdfs = sorted((corpus / "papers").glob("*.pdf"))
    sized = []
    for pdf in pdfs:
        try:
            with PdfReader(pdf) as reader:
                if reader.paper().has_text:
                    sized.append((reader.doc.page_count, pdf))
        except Exception:
            continue
    sized.sort()
    twelve = sorted(sized, key=lambda s: abs(s[0] - PAGES))[:3]
    chosen = sorted({p for _, p in [*twelve, sized[-1]]})
    indexes = [time_index(p) for p in chosen]
    answers = time_answers(twelve[0][1], latency, chunk_delay)
    return indexes, answers


def tables(indexes: list[IndexTiming], answers: list[AnswerTiming], latency: float, chunk_delay: float) -> str:
    index_table = markdown(
        ["paper", "pages", "parse (s)", "index build (s)", "passages", "retrieval median (ms)", "retrieval max (ms)"],
        [(i.paper, i.pages, i.parse, i.index, i.passages, i.retrieval_ms, i.retrieval_max_ms) for i in indexes],
    )
    answer_table = markdown(
        ["backend", "question", "first answer text (s)", "answer done (s)"],
        [(a.backend, a.question, a.first_text, a.done) for a in answers],
    )
    near = [i for i in indexes if abs(i.pages - PAGES) <= 3] or indexes
    worst_index = max(i.index for i in near)
    worst_search = max(i.retrieval_max_ms for i in indexes)
    targets = targets_table(
        [
            Target(
                f"index build, ~{PAGES}-page paper", f"≤ {INDEX_S} s", f"{worst_index:.3f} s", worst_index <= INDEX_S
            ),
            Target(
                "retrieval (slowest of all questions, all papers)",
                f"≤ {RETRIEVAL_MS:g} ms",
                f"{worst_search:.2f} ms",
                worst_search <= RETRIEVAL_MS,
            ),
        ]
    )
    return "\n\n".join(
        [
            index_table,
            f"Answers: the model waits {latency:g} s, then streams {CHUNK_CHARS}-character chunks "
            f"{chunk_delay:g} s apart ({len(ANSWER)} characters of answer); seconds from the question.",
            answer_table,
            targets,
        ]
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument("--latency", type=float, default=0.3, help="seconds before the model's first byte")
    ap.add_argument("--chunk-delay", type=float, default=CHUNK_DELAY, help="seconds between streamed chunks")
    args = ap.parse_args(argv)
    indexes, answers = measure(args.corpus, args.latency, args.chunk_delay)
    print(tables(indexes, answers, args.latency, args.chunk_delay))


if __name__ == "__main__":
    main()

"""python -m benchmarks [--corpus DIR] [--pages 4 | --full] [--repeats 3] [--readme]

Measures, in one run, what ChatPaper spends on a paper: reading time against pymupdf4llm and a plain
get_text() loop, LLM calls and tokens per stage, overhead around a 1-second model, time to first streamed stage
text, daily-digest throughput under --rpm, peak memory and the repeated (cached) digest. Prints Markdown;
--readme also writes it into docs/benchmarks.md between the bench markers. Needs the shared corpus
(../shared/corpus beside the checkout)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import ask, daily, daily_topics, extraction, llm_cost, machine, memory, repeat, streaming
from benchmarks.table import Target, targets_table
from benchmarks.tokens import model_like_answer, reference_sentences, tokenizer

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
# Issue #7's targets.
OVERHEAD_S, DAILY_SHARE, PEAK_MB, REPEAT_S = 0.5, 0.9, 500, 0.2


def _corpus(arg: str | None) -> Path:
    for candidate in (
        [Path(arg)] if arg else [ROOT.parent / "shared" / "corpus", Path.cwd().parent / "shared" / "corpus"]
    ):
        if (candidate / "papers").is_dir():
            return candidate
    raise SystemExit("benchmarks: no corpus found; pass --corpus DIR (a folder with papers/*.pdf)")


def _pick(costs: list[extraction.PaperCost], papers: dict[str, Path]) -> dict[str, Path]:
    """A short paper, a typical one (the median length) and the longest, among those with text."""
    readable = sorted((c for c in costs if not c.error and c.pages >= 2), key=lambda c: (c.pages, c.name))
    short, typical, longest = readable[0], readable[len(readable) // 2], readable[-1]
    return {
        f"short ({short.pages} p.)": papers[short.name],
        f"typical ({typical.pages} p.)": papers[typical.name],
        f"long ({longest.pages} p.)": papers[longest.name],
    }


def _parse_time(costs: list[extraction.PaperCost], pdf: Path) -> float:
    return next(c.parse for c in costs if c.name == pdf.stem)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="folder with papers/*.pdf (default: ../shared/corpus)")
    ap.add_argument("--pages", type=int, default=4, help="pages per paper for the pymupdf4llm comparison")
    ap.add_argument("--full", action="store_true", help="compare on whole documents (about 4 minutes more)")
    ap.add_argument("--latency", type=float, default=1.0, help="seconds each loopback LLM call takes")
    ap.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="timed end-to-end runs per paper and backend (median); the repeated CLI command: the best of at most 3",
    )
    ap.add_argument("--rpm", type=float, default=60, help="requests per minute for the daily digest")
    ap.add_argument("--daily-papers", type=int, default=8)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument(
        "--chunk-delay", type=float, default=streaming.CHUNK_DELAY, help="seconds between a streaming model's chunks"
    )
    ap.add_argument(
        "--topic-max",
        type=int,
        default=daily_topics.MAX_PER_TOPIC,
        help="papers digested per topic in the daily-service day",
    )
    ap.add_argument(
        "--readme",
        nargs="?",
        const=ROOT / "docs" / "benchmarks.md",
        type=Path,
        metavar="FILE",
        help="also write the results into FILE (default docs/benchmarks.md) between the bench markers",
    )
    args = ap.parse_args(argv)

    corpus = _corpus(args.corpus)
    pdfs = sorted((corpus / "papers").glob("*.pdf"))
    papers = {p.stem: p for p in pdfs}
    token_name, count = tokenizer()
    answer = model_like_answer(reference_sentences(corpus.parent / "reference"))
    started = time.perf_counter()
    out = [
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC with `python -m benchmarks"
        f"{' --full' if args.full else ''}`. {machine.describe()}"
    ]

    def section(title: str, *parts: str) -> None:
        out.extend([f"#### {title}", *parts])
        print(f"[bench] {title}: done at {time.perf_counter() - started:.0f} s", file=sys.stderr)

    costs, comparisons = extraction.measure(pdfs, None if args.full else args.pages)
    section("ChatPaper per paper (whole documents, offline backend, empty cache)", extraction.costs_table(costs))
    scope = "whole documents" if args.full else f"the first {args.pages} pages of each paper"
    section(
        f"Reading PDFs against the alternatives ({scope}, the same pages for all three)",
        extraction.comparison_table(comparisons),
    )

    picked = _pick(costs, papers)
    reference = corpus.parent / "reference" if (corpus.parent / "reference").is_dir() else None
    stage_costs = llm_cost.measure_tokens(picked, count, answer)
    runs = llm_cost.measure_overhead(picked, args.latency, reference, args.repeats)
    section(
        f"LLM calls and tokens per stage (usage as the openai SDK reports it; tokens: {token_name})",
        llm_cost.tokens_table(stage_costs),
    )
    section(
        f"End to end, local PDF, every LLM call taking exactly {args.latency:g} s (median of {args.repeats} runs; "
        "the first digest of the process once)",
        llm_cost.e2e_table(runs),
    )

    typical = list(picked.values())[1]
    first_text = streaming.measure(typical, args.latency, args.chunk_delay, reference)
    section(
        f"Time to first stage text on the web page ({typical.stem}; each call waits {args.latency:g} s, then "
        f"streams chunks {args.chunk_delay:g} s apart; seconds from the digest's start)",
        streaming.table(first_text),
    )

    indexes, answers = ask.measure(corpus, args.latency, args.chunk_delay)
    section(
        "Ask the paper (追问): index, retrieval, first streamed answer",
        ask.tables(indexes, answers, args.latency, args.chunk_delay),
    )

    daily_pdfs = [papers[c.name] for c in sorted(costs, key=lambda c: c.name) if not c.error and c.pages <= 20]
    flow = daily.measure(daily_pdfs[: args.daily_papers], args.rpm, args.workers, args.latency, reference)
    section("Daily digest throughput", daily.table(flow))
    day = daily_topics.measure(daily_pdfs[: args.daily_papers], args.rpm, args.latency, args.workers, args.topic_max)
    section(
        f"A daily-service day: {len(daily_topics.TOPICS)} topics over {daily_topics.CANDIDATES} announced candidates, "
        f"ranked before paying (max {args.topic_max} per topic), one --rpm {args.rpm:g} budget",
        daily_topics.table(day),
    )

    from tests.helpers.loopback import FakeLLM

    with FakeLLM(answer=answer) as llm, llm_cost.loopback_env(llm.url):
        longest = next(reversed(picked.values()))
        peaks = [
            memory.measure(f"{longest.stem}", [longest], "gemini"),
            memory.measure("whole corpus, one process", pdfs, "gemini"),
        ]
        again = repeat.measure(list(picked.values())[1], "gemini", cli_runs=min(args.repeats, 3))
    section("Memory (peak RSS of a fresh process: parse, figures, 3 Gemini calls, files written)", memory.table(peaks))
    section("Repeated digest (answered from the cache)", repeat.table(again))

    timed = [r for r in runs if "first digest" not in r.paper]
    worst = max(timed, key=lambda r: r.overhead)
    typical_runs = [r for r in timed if not r.paper.startswith("long")]
    targets = [
        Target(
            "overhead per paper (short and typical)",
            f"≤ {OVERHEAD_S} s",
            f"{max(r.overhead for r in typical_runs):.2f} s at most",
            all(r.overhead <= OVERHEAD_S for r in typical_runs),
        ),
        Target(
            f"overhead per paper ({worst.paper})",
            f"≤ {OVERHEAD_S} s",
            f"{worst.overhead:.2f} s",
            worst.overhead <= OVERHEAD_S,
            f"opening and parsing its {worst.pages} pages alone takes "
            f"{_parse_time(costs, picked[worst.paper]):.2f} s (table above), and the first call needs the "
            "whole parse to choose its sections; the figures, cut meanwhile, share the one running Python thread",
        ),
        Target(
            "daily papers/min vs --rpm",
            f"≥ {DAILY_SHARE:.0%} of {flow.allowed_per_minute:g}/min",
            f"{flow.per_minute:.1f}/min ({flow.share:.0%})",
            flow.share >= DAILY_SHARE,
        ),
        *[
            Target(f"peak RSS, {p.label}", f"≤ {PEAK_MB} MB", f"{p.peak_mb:.0f} MB", p.peak_mb <= PEAK_MB)
            for p in peaks
        ],
        Target(
            "repeated digest",
            f"≤ {REPEAT_S} s",
            f"{again.again:.3f} s in-process; {again.cli_again:.2f} s as a CLI "
            f"command (of which {again.cli_floor:.2f} s is starting Python)",
            again.again <= REPEAT_S,
        ),
    ]
    section("Targets (issue #7)", targets_table(targets))
    out.append(f"The whole run took {time.perf_counter() - started:.0f} s.")
    text = "\n\n".join(out)
    print(text)
    if args.readme:
        readme = args.readme
        old = readme.read_text(encoding="utf-8")
        if BEGIN not in old or END not in old:
            raise SystemExit(f"{readme} has no {BEGIN} … {END} block")
        head, rest = old.split(BEGIN, 1)
        readme.write_text(head + BEGIN + "\n" + text + "\n" + END + rest.split(END, 1)[1], encoding="utf-8")
    return 0  # a missed target is reported in the table, with its reason


if __name__ == "__main__":
    sys.exit(main())

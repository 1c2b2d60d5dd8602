"""Command line: ``python -m chatpaper digest|ask|daily|figures|parse``.

Errors become one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import json
import logging
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from chatpaper import backends
from chatpaper._errors import ChatPaperError
from chatpaper._logging import setup_logging
from chatpaper.files import write_atomic, writing
from chatpaper.limits import DAYS, MAX_PAPERS, RPM, WORKERS, Range
from chatpaper.settings import Settings

# Each command imports the parts it runs (PDF reading, figures, the pipeline, rendering: half a second) when it
# starts, so that --help, a bad argument or a bad setting answers at once.

log = logging.getLogger("chatpaper")

EXIT_INCOMPLETE = 3
# What a shell reports for a process ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(
        backend=getattr(args, "backend", None),
        model=getattr(args, "model", None),
        lang=getattr(args, "lang", None),
        use_cache=False if getattr(args, "no_cache", False) else None,
    )


def _default_out(source: str) -> Path:
    stem = Path(source).stem if source.lower().endswith(".pdf") else source
    return Path("out") / (re.sub(r"[^\w.\-]+", "_", stem).strip("_") or "paper")


def _debug() -> bool:
    """CHATPAPER_DEBUG, read through Settings; settings that do not even load mean no."""
    try:
        return Settings.load().debug
    except ChatPaperError:
        return False


def cmd_digest(args: argparse.Namespace) -> int:
    settings = _settings(args)
    from chatpaper.pipeline import iter_digest
    from chatpaper.render.export import write_folder, write_page

    name = backends.choose(settings)
    log.info(
        "backend: %s%s",
        name,
        " (no API key configured: extractive digest without an LLM)"
        if backends.info(name).offline and not settings.backend
        else "",
    )
    final = None
    for step in iter_digest(args.source, settings):
        log.info("[%s] %s", step.step, step.message)
        final = step
    assert final is not None and final.digest is not None
    digest = final.digest
    out = Path(args.out) if args.out else _default_out(args.source)
    md_path = write_folder(digest, final.figure_dir, out)
    write_page(digest, final.figure_dir, out)
    if args.json:
        print(digest.model_dump_json(indent=1))
    else:
        print(md_path)
    if not digest.complete:
        log.error("digest incomplete: %s", "; ".join(e.message for e in digest.errors))
        return EXIT_INCOMPLETE
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from chatpaper.ask import ask, label

    result = ask(args.source, args.question, settings=_settings(args))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return 0
    print(result.answer)
    for citation in result.citations:
        print(f"\n[{citation.id}] {label(citation)}\n  {citation.quote}")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    settings = Settings.load(figure_dpi=args.dpi)
    from chatpaper.figures import FigureLimits
    from chatpaper.pdf.reader import read_figures

    pdf = Path(args.pdf)
    limits = FigureLimits.of(settings)
    figures = read_figures(pdf, settings.figure_dpi, settings.max_pages, settings.max_pdf_bytes, limits)
    out = Path(args.out) if args.out else _default_out(args.pdf) / "figures"
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
    listed = []
    for fig in figures:
        path = write_atomic(out / fig.filename, fig.image)  # a full disk leaves no truncated image
        listed.append(fig.info(str(path)))
    if args.json:
        print(json.dumps(listed, ensure_ascii=False, indent=1))
    else:
        for item in listed:
            print(f"{item['path']}\tpage {item['page']}\t{item['caption'][:80]}")
    log.info("%d figures from %s", len(listed), pdf.name)
    return 0


def cmd_daily(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from chatpaper._errors import InputError
    from chatpaper.daily import run_daily
    from chatpaper.daily.config import load_config
    from chatpaper.daily.run import run_topics

    settings = Settings.load(backend=args.backend, model=args.model, llm_rpm=args.rpm)
    topics = [t for t in args.topic if t.strip()]
    mail_to = [a.strip() for a in (args.mail_to or "").split(",") if a.strip()] or None
    config = load_config(Path(args.config)) if args.config else None
    if config is None and not topics:
        raise InputError('give a topic, e.g. "Talking Head Generation", or --config daily.toml')
    if config is not None and topics:
        raise InputError("give either topics on the command line or --config, not both")
    out = Path(args.out) if args.out else (config.out if config else None)
    if out is None:
        raise InputError("give --out (the folder for the posts), or `out` in the config")
    bar = None

    def found(n: int) -> None:
        nonlocal bar
        log.info("%d papers to digest", n)
        bar = tqdm(total=n, unit="paper", file=sys.stderr, disable=args.quiet or n == 0)

    def finished(entry) -> None:
        if bar is not None:
            bar.update(1)
            bar.set_postfix_str(str(entry.paper.arxiv_id))

    try:
        if config is not None:
            if args.workers is not None:  # the command line wins over the config
                config.workers = args.workers
            service = run_topics(
                config,
                out,
                settings,
                source=args.source,
                mail_to=mail_to,
                include_seen=args.include_seen,
                on_found=found,
                on_paper=finished,
            )
            paths = [p.path for p in service.posts]
            entries = [e for p in service.posts for e in p.entries]
            interrupted, summary = service.interrupted, service.summary()
            mail_failed = [p.mail_error for p in service.posts if p.mail_error]
        else:
            result = run_daily(
                topics,
                out,
                settings,
                days=args.days,
                limit=args.max,
                categories=[c for c in (args.categories or "").split(",") if c],
                exclude=[w for w in (args.exclude or "").split(",") if w],
                workers=args.workers or 4,
                image_base_url=args.image_base_url,
                include_seen=args.include_seen,
                on_found=found,
                on_paper=finished,
                source=args.source or "api",
                mail_to=mail_to,
            )
            paths, entries, interrupted = [result.path], result.entries, result.interrupted
            mail_failed = [result.mail_error] if result.mail_error else []
            summary = f"{len(result.entries)} papers in {result.seconds:.1f} s"
    finally:
        if bar is not None:
            bar.close()
    failed = [e for e in entries if e.digest is None]
    for path in paths:
        print(path)
    if interrupted:
        done = len(entries) - len(failed)
        held = "the post holds" if len(paths) == 1 else "the posts hold"
        print(f"chatpaper: interrupted: {held} {done} of {len(entries)} papers", file=sys.stderr)
        return EXIT_INTERRUPTED
    log.info("%s%s", summary, f", {len(failed)} without a digest (their reason is in the post)" if failed else "")
    if mail_failed:
        print(f"chatpaper: error: the posts are written, but {mail_failed[0]}", file=sys.stderr)
    return EXIT_INCOMPLETE if failed or mail_failed else 0


def cmd_parse(args: argparse.Namespace) -> int:
    settings = Settings.load()
    from chatpaper.pdf import parse_pdf

    paper = parse_pdf(Path(args.pdf), max_pages=settings.max_pages, max_bytes=settings.max_pdf_bytes)
    data = {
        "title": paper.title,
        "authors": paper.authors,
        "affiliations": paper.affiliations,
        "abstract": paper.abstract,
        "arxiv_id": paper.arxiv_id,
        "pages": paper.pages,
        "sections": [{"title": s.title, "page": s.page, "chars": s.chars} for s in paper.sections],
        "links": paper.links,
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(
            f"{paper.title or '(no title found)'}\n{', '.join(paper.authors)}\n"
            f"{paper.pages} pages, {len(paper.sections)} sections, {len(paper.links)} links"
        )
    for notice in paper.notices:
        log.warning("%s", notice)
    return 0


def in_range(bound: Range, kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type: a number of ``kind`` inside ``bound`` (the web page's fields use the same bounds)."""

    def parse(text: str) -> float:
        try:
            return bound.check(kind(text))
        except (ValueError, ChatPaperError) as exc:
            raise argparse.ArgumentTypeError(
                str(exc).removeprefix(f"{bound.flag} ")
                if isinstance(exc, ChatPaperError)
                else f"not a number: {text[:20]!r}"
            ) from None

    return parse


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m chatpaper", description="Faithful Chinese digests of papers.")
    ap.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("digest", help="digest an arXiv paper or a PDF")
    d.add_argument("source", help="arXiv ID or URL (2405.07257, arXiv:…, https://arxiv.org/abs/…) or a PDF path")
    d.add_argument("--backend", choices=backends.names(), help="LLM backend (default: from the keys you set)")
    d.add_argument("--model", help="model name (default: the backend's)")
    d.add_argument("--lang", choices=["zh", "en"], help="digest language (default zh)")
    d.add_argument(
        "--out", help="output folder for digest.md, digest.html, digest.json and figures/ (default out/<paper>)"
    )
    d.add_argument("--json", action="store_true", help="print the digest JSON to stdout")
    d.add_argument("--no-cache", action="store_true", help="ignore cached results and run afresh")
    d.set_defaults(func=cmd_digest)
    a = sub.add_parser("ask", help="answer a question from a paper, citing its pages, sections and figures")
    a.add_argument("source", help="arXiv ID or URL, or a PDF path (as for digest)")
    a.add_argument("question", help='the question, e.g. "What loss do they use?"')
    a.add_argument("--backend", choices=backends.names(), help="LLM backend (default: from the keys you set)")
    a.add_argument("--model", help="model name (default: the backend's)")
    a.add_argument("--lang", choices=["zh", "en"], help="answer language (default zh)")
    a.add_argument(
        "--json", action="store_true", help="print {answer, citations: [{id, section, page, figure, quote}]}"
    )
    a.set_defaults(func=cmd_ask)
    f = sub.add_parser("figures", help="crop the numbered figures of a PDF")
    f.add_argument("pdf")
    f.add_argument("--out", help="folder for the images (default out/<pdf name>/figures)")
    f.add_argument("--dpi", type=int, help="resolution (default 150, CHATPAPER_FIGURE_DPI)")
    f.add_argument("--json", action="store_true", help="print the figure list as JSON")
    f.set_defaults(func=cmd_figures)
    y = sub.add_parser("daily", help="a Hexo post of the newest arXiv papers on a topic (or on each topic of a config)")
    y.add_argument(
        "topic", nargs="*", help='topic phrase(s), e.g. "Talking Head Generation", or an arXiv query (or --config)'
    )
    y.add_argument("--config", help="a daily.toml listing topics: one post per topic (see examples/daily.toml)")
    y.add_argument(
        "--source",
        choices=["rss", "api"],
        help="rss: today's announcement feeds of the categories (search API when a feed fails or is empty); "
        "api: the search API by submission date (default, or the config's)",
    )
    y.add_argument("--mail-to", help="comma-separated addresses that get each post by e-mail (CHATPAPER_SMTP_URL)")
    y.add_argument(
        "--days",
        type=in_range(DAYS, int),
        default=1,
        help=f"submitted in the last N days (default 1, at most {DAYS.high:g})",
    )
    y.add_argument(
        "--max",
        type=in_range(MAX_PAPERS, int),
        default=30,
        help=f"at most this many papers (default 30, 1–{MAX_PAPERS.high:g})",
    )
    y.add_argument("--categories", help="comma-separated arXiv categories, e.g. cs.CV,cs.GR,cs.SD")
    y.add_argument("--exclude", help="comma-separated words; papers mentioning any are left out")
    y.add_argument(
        "--workers",
        type=in_range(WORKERS, int),
        help=f"papers digested in parallel (default 4, 1–{WORKERS.high:g})",
    )
    y.add_argument(
        "--rpm", type=in_range(RPM, float), help="LLM requests per minute, shared by all workers (CHATPAPER_LLM_RPM)"
    )
    y.add_argument("--image-base-url", help="URL prefix for the post's images (default: relative images/)")
    y.add_argument("--include-seen", action="store_true", help="keep papers already in an earlier post")
    y.add_argument("--backend", choices=backends.names(), help="LLM backend (default: from the keys you set)")
    y.add_argument("--model", help="model name (default: the backend's)")
    y.add_argument("--out", help="folder for the posts, their feeds and images/ (or `out` in the config)")
    y.set_defaults(func=cmd_daily)
    p = sub.add_parser("parse", help="print what ChatPaper reads from a PDF")
    p.add_argument("pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_parse)
    return ap


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends a run the way Ctrl-C does: a daily run still writes the post of what is done."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(logging.ERROR if args.quiet else logging.INFO)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.func(args)
    except ChatPaperError as exc:
        print(f"chatpaper: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("chatpaper: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # unreadable file, full disk: still one line
        reason = exc.strerror or type(exc).__name__
        where = exc.filename or ""
        print(f"chatpaper: error: {reason}: {where}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug of ours: one line for the user, the traceback with CHATPAPER_DEBUG=1
        if _debug():
            raise
        print(
            f"chatpaper: internal error ({type(exc).__name__}); please report it "
            "(CHATPAPER_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 1

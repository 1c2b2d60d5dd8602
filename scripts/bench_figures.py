"""Speed of parse + all figures against pymupdf4llm.to_markdown(write_images=True), side by side.

    python scripts/bench_figures.py [--corpus ../shared/corpus] [--only cv0] [--json]

Each paper is read by both, one after the other in this process, so both see the same machine state.
ChatPaper's number covers everything ``read_pdf`` does: opening, parsing the paper, finding, rendering and
encoding every figure at 150 dpi. pymupdf4llm's covers its Markdown with images written to a temp folder.
Target (issue #3): ChatPaper at least 10x faster over the whole corpus.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf  # noqa: E402

from chatpaper.reader import read_pdf  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TARGET_SPEEDUP = 10.0


def bench(paths: list[Path]) -> dict:
    try:
        import pymupdf4llm
    except ImportError:
        raise SystemExit("pymupdf4llm is not installed: pip install pymupdf4llm") from None
    logging.getLogger("pymupdf4llm").setLevel(logging.ERROR)
    rows = []
    for path in paths:
        pages = pymupdf.open(path).page_count
        t0 = time.perf_counter()
        try:
            _, figures = read_pdf(path)
            ours, found = time.perf_counter() - t0, len(figures)
        except Exception as exc:  # an image-only scan: ours refuses quickly, count the time anyway
            ours, found = time.perf_counter() - t0, f"error: {type(exc).__name__}"
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            try:
                with contextlib.redirect_stdout(io.StringIO()):  # it prints parser messages on stdout
                    pymupdf4llm.to_markdown(str(path), write_images=True, image_path=tmp, show_progress=False)
            except Exception as exc:
                print(f"pymupdf4llm failed on {path.name}: {exc}", file=sys.stderr)
            theirs = time.perf_counter() - t0
            written = sum(1 for _ in Path(tmp).iterdir())
        rows.append({"file": path.name, "pages": pages, "chatpaper_s": round(ours, 3), "figures": found,
                     "pymupdf4llm_s": round(theirs, 3), "pymupdf4llm_images": written})
        print(f"{path.name[:44]:44} {pages:4}p  chatpaper {ours:6.2f}s  pymupdf4llm {theirs:7.2f}s", file=sys.stderr)
    ours = sum(r["chatpaper_s"] for r in rows)
    theirs = sum(r["pymupdf4llm_s"] for r in rows)
    pages = sum(r["pages"] for r in rows)
    return {"papers": rows, "pages": pages, "chatpaper_s": round(ours, 2), "pymupdf4llm_s": round(theirs, 2),
            "chatpaper_ms_per_page": round(1000 * ours / pages, 1),
            "pymupdf4llm_ms_per_page": round(1000 * theirs / pages, 1),
            "speedup": round(theirs / ours, 1) if ours else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", default="", help="only papers whose file name contains this")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    paths = sorted(p for p in (args.corpus / "papers").glob("*.pdf") if args.only in p.name)
    if not paths:
        print(f"no PDFs under {args.corpus / 'papers'}", file=sys.stderr)
        return 2
    result = bench(paths)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{len(paths)} papers, {result['pages']} pages: chatpaper {result['chatpaper_s']} s "
              f"({result['chatpaper_ms_per_page']} ms/page), pymupdf4llm {result['pymupdf4llm_s']} s "
              f"({result['pymupdf4llm_ms_per_page']} ms/page): {result['speedup']}x (target {TARGET_SPEEDUP:.0f}x)")
    return 0 if result["speedup"] and result["speedup"] >= TARGET_SPEEDUP else 1


if __name__ == "__main__":
    sys.exit(main())

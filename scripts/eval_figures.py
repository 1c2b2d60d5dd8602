"""Score figure extraction against ../shared/corpus/ground_truth.json (``figures`` = distinct numbered figures).

    python scripts/eval_figures.py [--corpus ../shared/corpus] [--crops DIR] [--json]

Per paper: figures found (distinct numbers), recall = min(found, truth) / truth, numbers beyond the truth
count (suspect), and crop sanity: no crop over 90% of its page, none thinner than a text line.
``--crops DIR`` writes every crop to DIR/<paper>/ for checking by eye.
Targets (issue #3): recall >= 90% over the corpus, no paper below 60%.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf  # noqa: E402

from chatpaper.figures import extract_figures  # noqa: E402
from chatpaper.figures.extract import read_pages  # noqa: E402
from chatpaper.figures.geometry import area, height, width  # noqa: E402
from chatpaper.figures.layout import doc_style  # noqa: E402
from chatpaper.pdf.lines import PageText  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MAX_PAGE_SHARE = 0.9
TARGET_RECALL, TARGET_FLOOR = 0.90, 0.60


def score_paper(path: Path, truth: int, crops: Path | None = None) -> dict:
    doc = pymupdf.open(path)
    try:
        texts = PageText(doc)
        t0 = time.perf_counter()
        figures = extract_figures(doc, texts=texts)
        seconds = time.perf_counter() - t0
        body = doc_style(read_pages(doc, 300, texts)).body
        page_areas = {i + 1: area(tuple(doc[i].rect)) for i in range(doc.page_count)}
    finally:
        doc.close()
    numbers = list(dict.fromkeys(f.number for f in figures))
    problems = []
    for f in figures:
        share = area(f.bbox) / page_areas[f.page]
        if share > MAX_PAGE_SHARE:
            problems.append(f"figure {f.number} covers {share:.0%} of page {f.page}")
        if min(width(f.bbox), height(f.bbox)) < body * 1.2:
            problems.append(f"figure {f.number} is thinner than a text line")
    if crops:
        folder = crops / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        for f in figures:
            (folder / f.filename).write_bytes(f.image)
    suspect = [n for n in numbers if n.isdigit() and int(n) > truth]
    return {"file": path.name, "truth": truth, "found": len(numbers), "numbers": numbers,
            "recall": min(len(numbers), truth) / truth if truth else None, "suspect": suspect,
            "problems": problems, "seconds": round(seconds, 3), "pages": len(page_areas),
            "formats": sorted({f.format for f in figures})}


def evaluate(corpus: Path, crops: Path | None = None) -> dict:
    truth = json.loads((corpus / "ground_truth.json").read_text())
    rows = [score_paper(corpus / "papers" / item["file"], int(item.get("figures") or 0), crops)
            for item in truth["papers"]]
    total = sum(r["truth"] for r in rows)
    found = sum(min(r["found"], r["truth"]) for r in rows)
    scored = [r for r in rows if r["truth"]]
    worst = min(scored, key=lambda r: r["recall"]) if scored else None
    return {"papers": rows, "recall": found / total if total else None, "found": found, "truth": total,
            "worst": {"file": worst["file"], "recall": worst["recall"]} if worst else None,
            "crops": sum(r["found"] for r in rows), "problems": sum(len(r["problems"]) for r in rows),
            "false_on_figureless": sum(r["found"] for r in rows if not r["truth"]),
            "seconds": round(sum(r["seconds"] for r in rows), 2), "pages": sum(r["pages"] for r in rows)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--crops", type=Path, help="write every crop here, one folder per paper")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (args.corpus / "ground_truth.json").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    result = evaluate(args.corpus, args.crops)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for r in result["papers"]:
            recall = f"{r['recall']:.0%}" if r["recall"] is not None else "  - "
            print(f"{r['file'][:44]:44} {r['found']:3}/{r['truth']:<3} {recall:>5} {r['seconds']:6.2f}s"
                  + (f"  suspect {r['suspect']}" if r["suspect"] else "")
                  + (f"  {'; '.join(r['problems'])}" if r["problems"] else ""))
        worst = result["worst"]
        print(f"\nrecall {result['recall']:.1%} ({result['found']}/{result['truth']}), target >= {TARGET_RECALL:.0%}; "
              f"worst paper {worst['file']} {worst['recall']:.0%}, floor {TARGET_FLOOR:.0%}")
        print(f"{result['crops']} crops, {result['problems']} sanity problems, "
              f"{result['false_on_figureless']} figures on papers without any; "
              f"figures alone: {result['seconds']} s for {result['pages']} pages")
    ok = result["recall"] >= TARGET_RECALL and result["worst"]["recall"] >= TARGET_FLOOR
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

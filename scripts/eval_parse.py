"""Score PDF parsing against ../shared/corpus/ground_truth.json: titles, first authors, broken files.

    python scripts/eval_parse.py [--corpus ../shared/corpus] [--json]

A title matches when the normalised strings (case, accents and punctuation folded) are equal; a first
author likewise. Targets (issue #2): titles >= 90%, first authors >= 85%, every file parses or gives a
one-line error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chatpaper import ChatPaperError  # noqa: E402
from chatpaper.pdf import parse_pdf  # noqa: E402
from chatpaper.pdf.front import normalise_name  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def evaluate(corpus: Path) -> dict:
    truth = json.loads((corpus / "ground_truth.json").read_text())
    rows = []
    for item in truth["papers"]:
        path = corpus / "papers" / item["file"]
        t0 = time.perf_counter()
        try:
            paper = parse_pdf(path)
            error = None
        except ChatPaperError as exc:
            paper, error = None, str(exc)
        row = {"file": item["file"], "seconds": round(time.perf_counter() - t0, 3), "error": error,
               "title": paper.title if paper else None, "first_author": (paper.authors or [None])[0] if paper else None}
        if item.get("title"):
            row["title_ok"] = bool(row["title"]) and normalise_name(row["title"]) == normalise_name(item["title"])
        if item.get("first_author"):
            row["author_ok"] = bool(row["first_author"]) and \
                normalise_name(row["first_author"]) == normalise_name(item["first_author"])
        rows.append(row)
    broken = []
    for path in sorted((corpus / "broken").glob("*.pdf")):
        try:
            paper = parse_pdf(path)
            broken.append({"file": path.name, "outcome": f"parsed {paper.pages} pages", "title": paper.title})
        except ChatPaperError as exc:
            one_line = "\n" not in str(exc)
            broken.append({"file": path.name, "outcome": f"error: {exc}", "one_line": one_line})
        except Exception as exc:  # anything else is a bug: report it
            broken.append({"file": path.name, "outcome": f"CRASH {type(exc).__name__}: {exc}", "one_line": False})
    titled = [r for r in rows if "title_ok" in r]
    authored = [r for r in rows if "author_ok" in r]
    return {
        "papers": rows, "broken": broken,
        "title_accuracy": sum(r["title_ok"] for r in titled) / max(1, len(titled)),
        "title_n": len(titled),
        "author_accuracy": sum(r["author_ok"] for r in authored) / max(1, len(authored)),
        "author_n": len(authored),
        "all_files_handled": all(not r["outcome"].startswith("CRASH") for r in broken),
        "seconds": round(sum(r["seconds"] for r in rows), 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (args.corpus / "ground_truth.json").exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    res = evaluate(args.corpus)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    print("| file | title | first author | s |\n|---|---|---|---|")
    for r in res["papers"]:
        t = {True: "ok", False: f"MISS {r['title']!r}"}.get(r.get("title_ok"), "-")
        a = {True: "ok", False: f"MISS {r['first_author']!r}"}.get(r.get("author_ok"), "-")
        print(f"| {r['file']} | {t if not r['error'] else r['error']} | {a} | {r['seconds']} |")
    for b in res["broken"]:
        print(f"| broken/{b['file']} | {b['outcome']} | | |")
    print(f"\ntitles: {res['title_accuracy']:.0%} of {res['title_n']}; first authors: "
          f"{res['author_accuracy']:.0%} of {res['author_n']}; broken files handled: {res['all_files_handled']}; "
          f"parse time {res['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

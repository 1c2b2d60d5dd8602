"""Score PDF parsing on every labelled field, per paper and per set (corpus, corpus2-dev, corpus2-holdout).

    python scripts/eval_parse.py [--corpus ../shared/corpus] [--corpus2 ../shared/corpus2]
                                 [--set dev|holdout|all] [--json] [--papers]

Fields (nulls in the labels are skipped):
- title, first author: normalised strings (case, accents, punctuation folded) are equal;
- first-author affiliation: the normalised label is inside the parsed value, or the parsed value is inside the
  label and carries most of it (a bare country or city inside "University of X, Country" does not count);
- abstract: the parsed abstract starts with the label's ``abstract_start`` and ends with its ``abstract_end``
  (first 10 / last 8 words; Chinese 20 / 15 characters), compared after folding case, whitespace, ligatures,
  quotes, dashes and hyphenation (every character that is not a letter or digit is dropped);
- headings: share of labelled top-level headings present among the parsed section titles (normalised);
- broken: every file in corpus/broken parses or gives one clear line, no traceback.

``--set dev`` scores corpus and the corpus2 dev papers (develop rules on these); ``--set holdout`` only the corpus2
holdout papers (judge rules on these, do not tune on them); ``all`` both.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chatpaper import ChatPaperError  # noqa: E402
from chatpaper.pdf.front import normalise_name
from scripts.corpus_sets import CORPUS, CORPUS2, SETS, parsed, set_of

DEFAULT_CORPUS, DEFAULT_CORPUS2 = CORPUS, CORPUS2
FIELDS = ("title", "author", "affiliation", "abstract", "headings")
# A parsed affiliation inside the label must carry at least this share of it (so "China" is not "Fudan University,
# China").
AFFIL_INSIDE_SHARE = 0.6


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[\s\u3000]+|[\s\u3000]+(?=[{_CJK}])")


def norm(text: str) -> str:
    """normalise_name, plus spaces next to CJK characters dropped: Chinese typesetting adds them around Latin words
    and inside short headings ("参　考　文　献"); they are not part of the text."""
    return normalise_name(_CJK_SPACE.sub("", unicodedata.normalize("NFKC", text)))


def fold_text(text: str) -> str:
    """Letters and digits only, lower case, ligatures expanded, accents kept apart: for abstract ends."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text if c.isalnum())


def _cjk(text: str) -> bool:
    return sum("\u4e00" <= c <= "\u9fff" for c in text) * 3 > len(text)


def abstract_ok(parsed: str, start: str | None, end: str | None) -> bool | None:
    """Start and end of the parsed abstract match the labels (only the labelled ends are checked)."""
    if not start and not end:
        return None
    got = fold_text(parsed or "")
    if not got:
        return False
    ok = True
    if start:
        ok &= got.startswith(fold_text(start))
    if end:
        ok &= got.endswith(fold_text(end))
    return ok


def affiliation_ok(parsed: str | None, label: str) -> bool:
    if not parsed:
        return False
    p, want = norm(parsed), norm(label)
    if not p or not want:
        return False
    return want in p or (p in want and len(p) >= AFFIL_INSIDE_SHARE * len(want))


def _heading_key(title: str) -> str:
    return norm(title)


def headings_found(parsed: list[str], labels: list[str]) -> tuple[int, int]:
    """How many labelled headings appear among the parsed section titles."""
    have = {_heading_key(t) for t in parsed}
    return sum(_heading_key(h) in have for h in labels), len(labels)


def headings_extra(parsed: list[str], labels: list[str], before_references: bool = False) -> int:
    """Parsed top-level headings that are not labelled ones: the precision side of ``headings_found`` (a table
    header or a sentence taken for a heading splits a section and misleads the stages' budgets). Abstract and
    Keywords headings, which the labels leave out by convention, are not counted. ``before_references``: only
    those before the parsed References heading when the labels end there (labels stop at References, so an
    appendix printed after it is neither labelled nor wrong)."""
    wanted = {_heading_key(h) for h in labels}
    if before_references and labels and re.match(_REFERENCES, labels[-1], re.I):
        cut = next((i for i, t in enumerate(parsed) if _heading_key(t) == _heading_key(labels[-1])), len(parsed))
        parsed = parsed[:cut]
    return sum(
        1 for t in parsed if _heading_key(t) not in wanted and not re.match(r"(abstract|keywords?|摘\s*要)\b", t, re.I)
    )


_REFERENCES = r"(references|bibliography|参\s*考\s*文\s*献|literature cited)\s*$"


def score_paper(paper, item: dict) -> dict:
    row: dict = {}
    if item.get("title"):
        row["title_ok"] = bool(paper and paper.title) and norm(paper.title) == norm(item["title"])
    if item.get("first_author"):
        first = paper.authors[0] if paper and paper.authors else None
        row["author_ok"] = bool(first) and norm(first) == norm(item["first_author"])
    if item.get("first_author_affiliation"):
        row["affiliation_ok"] = affiliation_ok(
            paper.first_author_affiliation if paper else None, item["first_author_affiliation"]
        )
    ok = abstract_ok(paper.abstract if paper else "", item.get("abstract_start"), item.get("abstract_end"))
    if ok is not None:
        row["abstract_ok"] = ok
    if item.get("headings"):
        titles = [s.title for s in paper.sections if s.title and s.level == 1] if paper else []
        row["headings_found"], row["headings_n"] = headings_found(titles, item["headings"])
        row["headings_extra"] = headings_extra(titles, item["headings"])
        row["headings_extra_body"] = headings_extra(titles, item["headings"], before_references=True)
    return row


def _evaluate_corpus(corpus: Path, corpus_name: str, which: set[str]) -> list[dict]:
    truth = json.loads((corpus / "ground_truth.json").read_text())
    rows = []
    for item in truth["papers"]:
        group = set_of(corpus_name, item["file"])
        if group not in which:
            continue
        t0 = time.perf_counter()
        error = None
        paper = None
        try:
            paper = parsed(corpus / "papers" / item["file"])
        except ChatPaperError as exc:
            error = str(exc)
        except Exception as exc:  # a bug: report it, keep scoring
            error = f"CRASH {type(exc).__name__}: {exc} {traceback.format_exc(limit=-2)}"
        row = {
            "file": item["file"],
            "set": group,
            "seconds": round(time.perf_counter() - t0, 3),
            "error": error,
            "title": paper.title if paper else None,
            "first_author": (paper.authors or [None])[0] if paper else None,
            "first_author_affiliation": paper.first_author_affiliation if paper else None,
            "abstract_head": " ".join((paper.abstract if paper else "").split()[:10]),
            "abstract_tail": " ".join((paper.abstract if paper else "").split()[-8:]),
            "top_headings": [s.title for s in paper.sections if s.title and s.level == 1] if paper else [],
        }
        row.update(score_paper(paper, item))
        rows.append(row)
    return rows


def _broken(corpus: Path) -> list[dict]:
    out = []
    for path in sorted((corpus / "broken").glob("*.pdf")):
        try:
            paper = parsed(path)
            out.append({"file": path.name, "outcome": f"parsed {paper.pages} pages", "title": paper.title})
        except ChatPaperError as exc:
            out.append({"file": path.name, "outcome": f"error: {exc}", "one_line": "\n" not in str(exc)})
        except Exception as exc:  # anything else is a bug: report it
            out.append({"file": path.name, "outcome": f"CRASH {type(exc).__name__}: {exc}", "one_line": False})
    return out


def summarise(rows: list[dict]) -> dict:
    """Accuracy per field (share of labelled papers right; headings: share of labelled headings found)."""
    out: dict = {"papers": len(rows), "crashes": sum(bool(r["error"] and r["error"].startswith("CRASH")) for r in rows)}
    for name in ("title", "author", "affiliation", "abstract"):
        scored = [r[f"{name}_ok"] for r in rows if f"{name}_ok" in r]
        out[name] = {"ok": sum(scored), "n": len(scored), "accuracy": sum(scored) / max(1, len(scored))}
    found = sum(r.get("headings_found", 0) for r in rows)
    total = sum(r.get("headings_n", 0) for r in rows)
    out["headings"] = {"ok": found, "n": total, "accuracy": found / max(1, total)}
    out["headings_extra"] = sum(r.get("headings_extra", 0) for r in rows)
    out["headings_extra_body"] = sum(r.get("headings_extra_body", 0) for r in rows)
    return out


def evaluate(corpus: Path = DEFAULT_CORPUS, corpus2: Path | None = DEFAULT_CORPUS2, which: str = "all") -> dict:
    """Parse and score; ``which`` is dev (corpus + corpus2 dev), holdout (corpus2 holdout) or all."""
    groups = {
        "dev": {"corpus", "corpus2-dev"},
        "holdout": {"corpus2-holdout"},
        "all": {"corpus", "corpus2-dev", "corpus2-holdout", "corpus2-other"},
    }[which]
    rows: list[dict] = []
    if (corpus / "ground_truth.json").exists():
        rows += _evaluate_corpus(corpus, "corpus", groups)
    if corpus2 is not None and (corpus2 / "ground_truth.json").exists():
        rows += _evaluate_corpus(corpus2, "corpus2", groups)
    broken = _broken(corpus) if "corpus" in groups and (corpus / "broken").is_dir() else []
    sets = {name: summarise([r for r in rows if r["set"] == name]) for name in SETS}
    sets["corpus2"] = summarise([r for r in rows if r["set"].startswith("corpus2")])
    sets["total"] = summarise(rows)
    sets = {k: v for k, v in sets.items() if v["papers"]}
    total = sets.get("total", summarise([]))
    legacy = sets.get("corpus", total)  # the flat keys always meant ../corpus
    return {
        "papers": rows,
        "broken": broken,
        "sets": sets,
        # flat keys kept for older callers (tests/test_corpus.py)
        "title_accuracy": legacy["title"]["accuracy"],
        "title_n": legacy["title"]["n"],
        "author_accuracy": legacy["author"]["accuracy"],
        "author_n": legacy["author"]["n"],
        "all_files_handled": all(not r["outcome"].startswith("CRASH") for r in broken) and not total["crashes"],
        "seconds": round(sum(r["seconds"] for r in rows), 2),
    }


def _mark(row: dict, field: str, shown: str) -> str:
    ok = row.get(f"{field}_ok")
    return "-" if ok is None else ("ok" if ok else f"MISS {shown!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--corpus2", type=Path, default=DEFAULT_CORPUS2)
    ap.add_argument("--set", choices=("dev", "holdout", "all"), default="all")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--papers", action="store_true", help="print one row per paper (not for holdout while tuning)")
    args = ap.parse_args()
    if not (args.corpus / "ground_truth.json").exists() and not (args.corpus2 / "ground_truth.json").exists():
        print(f"no corpus at {args.corpus} or {args.corpus2}", file=sys.stderr)
        return 2
    res = evaluate(args.corpus, args.corpus2, args.set)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    if args.papers:
        print("| file | title | first author | affiliation | abstract | headings | s |\n|---|---|---|---|---|---|---|")
        for r in res["papers"]:
            if r["error"]:
                print(f"| {r['file']} | {r['error']} | | | | | |")
                continue
            head = f"{r['headings_found']}/{r['headings_n']}" if "headings_n" in r else "-"
            absd = f"{r['abstract_head']} … {r['abstract_tail']}"
            print(
                f"| {r['file']} | {_mark(r, 'title', r['title'])} | {_mark(r, 'author', r['first_author'])} | "
                f"{_mark(r, 'affiliation', r['first_author_affiliation'])} | {_mark(r, 'abstract', absd)} | "
                f"{head} | {r['seconds']} |"
            )
        for b in res["broken"]:
            print(f"| broken/{b['file']} | {b['outcome']} | | | | | |")
    print(
        "\n| set | papers | title | first author | affiliation | abstract | headings | extra headings "
        "(before References) | crashes |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, s in res["sets"].items():
        cells = " | ".join(f"{s[f]['ok']}/{s[f]['n']} ({s[f]['accuracy']:.0%})" for f in FIELDS)
        extra = f"{s['headings_extra']} ({s['headings_extra_body']})"
        print(f"| {name} | {s['papers']} | {cells} | {extra} | {s['crashes']} |")
    print(f"\nbroken files handled: {res['all_files_handled']}; parse time {res['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

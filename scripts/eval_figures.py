"""Score figure extraction on ../shared/corpus and ../shared/corpus2 (labels ``figure_numbers``; nulls skipped).

    python scripts/eval_figures.py [--shared ../shared] [--set corpus|corpus2-dev|corpus2-holdout ...]
                                   [--only PREFIX] [--papers [--show-holdout]] [--crops DIR] [--sheets DIR] [--json]

Per paper and per set (corpus, corpus2-dev, corpus2-holdout, corpus2 total, all): numbered figures found
(recall against ``figure_numbers``, and numbers found that the labels do not have), and the automatic crop check
of ``chatpaper.figures.audit`` (running header/footer or page number, body prose, another caption, title/author/
e-mail, a strip of another crop, page edge, cut caption), plus crops over 90% of their page or thinner than a line.
``--crops DIR`` writes every crop to DIR/<paper>/, ``--sheets DIR`` writes contact sheets (12 labelled crops per
PNG) for looking at by eye.
Targets (issue #12): recall >= 95% over corpus + corpus2, no paper below 70%, flagged crops <= 3%.

Rules are developed on corpus and corpus2 DEV papers only; HOLDOUT papers are scored in aggregate (``--papers``
hides their rows unless ``--show-holdout`` is given, for the final look).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# ChatPaper before PyMuPDF, as in the product: chatpaper declines pymupdf's layout module, whose import turns off
# anti-aliasing for the whole process (every crop's ink box changes); imported after pymupdf, this script would
# measure a configuration that never ships.
import chatpaper  # noqa: E402, F401, I001

# isort: split
import pymupdf  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from chatpaper.figures.audit import CropInfo, FrontMatter, audit_crop  # noqa: E402
from chatpaper.figures.captions import normalise_number  # noqa: E402
from chatpaper.figures.extract import DEFAULT_DPI, figures_on_pages, read_pages  # noqa: E402
from chatpaper.figures.geometry import area, height, width  # noqa: E402
from chatpaper.figures.page import read_page  # noqa: E402
from chatpaper.figures.style import doc_style  # noqa: E402
from chatpaper.pdf.lines import PageText  # noqa: E402
from chatpaper.settings import MAX_PAGES  # noqa: E402
from scripts.corpus_sets import SETS, SHARED, set_of  # noqa: E402

DEFAULT_SHARED = SHARED
# corpus2 papers whose output rules may be developed on (by file-name prefix); HOLDOUT are only scored in bulk.
MAX_PAGE_SHARE = 0.9
TARGET_RECALL, TARGET_FLOOR, TARGET_FLAGGED = 0.95, 0.70, 0.03
SHEET_COLUMNS, SHEET_ROWS, SHEET_WIDTH = 4, 3, 1600


class Shot(NamedTuple):
    """One crop for the contact sheets (a NamedTuple: tests load this script without registering it as a module,
    which dataclasses need)."""

    label: str
    reasons: list[str]
    image: bytes


def score_paper(
    path: Path,
    item: dict,
    crops: Path | None = None,
    shots: list[Shot] | None = None,
    dpi: int = DEFAULT_DPI,
    doc: pymupdf.Document | None = None,
    texts: PageText | None = None,
) -> dict:
    """One paper's row. A caller that has the paper open passes ``doc`` (left open) and its ``texts``, so that a
    parse of the same pages reads the text extracted here (the corpus test scores figures and text in one pass)."""
    own = doc is None
    doc = pymupdf.open(path) if doc is None else doc
    try:
        texts = texts or PageText(doc)
        t0 = time.perf_counter()
        pages = read_pages(doc, MAX_PAGES, texts)
        figures = list(figures_on_pages(doc, pages, dpi=dpi))
        seconds = time.perf_counter() - t0
        style = doc_style(pages)
        # The audit needs the graphics of every page holding a crop, caption or not.
        by_page = {p.number: p for p in pages}
        for f in figures:
            if not by_page[f.page - 1].graphics:
                by_page[f.page - 1] = read_page(doc[f.page - 1], by_page[f.page - 1].lines, 10**12)
        page_areas = {i + 1: area(tuple(doc[i].rect)) for i in range(doc.page_count)}
    finally:
        if own:
            doc.close()
    front = FrontMatter(item.get("title") or "", tuple(item.get("authors") or ()))
    infos = [CropInfo(f.number, f.page - 1, f.bbox, f.caption) for f in figures]
    flagged: dict[str, list[str]] = {}
    problems: list[str] = []
    for f, info in zip(figures, infos, strict=True):
        others = [o.bbox for o in infos if o is not info and o.page == info.page]
        reasons = audit_crop(info, by_page[info.page], others, style, front)
        if area(f.bbox) / page_areas[f.page] > MAX_PAGE_SHARE:
            reasons.append("whole-page")
        if min(width(f.bbox), height(f.bbox)) < style.body * 1.2:
            reasons.append("thin")
        if reasons:
            flagged[f.number] = reasons
        if shots is not None:
            shots.append(Shot(f"{path.stem[:28]} fig {f.number} p{f.page}", reasons, f.image))
    if crops:
        folder = crops / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        for f in figures:
            (folder / f.filename).write_bytes(f.image)
    numbers = list(dict.fromkeys(f.number for f in figures))
    labelled = item.get("figure_numbers")
    truth = [normalise_number(n) for n in labelled] if labelled is not None else None
    hits = [n for n in numbers if truth is not None and n in truth]
    return {
        "file": path.name,
        "truth": truth,
        "found": numbers,
        "hits": len(hits),
        "missing": [n for n in truth if n not in numbers] if truth is not None else None,
        "extra": [n for n in numbers if truth is not None and n not in truth],
        "recall": len(hits) / len(truth) if truth else None,
        "crops": len(figures),
        "flagged": flagged,
        "problems": problems,
        "seconds": round(seconds, 3),
        "pages": len(page_areas),
    }


def summarise(rows: list[dict]) -> dict:
    truth = sum(len(r["truth"]) for r in rows if r["truth"])
    hits = sum(r["hits"] for r in rows if r["truth"])
    crops = sum(r["crops"] for r in rows)
    flagged = sum(len(r["flagged"]) for r in rows)
    kinds: Counter[str] = Counter(k for r in rows for reasons in r["flagged"].values() for k in reasons)
    scored = [r for r in rows if r["truth"]]
    worst = min(scored, key=lambda r: r["recall"]) if scored else None
    return {
        "papers": len(rows),
        "truth": truth,
        "found": hits,
        "recall": hits / truth if truth else None,
        "extra": sum(len(r["extra"]) for r in rows),
        "crops": crops,
        "flagged": flagged,
        "flagged_share": flagged / crops if crops else 0.0,
        "kinds": dict(kinds.most_common()),
        "worst": {"file": worst["file"], "recall": worst["recall"]} if worst else None,
        "false_on_figureless": sum(r["crops"] for r in rows if r["truth"] == []),
        "seconds": round(sum(r["seconds"] for r in rows), 2),
        "pages": sum(r["pages"] for r in rows),
    }


def load_items(shared: Path, sets: tuple[str, ...], only: str = "") -> list[tuple[str, Path, dict]]:
    out = []
    for corpus in ("corpus", "corpus2"):
        labels = shared / corpus / "ground_truth.json"
        if not labels.is_file():
            continue
        for item in json.loads(labels.read_text())["papers"]:
            name = set_of(corpus, item["file"])
            if name in sets and item["file"].startswith(only):
                out.append((name, shared / corpus / "papers" / item["file"], item))
    return out


def evaluate(
    shared: Path = DEFAULT_SHARED,
    sets: tuple[str, ...] = SETS,
    crops: Path | None = None,
    sheets: Path | None = None,
    only: str = "",
    dpi: int = DEFAULT_DPI,
) -> dict:
    """Scores per set. ``dpi`` only sets the resolution of the crop images: where a crop is, and so every score,
    does not depend on it, so a caller that keeps no images (the corpus test) can ask for a cheap one."""
    if (shared / "ground_truth.json").is_file():  # a single corpus folder, as older callers pass it
        sets = tuple(s for s in sets if s.split("-")[0] == shared.name) or sets
        shared = shared.parent
    rows: dict[str, list[dict]] = {s: [] for s in sets}
    shots: dict[str, list[Shot]] = {s: [] for s in sets}
    for name, path, item in load_items(shared, sets, only):
        rows[name].append(score_paper(path, item, crops, shots[name] if sheets else None, dpi))
    result = results(rows)
    if sheets:
        for s, items in shots.items():
            write_sheets(items, sheets, s)
    return result


def results(rows: dict[str, list[dict]]) -> dict:
    """Scores per set (and corpus2, all) from the rows of ``score_paper`` by set, with the whole run's flat keys."""
    result: dict = {"sets": {s: summarise(r) for s, r in rows.items() if r}, "rows": rows}
    corpus2 = [r for s in ("corpus2-dev", "corpus2-holdout") for r in rows.get(s, [])]
    if corpus2:
        result["sets"]["corpus2"] = summarise(corpus2)
    everything = [r for rs in rows.values() for r in rs]
    if everything:
        total = result["sets"]["all"] = summarise(everything)
        # Flat keys of the whole run, as tests/test_corpus.py reads them.
        result.update(
            {
                "recall": total["recall"],
                "worst": total["worst"],
                "false_on_figureless": total["false_on_figureless"],
                "problems": sum(len(r["problems"]) for r in everything),
                "papers": [dict(r, suspect=r["extra"]) for r in everything],
            }
        )
    return result


def write_sheets(shots: list[Shot], folder: Path, prefix: str) -> list[Path]:
    """Contact sheets: ``SHEET_COLUMNS`` x ``SHEET_ROWS`` crops per PNG, each labelled under it."""
    folder.mkdir(parents=True, exist_ok=True)
    cell_w = SHEET_WIDTH // SHEET_COLUMNS
    cell_h, label_h = 420, 36
    font = ImageFont.load_default()
    per = SHEET_COLUMNS * SHEET_ROWS
    out = []
    for start in range(0, len(shots), per):
        sheet = Image.new("RGB", (SHEET_WIDTH, SHEET_ROWS * (cell_h + label_h)), "white")
        draw = ImageDraw.Draw(sheet)
        for i, shot in enumerate(shots[start : start + per]):
            x, y = (i % SHEET_COLUMNS) * cell_w, (i // SHEET_COLUMNS) * (cell_h + label_h)
            img = Image.open(io.BytesIO(shot.image)).convert("RGB")
            img.thumbnail((cell_w - 8, cell_h - 8))
            sheet.paste(img, (x + 4, y + 4))
            draw.rectangle((x + 3, y + 3, x + 5 + img.width, y + 5 + img.height), outline=(160, 160, 160))
            draw.text((x + 4, y + cell_h), shot.label, fill="black", font=font)
            if shot.reasons:
                draw.text((x + 4, y + cell_h + 14), "FLAG: " + ", ".join(shot.reasons), fill=(200, 0, 0), font=font)
        path = folder / f"{prefix}-{start // per + 1:03d}.png"
        sheet.save(path)
        out.append(path)
    return out


def _print(result: dict, papers: bool, holdout: bool) -> None:
    if papers:
        for name, rows in result["rows"].items():
            if name == "corpus2-holdout" and not holdout:
                continue  # rules are not tuned on holdout papers: their rows stay hidden unless asked for
            for r in rows:
                recall = f"{r['recall']:.0%}" if r["recall"] is not None else "  - "
                truth = len(r["truth"]) if r["truth"] is not None else "-"
                print(
                    f"{name[8:] or name:8} {r['file'][:44]:44} {r['hits']:3}/{truth:<3} {recall:>5} "
                    f"{r['seconds']:6.2f}s"
                    + (f"  missing {r['missing']}" if r["missing"] else "")
                    + (f"  extra {r['extra']}" if r["extra"] else "")
                    + (f"  flagged {r['flagged']}" if r["flagged"] else "")
                )
        print()
    for name, s in result["sets"].items():
        recall = f"{s['recall']:.1%}" if s["recall"] is not None else "-"
        worst = f"{s['worst']['file'][:30]} {s['worst']['recall']:.0%}" if s["worst"] else "-"
        if "holdout" in name and not holdout:
            worst = f"{s['worst']['recall']:.0%}" if s["worst"] else "-"
        print(
            f"{name:16} recall {recall:>6} ({s['found']}/{s['truth']}) extra {s['extra']:2}  "
            f"flagged {s['flagged']}/{s['crops']} ({s['flagged_share']:.1%}) {s['kinds']}  worst {worst}  "
            f"{s['seconds']} s / {s['pages']} pages"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--set", action="append", choices=SETS, help="only these sets (repeatable)")
    ap.add_argument("--crops", type=Path, help="write every crop here, one folder per paper")
    ap.add_argument("--sheets", type=Path, help="write contact sheets of all crops here")
    ap.add_argument("--papers", action="store_true", help="print one row per paper (holdout papers hidden)")
    ap.add_argument("--show-holdout", action="store_true", help="with --papers, holdout rows too (final look)")
    ap.add_argument("--only", default="", help="only papers whose file name starts with this")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (args.shared / "corpus" / "ground_truth.json").is_file():
        print(f"no corpus under {args.shared}", file=sys.stderr)
        return 2
    result = evaluate(args.shared, tuple(args.set or SETS), args.crops, args.sheets, args.only)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        _print(result, args.papers, args.show_holdout)
    total = result["sets"]["all"]
    ok = (total["recall"] or 0) >= TARGET_RECALL and total["flagged_share"] <= TARGET_FLAGGED
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

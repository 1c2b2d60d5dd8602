"""Print, for each stage, which sections of a paper the prompt carries and their sizes (estimated tokens).

Usage: python scripts/stage_budgets.py PDF [PDF ...] [--budget N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chatpaper.pdf.reader import PdfReader  # noqa: E402
from chatpaper.settings import Settings  # noqa: E402
from chatpaper.stages.context import build_material  # noqa: E402
from chatpaper.stages.spec import STAGES  # noqa: E402
from chatpaper.text import estimate_tokens  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--budget", type=int, default=None, help="tokens of paper text per stage (default: settings)")
    args = ap.parse_args()
    settings = Settings.load()
    budget = args.budget or settings.stage_input_tokens
    for pdf in args.pdfs:
        with PdfReader(pdf, settings.max_pages, settings.max_pdf_bytes) as reader:
            paper = reader.paper()
        print(f"# {pdf.name}: {len(paper.sections)} sections, budget {budget} tokens")
        for stage in STAGES:
            material = build_material(paper, stage, budget, {})
            print(f"## {stage.name}: {material.paper_tokens} tokens sent")
            print(f"  {estimate_tokens(paper.abstract):6d}  Abstract")
            for sec in material.sections:
                print(f"  {estimate_tokens(sec.text):6d}  [{sec.role}] {sec.title[:70]} (p.{sec.page})")
            for item in material.cut:
                print(f"     cut  {item}")
        print()


if __name__ == "__main__":
    main()

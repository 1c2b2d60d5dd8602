"""Values several test modules share."""

from __future__ import annotations

from pathlib import Path

# The checkout, and ../shared beside it: the corpora; tests that need them skip when it is absent.
ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS2 = SHARED / "corpus2"
# Every keyed test uses this key; the session's end checks it surfaced in no log, file or output.
SENTINEL_KEY = "sk-SENTINEL-7f3a9c-do-not-leak"
ARXIV_ID = "2405.07257"  # served by figure_arxiv: the synthetic paper plus a page with a figure

"""The labelled corpora and how they are split, shared by every evaluation script.

Rules are developed on ``corpus`` and the DEV papers of ``corpus2`` (rendered, printed, looked at) and judged on the
HOLDOUT papers, which nobody opens while writing rules: a number measured only on files one tuned on says little.
Papers are named by their file-name prefix (``a03_…``).
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

from chatpaper._errors import ChatPaperError
from chatpaper.paper import Paper
from chatpaper.pdf import parse_pdf
from chatpaper.pdf.lines import PageText
from chatpaper.pdf.parse import parse_document

# ../shared beside the checkout.
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
CORPUS2 = SHARED / "corpus2"

# corpus2 papers rules may be developed on ...
CORPUS2_DEV = ("a03", "a05", "a08", "a11", "a15", "a18", "a20", "a23", "a27", "a30",
               "b01", "b04", "b08", "b11", "b14", "b16", "b20", "b23", "b25", "b28")  # fmt: skip
# ... and the ones rules are judged on: never opened while writing rules.
CORPUS2_HOLDOUT = ("a01", "a04", "a07", "a10", "a13", "a16", "a19", "a22", "a25", "a28", "a31",
                   "b03", "b06", "b10", "b12", "b15", "b19", "b21", "b24", "b27", "b30")  # fmt: skip
SETS = ("corpus", "corpus2-dev", "corpus2-holdout")


def set_of(corpus_name: str, file: str) -> str:
    """The set a paper belongs to: ``corpus``, ``corpus2-dev``, ``corpus2-holdout`` (``corpus2-other`` for a
    corpus2 paper added after the split was made: neither developed nor judged on until it is placed)."""
    if corpus_name != "corpus2":
        return corpus_name
    prefix = file.split("_", 1)[0]
    if prefix in CORPUS2_HOLDOUT:
        return "corpus2-holdout"
    return "corpus2-dev" if prefix in CORPUS2_DEV else "corpus2-other"


# Each corpus paper's parse (or the one-line error it gave), once per process: the evaluations, and the corpus
# tests that run them all in one session, share it. A Paper holds text, not page dicts, so all 63 fit easily.
_PARSED: dict[Path, Paper | ChatPaperError] = {}


def parsed(path: Path, doc: pymupdf.Document | None = None, texts: PageText | None = None) -> Paper:
    """``parse_pdf`` of a corpus paper, once per process. A caller that has the paper open already passes ``doc``
    and its ``texts`` so that it can read the same page text afterwards (eval_text's reference) instead of
    extracting it a second time. A ChatPaperError is raised again on every call, as parse_pdf would."""
    if path not in _PARSED:
        try:
            _PARSED[path] = parse_document(doc, texts=texts) if doc is not None else parse_pdf(path)
        except ChatPaperError as exc:
            _PARSED[path] = exc
    found = _PARSED[path]
    if isinstance(found, ChatPaperError):
        raise found
    return found

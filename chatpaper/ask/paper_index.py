"""A paper's passages, found the way the digest finds the paper (``pipeline.locate``: arXiv or a PDF, downloaded
once), read once and cached in the store by the PDF's hash and the reader's versions; the BM25 index over them is
kept per process. I/O at this edge; the passages themselves are built by pure code (``passages.py``)."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path

from pydantic import BaseModel, Field

from chatpaper._errors import InputError
from chatpaper.ask.passages import Passage, build_passages
from chatpaper.ask.retrieve import PassageIndex
from chatpaper.ask.tables import read_pages
from chatpaper.cache import Store, digest_key, sha256_file
from chatpaper.figures import FIGURES_VERSION
from chatpaper.models import FigureInfo
from chatpaper.paper import Paper
from chatpaper.pdf import PARSER_VERSION
from chatpaper.pdf.reader import PdfReader
from chatpaper.pipeline import locate, merge, stored_figures, with_arxiv_link
from chatpaper.settings import Settings

log = logging.getLogger("chatpaper.ask")

# Part of the cache key of a paper's passages: change it when passages or tables change (the parser's own changes
# are chatpaper.pdf.PARSER_VERSION, also in the key).
ASK_INDEX_VERSION = "2026-11-22.1"
# Papers whose BM25 index a process keeps built (each a few hundred kB).
KEPT_INDEXES = 16
NO_TEXT = (
    "这份 PDF 读不出文字（可能是没有文字层的扫描件），无法据此回答。 / No text could be read from the PDF (a scan "
    "without a text layer?): there is nothing to answer from."
)


class PaperPassages(BaseModel):
    """What the store keeps for one paper: its metadata lines for the prompt, its passages, its figure folder."""

    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    arxiv_id: str | None = None
    passages: list[Passage] = Field(default_factory=list)
    figure_dir: str | None = None

    def metadata(self) -> list[str]:
        lines = [f"Title: {self.title or 'unknown'}", f"Authors: {', '.join(self.authors[:30]) or 'unknown'}"]
        return lines + ([f"arXiv: {self.arxiv_id}"] if self.arxiv_id else [])

    def image_of(self, passage: Passage) -> Path | None:
        """The figure's image file, when it is still in the store."""
        if not passage.image or not self.figure_dir:
            return None
        path = Path(self.figure_dir) / passage.image
        return path if path.is_file() else None


class LoadedPaper:
    """A paper ready for questions: its passages and their BM25 index."""

    def __init__(self, key: str, passages: PaperPassages):
        self.key = key
        self.data = passages
        self.index = PassageIndex(passages.passages)


_KEPT: OrderedDict[str, LoadedPaper] = OrderedDict()
_KEPT_LOCK = threading.Lock()


def passages_of(reader: PdfReader, paper: Paper, figures: list[FigureInfo], max_pages: int) -> list[Passage]:
    """The passages of a parsed paper, from the page text its reader already holds (no second extraction)."""
    texts, tables = read_pages(reader.texts, min(max_pages, reader.doc.page_count))
    return build_passages(paper, texts, figures, tables)


def read_passages(path: Path, meta: Paper | None, store: Store, source_key: str, settings: Settings) -> PaperPassages:
    """Parse the PDF and cut it into passages; its figures come from the store (cut there first if needed)."""
    with PdfReader(path, settings.max_pages, settings.max_pdf_bytes) as reader:
        parsed = reader.paper()
        paper = merge(meta, parsed) if meta else with_arxiv_link(parsed)
        if not paper.has_text or (not paper.sections and not paper.abstract):
            raise InputError(NO_TEXT)
        figures, folder = stored_figures(
            store, source_key, settings, lambda limits: reader.iter_figures(settings.figure_dpi, limits)
        )
        passages = passages_of(reader, paper, figures, settings.max_pages)
    return PaperPassages(
        title=paper.title, authors=paper.authors, arxiv_id=paper.arxiv_id, passages=passages, figure_dir=str(folder)
    )


def load_paper(source: str | Path, settings: Settings) -> LoadedPaper:
    """The paper behind ``source`` (arXiv ID/URL or PDF path), ready for questions. The first question on a paper
    reads it; later ones (any process) take its passages from the store, and this process's index as built."""
    store = Store(settings.data_dir, settings.cache_bytes)
    source_key, meta, path = locate(source, settings, store)
    key = digest_key(
        "ask-index",
        source_key,
        sha256_file(path),
        ASK_INDEX_VERSION,
        PARSER_VERSION,
        FIGURES_VERSION,
        settings.max_pages,
        settings.figure_dpi,
        settings.max_figures,
        settings.max_figure_mb,
    )
    kept_as = f"{settings.data_dir.resolve()}:{key}"  # figure folders live in the data dir
    with _KEPT_LOCK:
        kept = _KEPT.get(kept_as)
        if kept is not None:
            _KEPT.move_to_end(kept_as)
            return kept
    saved = store.get_ask_index(key) if settings.use_cache else None
    if saved is not None:
        data = PaperPassages.model_validate(saved)
    else:
        data = read_passages(path, meta, store, source_key, settings)
        store.put_ask_index(key, data.model_dump())
        log.info("ask: %d passages from %s", len(data.passages), path.name)
    loaded = LoadedPaper(key, data)
    with _KEPT_LOCK:
        _KEPT[kept_as] = loaded
        while len(_KEPT) > KEPT_INDEXES:
            _KEPT.popitem(last=False)
    return loaded

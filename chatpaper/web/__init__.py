"""The web app (Gradio): ``build_app()`` returns the page; ``app.py`` launches it.

The page's pure helpers (``session``, ``cancel``, ``rate_limit``, ``recent``, ``figure_view``, ``footer``,
``run_folders``) import without Gradio, which takes about 3 s to import: the names below load ``ui`` (and Gradio)
on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chatpaper._lazy import lazy_exports

if TYPE_CHECKING:
    from chatpaper.web.ui import build_app, launch_options, run_digest

__all__ = ["build_app", "launch_options", "run_digest"]
__getattr__, __dir__ = lazy_exports(__name__, dict.fromkeys(__all__, "chatpaper.web.ui"))

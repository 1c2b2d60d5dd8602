"""The web app (Gradio): ``build_app()`` returns the page; ``app.py`` launches it.

The page's pure helpers (``session``, ``cancel``, ``rate_limit``, ``recent``, ``figure_view``, ``footer``,
``run_folders``) import without Gradio, which takes about 3 s to import: the names below load ``ui`` (and Gradio)
on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chatpaper.web.ui import build_app, launch_options, run_digest

__all__ = ["build_app", "launch_options", "run_digest"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from chatpaper.web import ui

        return getattr(ui, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The web app (Gradio): ``build_app()`` returns the page; ``app.py`` launches it."""

from .ui import build_app, run_digest

__all__ = ["build_app", "run_digest"]

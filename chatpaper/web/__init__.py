"""The web app (Gradio): ``build_app()`` returns the page; ``app.py`` launches it."""

from chatpaper.web.ui import build_app, launch_options, run_digest

__all__ = ["build_app", "launch_options", "run_digest"]

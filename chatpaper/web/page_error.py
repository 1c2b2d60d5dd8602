"""The one line a failed web run shows on the page."""

from __future__ import annotations

import logging

import gradio as gr

from chatpaper._errors import ChatPaperError
from chatpaper.web.session import error_message

log = logging.getLogger("chatpaper.web")


def page_error(what: str, exc: Exception) -> gr.Error:
    """The one line a failed run shows on the page. A bug of ours keeps its traceback in the server log, a
    ChatPaperError (bad input, a service down) is logged as its message."""
    if isinstance(exc, gr.Error):
        return exc
    if isinstance(exc, ChatPaperError):
        log.warning("%s failed: %s", what, error_message(exc))
    else:
        log.exception("%s failed unexpectedly", what)
    return gr.Error(error_message(exc), print_exception=False)

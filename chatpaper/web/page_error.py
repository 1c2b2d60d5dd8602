"""What a failed web run shows: two lines in the status area, where they stay until the next run, and the same
as one line in a toast (which stays until closed) and to API clients."""

from __future__ import annotations

import logging

import gradio as gr

from chatpaper._errors import ChatPaperError
from chatpaper.web.session import error_lines, error_message

log = logging.getLogger("chatpaper.web")


def page_error(what: str, exc: Exception) -> gr.Error:
    """The one line a failed run shows in a toast and to API clients. A bug of ours keeps its traceback in the
    server log, a ChatPaperError (bad input, a service down) is logged as its message and its kind."""
    if isinstance(exc, gr.Error):
        return exc
    if isinstance(exc, ChatPaperError):
        log.warning("%s failed (%s): %s", what, type(exc).__name__, exc)
    else:
        log.exception("%s failed unexpectedly", what)
    return gr.Error(error_message(exc), duration=None, title="出错了 / Error", print_exception=False)


def status_of_error(exc: Exception) -> str:
    """The status area's text for a failure: Chinese first, the English line under it."""
    if isinstance(exc, gr.Error):
        return f"❌ {exc.message}"
    zh, en = error_lines(exc)
    return f"❌ **{zh}**\n\n{en}"

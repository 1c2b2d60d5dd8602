"""One exception family. The CLI and the web app turn these into exit codes / gr.Error at the boundary."""

from __future__ import annotations


class ChatPaperError(Exception):
    """Base of every error ChatPaper raises on purpose. ``str(err)`` is one line, safe to show a user."""

    exit_code = 1

    def __init__(self, message: str):
        # Errors are shown to users verbatim: keep them to one line.
        super().__init__(" ".join(str(message).split()))


class InputError(ChatPaperError):
    """The user's input cannot be used (bad arXiv ID, not a PDF, unknown paper...)."""

    exit_code = 2


class ConfigError(InputError):
    """A setting is missing or wrong; the message names the setting to change."""


class UpstreamError(ChatPaperError):
    """arXiv or the LLM service failed after retries."""

    exit_code = 3


class StageError(UpstreamError):
    """One LLM stage failed (safety block, invalid output, service error)."""

    def __init__(self, stage: str, message: str):
        self.stage = stage
        super().__init__(f"{stage} stage failed: {message}")

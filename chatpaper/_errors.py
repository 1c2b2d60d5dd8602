"""One exception family. The CLI and the web app turn these into exit codes / gr.Error at the boundary."""

from __future__ import annotations

# Longest message an error carries: whatever value it quotes, a page or a log line stays readable.
MAX_MESSAGE_CHARS = 500


class ChatPaperError(Exception):
    """Base of every error ChatPaper raises on purpose. ``str(err)`` is one line, safe to show a user."""

    exit_code = 1

    def __init__(self, message: str):
        # Errors are shown to users verbatim: keep them to one line, and short.
        line = " ".join(str(message).split())
        if len(line) > MAX_MESSAGE_CHARS:
            line = line[: MAX_MESSAGE_CHARS - 1] + "…"
        super().__init__(line)


class InputError(ChatPaperError):
    """The user's input cannot be used (bad arXiv ID, not a PDF, unknown paper...)."""

    exit_code = 2


class ConfigError(InputError):
    """A setting is missing or wrong; the message names the setting to change."""


class StorageError(ChatPaperError):
    """The disk or the cache database failed (full, read-only, damaged); the message names the path and what
    to do."""


class UpstreamError(ChatPaperError):
    """arXiv or the LLM service failed after retries."""

    exit_code = 3


class StageError(UpstreamError):
    """One LLM stage failed (safety block, invalid output, service error)."""

    def __init__(self, stage: str, message: str):
        self.stage = stage
        super().__init__(f"{stage} stage failed: {message}")

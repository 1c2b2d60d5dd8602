"""ChatPaper: a faithful Chinese digest of an arXiv paper or a PDF."""

from ._errors import ChatPaperError, ConfigError, InputError, StageError, UpstreamError

__all__ = ["ChatPaperError", "ConfigError", "InputError", "StageError", "UpstreamError"]

"""ChatPaper: a faithful Chinese digest of an arXiv paper or a PDF.

    >>> from chatpaper import digest, render_markdown
    >>> d = digest("1512.03385")            # arXiv ID/URL or a PDF path
    >>> print(render_markdown(d))
"""

from ._errors import ChatPaperError, ConfigError, InputError, StageError, UpstreamError
from .paper import Paper, Section
from .pdf import parse_pdf
from .pipeline import Progress, digest, iter_digest
from .render import render_markdown
from .schemas import Digest
from .settings import Settings

__all__ = ["ChatPaperError", "ConfigError", "Digest", "InputError", "Paper", "Progress", "Section", "Settings",
           "StageError", "UpstreamError", "digest", "iter_digest", "parse_pdf", "render_markdown"]

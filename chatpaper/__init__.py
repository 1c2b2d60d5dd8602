"""ChatPaper: a faithful Chinese digest of an arXiv paper or a PDF.

>>> from chatpaper import digest, render_markdown
>>> d = digest("1512.03385")            # arXiv ID/URL or a PDF path
>>> print(render_markdown(d))
"""

import sys

# PyMuPDF 2 imports its ONNX page-layout model on `import pymupdf` when pymupdf-layout is installed (it is a
# dependency): 0.9 s and 55 MB in every process. Only Page.get_layout() uses it, and ChatPaper never calls
# that, so the import is declined (a None entry makes `import pymupdf.layout` raise ImportError, which
# pymupdf catches). pymupdf4llm, which pymupdf also imports when installed (for its to_markdown aliases, with
# numpy: 0.27 s of every CLI start), is declined the same way. A process that imported pymupdf before
# ChatPaper keeps what it has.
if "pymupdf" not in sys.modules:
    sys.modules.setdefault("pymupdf.layout", None)  # type: ignore[arg-type]
    sys.modules.setdefault("pymupdf4llm", None)  # type: ignore[arg-type]

from typing import TYPE_CHECKING

from chatpaper._errors import ChatPaperError, ConfigError, InputError, StageError, UpstreamError
from chatpaper._lazy import lazy_exports

# The ask package is light to import (it loads its parts when a question is asked); the function is bound here
# because the subpackage has its name (see ``lazy_exports``).
from chatpaper.ask import ask

if TYPE_CHECKING:
    from chatpaper.ask import AskResult
    from chatpaper.models import Digest
    from chatpaper.paper import Paper, Section
    from chatpaper.pdf import parse_pdf
    from chatpaper.pipeline import Progress, digest, iter_digest
    from chatpaper.render.markdown import render_markdown
    from chatpaper.settings import Settings

# The rest of the public API, imported on first use: ``python -m chatpaper --help``, a bad argument or a bad
# setting need none of it, and a digest needs no ask.
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "AskResult": "chatpaper.ask",
        "Digest": "chatpaper.models",
        "Paper": "chatpaper.paper",
        "Section": "chatpaper.paper",
        "parse_pdf": "chatpaper.pdf",
        "Progress": "chatpaper.pipeline",
        "digest": "chatpaper.pipeline",
        "iter_digest": "chatpaper.pipeline",
        "render_markdown": "chatpaper.render.markdown",
        "Settings": "chatpaper.settings",
    },
)

__all__ = [
    "AskResult",
    "ChatPaperError",
    "ConfigError",
    "Digest",
    "InputError",
    "Paper",
    "Progress",
    "Section",
    "Settings",
    "StageError",
    "UpstreamError",
    "ask",
    "digest",
    "iter_digest",
    "parse_pdf",
    "render_markdown",
]

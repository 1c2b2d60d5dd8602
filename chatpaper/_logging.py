"""Log setup shared by the command line and the web app."""

from __future__ import annotations

import logging
import sys

# Client libraries log every HTTP request at INFO; their warnings still show.
_NOISY = ("httpx", "httpx2", "google_genai", "arxiv", "urllib3", "openai")


def setup_logging(level: int = logging.INFO) -> None:
    from chatpaper.backends.base import RedactSecrets

    logging.basicConfig(level=level, format="chatpaper: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:  # whatever logs a key, the output shows ***
        handler.addFilter(RedactSecrets())
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)

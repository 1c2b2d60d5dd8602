"""What the browser tests share: Debian's headless Chromium (no browser download) and the page's fixed texts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: without the background-networking ones Chromium keeps dialling Google.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SOURCE_LABEL = "arXiv 编号或链接 / arXiv ID or URL"
DONE = "✅ 完成 / done"  # the status line (the progress bar says "完成 / done" too, hidden)

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (.ci/run installs it)"
)

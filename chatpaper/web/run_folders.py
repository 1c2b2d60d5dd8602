"""Each web run's own folder under the temp dir (Gradio serves it): made at the start, kept while the run lasts,
removed RUN_FILES_TTL after its last use; and the free-disk check that refuses new work on a nearly full disk."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from chatpaper.files import check_free_space
from chatpaper.settings import Settings

# Each run's downloads live in their own folder under the temp dir, removed this many seconds after their last
# use; folders of runs still in progress are never removed.
RUN_FILES_TTL = 3600
# Run folders of this process's runs in progress: pruning skips them however old they are.
_LIVE_RUNS: set[Path] = set()
_LIVE_LOCK = threading.Lock()


def runs_root() -> Path:
    """The folder of run folders, with those older than RUN_FILES_TTL removed. Runs call this at once, so
    two may meet over the same old folder: whoever comes second finds it gone, which is fine."""
    root = Path(tempfile.gettempdir()) / "chatpaper-web"
    root.mkdir(parents=True, exist_ok=True)
    now = time.time()
    with _LIVE_LOCK:
        live = set(_LIVE_RUNS)
    for old in root.iterdir():
        if old in live:
            continue
        try:
            expired = now - old.stat().st_mtime > RUN_FILES_TTL
        except FileNotFoundError:
            continue
        if expired:
            shutil.rmtree(old, ignore_errors=True)
    return root


def start_run_folder() -> Path:
    """A new run folder, kept from pruning until ``end_run_folder``, however long the run takes."""
    folder = Path(tempfile.mkdtemp(dir=runs_root()))
    with _LIVE_LOCK:
        _LIVE_RUNS.add(folder)
    return folder


def end_run_folder(folder: Path | None) -> None:
    """The run is over: its folder may be pruned RUN_FILES_TTL from now (age counts from the last use)."""
    if folder is None:
        return
    with _LIVE_LOCK:
        _LIVE_RUNS.discard(folder)
    with contextlib.suppress(FileNotFoundError):
        os.utime(folder)


def refuse_when_disk_is_short(settings: Settings) -> None:
    """New work is refused, with one line, while the data dir's or the run folders' disk is nearly full."""
    check_free_space([settings.data_dir, runs_root()], settings.min_free_disk_bytes)

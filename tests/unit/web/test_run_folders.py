"""Issue #17 row 13: pruning never removes the folder of a run in progress, however long it runs; the age of a
finished run's folder counts from its end."""

from __future__ import annotations

import os
import time

from chatpaper.web import run_folders


def _age(path, seconds):
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_a_live_run_folder_survives_pruning_and_ages_from_its_end(tmp_path, monkeypatch):
    monkeypatch.setattr(run_folders.tempfile, "gettempdir", lambda: str(tmp_path))
    live = run_folders.start_run_folder()
    (live / "images").mkdir()
    _age(live, run_folders.RUN_FILES_TTL + 600)  # a daily run started more than an hour ago
    run_folders.runs_root()  # another user's run starts and prunes
    assert live.is_dir() and (live / "images").is_dir()

    run_folders.end_run_folder(live)  # the run ends: its downloads stay for another RUN_FILES_TTL
    run_folders.runs_root()
    assert live.is_dir()
    _age(live, run_folders.RUN_FILES_TTL + 60)
    run_folders.runs_root()
    assert not live.exists()


def test_ending_a_run_whose_folder_is_gone_is_fine(tmp_path, monkeypatch):
    monkeypatch.setattr(run_folders.tempfile, "gettempdir", lambda: str(tmp_path))
    folder = run_folders.start_run_folder()
    folder.rmdir()
    run_folders.end_run_folder(folder)
    run_folders.end_run_folder(None)

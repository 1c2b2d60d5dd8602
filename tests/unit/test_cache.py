"""Issue #17 rows 5, 6, 7: the cache survives killed runs, damaged databases and concurrent eviction."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from chatpaper._errors import StorageError
from chatpaper.cache import ORPHAN_SECONDS, Store


def _age(path, seconds):
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_leftovers_of_a_killed_run_are_swept_but_live_writes_are_not(tmp_path):
    store = Store(tmp_path)
    kept = store.put_figures("kept", [({"file": "figure-1.png"}, b"png")])
    orphan = store.figure_dir("orphan")  # written, never recorded: the run was killed before the row
    orphan.mkdir(parents=True)
    (orphan / "figure-1.png").write_bytes(b"x" * 1000)
    old_part = store.pdf_dir / "abc.part"
    old_part.write_bytes(b"half a pdf")
    live_part = store.pdf_dir / "live.part"  # another process writing right now
    live_part.write_bytes(b"being written")
    stale_in_set = kept / ".figure-2.png.x.part"
    stale_in_set.write_bytes(b"half")
    for path in (orphan, old_part, stale_in_set):
        _age(path, ORPHAN_SECONDS + 60)

    removed = store.sweep()

    assert set(removed) == {orphan, old_part, stale_in_set}
    assert live_part.exists() and (kept / "figure-1.png").exists()
    assert store.get_figures("kept") == [{"file": "figure-1.png"}]


def test_a_failed_figure_write_leaves_no_part_files_and_no_row(tmp_path):
    store = Store(tmp_path)
    # The second item names a folder path that cannot be created as a file: the write fails half-way.
    items = [({"file": "figure-1.png"}, b"png"), ({"file": "missing/figure-2.png"}, b"png")]
    with pytest.raises(StorageError, match="cannot write .*figure-2.png"):
        store.put_figures("k", items)
    assert not store.figure_dir("k").exists()
    assert store.get_figures("k") is None


def test_eviction_spares_entries_a_run_used_recently(tmp_path):
    store = Store(tmp_path)
    store.put_figures("a", [({"file": "f.png"}, b"a" * 1000)])
    store.put_figures("b", [({"file": "f.png"}, b"b" * 1000)])
    assert store.evict(1000) == []  # "a" was just stored: a run is about to copy it out
    assert store.figure_dir("a").is_dir()
    assert store.evict(1000, in_use_seconds=0) == ["figures/a"]  # once unused, the bound holds again
    assert store.get_figures("a") is None and store.get_figures("b") is not None


@pytest.mark.parametrize("damage", ["random", "truncated"])
def test_a_damaged_database_is_moved_aside_and_a_fresh_one_started(tmp_path, damage, caplog):
    store = Store(tmp_path)
    store.put_meta("m", {"x": 1})
    data = store.db.read_bytes()
    store.db.write_bytes(os.urandom(8192) if damage == "random" else data[:100])
    for extra in ("-wal", "-shm"):
        store.db.with_name(store.db.name + extra).unlink(missing_ok=True)

    fresh = Store(tmp_path)

    assert fresh.get_meta("m", None) is None
    fresh.put_meta("m", {"x": 2})
    assert fresh.get_meta("m", None) == {"x": 2}
    assert list(tmp_path.glob("chatpaper.sqlite3.damaged-*"))
    assert "moved it to" in caplog.text


def test_a_database_that_is_a_folder_is_one_line_naming_it(tmp_path):
    (tmp_path / "chatpaper.sqlite3").mkdir()
    with pytest.raises(StorageError, match=r"chatpaper\.sqlite3 is not a file: remove it or set CHATPAPER_DATA_DIR"):
        Store(tmp_path)


def test_database_errors_name_the_file_and_what_to_do(tmp_path):
    from chatpaper.cache import _database_error

    db = tmp_path / "chatpaper.sqlite3"
    cases = {
        sqlite3.OperationalError("attempt to write a readonly database"): "is read-only",
        sqlite3.OperationalError("database or disk is full"): "disk is full",
        sqlite3.OperationalError("unable to open database file"): "cannot be opened",
        sqlite3.DatabaseError("database disk image is malformed"): "is damaged",
    }
    for exc, what in cases.items():
        message = str(_database_error(exc, db))
        assert str(db) in message and what in message


def test_a_database_that_stays_locked_still_fails_with_one_line(tmp_path, monkeypatch):
    """The retry is bounded: a lock that never goes away is the usual one-line error, after BUSY_SECONDS."""
    import chatpaper.cache as cache

    store = Store(tmp_path)
    monkeypatch.setattr(cache, "BUSY_SECONDS", 0.05)
    holder = sqlite3.connect(store.db)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("INSERT INTO meta VALUES ('k', '{}', 0)")
    holder.commit()  # the exclusive lock stays with the connection
    try:
        with pytest.raises(StorageError, match="is locked by another process: try again"):
            store.get_meta("k", None)
    finally:
        holder.close()

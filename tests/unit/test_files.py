"""Writes that succeed wholly or leave nothing, and name the path when they fail (issue #17 rows 5 and 18)."""

from __future__ import annotations

import errno

import pytest

from chatpaper._errors import StorageError
from chatpaper.files import check_free_space, copy_atomic, part_file, storage_error, write_atomic


def test_a_failing_write_leaves_no_part_file_and_no_target(tmp_path):
    target = tmp_path / "figure-1.png"
    with pytest.raises(RuntimeError), part_file(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("the disk filled up")
    assert list(tmp_path.iterdir()) == []


def test_an_os_error_inside_names_the_target(tmp_path):
    target = tmp_path / "out" / "digest.md"  # its folder does not exist
    with pytest.raises(StorageError, match=f"cannot write {target}"):
        write_atomic(target, "text")


def test_write_and_copy_replace_the_target_whole(tmp_path):
    source = write_atomic(tmp_path / "a.bin", b"new bytes")
    target = write_atomic(tmp_path / "b.bin", b"old")
    copy_atomic(source, target)
    assert target.read_bytes() == b"new bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", "b.bin"]


def test_a_missing_source_is_not_blamed_on_the_target(tmp_path):
    with pytest.raises(FileNotFoundError):
        copy_atomic(tmp_path / "gone.png", tmp_path / "copy.png")
    assert list(tmp_path.iterdir()) == []


def test_disk_errors_say_what_to_do():
    full = storage_error(OSError(errno.ENOSPC, "No space left on device"), "/data/x")
    assert str(full) == "cannot write /data/x: the disk is full: free some space"
    assert "read-only" in str(storage_error(OSError(errno.EROFS, "Read-only file system"), "/x"))


def test_the_free_space_floor(tmp_path):
    check_free_space([tmp_path, tmp_path / "not" / "made" / "yet"], 1)
    check_free_space([tmp_path], 0)
    with pytest.raises(StorageError, match="low on disk space"):
        check_free_space([tmp_path], 2**62)

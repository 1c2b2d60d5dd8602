"""Writing files so that a failure leaves nothing behind and says where it happened.

Every write goes to a ``.part`` file next to its target and is renamed into place; on any error (a full disk,
Ctrl-C) the ``.part`` is removed and an OSError becomes a one-line StorageError naming the target."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from chatpaper._errors import StorageError

PART_SUFFIX = ".part"
# What to do about the usual disk failures, by errno.
_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space",
    errno.EDQUOT: "the disk quota is used up: free some space",
    errno.EROFS: "the file system is read-only: choose a writable folder",
    errno.EACCES: "permission denied: choose a folder you can write to",
    errno.EPERM: "permission denied: choose a folder you can write to",
    errno.ENAMETOOLONG: "the file name is too long",
}


def storage_error(exc: OSError, path: Path | str) -> StorageError:
    """One line for a failed write: the path and what to do."""
    advice = _ADVICE.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return StorageError(f"cannot write {path}: {advice}")


@contextmanager
def writing(path: Path | str) -> Iterator[None]:
    """Turn an OSError inside the block into a StorageError naming ``path``."""
    try:
        yield
    except StorageError:
        raise
    except OSError as exc:
        raise storage_error(exc, path) from None


@contextmanager
def part_file(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target``; renamed onto it when the block ends, removed if the block fails."""
    target = Path(target)
    with writing(target):
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.", suffix=PART_SUFFIX)
        os.close(fd)
        try:
            yield Path(tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def write_atomic(target: Path, data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8) to ``target`` completely or not at all."""
    with part_file(target) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return target


def copy_atomic(source: Path, target: Path) -> Path:
    """Copy a file to ``target`` completely or not at all. A missing source stays a FileNotFoundError (the
    caller may know how to make it again); a failing target is a StorageError naming it."""
    # The source is opened first: a missing source is not the target's fault.
    with open(source, "rb") as src, part_file(target) as tmp, open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return target


def check_free_space(paths: list[Path], floor_bytes: int) -> None:
    """A StorageError if the disk of any of ``paths`` has less than ``floor_bytes`` free (0: no check)."""
    if floor_bytes <= 0:
        return
    for path in paths:
        probe = Path(path)
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        free = shutil.disk_usage(probe).free
        if free < floor_bytes:
            raise StorageError(
                f"the server is low on disk space ({free // 2**20} MB free under {path}, "
                f"{floor_bytes // 2**20} MB needed): try again later"
            )

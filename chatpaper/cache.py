"""SQLite store under CHATPAPER_DATA_DIR: arXiv metadata, downloaded PDFs, stage results, finished digests.

Keys are built from paper identity and settings only; API keys never reach this module."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from chatpaper._errors import StorageError
from chatpaper.files import PART_SUFFIX, write_atomic, writing

log = logging.getLogger("chatpaper.cache")

# Eviction spares files used this recently: a run stores a figure set, then copies it out minutes later
# (after its LLM calls), and another process's eviction must not remove it in between. The bound may be
# exceeded by what was used within this window.
IN_USE_SECONDS = 3600
# Leftovers of a killed run (``.part`` files, figure folders never recorded) older than this are removed when
# a process first opens the store; younger ones may be another run's writes in progress.
ORPHAN_SECONDS = 3600
# How long an operation waits for another connection's lock before failing with "locked": SQLite's busy timeout,
# and the bound on retrying a connection's opening (see ``Store._connect``).
BUSY_SECONDS = 30
# Data dirs swept by this process already: once per process is enough.
_SWEPT: set[Path] = set()
_SWEEP_LOCK = threading.Lock()

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, json TEXT NOT NULL, saved REAL NOT NULL);
CREATE TABLE IF NOT EXISTS pdfs (key TEXT PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL,
                                 bytes INTEGER NOT NULL, saved REAL NOT NULL);
CREATE TABLE IF NOT EXISTS stages (digest_key TEXT NOT NULL, stage TEXT NOT NULL, json TEXT NOT NULL,
                                   saved REAL NOT NULL, PRIMARY KEY (digest_key, stage));
CREATE TABLE IF NOT EXISTS digests (key TEXT PRIMARY KEY, json TEXT NOT NULL, saved REAL NOT NULL,
                                    used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS figures (key TEXT PRIMARY KEY, json TEXT NOT NULL, saved REAL NOT NULL);
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, bytes INTEGER NOT NULL, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS ask_indexes (key TEXT PRIMARY KEY, json TEXT NOT NULL, saved REAL NOT NULL);
CREATE TABLE IF NOT EXISTS published (topic TEXT NOT NULL, arxiv_id TEXT NOT NULL, post TEXT NOT NULL,
                                      saved REAL NOT NULL, PRIMARY KEY (topic, arxiv_id));
"""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Hash a file in chunks: the cache key of a local PDF without holding the file in memory."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def digest_key(*parts: object) -> str:
    """A stable key from paper identity and the settings that change the digest."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


class Store:
    """``max_bytes`` bounds the PDFs and figure images kept: the least recently used go first (0: no bound).
    Metadata, stage results and digests are small rows and stay."""

    def __init__(self, data_dir: Path, max_bytes: int = 0):
        self.max_bytes = max_bytes
        self.dir = Path(data_dir)
        self.pdf_dir = self.dir / "pdfs"
        with writing(self.pdf_dir):
            self.pdf_dir.mkdir(parents=True, exist_ok=True)
        self.db = self.dir / "chatpaper.sqlite3"
        self._open()
        with _SWEEP_LOCK:
            first = self.dir.resolve() not in _SWEPT
            _SWEPT.add(self.dir.resolve())
        if first:
            self.sweep()

    def _open(self) -> None:
        """Create the tables. A file that is not an SQLite database (damaged, truncated, overwritten) is moved
        aside and a fresh cache started: it only holds what can be fetched or computed again."""
        if self.db.exists() and not self.db.is_file():
            raise StorageError(
                f"the cache database {self.db} is not a file: remove it or set CHATPAPER_DATA_DIR to another folder"
            )
        try:
            with self._conn() as c:
                c.executescript(_SCHEMA)
                c.execute("SELECT COUNT(*) FROM files").fetchone()
        except StorageError as exc:
            if not isinstance(exc.__cause__, sqlite3.DatabaseError) or isinstance(
                exc.__cause__, sqlite3.OperationalError
            ):
                raise
            aside = self.db.with_name(f"{self.db.name}.damaged-{int(time.time())}")
            with writing(aside):
                self.db.rename(aside)
                for extra in ("-wal", "-shm"):
                    self.db.with_name(self.db.name + extra).unlink(missing_ok=True)
            log.warning("the cache database was damaged; moved it to %s and started a fresh one", aside)
            with self._conn() as c:
                c.executescript(_SCHEMA)

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        # One short-lived connection per operation: safe across threads (web app) and processes (CLI runs).
        try:
            conn = self._connect()
            try:
                with conn:
                    yield conn
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise _database_error(exc, self.db) from exc

    def _connect(self) -> sqlite3.Connection:
        """A connection in WAL mode. Switching a new database file to WAL takes a lock that SQLite does not wait
        for: while another connection holds it, ``PRAGMA journal_mode=WAL`` fails at once with "database is
        locked" instead of waiting out the busy timeout (two first runs on a fresh data dir did). So opening is
        retried, with a growing pause, for up to ``BUSY_SECONDS``; every later statement waits in SQLite."""
        deadline = time.monotonic() + BUSY_SECONDS
        pause = 0.001
        while True:
            conn = sqlite3.connect(self.db, timeout=BUSY_SECONDS)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                return conn
            except sqlite3.OperationalError as exc:
                conn.close()
                if not _is_busy(exc) or time.monotonic() + pause > deadline:
                    raise
            except BaseException:
                conn.close()
                raise
            time.sleep(pause)
            pause = min(2 * pause, 0.1)

    # -- arXiv metadata
    def get_meta(self, key: str, max_age: float | None) -> dict | None:
        with self._conn() as c:
            row = c.execute("SELECT json, saved FROM meta WHERE key=?", (key,)).fetchone()
        if not row or (max_age is not None and time.time() - row[1] > max_age):
            return None
        return json.loads(row[0])

    def put_meta(self, key: str, data: dict) -> None:
        with self._conn() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES (?,?,?)", (key, json.dumps(data), time.time()))

    # -- PDFs
    def get_pdf(self, key: str) -> Path | None:
        with self._conn() as c:
            row = c.execute("SELECT file FROM pdfs WHERE key=?", (key,)).fetchone()
        if row and (self.pdf_dir / row[0]).is_file():
            self._touch(f"pdfs/{row[0]}")
            return self.pdf_dir / row[0]
        return None

    def put_pdf(self, key: str, data: bytes) -> Path:
        digest = sha256(data)
        path = self.pdf_dir / f"{digest}.pdf"
        if not path.exists():
            write_atomic(path, data)  # never a half-written PDF under the final name
        with self._conn() as c:
            c.execute(
                "INSERT OR REPLACE INTO pdfs VALUES (?,?,?,?,?)", (key, path.name, digest, len(data), time.time())
            )
        self._track(f"pdfs/{path.name}", len(data))
        return path

    # -- stage results (a rerun resumes from them) and finished digests
    def get_stage(self, key: str, stage: str) -> dict | None:
        with self._conn() as c:
            row = c.execute("SELECT json FROM stages WHERE digest_key=? AND stage=?", (key, stage)).fetchone()
        return json.loads(row[0]) if row else None

    def put_stage(self, key: str, stage: str, data: dict) -> None:
        with self._conn() as c:
            c.execute("INSERT OR REPLACE INTO stages VALUES (?,?,?,?)", (key, stage, json.dumps(data), time.time()))

    # -- figure images: files under figures/<key>/, their list in the table
    def figure_dir(self, key: str) -> Path:
        return self.dir / "figures" / key

    def get_figures(self, key: str) -> list[dict] | None:
        """The stored figure list, or None if it was never stored or a file has gone missing."""
        with self._conn() as c:
            row = c.execute("SELECT json FROM figures WHERE key=?", (key,)).fetchone()
        if not row:
            return None
        listed = json.loads(row[0])
        folder = self.figure_dir(key)
        if not all((folder / f["file"]).is_file() for f in listed):
            return None
        self._touch(f"figures/{key}")
        return listed

    def put_figures(self, key: str, items: Iterable[tuple[dict, bytes]]) -> Path:
        """Store figure images (each dict names its ``file``) as ``items`` yields them: a lazy ``items`` is
        written one image at a time and none is held after it is written. Returns their folder."""
        folder = self.figure_dir(key)
        infos: list[dict] = []
        size = 0
        try:
            with writing(folder):
                folder.mkdir(parents=True, exist_ok=True)
            for info, data in items:
                write_atomic(folder / info["file"], data)
                infos.append(info)
                size += len(data)
        except BaseException:  # a half-written set is never recorded: remove it now, not at the next sweep
            shutil.rmtree(folder, ignore_errors=True)
            raise
        with self._conn() as c:
            c.execute("INSERT OR REPLACE INTO figures VALUES (?,?,?)", (key, json.dumps(infos), time.time()))
        self._track(f"figures/{key}", size)
        return folder

    # -- size bound
    def _touch(self, name: str) -> None:
        with self._conn() as c:
            c.execute("UPDATE files SET used=? WHERE name=?", (time.time(), name))

    def _track(self, name: str, size: int) -> None:
        with self._conn() as c:
            c.execute("INSERT OR REPLACE INTO files VALUES (?,?,?)", (name, size, time.time()))
        if self.max_bytes:
            self.evict(self.max_bytes)

    def size(self) -> int:
        with self._conn() as c:
            return int(c.execute("SELECT COALESCE(SUM(bytes), 0) FROM files").fetchone()[0])

    def evict(self, max_bytes: int, in_use_seconds: float | None = None) -> list[str]:
        """Remove least recently used PDFs and figure sets until the rest fit in ``max_bytes``. The newest entry
        and every entry used within ``in_use_seconds`` (default IN_USE_SECONDS) stay, even over the bound: a
        run may be about to copy them. It cannot see a run that keeps an entry longer than that unused."""
        removed: list[str] = []
        recent = time.time() - (IN_USE_SECONDS if in_use_seconds is None else in_use_seconds)
        with self._conn() as c:
            rows = c.execute("SELECT name, bytes, used FROM files ORDER BY used DESC").fetchall()
            total = sum(size for _, size, _ in rows)
            for name, size, used in reversed(rows[1:]):
                if total <= max_bytes or used >= recent:
                    break
                kind, _, rest = name.partition("/")
                if kind == "pdfs":
                    (self.pdf_dir / rest).unlink(missing_ok=True)
                    c.execute("DELETE FROM pdfs WHERE file=?", (rest,))
                else:
                    shutil.rmtree(self.figure_dir(rest), ignore_errors=True)
                    c.execute("DELETE FROM figures WHERE key=?", (rest,))
                c.execute("DELETE FROM files WHERE name=?", (name,))
                total -= size
                removed.append(name)
        return removed

    def sweep(self, older_than: float = ORPHAN_SECONDS) -> list[Path]:
        """Remove what killed runs left: ``.part`` files, and figure folders the table does not list, older
        than ``older_than`` seconds (younger ones may be a live run's writes). Returns what was removed."""
        cutoff = time.time() - older_than
        removed: list[Path] = []
        figures = self.dir / "figures"
        with self._conn() as c:
            known = {r[0] for r in c.execute("SELECT key FROM figures")}
        candidates = list(self.pdf_dir.glob(f"*{PART_SUFFIX}"))
        if figures.is_dir():
            candidates += [p for p in figures.iterdir() if p.name not in known]
            candidates += [p for p in figures.glob(f"*/*{PART_SUFFIX}")]
        for path in candidates:
            try:
                if path.stat().st_mtime > cutoff:
                    continue
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except FileNotFoundError:
                continue  # another process swept it first
            except OSError as exc:
                log.warning("could not remove the leftover %s: %s", path, exc.strerror)
                continue
            removed.append(path)
        if removed:
            log.info("removed %d leftovers of interrupted runs from %s", len(removed), self.dir)
        return removed

    # -- a paper's passages for questions (ask/), so a second question costs no parsing
    def get_ask_index(self, key: str) -> dict | None:
        with self._conn() as c:
            row = c.execute("SELECT json FROM ask_indexes WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_ask_index(self, key: str, data: dict) -> None:
        with self._conn() as c:
            c.execute("INSERT OR REPLACE INTO ask_indexes VALUES (?,?,?)", (key, json.dumps(data), time.time()))

    # -- papers already in a daily post, per topic
    def published(self, topic: str) -> set[str]:
        with self._conn() as c:
            return {r[0] for r in c.execute("SELECT arxiv_id FROM published WHERE topic=?", (topic,))}

    def mark_published(self, topic: str, arxiv_ids: list[str], post: str) -> None:
        with self._conn() as c:
            c.executemany(
                "INSERT OR REPLACE INTO published VALUES (?,?,?,?)", [(topic, i, post, time.time()) for i in arxiv_ids]
            )

    def get_digest(self, key: str) -> dict | None:
        with self._conn() as c:
            row = c.execute("SELECT json FROM digests WHERE key=?", (key,)).fetchone()
            if row:
                c.execute("UPDATE digests SET used=? WHERE key=?", (time.time(), key))
        return json.loads(row[0]) if row else None

    def recent_digests(self, limit: int) -> list[tuple[dict, float]]:
        """The newest finished digests and when each was saved (epoch seconds), newest first."""
        with self._conn() as c:
            rows = c.execute("SELECT json, saved FROM digests ORDER BY saved DESC LIMIT ?", (limit,)).fetchall()
        return [(json.loads(text), saved) for text, saved in rows]

    def put_digest(self, key: str, data: dict) -> None:
        """Store a finished digest. Callers store only complete digests."""
        now = time.time()
        with self._conn() as c:
            c.execute("INSERT OR REPLACE INTO digests VALUES (?,?,?,?)", (key, json.dumps(data), now, now))


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite refused because another connection holds a lock (SQLITE_BUSY, SQLITE_LOCKED)."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _database_error(exc: sqlite3.Error, db: Path) -> StorageError:
    """One line for a failing cache database: which file, what is wrong, what to do."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        what = "is read-only: make it and its folder writable, or set CHATPAPER_DATA_DIR to another folder"
    elif "disk is full" in text or "disk i/o" in text:
        what = "cannot be written: the disk is full; free some space"
    elif "unable to open" in text:
        what = "cannot be opened: check that its folder exists and is writable, or set CHATPAPER_DATA_DIR"
    elif _is_busy(exc):
        what = "is locked by another process: try again"
    elif isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        what = "is damaged: delete it (it is only a cache) and run again"
    else:
        what = f"failed ({exc}): delete it (it is only a cache) or set CHATPAPER_DATA_DIR"
    return StorageError(f"the cache database {db} {what}")

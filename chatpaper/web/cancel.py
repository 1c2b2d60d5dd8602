"""取消 / Cancel for a web run: each page session's run has an Event the Cancel button sets, and the run reads
the pipeline's progress through a thread so that it notices the click at once, not after the model call in
flight (that call's answer is discarded: the page shows the digest as it was at the click)."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

_RUNS: dict[str, threading.Event] = {}
_LOCK = threading.Lock()
_END = object()
# How often a waiting run looks at its cancel event: the click takes effect within this many seconds.
POLL_SECONDS = 0.2


_ASKED: dict[str, float] = {}  # session -> when its latest run was asked for (the click), until the run starts
_CANCELLED_WAITING: dict[str, float] = {}  # session -> when Cancel was clicked while that run waited in the queue


def run_asked(session: str) -> None:
    """The visitor asked for a run (it may wait in the queue): a Cancel from now on cancels it."""
    if session:
        with _LOCK:
            _ASKED[session] = time.monotonic()
            _CANCELLED_WAITING.pop(session, None)


def start_run(session: str) -> threading.Event:
    """A fresh cancel event for this session's new run (a session runs one paper at a time); already set when
    Cancel was clicked while the run waited in the queue."""
    event = threading.Event()
    if session:
        with _LOCK:
            _RUNS[session] = event
            asked, cancelled = _ASKED.pop(session, None), _CANCELLED_WAITING.pop(session, None)
        if asked is not None and cancelled is not None and cancelled >= asked:
            event.set()
    return event


def end_run(session: str, event: threading.Event) -> None:
    event.set()  # whatever still runs for it (a client that left) starts no further model call
    with _LOCK:
        if _RUNS.get(session) is event:
            del _RUNS[session]


def cancel_run(session: str) -> bool:
    """Set the session's run's cancel event; False when it has no run in progress (one still waiting in the
    queue starts cancelled)."""
    with _LOCK:
        event = _RUNS.get(session)
        if event is None and session in _ASKED:  # the run still waits in the queue: it will start cancelled
            _CANCELLED_WAITING[session] = time.monotonic()
    if event is None:
        return False
    event.set()
    return True


def until_cancelled(items: Iterator[T], cancel: threading.Event, tick: float) -> Iterator[T | None]:
    """``items``, read in a thread, with None every ``tick`` seconds without one (for a clock on the page); stops
    as soon as ``cancel`` is set. The thread reads on to the end by itself (the pipeline, given the same event,
    stops after its call in flight); an exception of ``items`` is raised here."""
    box: queue.Queue[object] = queue.Queue()

    def read() -> None:
        try:
            for item in items:
                box.put(item)
        except BaseException as exc:  # handed to the reader
            box.put(exc)
        box.put(_END)

    threading.Thread(target=read, name="chatpaper-web-run", daemon=True).start()
    last = time.monotonic()
    while not cancel.is_set():
        try:
            item = box.get(timeout=min(tick, POLL_SECONDS))
        except queue.Empty:
            if time.monotonic() - last >= tick:
                last = time.monotonic()
                yield None
            continue
        last = time.monotonic()
        if item is _END:
            return
        if isinstance(item, BaseException):
            raise item
        if not cancel.is_set():
            yield item  # type: ignore[misc]

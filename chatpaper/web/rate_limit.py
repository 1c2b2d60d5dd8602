"""Runs per minute per session, for every endpoint of the page: a visitor (or a script) cannot queue up the
server's key or CPU faster than a reader would. Pure apart from the clock; one limiter per endpoint name.

Use in a handler: ``check_rate("digest", request, settings.runs_per_minute)`` before the run starts; it raises an
InputError (one line, Chinese first) when this session is over the limit.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from chatpaper._errors import InputError
from chatpaper.settings import RUNS_PER_MINUTE

__all__ = ["RUNS_PER_MINUTE", "WINDOW_SECONDS", "RateLimiter", "check_rate"]
# The window RUNS_PER_MINUTE (CHATPAPER_RUNS_PER_MINUTE; 0: no limit) counts runs in.
WINDOW_SECONDS = 60.0


class RateLimiter:
    """Start times of each session's recent runs; a run is allowed while fewer than ``limit`` fall in the window."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._runs: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, session: str, limit: int) -> float:
        """0.0 and the run is counted, or the seconds until this session may start another run."""
        if limit <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            runs = self._runs.setdefault(session, deque())
            while runs and now - runs[0] >= WINDOW_SECONDS:
                runs.popleft()
            if len(runs) >= limit:
                return WINDOW_SECONDS - (now - runs[0])
            runs.append(now)
            for other in [s for s, r in self._runs.items() if r and now - r[-1] >= WINDOW_SECONDS]:
                del self._runs[other]  # sessions idle for a whole window hold nothing
            return 0.0


_LIMITERS: dict[str, RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def limiter(endpoint: str) -> RateLimiter:
    with _LIMITERS_LOCK:
        return _LIMITERS.setdefault(endpoint, RateLimiter())


def session_of(request: Any) -> str:
    """The Gradio session (each page load, each API client); its address when there is none."""
    if request is None:
        return ""
    session = getattr(request, "session_hash", None)
    if session:
        return str(session)
    client = getattr(request, "client", None)
    return str(getattr(client, "host", "") or "")


def over_limit_message(wait: float, limit: int) -> str:
    seconds = max(1, round(wait))
    return (
        f"操作太频繁：每分钟最多运行 {limit} 次，请 {seconds} 秒后再试。 / "
        f"Too many runs: at most {limit} a minute; please try again in {seconds} s."
    )


def check_rate(endpoint: str, request: Any, limit: int) -> None:
    """Count this run for ``endpoint`` in the caller's session, or raise a one-line InputError when it is over."""
    session = session_of(request)
    if not session:  # a direct Python call (tests, benchmarks) is no visitor's session
        return
    wait = limiter(endpoint).allow(session, limit)
    if wait > 0:
        raise InputError(over_limit_message(wait, limit))

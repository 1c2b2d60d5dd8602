"""One requests-per-minute budget shared by every LLM call of this process (parallel digests included)."""

from __future__ import annotations

import threading
import time

from chatpaper.backends.base import Backend, LLMRequest, LLMResponse, TextSink


class RateLimiter:
    """Call starts are spaced ``60 / rpm`` seconds apart, whatever thread makes them: smooth, no bursts that a
    provider's per-minute window would answer with 429."""

    def __init__(self, rpm: float):
        self.interval = 60.0 / rpm
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> float:
        """Block until this caller's slot; returns the seconds waited."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        delay = slot - now
        if delay > 0:
            time.sleep(delay)
        return delay


_LIMITERS: dict[float, RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def shared_limiter(rpm: float) -> RateLimiter:
    with _LIMITERS_LOCK:
        if rpm not in _LIMITERS:
            _LIMITERS[rpm] = RateLimiter(rpm)
        return _LIMITERS[rpm]


class RateLimited:
    """A backend whose calls wait for the shared budget first."""

    def __init__(self, inner: Backend, limiter: RateLimiter):
        self.inner = inner
        self.limiter = limiter
        self.name, self.model, self.offline = inner.name, inner.model, inner.offline

    def execute(self, request: LLMRequest, on_text: TextSink | None = None) -> LLMResponse:
        self.limiter.wait()
        return self.inner.execute(request, on_text)

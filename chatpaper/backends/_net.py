"""Classifying transport failures without importing any particular HTTP library."""

from __future__ import annotations

_TRANSPORT_NAMES = (
    "Timeout",
    "TimeoutException",
    "ConnectError",
    "NetworkError",
    "TransportError",
    "ReadError",
    "RemoteProtocolError",
    "ConnectionError",
)


def is_transport_error(exc: BaseException) -> bool:
    """True for timeouts and connection failures from httpx, httpx2, requests or the standard library."""
    if isinstance(exc, (TimeoutError, ConnectionError)):
        return True
    return any(cls.__name__.endswith(_TRANSPORT_NAMES) for cls in type(exc).__mro__)


def describe_transport_error(exc: BaseException) -> str:
    return "timed out" if "timeout" in type(exc).__name__.lower() else "could not be reached"

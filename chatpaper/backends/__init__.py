"""LLM backends, registered by name. Nothing outside this package asks which backend is which."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .._errors import ConfigError
from ..settings import Settings
from .base import Backend, LLMRequest, LLMResponse


@dataclass(frozen=True)
class BackendInfo:
    name: str
    factory: Callable[[Settings], Backend]
    configured: Callable[[Settings], bool]
    default_model: str
    label: str


_REGISTRY: dict[str, BackendInfo] = {}


def register(info: BackendInfo) -> None:
    _REGISTRY[info.name] = info


def names() -> list[str]:
    return list(_REGISTRY)


def info(name: str) -> BackendInfo:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ConfigError(f"unknown backend '{name}': choose one of {', '.join(_REGISTRY)} "
                          "(--backend / CHATPAPER_BACKEND)") from None


def available(settings: Settings) -> list[str]:
    """Backends that can work with these settings, in order of preference."""
    return [n for n, i in _REGISTRY.items() if i.configured(settings)]


def choose(settings: Settings) -> str:
    """The backend to use: the one asked for, else the first configured (gemini, openai, offline)."""
    if settings.backend:
        return info(settings.backend).name
    return available(settings)[0]


def create(settings: Settings) -> Backend:
    chosen = info(choose(settings))
    if not chosen.configured(settings):
        raise ConfigError(f"backend '{chosen.name}' is not configured: {chosen.label}")
    return chosen.factory(settings)


def _gemini(settings: Settings) -> Backend:
    from .gemini import GeminiBackend

    return GeminiBackend(settings)


def _openai(settings: Settings) -> Backend:
    from .openai_compat import OpenAIBackend

    return OpenAIBackend(settings)


def _offline(settings: Settings) -> Backend:
    from .offline import OfflineBackend

    return OfflineBackend(settings)


register(BackendInfo("gemini", _gemini, lambda s: s.gemini_api_key is not None, "gemini-2.5-flash",
                     "set GEMINI_API_KEY or GOOGLE_API_KEY"))
register(BackendInfo("openai", _openai, lambda s: s.openai_api_key is not None, "gpt-4o-mini",
                     "set OPENAI_API_KEY (and OPENAI_BASE_URL for DeepSeek, Qwen, Ollama or vLLM)"))
register(BackendInfo("offline", _offline, lambda s: True, "extractive",
                     "always available: an extractive digest made without an LLM"))

__all__ = ["Backend", "BackendInfo", "LLMRequest", "LLMResponse", "available", "choose", "create", "info",
           "names", "register"]

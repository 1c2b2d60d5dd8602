"""LLM backends, registered by name: one small class per service, each only sending a request and returning the
reply. Code outside this package never compares backend names: it reads ``BackendInfo`` (``offline``, ``label``,
``default_model``, ``key_setting``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import SecretStr

from chatpaper._errors import ConfigError
from chatpaper.backends.base import Backend, LLMRequest, LLMResponse, TextSink
from chatpaper.backends.ratelimit import RateLimited, shared_limiter
from chatpaper.limits import check_key, cut
from chatpaper.settings import Settings


@dataclass(frozen=True)
class BackendInfo:
    name: str
    factory: Callable[[Settings, str], Backend]  # (settings, model name) -> backend
    configured: Callable[[Settings], bool]
    default_model: str  # the one place a backend's default model is named
    label: str
    key_setting: str | None = None  # the Settings field a user's own key goes into
    key_prefix: str = ""  # keys of this service start so: picks the backend for a key when none is chosen
    offline: bool = False  # answers without calling any service
    sees_images: bool = False  # sends LLMRequest.images with the prompt (multimodal)


_REGISTRY: dict[str, BackendInfo] = {}


def register(info: BackendInfo) -> None:
    _REGISTRY[info.name] = info


def names() -> list[str]:
    return list(_REGISTRY)


def info(name: str) -> BackendInfo:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ConfigError(
            f"unknown backend '{cut(name, 20)}': choose one of {', '.join(_REGISTRY)} (--backend / CHATPAPER_BACKEND)"
        ) from None


def available(settings: Settings) -> list[str]:
    """Backends that can work with these settings, in order of preference."""
    return [n for n, i in _REGISTRY.items() if i.configured(settings)]


def choose(settings: Settings) -> str:
    """The backend to use: the one asked for, else the first configured (gemini, openai, offline)."""
    if settings.backend:
        return info(settings.backend).name
    return available(settings)[0]


def keyed() -> list[str]:
    """Backends that can run on a key the user brings."""
    return [n for n, i in _REGISTRY.items() if i.key_setting]


def with_user_key(settings: Settings, key: str, name: str | None = None) -> Settings:
    """Settings that use a user's own key, for this run only. Without a backend name, the key's prefix picks
    one (Google keys start with "AIza"), else the last keyed backend (OpenAI-compatible) takes it."""
    key = check_key(key.strip())  # model_copy below does not validate: check the key here
    if not key:
        return settings
    if not name:
        name = next(
            (n for n in keyed() if _REGISTRY[n].key_prefix and key.startswith(_REGISTRY[n].key_prefix)), keyed()[-1]
        )
    chosen = info(name)
    if not chosen.key_setting:
        raise ConfigError(f"the {name} backend takes no API key")
    return settings.model_copy(update={chosen.key_setting: SecretStr(key), "backend": name})


class Deferred:
    """A backend built on its first call. A digest answered from the cache never calls, so it never pays for
    importing the SDK and building its client (google-genai: 0.5 s to import). Configuration is still checked
    up front, by ``create``."""

    def __init__(self, chosen: BackendInfo, settings: Settings):
        self.name, self.offline = chosen.name, chosen.offline
        self.model = model_for(chosen, settings)
        self._build = lambda: chosen.factory(settings, self.model)
        self._backend: Backend | None = None
        self._lock = threading.Lock()

    def execute(self, request: LLMRequest, on_text: TextSink | None = None) -> LLMResponse:
        with self._lock:
            if self._backend is None:
                self._backend = self._build()
        return self._backend.execute(request, on_text)


def model_for(chosen: BackendInfo, settings: Settings) -> str:
    """The model a run uses: the one asked for, else the backend's default (an offline backend has only that)."""
    return chosen.default_model if chosen.offline else settings.model or chosen.default_model


def create(settings: Settings) -> Backend:
    """The chosen backend, checked to be configured; the SDK client itself is built on the first call."""
    chosen = info(choose(settings))
    if not chosen.configured(settings):
        raise ConfigError(f"backend '{chosen.name}' is not configured: {chosen.label}")
    backend: Backend = (
        chosen.factory(settings, model_for(chosen, settings)) if chosen.offline else Deferred(chosen, settings)
    )
    if settings.llm_rpm and not backend.offline:  # the offline backend calls nobody
        return RateLimited(backend, shared_limiter(settings.llm_rpm))
    return backend


def _gemini(settings: Settings, model: str) -> Backend:
    from chatpaper.backends.gemini import GeminiBackend

    return GeminiBackend(settings, model)


def _openai(settings: Settings, model: str) -> Backend:
    from chatpaper.backends.openai_compat import OpenAIBackend

    return OpenAIBackend(settings, model)


def _offline(settings: Settings, model: str) -> Backend:
    from chatpaper.backends.offline import OfflineBackend

    return OfflineBackend(model)


register(
    BackendInfo(
        "gemini",
        _gemini,
        lambda s: s.gemini_api_key is not None,
        "gemini-2.5-flash",
        "set GEMINI_API_KEY or GOOGLE_API_KEY",
        "gemini_api_key",
        "AIza",
        sees_images=True,
    )
)
register(
    BackendInfo(
        "openai",
        _openai,
        lambda s: s.openai_api_key is not None,
        "gpt-4o-mini",
        "set OPENAI_API_KEY (and OPENAI_BASE_URL for DeepSeek, Qwen, Ollama or vLLM)",
        "openai_api_key",
    )
)
register(
    BackendInfo(
        "offline",
        _offline,
        lambda s: True,
        "extractive",
        "always available: an extractive digest made without an LLM",
        offline=True,
    )
)

__all__ = [
    "Backend",
    "BackendInfo",
    "LLMRequest",
    "LLMResponse",
    "TextSink",
    "available",
    "choose",
    "create",
    "info",
    "keyed",
    "with_user_key",
    "names",
    "register",
]

"""Gemini through google-genai. The SDK reads GOOGLE_GEMINI_BASE_URL itself; we never set a base URL."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from google import genai
from google.genai import errors, types

from chatpaper._errors import ConfigError, StageError, UpstreamError
from chatpaper.backends._net import describe_transport_error, is_transport_error
from chatpaper.backends.base import LLMRequest, LLMResponse, TextSink, guard_secret, inline_schema, redact
from chatpaper.settings import Settings

log = logging.getLogger("chatpaper.backends.gemini")

RETRY_STATUS = [408, 429, 500, 502, 503, 504]
# Finish reasons that mean the answer was withheld, even when part of it was already streamed.
WITHHELD = ("SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION")


@lru_cache(maxsize=1)
def _shared_tls() -> dict[str, Any]:
    """HttpOptions fields that give every client one TLS context. google-genai builds two per client, each
    loading the CA bundle (0.1 s a digest); this builds one, the SDK's own way (its trust store and
    SSL_CERT_FILE rules), once per process. If that private helper changes, clients build their own again."""
    try:
        from google.genai import _api_client

        args, _ = _api_client.BaseApiClient._ensure_httpx_ssl_ctx(types.HttpOptions())
        ctx = args["verify"]
    except Exception:
        return {}
    return {"client_args": {"verify": ctx}, "async_client_args": {"verify": ctx, "ssl": ctx}}


class GeminiBackend:
    name = "gemini"
    offline = False

    def __init__(self, settings: Settings, model: str):
        assert settings.gemini_api_key is not None
        self._key = settings.gemini_api_key.get_secret_value()
        guard_secret(self._key)
        self.model = model
        retry = types.HttpRetryOptions(
            attempts=max(1, settings.llm_attempts),
            initial_delay=settings.llm_retry_delay,
            jitter=settings.llm_retry_delay,  # the SDK's default spread is 1 s whatever the delay
            max_delay=30.0,
            http_status_codes=RETRY_STATUS,
        )
        self._client = genai.Client(
            api_key=self._key,
            http_options=types.HttpOptions(
                timeout=int(settings.llm_timeout * 1000), retry_options=retry, **_shared_tls()
            ),
        )

    def execute(self, request: LLMRequest, on_text: TextSink | None = None) -> LLMResponse:
        config = types.GenerateContentConfig(
            system_instruction=request.system,
            temperature=0.2,
            response_mime_type="application/json",
            response_json_schema=inline_schema(request.schema),
        )
        contents = self._contents(request)
        try:
            if on_text is None:
                reply = self._client.models.generate_content(model=self.model, contents=contents, config=config)
                text = reply.text
            else:
                reply, text = self._stream(contents, config, on_text)
        except errors.APIError as exc:
            raise self._error(request.stage, exc) from None
        except Exception as exc:
            if is_transport_error(exc):
                raise UpstreamError(
                    f"Gemini {describe_transport_error(exc)} during the {request.stage} stage (CHATPAPER_LLM_TIMEOUT)"
                ) from None
            raise
        withheld = self._withheld(reply)
        if withheld or not text:  # a safety block returns text=None (or stops a stream); it does not raise
            raise StageError(request.stage, withheld or self._why_empty(reply))
        usage = reply.usage_metadata
        return LLMResponse(
            text=text,
            model=reply.model_version or self.model,
            input_tokens=usage.prompt_token_count if usage else None,
            output_tokens=usage.candidates_token_count if usage else None,
        )

    @staticmethod
    def _contents(request: LLMRequest) -> str | types.Content:
        """The prompt, followed by the request's figure images as inline PNG parts (Gemini is multimodal)."""
        if not request.images:
            return request.prompt
        images = [types.Part.from_bytes(data=path.read_bytes(), mime_type="image/png") for path in request.images]
        return types.Content(role="user", parts=[types.Part.from_text(text=request.prompt), *images])

    def _stream(
        self, contents: str | types.Content, config: types.GenerateContentConfig, on_text: TextSink
    ) -> tuple[types.GenerateContentResponse, str]:
        """The streamed reply: each chunk's text goes to ``on_text``; returns the last chunk (it carries the
        finish reason and the usage) and the whole text."""
        pieces: list[str] = []
        last = types.GenerateContentResponse()
        for chunk in self._client.models.generate_content_stream(model=self.model, contents=contents, config=config):
            last = chunk if chunk.candidates or chunk.usage_metadata or chunk.prompt_feedback else last
            piece = chunk.text
            if piece:
                pieces.append(piece)
                on_text(piece)
        return last, "".join(pieces)

    @staticmethod
    def _withheld(reply: types.GenerateContentResponse) -> str | None:
        """Why the answer was withheld (a safety block or finish), or None."""
        feedback = reply.prompt_feedback
        if feedback and feedback.block_reason:
            return f"Gemini blocked the request ({getattr(feedback.block_reason, 'name', feedback.block_reason)})"
        if reply.candidates:
            reason = reply.candidates[0].finish_reason
            name = getattr(reason, "name", str(reason))
            if name in WITHHELD:
                return f"Gemini withheld the answer (finish reason {name})"
        return None

    @classmethod
    def _why_empty(cls, reply: types.GenerateContentResponse) -> str:
        withheld = cls._withheld(reply)
        if withheld:
            return withheld
        if reply.candidates:
            reason = reply.candidates[0].finish_reason
            return f"Gemini returned no text (finish reason {getattr(reason, 'name', str(reason))})"
        return "Gemini returned no candidates"

    def _error(self, stage: str, exc: errors.APIError) -> Exception:
        code = getattr(exc, "code", None)
        detail = redact(str(getattr(exc, "message", "") or exc), self._key)[:200]
        if code in (401, 403) or "API key" in detail:
            return ConfigError("Gemini rejected the API key: check GEMINI_API_KEY / GOOGLE_API_KEY")
        if code == 404:
            return ConfigError(f"Gemini does not know the model '{self.model}': check --model / CHATPAPER_MODEL")
        if code == 429:
            return UpstreamError(f"Gemini rate limit or quota reached during the {stage} stage; try again later")
        if code and code >= 500:
            return UpstreamError(f"Gemini service error {code} during the {stage} stage after retries")
        return StageError(stage, f"Gemini answered {code}: {detail}")

"""Any OpenAI-compatible chat server (OpenAI, DeepSeek, DashScope/Qwen, Ollama, vLLM) via the openai SDK."""

from __future__ import annotations

import json
import logging
import ssl
from functools import lru_cache
from typing import Any

import httpx
import openai
from openai.types.chat.completion_create_params import ResponseFormat

from chatpaper._errors import ConfigError, StageError, UpstreamError
from chatpaper.backends._net import describe_transport_error, is_transport_error
from chatpaper.backends.base import LLMRequest, LLMResponse, TextSink, guard_secret, inline_schema, redact
from chatpaper.settings import Settings
from chatpaper.stages.prompts import JSON_OBJECT_HINT

log = logging.getLogger("chatpaper.backends.openai")


@lru_cache(maxsize=1)
def _shared_tls() -> ssl.SSLContext:
    """One TLS context, with httpx's default trust (certifi, SSL_CERT_FILE/SSL_CERT_DIR), for every client of the
    process: each client would otherwise load the CA bundle again (50 ms a digest)."""
    return httpx.create_ssl_context()


class OpenAIBackend:
    name = "openai"
    offline = False

    def __init__(self, settings: Settings, model: str):
        assert settings.openai_api_key is not None
        self._key = settings.openai_api_key.get_secret_value()
        guard_secret(self._key)
        self.model = model
        # The SDK retries 408/409/429/5xx with backoff and honours Retry-After; we set the count on purpose.
        self._client = openai.OpenAI(
            api_key=self._key,
            base_url=settings.openai_base_url or None,
            max_retries=max(0, settings.llm_attempts - 1),
            timeout=settings.llm_timeout,
            http_client=openai.DefaultHttpxClient(verify=_shared_tls()),
        )
        # Many compatible servers have no strict json_schema: after the first refusal use json_object.
        self._json_object_only = False

    def execute(self, request: LLMRequest, on_text: TextSink | None = None) -> LLMResponse:
        schema = inline_schema(request.schema)
        if not self._json_object_only:
            try:
                return self._call(
                    request,
                    {
                        "type": "json_schema",
                        "json_schema": {"name": f"{request.stage}_stage", "schema": schema, "strict": True},
                    },
                    request.prompt,
                    on_text,
                )
            except openai.BadRequestError as exc:
                if "response_format" not in str(exc) and "json_schema" not in str(exc):
                    raise self._error(request.stage, exc) from None
                log.info("server has no strict json_schema; falling back to json_object")
                self._json_object_only = True
        hint = JSON_OBJECT_HINT.format(schema=json.dumps(schema, ensure_ascii=False))
        try:
            return self._call(request, {"type": "json_object"}, f"{request.prompt}\n\n{hint}", on_text)
        except openai.BadRequestError as exc:
            raise self._error(request.stage, exc) from None

    def _body(self, request: LLMRequest, response_format: ResponseFormat, prompt: str) -> dict[str, Any]:
        """What every chat call sends, streamed or not."""
        return {
            "model": self.model,
            "temperature": 0.2,
            "response_format": response_format,
            "messages": [{"role": "system", "content": request.system}, {"role": "user", "content": prompt}],
        }

    def _call(
        self, request: LLMRequest, response_format: ResponseFormat, prompt: str, on_text: TextSink | None
    ) -> LLMResponse:
        if on_text is not None:
            return self._stream(request, response_format, prompt, on_text)
        try:
            reply = self._client.chat.completions.create(**self._body(request, response_format, prompt), stream=False)
        except openai.BadRequestError:
            raise
        except openai.APIError as exc:
            raise self._error(request.stage, exc) from None
        choice = reply.choices[0] if reply.choices else None
        if choice is None:
            raise StageError(request.stage, "the server returned no choices")
        if choice.finish_reason == "content_filter":
            raise StageError(request.stage, "the server's content filter withheld the answer")
        usage = reply.usage
        return LLMResponse(
            text=choice.message.content,
            model=reply.model or self.model,
            input_tokens=usage.prompt_tokens if usage else None,
            output_tokens=usage.completion_tokens if usage else None,
        )

    def _stream(
        self, request: LLMRequest, response_format: ResponseFormat, prompt: str, on_text: TextSink
    ) -> LLMResponse:
        """The reply streamed (``stream=True``): each delta's text goes to ``on_text``; the usage comes in the
        last chunk (``include_usage``). Errors before the first chunk are retried by the SDK, as unstreamed."""
        pieces: list[str] = []
        finish, model, usage, chunks = None, self.model, None, 0
        try:
            stream = self._client.chat.completions.create(
                **self._body(request, response_format, prompt), stream=True, stream_options={"include_usage": True}
            )
            with stream:
                for chunk in stream:
                    model, usage = chunk.model or model, chunk.usage or usage
                    for choice in chunk.choices[:1]:
                        chunks += 1
                        piece = choice.delta.content if choice.delta else None
                        if piece:
                            pieces.append(piece)
                            on_text(piece)
                        finish = choice.finish_reason or finish
        except openai.BadRequestError:
            raise
        except openai.APIError as exc:
            raise self._error(request.stage, exc) from None
        except Exception as exc:  # the connection broke mid-stream: the SDK only wraps errors before it
            if is_transport_error(exc):
                raise UpstreamError(
                    f"the LLM server {describe_transport_error(exc)} during the {request.stage} stage"
                ) from None
            raise
        if not chunks:
            raise StageError(request.stage, "the server returned no choices")
        if finish == "content_filter":
            raise StageError(request.stage, "the server's content filter withheld the answer")
        return LLMResponse(
            text="".join(pieces),
            model=model,
            input_tokens=usage.prompt_tokens if usage else None,
            output_tokens=usage.completion_tokens if usage else None,
        )

    def _error(self, stage: str, exc: openai.APIError) -> Exception:
        detail = redact(str(getattr(exc, "message", exc)), self._key)[:200]
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            return ConfigError("the OpenAI-compatible server rejected the API key: check OPENAI_API_KEY")
        if isinstance(exc, openai.NotFoundError):
            return ConfigError(
                f"the server does not know the model '{self.model}' (or OPENAI_BASE_URL is wrong): "
                "check --model / CHATPAPER_MODEL"
            )
        if isinstance(exc, openai.APITimeoutError):
            return UpstreamError(f"the LLM server timed out during the {stage} stage (CHATPAPER_LLM_TIMEOUT)")
        if isinstance(exc, openai.APIConnectionError):
            return UpstreamError(f"the LLM server could not be reached during the {stage} stage (OPENAI_BASE_URL)")
        if isinstance(exc, openai.RateLimitError):
            return UpstreamError(f"the LLM server's rate limit was hit during the {stage} stage; try again later")
        status = getattr(exc, "status_code", None)
        if status and status >= 500:
            return UpstreamError(f"the LLM server failed with {status} during the {stage} stage after retries")
        return StageError(stage, f"the server answered {status}: {detail}")

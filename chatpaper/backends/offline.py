"""The backend when no key is set: it calls no model. Each request carries the stage's own extractive writer
(the paper's sentences, picked by cue phrases), and this backend answers with what that writer returns."""

from __future__ import annotations

from chatpaper.backends.base import LLMRequest, LLMResponse, TextSink


class OfflineBackend:
    name = "offline"
    offline = True

    def __init__(self, model: str):
        self.model = model

    def execute(self, request: LLMRequest, on_text: TextSink | None = None) -> LLMResponse:
        """The extractive answer, whole: it takes milliseconds, so there is nothing to stream."""
        answer = request.extractive()
        return LLMResponse(text=answer.model_dump_json(), model=self.model, input_tokens=0, output_tokens=0)

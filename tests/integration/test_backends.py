"""The real google-genai and openai clients against the loopback fake server."""

import json

import pytest

from chatpaper import ConfigError, Settings, StageError, UpstreamError, backends
from chatpaper.pdf import parse_pdf
from chatpaper.stages.context import build_material
from chatpaper.stages.run import request_for
from chatpaper.stages.schemas import SummaryStage
from chatpaper.stages.spec import stage as stage_named
from tests.helpers.constants import SENTINEL_KEY
from tests.helpers.loopback import FakeLLM, Reply


def _request(paper_pdf, name="summary"):
    paper = parse_pdf(paper_pdf)
    stage = stage_named(name)
    return request_for(stage, build_material(paper, stage, 30000, {}), "zh")


def test_default_backend_follows_the_keys(monkeypatch):
    assert backends.choose(Settings()) == "offline"
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    assert backends.choose(Settings()) == "openai"
    monkeypatch.setenv("GOOGLE_API_KEY", "k")
    assert backends.choose(Settings()) == "gemini"
    monkeypatch.setenv("CHATPAPER_BACKEND", "offline")
    assert backends.choose(Settings()) == "offline"


def test_asking_for_an_unconfigured_backend_names_the_setting(monkeypatch):
    monkeypatch.setenv("CHATPAPER_BACKEND", "gemini")
    with pytest.raises(ConfigError, match="GEMINI_API_KEY"):
        backends.create(Settings())
    monkeypatch.setenv("CHATPAPER_BACKEND", "claude")
    with pytest.raises(ConfigError, match="unknown backend 'claude'"):
        backends.create(Settings())


def test_gemini_sends_schema_and_paper_to_v1(gemini_env, paper_pdf):
    backend = backends.create(Settings())
    reply = backend.execute(_request(paper_pdf))
    sent = gemini_env.requests[-1]
    assert sent.path == "/v1/models/gemini-2.5-flash:generateContent"
    assert sent.headers["x-goog-api-key"] == SENTINEL_KEY
    config = sent.body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert set(config["responseJsonSchema"]["required"]) == set(SummaryStage.model_fields)
    assert "Large language models are expensive to serve" in gemini_env.prompts()[-1]
    assert "<paper>" in gemini_env.prompts()[-1]
    assert SummaryStage.model_validate_json(reply.text).title_zh
    assert (reply.input_tokens, reply.output_tokens) == (1000, 200)


def test_gemini_safety_block_is_a_stage_error(gemini_env, paper_pdf):
    gemini_env.queue(Reply(body={"promptFeedback": {"blockReason": "SAFETY"}}))
    with pytest.raises(StageError, match="blocked"):
        backends.create(Settings()).execute(_request(paper_pdf))
    for reply in (FakeLLM.gemini_text("", finish="SAFETY"), Reply(body={"candidates": [{"finishReason": "SAFETY"}]})):
        gemini_env.queue(reply)
        with pytest.raises(StageError, match="SAFETY"):
            backends.create(Settings()).execute(_request(paper_pdf))


def test_gemini_retries_5xx_then_succeeds(gemini_env, paper_pdf):
    gemini_env.queue(Reply(503, {"error": {"code": 503, "message": "overloaded", "status": "UNAVAILABLE"}}))
    reply = backends.create(Settings()).execute(_request(paper_pdf))
    assert reply.text and len(gemini_env.requests) == 2


def test_gemini_errors_after_retries_never_show_the_key(gemini_env, paper_pdf):
    err = {"error": {"code": 500, "message": f"boom {SENTINEL_KEY}", "status": "INTERNAL"}}
    gemini_env.queue(Reply(500, err), Reply(500, err))
    with pytest.raises(UpstreamError) as exc:
        backends.create(Settings()).execute(_request(paper_pdf))
    assert SENTINEL_KEY not in str(exc.value) and "500" in str(exc.value)
    gemini_env.queue(
        Reply(403, {"error": {"code": 403, "message": "API key not valid", "status": "PERMISSION_DENIED"}})
    )
    with pytest.raises(ConfigError, match="GEMINI_API_KEY"):
        backends.create(Settings()).execute(_request(paper_pdf))


def test_openai_strict_schema(openai_env, paper_pdf):
    reply = backends.create(Settings()).execute(_request(paper_pdf))
    sent = openai_env.requests[-1]
    assert sent.path == "/v1/chat/completions"
    fmt = sent.body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["additionalProperties"] is False
    assert sent.body["messages"][0]["role"] == "system"
    assert SummaryStage.model_validate_json(reply.text)


def test_openai_falls_back_to_json_object(openai_env, paper_pdf):
    good = json.dumps(
        {
            "title_zh": "稀疏路由",
            "keywords": ["MoE"],
            "first_author_affiliation": "",
            "background": "b",
            "prior_work": "p",
            "method": "m",
            "results": "r",
            "one_line_summary": "o",
            "key_takeaways": ["1", "2", "3", "4", "5"],
        }
    )
    openai_env.queue(
        Reply(
            400, {"error": {"message": "response_format json_schema is not supported", "type": "invalid_request_error"}}
        ),
        FakeLLM.openai_text(good),
    )
    backend = backends.create(Settings())
    reply = backend.execute(_request(paper_pdf))
    assert json.loads(reply.text)["title_zh"] == "稀疏路由"
    second = openai_env.requests[-1].body
    assert second["response_format"] == {"type": "json_object"}
    assert "JSON schema" in second["messages"][1]["content"]
    backend.execute(_request(paper_pdf))  # remembers: no second strict attempt
    assert openai_env.requests[-1].body["response_format"] == {"type": "json_object"}
    assert len(openai_env.requests) == 3


def test_openai_rate_limit_retries_with_retry_after(openai_env, paper_pdf):
    openai_env.queue(Reply(429, {"error": {"message": "slow down"}}, headers={"Retry-After": "0"}))
    reply = backends.create(Settings()).execute(_request(paper_pdf))
    assert reply.text and len(openai_env.requests) == 2


def test_offline_backend_quotes_the_paper(paper_pdf):
    reply = backends.create(Settings()).execute(_request(paper_pdf))
    out = SummaryStage.model_validate_json(reply.text)
    assert "SparseRouter" in out.method and out.title_zh == ""
    assert 3 <= len(out.key_takeaways) <= 7 and all(t in out.model_dump_json() for t in out.key_takeaways)


def test_sdk_retry_logs_never_carry_the_key(gemini_env, paper_pdf, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    # A CLI test run in this process before may have quieted the SDK's logger (setup_logging): this test needs it.
    caplog.set_level(logging.DEBUG, logger="google_genai")
    err = {"error": {"code": 500, "message": f"key {SENTINEL_KEY} rejected", "status": "INTERNAL"}}
    gemini_env.queue(Reply(500, err))  # google-genai logs its retry with this text at INFO
    backends.create(Settings()).execute(_request(paper_pdf))
    assert "Retrying" in caplog.text and "***" in caplog.text and SENTINEL_KEY not in caplog.text


def test_clients_share_one_tls_context(gemini_env, openai_env, monkeypatch):
    """Building a client must not load the CA bundle again: that cost 50-100 ms on every digest."""
    import ssl

    from chatpaper import backends

    def build(name):  # not deferred
        return backends.info(name).factory(Settings.load(backend=name), "m")

    build("gemini")  # the first builds the shared context
    build("openai")
    built = []
    real = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **k: built.append(1) or real(*a, **k))
    try:
        import httpx2

        real2 = httpx2.create_ssl_context
        monkeypatch.setattr(httpx2, "create_ssl_context", lambda *a, **k: built.append(2) or real2(*a, **k))
    except (ImportError, AttributeError):
        pass
    for name in ("gemini", "openai", "gemini", "openai"):
        build(name)
    assert built == []


def test_the_sdk_is_built_on_the_first_call_only(gemini_env, openai_env, paper_pdf):
    """A digest answered from the cache never calls the model, so it must not pay for the SDK."""
    for name in ("gemini", "openai"):
        backend = backends.create(Settings.load(backend=name))
        info = backends.info(name)
        real = info.factory(Settings.load(backend=name), info.default_model)
        assert (backend.name, backend.model, backend.offline) == (real.name, real.model, False)
        assert backend._backend is None
        backend.execute(_request(paper_pdf))
        assert type(backend._backend) is type(real)
    assert backends.create(Settings.load(backend="offline", model="x")).model == "extractive"

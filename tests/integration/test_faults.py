"""Upstream faults through the fake LLM, for both SDKs: what is retried, what fails one stage, what is kept.

Each fault is queued for the first (summary) call of a digest. Transient ones are retried and the digest
completes; the others fail that stage only, the later stages are still shown, and nothing incomplete is
cached as complete.
"""

from __future__ import annotations

import pytest

from chatpaper import digest, render_markdown
from tests.helpers.loopback import FakeLLM, Reply

GEMINI_429 = {"error": {"code": 429, "message": "quota", "status": "RESOURCE_EXHAUSTED"}}
GEMINI_500 = {"error": {"code": 500, "message": "boom", "status": "INTERNAL"}}
GEMINI_503 = {"error": {"code": 503, "message": "overloaded", "status": "UNAVAILABLE"}}
OPENAI_ERR = {"error": {"message": "slow down", "type": "rate_limit"}}


def gemini(text: str) -> Reply:
    return FakeLLM.gemini_text(text)


def openai(text: str) -> Reply:
    return FakeLLM.openai_text(text)


# (name, backend fixture, replies for the first call, digest completes?, calls the summary stage made)
FAULTS = [
    ("gemini 429 with Retry-After", "gemini_env", [Reply(429, GEMINI_429, headers={"Retry-After": "0"})], True, 2),
    ("gemini 429 without Retry-After", "gemini_env", [Reply(429, GEMINI_429)], True, 2),
    ("gemini 500", "gemini_env", [Reply(500, GEMINI_500)], True, 2),
    ("gemini 503", "gemini_env", [Reply(503, GEMINI_503)], True, 2),
    ("gemini hangs", "gemini_env", [Reply(body=None, delay=3.0)], True, 2),
    ("gemini malformed JSON, repaired", "gemini_env", [gemini('{"title_zh": ')], True, 2),
    ("gemini malformed JSON twice", "gemini_env", [gemini("{"), gemini("not json")], False, 2),
    ("gemini safety block", "gemini_env", [Reply(body={"promptFeedback": {"blockReason": "SAFETY"}})], False, 1),
    ("openai 429 with Retry-After", "openai_env", [Reply(429, OPENAI_ERR, headers={"Retry-After": "0"})], True, 2),
    ("openai 429 without Retry-After", "openai_env", [Reply(429, OPENAI_ERR)], True, 2),
    ("openai 500", "openai_env", [Reply(500, {"error": {"message": "boom"}})], True, 2),
    ("openai 503", "openai_env", [Reply(503, {"error": {"message": "overloaded"}})], True, 2),
    ("openai hangs", "openai_env", [Reply(body=None, delay=3.0)], True, 2),
    ("openai malformed JSON twice", "openai_env", [openai("{"), openai("[1, 2")], False, 2),
]


@pytest.mark.parametrize("name,env,replies,completes,calls", FAULTS, ids=[f[0] for f in FAULTS])
def test_fault(name, env, replies, completes, calls, arxiv_server, request, monkeypatch):
    monkeypatch.setenv("CHATPAPER_LLM_TIMEOUT", "1")
    llm = request.getfixturevalue(env)
    llm.queue(*replies)
    result = digest("1512.03385")
    assert result.complete is completes, result.errors
    summary = next(u for u in result.usage if u.stage == "summary") if completes else None
    if completes:
        assert result.summary is not None and not result.errors
        assert summary.calls >= 1
    else:
        # that stage failed with a clear reason; the others are still there, and it is shown as incomplete
        assert result.summary is None and result.methods and result.conclusion
        assert len(result.errors) == 1 and result.errors[0].stage == "summary"
        assert "\n" not in result.errors[0].message
        assert "摘要不完整" in render_markdown(result)
        before = len(llm.requests)
        again = digest("1512.03385")  # not cached as complete: the rerun pays for the failed stage only
        assert again.complete and len(llm.requests) - before == 1
    assert len(llm.requests) >= 2 + calls  # methods + conclusion + the summary attempts


def test_faults_table_size():
    assert len(FAULTS) >= 12

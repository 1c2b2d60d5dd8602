"""Token streaming through both real SDKs against the loopback model (issue #13 item 5): partial stage text
arrives before the stage ends, the finished digest equals the unstreamed one, and faults behave as unstreamed."""

from __future__ import annotations

import pytest

from chatpaper import Settings, StageError, UpstreamError, backends
from chatpaper.pipeline import iter_digest
from chatpaper.stages.context import build_material
from chatpaper.stages.run import request_for
from chatpaper.stages.spec import STAGE_NAMES
from chatpaper.stages.spec import stage as stage_named
from tests.helpers.constants import SENTINEL_KEY
from tests.helpers.loopback import FakeLLM, Reply
from tests.helpers.pdfs import make_paper_pdf

# Seconds between streamed chunks: each chunk is a progress post of its own (only the page thins them out), so a
# short delay still gives a stage's text over many posts.
CHUNK_DELAY = 0.01


def _stages(digest) -> dict:
    return {name: getattr(digest, name).model_dump() for name in STAGE_NAMES}


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(make_paper_pdf())
    return path


@pytest.mark.parametrize("env", ["gemini_env", "openai_env"])
def test_partial_text_arrives_before_each_stage_ends(env, pdf, request, monkeypatch):
    llm = request.getfixturevalue(env)
    llm.chunk_delay = CHUNK_DELAY
    # (step, partial?, each stage's answer as JSON at that moment): the digest object fills in as the run goes
    seen = []
    for step in iter_digest(pdf, Settings.load(), stream=True):
        answers = {n: getattr(step.digest, n) for n in STAGE_NAMES} if step.digest else {}
        seen.append((step.step, step.partial, {n: a.model_dump() if a else None for n, a in answers.items()}))
    final = step.digest
    assert step.step == "done" and final.complete, final.errors
    if env == "gemini_env":
        assert all(r.path.endswith(":streamGenerateContent?alt=sse") for r in llm.requests)
    else:
        assert all(r.body["stream"] is True for r in llm.requests)
    for name in STAGE_NAMES:
        partials = [i for i, (step_name, partial, _) in enumerate(seen) if partial and step_name == name]
        assert partials, f"{name}: no partial post"
        done_at = next(i for i, (_, partial, answers) in enumerate(seen) if not partial and answers.get(name))
        assert partials[0] < done_at  # shown while the stage was still being written
        assert seen[partials[0]][2][name] != getattr(final, name).model_dump()  # partial, not the finished one
    backgrounds = [answers["summary"]["background"] for _, partial, answers in seen if partial and answers["summary"]]
    assert all(final.summary.background.startswith(t) for t in backgrounds)  # each a prefix of the final text
    assert [u.stage for u in final.usage] == list(STAGE_NAMES)


@pytest.mark.parametrize("env", ["gemini_env", "openai_env"])
def test_streamed_digest_equals_the_unstreamed_one(env, pdf, request, monkeypatch):
    llm = request.getfixturevalue(env)
    monkeypatch.setenv("CHATPAPER_USE_CACHE", "false")
    *_, streamed = iter_digest(pdf, Settings.load(), stream=True)
    *_, plain = iter_digest(pdf, Settings.load())
    assert _stages(streamed.digest) == _stages(plain.digest)
    assert [u.input_tokens for u in streamed.digest.usage] == [u.input_tokens for u in plain.digest.usage]
    assert len(llm.requests) == 6


def _request(name: str = "summary"):
    from chatpaper.pdf import parse_pdf

    paper = parse_pdf(make_paper_pdf())
    spec = stage_named(name)
    return request_for(spec, build_material(paper, spec, 30000, {}), "zh")


def _stream(backend, request) -> tuple[list[str], object]:
    pieces: list[str] = []
    reply = backend.execute(request, pieces.append)
    return pieces, reply


def test_gemini_safety_stop_mid_stream_is_a_stage_error(gemini_env):
    text = FakeLLM.gemini_text('{"title_zh": "部分内容', finish="SAFETY")
    gemini_env.queue(text)
    pieces: list[str] = []
    with pytest.raises(StageError, match="SAFETY"):
        backends.create(Settings()).execute(_request(), pieces.append)
    assert "".join(pieces).startswith('{"title_zh"')  # the text had started to arrive
    gemini_env.queue(Reply(body={"promptFeedback": {"blockReason": "SAFETY"}}))
    with pytest.raises(StageError, match="blocked"):
        _stream(backends.create(Settings()), _request())


@pytest.mark.parametrize("env", ["gemini_env", "openai_env"])
@pytest.mark.parametrize("status", [429, 500])
def test_streamed_calls_retry_429_and_500(env, status, request):
    llm = request.getfixturevalue(env)
    err = {"error": {"code": status, "message": f"busy {SENTINEL_KEY}", "status": "UNAVAILABLE"}}
    llm.queue(Reply(status, err, headers={"Retry-After": "0"}))
    pieces, reply = _stream(backends.create(Settings()), _request())
    assert len(llm.requests) == 2 and len(pieces) > 1 and "".join(pieces) == reply.text
    llm.queue(Reply(status, err, headers={"Retry-After": "0"}), Reply(status, err, headers={"Retry-After": "0"}))
    with pytest.raises(UpstreamError) as exc:
        _stream(backends.create(Settings()), _request())
    assert SENTINEL_KEY not in str(exc.value) and ("rate limit" in str(exc.value) or "500" in str(exc.value))


def test_openai_error_event_and_content_filter_mid_stream(openai_env):
    first = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    piece = {**first, "choices": [{"index": 0, "delta": {"content": '{"title_zh": "半'}, "finish_reason": None}]}
    openai_env.queue(Reply(events=[piece, {"error": {"message": f"overloaded {SENTINEL_KEY}", "type": "server"}}]))
    with pytest.raises(StageError) as exc:
        _stream(backends.create(Settings()), _request())
    assert SENTINEL_KEY not in str(exc.value)
    stop = {**first, "choices": [{"index": 0, "delta": {}, "finish_reason": "content_filter"}]}
    openai_env.queue(Reply(events=[piece, stop, {"raw": "[DONE]"}]))
    with pytest.raises(StageError, match="content filter"):
        _stream(backends.create(Settings()), _request())


def test_usage_is_reported_when_streaming(gemini_env, openai_env):
    for env in ("gemini", "openai"):
        settings = Settings(backend=env)
        _, reply = _stream(backends.create(settings), _request())
        assert reply.input_tokens and reply.output_tokens


def test_stage_text_reaches_the_page_while_the_figures_are_cut(gemini_env, pdf, monkeypatch):
    import time

    from chatpaper.pdf.reader import PdfReader

    cut = PdfReader.iter_figures

    def slow_figures(self, *args, **kwargs):  # a long paper's figures, still being cut when the model starts writing
        deadline = time.monotonic() + 10
        while not gemini_env.requests and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)  # many times the summary's whole stream
        yield from cut(self, *args, **kwargs)

    # The pipeline cuts through iter_figures (patching PdfReader.figures, which it no longer calls, left the test
    # to the race it means to rule out).
    monkeypatch.setattr(PdfReader, "iter_figures", slow_figures)
    gemini_env.chunk_delay = CHUNK_DELAY
    steps = [(s.step, s.partial) for s in iter_digest(pdf, Settings.load(), stream=True)]
    figures_at = steps.index(("figures", False))
    assert ("summary", True) in steps[:figures_at]
    unstreamed = [s for s in steps if not s[1]]
    assert [s for s, _ in unstreamed][:4] == ["fetch", "parse", "figures", "summary"]


def test_the_web_run_shows_stage_text_as_it_is_written(gemini_env, pdf):
    from chatpaper.web.ui import run_digest

    answer = {"title_zh": "稀疏路由", "background": "背景" * 400}

    def write(schema: dict):
        from tests.helpers.loopback import fake_instance

        data = fake_instance(schema)
        return {**data, **{k: v for k, v in answer.items() if k in data}}

    gemini_env.answer = write
    gemini_env.chunk_delay = CHUNK_DELAY
    pages = [md for _, md, *_ in run_digest("", str(pdf), "zh", "gemini", "", "")]
    partial = [md for md in pages if "背景背景" in md and "背景" * 400 not in md]
    assert partial, "no page showed the summary while it was being written"
    assert "背景" * 400 in pages[-1]


@pytest.mark.parametrize("env", ["gemini_env", "openai_env"])
def test_a_stream_that_stalls_is_a_timeout(env, request, monkeypatch):
    monkeypatch.setenv("CHATPAPER_LLM_TIMEOUT", "1")
    monkeypatch.setenv("CHATPAPER_LLM_ATTEMPTS", "1")
    llm = request.getfixturevalue(env)
    half = '{"title_zh": "' + "一半" * 30
    text = FakeLLM.gemini_text(half) if env == "gemini_env" else FakeLLM.openai_text(half)
    stream = (FakeLLM.gemini_stream if env == "gemini_env" else FakeLLM.openai_stream)(text)
    assert len(stream.events) > 1
    stalled = Reply(events=stream.events, event_delay=3.0)  # silent for 3 s after each chunk
    llm.queue(stalled)
    pieces: list[str] = []
    with pytest.raises(UpstreamError, match="timed out") as exc:
        backends.create(Settings()).execute(_request(), pieces.append)
    assert pieces and SENTINEL_KEY not in str(exc.value)


def test_openai_streams_after_falling_back_to_json_object(openai_env):
    refusal = {"error": {"message": "response_format json_schema is not supported", "type": "invalid_request_error"}}
    openai_env.queue(Reply(400, refusal))
    pieces, reply = _stream(backends.create(Settings()), _request())
    second = openai_env.requests[-1].body
    assert second["response_format"] == {"type": "json_object"} and second["stream"] is True
    assert "JSON schema" in second["messages"][1]["content"] and "".join(pieces) == reply.text


def test_the_streamed_page_marks_fields_not_written_yet(openai_env, pdf):
    """What the web page renders at each post (issue #13): a field the model has not reached shows the pending
    marker, never "无", an empty part or a failed stage; the finished page has no marker left."""
    from chatpaper.render.markdown import render_markdown
    from chatpaper.web.session import pending_stages

    openai_env.chunk_delay = CHUNK_DELAY
    pages = []
    for step in iter_digest(pdf, Settings.load(), stream=True):
        if step.digest is not None and step.partial:
            pages.append((step.step, render_markdown(step.digest, pending=pending_stages(step.digest, step.step))))
    assert step.step == "done" and step.digest is not None and step.digest.complete
    summaries = [md for name, md in pages if name == "summary"]
    assert summaries and all("此部分生成失败" not in md for _, md in pages)
    first = summaries[0]
    assert "（生成中…）" in first.split("**一句话总结**")[1].split("\n", 1)[0]  # written last: not reached yet
    assert all("4. **关键词**：无" not in md for md in summaries)
    assert "生成中" not in render_markdown(step.digest)

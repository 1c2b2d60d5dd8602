"""End to end: arXiv loopback + fake LLM, through the real SDKs, the cache and the renderer."""

import logging

import pytest

from chatpaper import InputError, Settings, digest, render_markdown
from chatpaper.cache import Store
from tests.helpers.loopback import FakeLLM, Reply

EIGHT_PARTS = ["标题", "作者", "第一作者单位", "关键词", "链接", "摘要", "方法", "结论"]


def test_gemini_digest_makes_three_calls_then_none(gemini_env, arxiv_server):
    d = digest("1512.03385")
    calls = [r for r in gemini_env.requests if r.path.endswith(":generateContent")]
    assert len(calls) == 3
    for r in calls:
        assert r.body["generationConfig"]["responseJsonSchema"]["type"] == "object"
    prompts = gemini_env.prompts()
    assert "Large language models are expensive to serve" in prompts[0]  # summary: introduction
    assert "The gate is trained jointly" in prompts[1]  # methods: method sections
    assert "perplexity of 12.3" in prompts[2]  # conclusion: experiments
    assert "<earlier_stages>" in prompts[1] and '"summary"' in prompts[2]
    assert d.complete and d.backend == "gemini" and not d.offline
    assert d.paper["arxiv_id"] == "1512.03385" and d.paper["arxiv_version"] == 1
    assert d.paper["abs_url"] == "https://arxiv.org/abs/1512.03385v1"
    assert "https://github.com/example/1512-03385" in d.paper["links"]  # from the arXiv comment
    assert [u.stage for u in d.usage] == ["summary", "methods", "conclusion"]
    assert d.usage[0].input_tokens == 1000
    md = render_markdown(d)
    for label in EIGHT_PARTS:
        assert f"**{label}**" in md
    for n in range(1, 9):
        assert f"\n{n}. **" in md
    assert "希望" not in md

    again = digest("1512.03385")
    assert len(gemini_env.requests) == 3, "a repeated digest costs no LLM call"
    assert again.summary == d.summary
    assert len([p for p in arxiv_server.requests if p.startswith("/pdf/")]) == 1

    digest("1512.03385", Settings(use_cache=False))
    assert len(gemini_env.requests) == 6


def test_invalid_reply_gets_one_repair_round(gemini_env, arxiv_server):
    gemini_env.queue(FakeLLM.gemini_text("{}"))  # invalid summary; the repair call gets a valid answer
    d = digest("1512.03385")
    assert d.complete and d.usage[0].calls == 2 and len(gemini_env.requests) == 4
    assert "could not be used" in gemini_env.prompts()[1]


def test_stage_failure_keeps_what_worked_and_is_not_cached(gemini_env, arxiv_server):
    gemini_env.queue(FakeLLM.gemini_text('{"title_zh": "x"'), FakeLLM.gemini_text("still not json"))
    d = digest("1512.03385")
    assert not d.complete and d.summary is None and d.methods and d.conclusion
    assert "summary stage failed" in d.errors[0].message
    md = render_markdown(d)
    assert "摘要不完整" in md and "此部分生成失败" in md

    before = len(gemini_env.requests)
    d2 = digest("1512.03385")  # rerun: the finished stages come from the store, only summary is paid again
    assert d2.complete and len(gemini_env.requests) - before == 1


def test_service_down_stops_and_marks_incomplete(gemini_env, arxiv_server):
    err = Reply(503, {"error": {"code": 503, "message": "down", "status": "UNAVAILABLE"}})
    gemini_env.queue(FakeLLM.gemini_text('{"keywords": []}'), FakeLLM.gemini_text("[]"))  # summary fails twice
    gemini_env.queue(err, err)  # methods: service down after retries -> stop
    d = digest("1512.03385")
    assert not d.complete and d.summary is None and d.methods is None and d.conclusion is None
    assert len(d.errors) == 2


def test_offline_digest_of_a_pdf_has_all_parts(paper_file):
    d = digest(paper_file)
    assert d.offline and d.complete and d.backend == "offline"
    md = render_markdown(d)
    assert "离线模式" in md
    for label in EIGHT_PARTS:
        assert f"**{label}**" in md
    assert "SparseRouter" in md and "Router Training" in md


def test_budget_cuts_are_logged(paper_file, caplog):
    caplog.set_level(logging.INFO, logger="chatpaper")
    digest(paper_file, Settings(stage_input_tokens=300, use_cache=False))
    assert any("cut" in r.getMessage() and "tokens" in r.getMessage() for r in caplog.records)


def test_unknown_arxiv_id_is_input_error(arxiv_server):
    with pytest.raises(InputError, match="arXiv has no paper with ID 2401.99999"):
        digest("2401.99999")


def test_pdf_link_returning_html_is_input_error(arxiv_server):
    arxiv_server.pdf_overrides["1512.03385"] = Reply(
        raw=b"<html><body>captcha</body></html>", headers={"Content-Type": "text/html"}
    )
    with pytest.raises(InputError, match="HTML page"):
        digest("1512.03385")


def test_cache_holds_no_key(gemini_env, arxiv_server, tmp_path):
    from tests.helpers.constants import SENTINEL_KEY

    digest("1512.03385")
    store = Store(tmp_path / "data")
    for path in store.dir.rglob("*"):
        if path.is_file():
            assert SENTINEL_KEY.encode() not in path.read_bytes(), path


def test_cached_digest_skips_parsing(paper_file, monkeypatch):
    import chatpaper.pipeline as pipeline

    first = digest(paper_file)

    def no_parse(*args, **kwargs):
        raise AssertionError("a cached digest must not parse the PDF again")

    monkeypatch.setattr(pipeline, "PdfReader", no_parse)
    monkeypatch.setattr(pipeline, "read_figures", no_parse)  # the figures are stored too
    again = digest(paper_file)
    assert again.summary == first.summary and again.complete
    assert again.figures == first.figures


def test_cache_stays_under_its_bound_least_recently_used_first(tmp_path, monkeypatch):
    monkeypatch.setattr("chatpaper.cache.IN_USE_SECONDS", 0)  # LRU order only; the in-use grace: test_cache.py
    store = Store(tmp_path / "data", max_bytes=2500)
    for n in range(3):
        store.put_pdf(f"k{n}", b"%PDF-" + bytes([n]) * 1000)
        store.put_figures(f"f{n}", [({"file": "figure-1.png"}, b"x" * 200)])
    assert store.get_pdf("k1") is not None  # k1 is now used more recently than k0... and than k2
    store.put_pdf("k3", b"%PDF-" + b"\x03" * 1000)
    assert store.size() <= 2500
    assert store.get_pdf("k3") is not None and store.get_pdf("k0") is None
    assert store.get_figures("f0") is None and not (store.dir / "figures" / "f0").exists()
    assert store.get_pdf("k1") is not None and store.get_pdf("k2") is None  # the read kept k1, k2 went
    assert sorted(p.name for p in store.pdf_dir.iterdir()) == sorted(
        p.name for p in [store.get_pdf(k) for k in ("k0", "k1", "k2", "k3")] if p
    )


def test_digest_respects_the_cache_bound(paper_file, monkeypatch, tmp_path):
    monkeypatch.setenv("CHATPAPER_CACHE_MB", "0.0001")  # smaller than one paper's figures
    monkeypatch.setattr("chatpaper.cache.IN_USE_SECONDS", 0)  # no run is using the older sets here
    digest(paper_file)
    assert len(list((tmp_path / "data" / "figures").glob("*"))) == 1  # only the newest set stays
    assert not list((tmp_path / "data").rglob("*.part"))  # no temporary files left behind


def test_the_first_llm_call_does_not_wait_for_the_figures(gemini_env, tmp_path, monkeypatch):
    """The figure step here returns only once the model has been called: run one after the other,
    this digest would never get there."""
    import time

    from chatpaper.pdf.reader import PdfReader
    from chatpaper.pipeline import iter_digest
    from tests.helpers.figure_pdfs import paper_with_figure

    cut = PdfReader.figures

    def figures_after_first_call(self, dpi):
        deadline = time.monotonic() + 10
        while not gemini_env.requests and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gemini_env.requests, "no LLM call started while the figures were being cut"
        return cut(self, dpi)

    monkeypatch.setattr(PdfReader, "figures", figures_after_first_call)
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(paper_with_figure())
    steps = list(iter_digest(pdf, Settings.load()))
    assert [s.step for s in steps][:3] == ["fetch", "parse", "figures"]
    assert steps[-1].step == "done" and steps[-1].digest.complete and len(steps[-1].digest.figures) == 1
    assert all(s.figure_dir for s in steps[2:]), "every step after the figures knows where they are"


def test_closing_the_run_stops_the_stages(gemini_env, tmp_path):
    import time

    from chatpaper.pipeline import iter_digest
    from tests.helpers.pdfs import make_paper_pdf

    gemini_env.delay = 0.4
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(make_paper_pdf())
    run = iter_digest(pdf, Settings.load())
    assert [next(run).step, next(run).step] == ["fetch", "parse"]
    run.close()  # the user pressed Cancel
    time.sleep(1.5)
    assert len(gemini_env.requests) <= 1, "at most the call already in flight is made"

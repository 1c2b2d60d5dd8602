from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes import ArxivPaper, FakeArxiv, FakeLLM  # noqa: E402
from figure_pdfs import paper_with_figure  # noqa: E402
from pdfs import ABSTRACT, AUTHORS, TITLE, make_paper_pdf  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SENTINEL_KEY = "sk-SENTINEL-7f3a9c-do-not-leak"
ARXIV_ID = "2405.07257"  # served by figure_arxiv: the synthetic paper plus a page with a figure

_ENV = ["GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "GOOGLE_GEMINI_BASE_URL",
        "GOOGLE_GENAI_API_VERSION", "GOOGLE_GENAI_USE_VERTEXAI"]


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path):
    """No real keys, no real endpoints, a private data dir per test."""
    import os

    for name in list(os.environ):
        if name.startswith("CHATPAPER_") or name in _ENV:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CHATPAPER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CHATPAPER_ARXIV_API", "http://127.0.0.1:9/api/query")  # closed port: never the internet
    monkeypatch.setenv("CHATPAPER_LLM_TIMEOUT", "10")
    monkeypatch.setenv("CHATPAPER_HTTP_TIMEOUT", "5")


@pytest.fixture
def fake_llm():
    with FakeLLM() as server:
        yield server


@pytest.fixture
def gemini_env(fake_llm, monkeypatch):
    monkeypatch.setenv("GEMINI_API_KEY", SENTINEL_KEY)
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", fake_llm.url)
    monkeypatch.setenv("CHATPAPER_LLM_ATTEMPTS", "2")
    return fake_llm


@pytest.fixture
def openai_env(fake_llm, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", fake_llm.url + "/v1")
    monkeypatch.setenv("CHATPAPER_LLM_ATTEMPTS", "2")
    return fake_llm


@pytest.fixture(scope="session")
def paper_pdf() -> bytes:
    return make_paper_pdf()


@pytest.fixture
def paper_file(tmp_path, paper_pdf) -> Path:
    path = tmp_path / "sparse_router.pdf"
    path.write_bytes(paper_pdf)
    return path


@pytest.fixture
def arxiv_server(monkeypatch, paper_pdf):
    with FakeArxiv() as server:
        server.add(ArxivPaper("1512.03385", TITLE, AUTHORS, ABSTRACT, paper_pdf))
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        yield server


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "ground_truth.json").exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def figure_arxiv(monkeypatch):
    with FakeArxiv() as server:
        server.add(ArxivPaper(ARXIV_ID, TITLE, AUTHORS, ABSTRACT, paper_with_figure()))
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        yield server


@pytest.fixture
def app_url(monkeypatch):
    """The web app, launched in this process on a free loopback port."""
    from chatpaper.web import build_app, launch_options

    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    demo = build_app()
    _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True, **launch_options())
    yield url.rstrip("/")
    demo.close()


# -- the whole suite as a secret test: the sentinel key, used by every keyed test, must surface nowhere
class _Everything(__import__("logging").Handler):
    def __init__(self):
        super().__init__(level=0)
        self.lines: list[str] = []

    def emit(self, record):
        try:
            self.lines.append(record.getMessage())
        except Exception:
            self.lines.append(str(record.msg))


_LOG = _Everything()


def pytest_sessionstart(session):
    import logging

    logging.getLogger().addHandler(_LOG)
    logging.getLogger().setLevel(logging.INFO)  # every record a user could see reaches the check


def _files_with_sentinel(roots: list[Path]) -> list[str]:
    found = []
    for root in roots:
        if not root.exists():
            continue
        for path in root.rglob("*"):
            try:
                if path.is_file() and SENTINEL_KEY.encode() in path.read_bytes():
                    found.append(str(path))
            except OSError:
                pass
    return found


def pytest_sessionfinish(session, exitstatus):
    import tempfile

    leaks = [line[:200] for line in _LOG.lines if SENTINEL_KEY in line]
    base = session.config._tmp_path_factory.getbasetemp() if hasattr(session.config, "_tmp_path_factory") else None
    roots = [Path(tempfile.gettempdir()) / "chatpaper-web", Path(tempfile.gettempdir()) / "gradio"]
    leaks += _files_with_sentinel(roots + ([Path(base)] if base else []))
    if leaks:
        print("\nSECRET LEAK: the sentinel key appeared in:\n  " + "\n  ".join(leaks[:20]))
        session.exitstatus = 1
    else:
        print(f"\nsecret check: sentinel key in none of {len(_LOG.lines)} log records, test files, cache "
              "entries, outputs or web run folders")

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest

from tests.helpers.constants import ARXIV_ID, CORPUS, SENTINEL_KEY
from tests.helpers.figure_pdfs import paper_with_figure, two_panel_figure
from tests.helpers.loopback import ArxivPaper, FakeArxiv, FakeLLM
from tests.helpers.pdfs import ABSTRACT, AUTHORS, TITLE, make_paper_pdf

_ENV = [
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "GOOGLE_GEMINI_BASE_URL",
    "GOOGLE_GENAI_API_VERSION",
    "GOOGLE_GENAI_USE_VERTEXAI",
]


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


@pytest.fixture(scope="session")
def _shared_llm():
    with FakeLLM() as server:
        yield server


@pytest.fixture(scope="session")
def _shared_arxiv():
    with FakeArxiv() as server:
        yield server


@pytest.fixture
def fake_llm(_shared_llm):
    """The loopback model, shared by the session and reset for each test."""
    _shared_llm.reset()
    yield _shared_llm
    _shared_llm.reset()


@pytest.fixture
def gemini_env(fake_llm, monkeypatch):
    monkeypatch.setenv("GEMINI_API_KEY", SENTINEL_KEY)
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", fake_llm.url)
    monkeypatch.setenv("CHATPAPER_LLM_ATTEMPTS", "2")
    monkeypatch.setenv("CHATPAPER_LLM_RETRY_DELAY", "0.05")  # real retries, without a second's wait each
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


def _arxiv_serving(server: FakeArxiv, paper: ArxivPaper, monkeypatch):
    server.reset()
    server.add(paper)
    monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
    return server


@pytest.fixture
def arxiv_server(_shared_arxiv, monkeypatch, paper_pdf):
    """The loopback arXiv (shared by the session, reset for each test) serving the synthetic paper."""
    yield _arxiv_serving(_shared_arxiv, ArxivPaper("1512.03385", TITLE, AUTHORS, ABSTRACT, paper_pdf), monkeypatch)
    _shared_arxiv.reset()


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "ground_truth.json").exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def figure_pdf() -> bytes:
    return paper_with_figure()


@pytest.fixture
def figure_arxiv(_shared_arxiv, monkeypatch, figure_pdf):
    """The loopback arXiv serving the synthetic paper with a figure page as ARXIV_ID."""
    yield _arxiv_serving(_shared_arxiv, ArxivPaper(ARXIV_ID, TITLE, AUTHORS, ABSTRACT, figure_pdf), monkeypatch)
    _shared_arxiv.reset()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """The web app, launched once per test process (each xdist worker) on a free loopback port: a launch costs
    about 2 s of CPU. It reads its settings for each run, so the per-test environment (keys, endpoints, data dir)
    still applies, and each test's gradio_client is a session of its own. It gets its own Gradio file cache, so an
    app a module launches itself (test_web_bounds) never deletes a file this one serves."""
    from chatpaper.web import build_app, launch_options

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_ANALYTICS_ENABLED", "False")
        mp.setenv("GRADIO_TEMP_DIR", str(tmp_path_factory.mktemp("gradio-cache")))
        demo = build_app()
        _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True, **launch_options())
        yield url.rstrip("/")
        demo.close()


# -- the whole suite as a secret test: the sentinel key, used by every keyed test, must surface nowhere
class _Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=0)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(record.getMessage())
        except Exception:
            self.lines.append(str(record.msg))


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


@pytest.fixture(scope="session", autouse=True)
def no_secret_anywhere(tmp_path_factory):
    """Every log record a user could see, every test file, cache entry, output and web run folder of the
    session is searched for the sentinel key at the end; a hit fails the run. A fixture (not a hook) so the
    check runs in every process of a parallel run too."""
    everything = _Everything()
    root = logging.getLogger()
    level = root.level
    root.addHandler(everything)
    root.setLevel(logging.INFO)
    yield
    root.removeHandler(everything)
    root.setLevel(level)
    temp = Path(tempfile.gettempdir())
    leaks = [line[:200] for line in everything.lines if SENTINEL_KEY in line]
    leaks += _files_with_sentinel([temp / "chatpaper-web", temp / "gradio", tmp_path_factory.getbasetemp()])
    assert not leaks, "SECRET LEAK: the sentinel key appeared in:\n  " + "\n  ".join(leaks[:20])
    print(
        f"\nsecret check: sentinel key in none of {len(everything.lines)} log records, test files, cache "
        "entries, outputs or web run folders"
    )


_LAYER_MARKS = {"e2e": "e2e", "corpus": "corpus"}


# The order files are handed out in a parallel run, costliest kind first: whole-corpus evaluations, then the
# benchmark and load tests, the app and browser, the servers, and last the unit tests, which fill in the gaps at the
# end (longest-first scheduling: no worker is left with a 30-second file while the other has nothing). The CI
# command passes --no-loadscope-reorder so that pytest-xdist keeps this order instead of sorting by test count.
_COST_RANK = ("corpus", "slow", "e2e", "integration", "unit")


def _cost_rank(item) -> int:
    kinds = {m.name for m in item.iter_markers()} | {item.path.relative_to(item.config.rootpath / "tests").parts[0]}
    return next((i for i, kind in enumerate(_COST_RANK) if kind in kinds), len(_COST_RANK))


def pytest_collection_modifyitems(config, items):
    """Tests are marked by the folder they live in (tests/e2e -> e2e, tests/corpus -> corpus) and ordered costliest
    kind first; a file's tests stay together and in their order (sorting is stable and a file has one kind)."""
    for item in items:
        layer = item.path.relative_to(config.rootpath / "tests").parts[0]
        if layer in _LAYER_MARKS:
            item.add_marker(_LAYER_MARKS[layer])
    files = {item.path: _cost_rank(item) for item in reversed(items)}  # a file's rank is its first test's
    items.sort(key=lambda item: files[item.path])


@pytest.fixture
def figure_paper(tmp_path) -> Path:
    """A one-page paper whose Figure 3 has two panels, as a file."""
    data, _ = two_panel_figure()
    path = tmp_path / "panels.pdf"
    path.write_bytes(data)
    return path

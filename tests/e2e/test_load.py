"""Load: 20 gradio_client sessions at once, each on its own paper, against the app with the fake Gemini.

Wall time and the process's peak memory are printed (run with -s to see them), not asserted: speed targets
live in benchmarks.
"""

from __future__ import annotations

import resource
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.helpers.gradio_api import api_client
from tests.helpers.loopback import ArxivPaper, FakeArxiv
from tests.helpers.pdfs import ABSTRACT, AUTHORS, make_paper_pdf

pytestmark = pytest.mark.slow

SESSIONS = 20


@pytest.fixture
def many_papers(monkeypatch):
    pdf = make_paper_pdf()
    with FakeArxiv() as server:
        for n in range(SESSIONS):
            server.add(ArxivPaper(f"2611.3{n:04d}", f"Load Test Paper Number {n}", AUTHORS, ABSTRACT, pdf))
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        yield server


def test_twenty_sessions_each_get_their_own_paper(many_papers, gemini_env, app_url):
    # The queue runs 2 digests at once, so 18 sessions wait in it whatever the model's latency: 20 are in flight
    # together with a short one too (it was 0.2 s, which only added 4.5 s of waiting).
    gemini_env.delay = 0.05

    def session(n: int):
        client = api_client(app_url)
        return n, client.predict(source=f"2611.3{n:04d}", pdf=None, api_name="/digest")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        results = list(pool.map(session, range(SESSIONS)))
    wall = time.perf_counter() - t0
    for n, (status, md, _gallery, files, share) in results:
        assert "完成" in status, status
        assert f"# Load Test Paper Number {n}\n" in md
        assert all(f"Number {m}\n" not in md for m in range(SESSIONS) if m != n)
        assert share.endswith(f"/?arxiv=2611.3{n:04d}") and len(files) == 3
    assert len(gemini_env.requests) == 3 * SESSIONS
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n{SESSIONS} sessions served in {wall:.1f} s; peak RSS of the test process (app + clients) {peak_mb:.0f} MB"
    )

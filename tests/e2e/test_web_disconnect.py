"""Issue #17 row 17: a client that disconnects during a digest costs no further model call."""

from __future__ import annotations

import time
import uuid

import httpx

from tests.helpers.constants import ARXIV_ID

CALL_SECONDS = 1.5  # each model call takes this long


def _fn_index(app_url: str, api_name: str) -> int:
    config = httpx.get(app_url + "/config").json()
    return next(i for i, dep in enumerate(config["dependencies"]) if dep.get("api_name") == api_name)


def test_a_client_that_disconnects_stops_its_run(app_url, figure_arxiv, gemini_env, monkeypatch):
    # Gradio notices a closed stream when it next writes to it: a heartbeat (15 s by default, read per stream)
    # or the run's next message, which may come too late. A short heartbeat makes the test's timing certain.
    monkeypatch.setenv("GRADIO_HEARTBEAT_INTERVAL", "0.5")
    gemini_env.reset(delay=CALL_SECONDS)
    session = uuid.uuid4().hex
    join = httpx.post(
        app_url + "/gradio_api/queue/join",
        json={
            "data": [ARXIV_ID, None, "zh", "auto", "", ""],
            "fn_index": _fn_index(app_url, "digest"),
            "session_hash": session,
            "event_data": None,
            "trigger_id": None,
        },
    )
    assert join.status_code == 200, join.text
    with httpx.stream("GET", app_url + f"/gradio_api/queue/data?session_hash={session}", timeout=30) as stream:
        deadline = time.monotonic() + 30
        for _ in stream.iter_lines():  # read the stream like a browser until the first model call is made
            if gemini_env.requests or time.monotonic() > deadline:
                break
        assert gemini_env.requests, "the run never called the model"
        time.sleep(CALL_SECONDS / 3)
    # The client is gone a third of the way into the first call; before, all 3 calls were still made. A run that
    # went on would send its second call as the first one ends, two thirds of a call from now: wait past that.
    time.sleep(CALL_SECONDS + 1.5)
    assert len(gemini_env.requests) == 1, [r.path for r in gemini_env.requests]

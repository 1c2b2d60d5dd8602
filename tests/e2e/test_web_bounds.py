"""Issue #17 rows 1, 19 and the disk floor: the launched app refuses oversized uploads before storing them,
answers an invalid file reference with a message, and refuses new runs while the disk is short."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from tests.helpers.gradio_api import api_client

LIMIT_MB = 0.05  # a file just over this proves the bound; no need to write 600 MB


@pytest.fixture(scope="module")
def small_upload_app(upload_cache):
    """The app launched with CHATPAPER_MAX_PDF_MB=0.05 (read once, at launch, like the real server)."""
    from chatpaper.web import build_app, launch_options

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_ANALYTICS_ENABLED", "False")
        mp.setenv("GRADIO_TEMP_DIR", str(upload_cache))
        mp.setenv("CHATPAPER_MAX_PDF_MB", str(LIMIT_MB))
        demo = build_app()
        _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True, **launch_options())
    yield url.rstrip("/")
    demo.close()


@pytest.fixture(scope="module")
def upload_cache(tmp_path_factory) -> Path:
    """Where this module's app stores uploads (its own Gradio cache)."""
    return tmp_path_factory.mktemp("small-upload-cache")


def _stored(root: Path, name: str) -> list[Path]:
    return list(root.rglob(name)) if root.exists() else []


def test_an_upload_over_the_limit_is_refused_before_it_is_stored(small_upload_app, upload_cache):
    big, small = f"big-{uuid.uuid4().hex}.pdf", f"small-{uuid.uuid4().hex}.pdf"
    over = b"%PDF-1.4\n" + b"x" * int(LIMIT_MB * 1024 * 1024 * 1.2)
    reply = httpx.post(small_upload_app + "/gradio_api/upload", files={"files": (big, over, "application/pdf")})
    assert reply.status_code == 413 and "maximum allowed size" in reply.text
    assert _stored(upload_cache, big) == []
    config = httpx.get(small_upload_app + "/config").json()
    assert config["max_file_size"] == int(LIMIT_MB * 1024 * 1024)  # before: null
    ok = httpx.post(small_upload_app + "/gradio_api/upload", files={"files": (small, b"%PDF-1.4\n", "application/pdf")})
    assert ok.status_code == 200 and len(_stored(upload_cache, small)) == 1  # the endpoint itself still works


def _call(app: str, pdf: object) -> str:
    """The raw HTTP API, as a non-Python client uses it: the event's stream as text."""
    event = httpx.post(app + "/gradio_api/call/digest", json={"data": ["", pdf, "zh", "auto", "", ""]})
    return httpx.get(app + f"/gradio_api/call/digest/{event.json()['event_id']}", timeout=60).text


@pytest.mark.parametrize(
    "pdf",
    [
        {"path": "https://example.invalid/paper.pdf", "meta": {"_type": "gradio.FileData"}},
        {"path": "not a file reference"},
    ],
    ids=["unreachable url", "no meta"],
)
def test_an_invalid_file_reference_gets_a_message(small_upload_app, pdf):
    stream = _call(small_upload_app, pdf)
    assert "event: error" in stream
    assert '"error": null' not in stream and '"error": "' in stream  # before: {"error": null}


def test_runs_are_refused_while_the_disk_is_short(small_upload_app, monkeypatch):
    monkeypatch.setenv("CHATPAPER_MIN_FREE_DISK_MB", str(10**12))  # more than any disk has free
    client = api_client(small_upload_app)
    with pytest.raises(Exception, match="low on disk space") as err:
        client.predict(source="1512.03385", pdf=None, api_name="/digest")
    assert "\n" not in str(err.value).strip()
    with pytest.raises(Exception, match="low on disk space"):
        client.predict(topic="Talking Head Generation", days=1, max_papers=1, api_name="/daily")

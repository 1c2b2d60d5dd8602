"""The Python client the API tests drive the app with."""

from __future__ import annotations

from typing import Any


def api_client(url: str) -> Any:
    """A gradio_client for the app at ``url``, a plain-HTTP address on 127.0.0.1.

    ``ssl_verify=False`` changes nothing on the wire here: no TLS is spoken, so no certificate is ever checked. It
    does stop httpx from building a verifying SSL context, which loads the CA bundle (about 30 ms of CPU), for each
    of the ten or so requests a session makes: gradio_client opens a new httpx client per request. That was two
    thirds of a test session's CPU."""
    import gradio_client  # imports Gradio's client library only in the tests that drive the app

    return gradio_client.Client(url, verbose=False, ssl_verify=False)

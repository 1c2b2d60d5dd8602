"""Issue #17 rows 8, 14, 16 through the page's API: hostile keys, model and backend names are one-line setting
errors before any request, never a traceback, never the key, never a megabyte of echo."""

from __future__ import annotations

import pytest

from tests.helpers.constants import ARXIV_ID

gradio_client = pytest.importorskip("gradio_client")


def _error(client, **kwargs) -> str:
    with pytest.raises(Exception) as err:
        client.predict(source=ARXIV_ID, pdf=None, api_name="/digest", **kwargs)
    text = str(err.value)
    assert "\n" not in text.strip() and "Traceback" not in text and "Internal error" not in text, text
    return text


@pytest.mark.parametrize(
    "key",
    ["sk-密钥-1234", "sk-abc\u200b1234", "sk-abc\n1234", "AIza abc 1234"],
    ids=["cjk", "zwsp", "newline", "space"],
)
def test_a_key_no_http_header_can_carry_is_a_setting_error(figure_arxiv, fake_llm, client, key):
    # before: "Internal error (UnicodeEncodeError)" and a traceback; "\n" gave a misleading timeout
    text = _error(client, api_key=key)
    assert "Setting" in text and "API key" in text and "1234" not in text
    assert fake_llm.requests == []


@pytest.mark.parametrize("model", ["../../v1beta/cachedContents", "a b#c"])
def test_a_model_name_that_would_change_the_url_is_a_setting_error(figure_arxiv, gemini_env, client, model):
    # before: ValueError -> internal error; "a b#c" was sent as /v1/models/a%20b on the server's key
    text = _error(client, model=model)
    assert "Setting" in text and "not a model name" in text
    assert gemini_env.requests == []


def test_a_huge_backend_name_is_cut(figure_arxiv, client):
    text = _error(client, backend="A" * 100_000)
    assert "Setting" in text and len(text) < 400

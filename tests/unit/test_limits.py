"""Issue #17 rows 8, 11, 14, 16: what a user types is checked once, with one short line that never shows a key."""

from __future__ import annotations

import pytest

from chatpaper import backends
from chatpaper._errors import MAX_MESSAGE_CHARS, ChatPaperError, ConfigError, InputError
from chatpaper.limits import DAYS, MAX_PAPERS, RPM, WORKERS, check_key, check_model, check_topic, cut
from chatpaper.settings import Settings


@pytest.mark.parametrize("name", ["../../v1beta/cachedContents", "a b#c", "gpt?x=1", "m/../n", "", "x" * 200, "a%2e"])
def test_model_names_that_would_change_the_request_url_are_refused(name):
    with pytest.raises(ConfigError, match="not a model name"):
        Settings.load(model=name)


@pytest.mark.parametrize(
    "name", ["gemini-2.5-flash", "models/gemini-2.5-pro", "qwen2.5:7b", "meta-llama/Llama-3.1-8B-Instruct", "gpt-4o"]
)
def test_real_model_names_pass(name):
    assert Settings.load(model=name).model == name
    assert check_model(name) == name


def test_a_megabyte_backend_name_is_cut_in_the_message(monkeypatch):
    monkeypatch.setenv("CHATPAPER_BACKEND", "A" * 1_000_000)
    with pytest.raises(ConfigError) as err:
        Settings.load()
    assert len(str(err.value)) < 200 and "CHATPAPER_BACKEND" in str(err.value)
    with pytest.raises(ConfigError) as err:
        backends.info("b" * 1_000_000)
    assert len(str(err.value)) < 200


@pytest.mark.parametrize(
    ("key", "what"),
    [
        ("sk-密钥abc", "non-ASCII"),
        ("sk-abc\u200bdef", "non-ASCII or invisible"),
        ("sk-abc\ndef", "line break"),
        ("sk-abc def", "space"),
    ],
)
def test_keys_that_http_headers_cannot_carry_are_refused_without_echo(key, what):
    with pytest.raises(ConfigError, match=what) as err:
        backends.with_user_key(Settings.load(), key, "openai")
    assert "abc" not in str(err.value) and "def" not in str(err.value)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        Settings.load(openai_api_key=key)


def test_a_pasted_key_with_surrounding_blanks_still_works():
    settings = backends.with_user_key(Settings.load(), "  sk-test-123\n", "openai")
    assert settings.openai_api_key is not None and settings.openai_api_key.get_secret_value() == "sk-test-123"
    assert check_key("AIzaSy-abc_DEF") == "AIzaSy-abc_DEF"


@pytest.mark.parametrize(
    ("bound", "bad"), [(DAYS, 1_000_000), (DAYS, 0), (MAX_PAPERS, 0), (MAX_PAPERS, -3), (WORKERS, 0), (RPM, -1)]
)
def test_ranges_refuse_out_of_range_values(bound, bad):
    with pytest.raises(InputError, match=f"{bound.flag} must be between"):
        bound.check(bad)


def test_topics_are_bounded_and_printable():
    assert check_topic("  Talking Head Generation ") == "Talking Head Generation"
    with pytest.raises(InputError, match="10000 characters long"):
        check_topic("x" * 10_000)
    with pytest.raises(InputError, match="control characters"):
        check_topic("talking\x00head")
    with pytest.raises(InputError, match="give a topic"):
        check_topic("   ")


def test_every_error_message_is_short_whatever_it_quotes():
    assert len(str(ChatPaperError("x" * 1_000_000))) == MAX_MESSAGE_CHARS
    assert cut("y" * 100, 10) == "yyyyyyyyyy… (100 characters)"

"""What a user may type, checked once for the CLI, the web app and the Python API: numeric ranges of the daily
digest, model and backend names, API keys and topics. Pure; each check raises a one-line InputError/ConfigError
that never repeats a secret and cuts a long value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatpaper._errors import ConfigError, InputError

# A value quoted in an error message or a log line is cut to this many characters: a 1 MB value must not be
# echoed whole into a page or a log file.
QUOTE_CHARS = 60


def cut(value: object, limit: int = QUOTE_CHARS) -> str:
    """``value`` as text of at most ``limit`` characters (an ellipsis and the original length mark a cut)."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


@dataclass(frozen=True)
class Range:
    """An inclusive range of a number the user chooses; ``flag`` names it in messages."""

    flag: str
    low: float
    high: float

    def check(self, value: float) -> float:
        if not self.low <= value <= self.high:
            raise InputError(f"{self.flag} must be between {self.low:g} and {self.high:g}, not {cut(value, 20)}")
        return value


# The daily digest's knobs. The web page's number fields and the CLI's flags both take their bounds from here.
# A month of papers is what arXiv's date-sorted listing pages through in reasonable time.
DAYS = Range("--days", 1, 30)
# Each paper costs up to three LLM calls and its figures on disk: a post stays a readable size.
MAX_PAPERS = Range("--max", 1, 50)
# Parallel papers: each holds one open PDF and its figures in memory.
WORKERS = Range("--workers", 1, 16)
# Requests per minute shared by all workers; 0 means no limit.
RPM = Range("--rpm", 0, 10_000)

# A topic is a phrase or a short arXiv query; arXiv answers a very long query URL with HTTP 414.
MAX_TOPIC_CHARS = 200

# Model names as services spell them: "gemini-2.5-flash", "models/gemini-2.5-pro", "qwen2.5:7b",
# "meta-llama/Llama-3.1-8B-Instruct". Each '/'-separated part starts with a letter or digit, so no '..' or
# empty part can walk the request URL elsewhere; no space, '#', '?' or '%' can cut or re-encode it.
MODEL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+-]*(/[A-Za-z0-9][A-Za-z0-9._:+-]*)*")
MAX_MODEL_CHARS = 128
# Backend names are registry keys: short lowercase words.
BACKEND_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")
# API keys are printable ASCII without spaces (HTTP headers carry them); the longest known are ~200 characters.
MAX_KEY_CHARS = 1024


def check_model(name: str) -> str:
    if len(name) > MAX_MODEL_CHARS or not MODEL_NAME.fullmatch(name):
        raise ConfigError(
            f"model name '{cut(name, 40)}' is not a model name: use letters, digits and . _ : + - "
            "(parts joined by '/'), e.g. gemini-2.5-flash"
        )
    return name


def check_backend(name: str) -> str:
    if not BACKEND_NAME.fullmatch(name):
        raise ConfigError(f"backend name '{cut(name, 20)}' is not a backend name (e.g. gemini, openai, offline)")
    return name


def check_key(key: str) -> str:
    """A usable API key, or a ConfigError that says what is wrong with it without showing any of it."""
    if len(key) > MAX_KEY_CHARS:
        raise ConfigError(f"the API key is {len(key)} characters long; keys are shorter: paste only the key")
    bad = next((i for i, ch in enumerate(key) if not "!" <= ch <= "~"), None)
    if bad is not None:
        what = "a space or line break" if key[bad].isspace() else "a non-ASCII or invisible character"
        raise ConfigError(f"the API key has {what} at position {bad + 1}: keys are printable ASCII; paste only the key")
    return key


def check_topic(topic: str) -> str:
    text = topic.strip()
    if not text:
        raise InputError('give a topic, e.g. "Talking Head Generation"')
    if len(text) > MAX_TOPIC_CHARS:
        raise InputError(f"the topic is {len(text)} characters long; at most {MAX_TOPIC_CHARS}: '{cut(text, 40)}'")
    if any(not ch.isprintable() for ch in text):
        raise InputError(f"the topic '{cut(text, 40)}' has control characters")
    return text

"""All configuration in one object, read from the environment (``CHATPAPER_*`` and the SDKs' own key variables)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from chatpaper import limits
from chatpaper._errors import ChatPaperError, ConfigError

DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query"
# arXiv's announcement feeds (what appeared in a category today); a category's feed is <base>/<category>.
DEFAULT_ARXIV_RSS = "https://rss.arxiv.org/atom"
# Pages read from a PDF unless CHATPAPER_MAX_PAGES says otherwise; functions that take max_pages default to it.
MAX_PAGES = 300
# Figures kept per paper unless CHATPAPER_MAX_FIGURES / CHATPAPER_MAX_FIGURE_MB say otherwise: about 3x the count
# and 20x the bytes of the heaviest of the 63 labelled corpus papers (32 figures; 2.5 MB of crops at 150 dpi),
# while a PDF that shows one photo on each of 300 pages would otherwise cut 300.
MAX_FIGURES = 100
MAX_FIGURE_MB = 50.0
# Runs one page session may start per minute on each endpoint (web/rate_limit.py).
RUNS_PER_MINUTE = 6


def _default_data_dir() -> Path:
    return Path(platformdirs.user_cache_dir("chatpaper"))


class Settings(BaseSettings):
    """Every knob ChatPaper has. Environment variables win over defaults; CLI flags win over both."""

    model_config = SettingsConfigDict(env_prefix="CHATPAPER_", extra="ignore", populate_by_name=True)

    backend: str | None = Field(
        None,
        description="LLM backend: gemini, openai or offline. Unset: gemini if a Gemini key is set, "
        "else openai if OPENAI_API_KEY is set, else offline.",
    )
    model: str | None = Field(
        None, description="Model name; unset uses the backend's default (gemini-2.5-flash, gpt-4o-mini)."
    )
    lang: Literal["zh", "en"] = Field("zh", description="Language of the digest.")
    data_dir: Path = Field(
        default_factory=_default_data_dir, description="Where the SQLite cache and downloaded PDFs live."
    )
    arxiv_api: str = Field(DEFAULT_ARXIV_API, description="arXiv export API endpoint.")
    arxiv_rss: str = Field(
        DEFAULT_ARXIV_RSS,
        description="Base of arXiv's announcement feeds for `daily --source rss`; a category's feed is "
        "<base>/<category> (Atom; the RSS 2.0 and the older RSS 1.0 forms are read too).",
    )
    http_timeout: float = Field(30.0, description="Seconds before an arXiv request or PDF download times out.")
    max_pdf_mb: float = Field(
        50.0, gt=0, description="Largest PDF accepted, in MB; the web app refuses bigger uploads before storing them."
    )
    min_free_disk_mb: float = Field(
        500,
        ge=0,
        description="The web app refuses new runs while the disk of the data dir or of its run folders has less "
        "free space than this, in MB (0: no check).",
    )
    max_pages: int = Field(
        MAX_PAGES, description="Pages read from a PDF; longer papers are digested from the first part."
    )
    stage_input_tokens: int = Field(
        32000,
        description="Input budget per LLM stage, in estimated tokens, for the paper text. "
        "What does not fit is cut and the cut is logged.",
    )
    llm_timeout: float = Field(180.0, description="Seconds before one LLM call times out.")
    llm_attempts: int = Field(4, description="Attempts per LLM call on 429/5xx (1 = no retry).")
    llm_retry_delay: float = Field(
        1.0,
        gt=0,
        description="Seconds before Gemini's first retry, doubling up to 30 s, plus up to as much again at random "
        "(the openai SDK keeps its own backoff and honours Retry-After).",
    )
    llm_rpm: float = Field(
        0,
        ge=0,
        description="LLM requests per minute, shared by every call of the process "
        "(parallel papers too); 0 means no limit.",
    )
    cache_mb: float = Field(
        2000,
        ge=0,
        description="Disk kept for cached PDFs and figures, in MB; the least "
        "recently used are removed first. 0 means no bound.",
    )
    use_cache: bool = Field(True, description="Reuse cached PDFs and finished digests.")
    figure_dpi: int = Field(150, ge=36, le=600, description="Resolution of figure crops, in dots per inch.")
    max_figures: int = Field(
        MAX_FIGURES,
        ge=0,
        description="Figures cut per paper; the rest are not cut and the digest says so (0: no figures).",
    )
    max_figure_mb: float = Field(
        MAX_FIGURE_MB,
        gt=0,
        description="Bytes of figure images kept per paper, in MB; cutting stops before the figure that would "
        "pass it and the digest says so.",
    )
    ask_question_chars: int = Field(
        2000, ge=1, le=100_000, description="Longest question the ask feature (追问) takes, in characters."
    )
    ask_history_tokens: int = Field(
        2000,
        ge=0,
        description="Estimated tokens of the conversation so far sent with a question; the oldest turns go first.",
    )
    source_url: str | None = Field(
        None,
        description="Where the web page links its source code (AGPL); unset: the Space's files when SPACE_ID is "
        "set, else the project's repository.",
    )
    runs_per_minute: int = Field(
        RUNS_PER_MINUTE,
        ge=0,
        description="Runs one page session may start per minute on each endpoint (0: no limit).",
    )
    key_figures: int = Field(
        4,
        ge=0,
        le=20,
        description="Figures shown in the digest (first, overview, main results); all figures are still saved.",
    )

    space_id: str | None = Field(
        None,
        validation_alias=AliasChoices("SPACE_ID"),
        description="Set by Hugging Face Spaces (owner/name): the page links the Space's files.",
    )
    debug: bool = Field(False, description="The CLI prints the traceback of an internal error instead of one line.")
    daily_public: bool = Field(
        False,
        description="On a server with its own model key, the web page's 每日速递 tab (and its /daily endpoint) may "
        "spend that key for any visitor; unset, it runs only with the visitor's own key.",
    )
    smtp_url: str | None = Field(
        None,
        description="Mail server for `daily --mail-to`: smtp://host:port (STARTTLS when offered) or "
        "smtps://host:port (TLS from the start).",
    )
    smtp_user: str | None = Field(None, description="SMTP login for `daily --mail-to` (unset: no login).")
    smtp_password: SecretStr | None = Field(
        None, description="SMTP password for `daily --mail-to`; a secret: never logged or shown."
    )
    smtp_from: str | None = Field(
        None, description="Sender address of the daily e-mail (unset: CHATPAPER_SMTP_USER, else chatpaper@localhost)."
    )

    gemini_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("GEMINI_API_KEY", "GOOGLE_API_KEY"),
        description="Gemini key (GEMINI_API_KEY or GOOGLE_API_KEY).",
    )
    openai_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("OPENAI_API_KEY"), description="Key for an OpenAI-compatible server."
    )
    openai_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("OPENAI_BASE_URL"),
        description="Base URL of an OpenAI-compatible server (DeepSeek, DashScope, Ollama, vLLM).",
    )

    @field_validator("backend")
    @classmethod
    def _backend_name(cls, value: str | None) -> str | None:
        return _checked(limits.check_backend, value)

    @field_validator("model")
    @classmethod
    def _model_name(cls, value: str | None) -> str | None:
        return _checked(limits.check_model, value)

    @field_validator("gemini_api_key", "openai_api_key")
    @classmethod
    def _api_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            _checked(limits.check_key, value.get_secret_value())
        return value

    @classmethod
    def load(cls, **overrides: object) -> Settings:
        """Settings from the environment plus overrides; a bad value is a ConfigError naming the variable."""
        try:
            return cls.model_validate({k: v for k, v in overrides.items() if v is not None})
        except ValidationError as exc:
            first = exc.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "?"
            var = _variable(name)
            reason = str(first["msg"]).removeprefix("Value error, ")
            raise ConfigError(f"invalid setting {var}: {reason}") from None

    @property
    def cache_bytes(self) -> int:
        return int(self.cache_mb * 1024 * 1024)

    @property
    def max_pdf_bytes(self) -> int:
        return int(self.max_pdf_mb * 1024 * 1024)

    @property
    def min_free_disk_bytes(self) -> int:
        return int(self.min_free_disk_mb * 1024 * 1024)


def _variable(name: str) -> str:
    """The environment variable of a field (its alias, e.g. OPENAI_API_KEY, else CHATPAPER_<NAME>)."""
    field = Settings.model_fields.get(name)
    alias = field.validation_alias if field else None
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return name.upper() if name.isupper() else f"CHATPAPER_{name.upper()}"


def _checked(check: Callable[[str], str], value: str | None) -> str | None:
    """Run a check from chatpaper.limits inside a validator: pydantic reports ValueErrors, not our errors."""
    if value is None:
        return None
    try:
        return check(value)
    except ChatPaperError as exc:
        raise ValueError(str(exc)) from None

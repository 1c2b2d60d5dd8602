"""``daily.toml``: the topics one run writes posts for, and how they are delivered. Read with tomllib, checked by
pydantic; a bad file is one ConfigError line naming the place."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10 has no tomllib; tomli is the same parser under its older name
    import tomli as tomllib

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chatpaper._errors import ConfigError, InputError
from chatpaper.limits import DAYS, MAX_PAPERS, WORKERS, Range, check_topic

# Posts kept in a topic's Atom feed unless the config says otherwise: about a month of working days.
FEED_ENTRIES = 20
# Candidates fetched per topic before ranking, unless the topic says otherwise (ranking needs more than ``max``).
CANDIDATES = 40
# Ranking is cheap (no model call), so far more papers may be looked at than digested: a busy category announces
# a few hundred a day.
CANDIDATE_RANGE = Range("candidates", 1, 500)

Source = Literal["rss", "api"]


class Topic(BaseModel):
    """One topic: what to look for, where, what to leave out, and how many papers get a digest."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="The post's title, and (slugged) its file and feed name.")
    query: list[str] = Field(
        default_factory=list, description="Phrases searched in title/abstract and ranked on (default: the name)."
    )
    categories: list[str] = Field(default_factory=list, description="arXiv categories, e.g. cs.CV.")
    exclude: list[str] = Field(default_factory=list, description="Papers mentioning any of these words are left out.")
    keywords: list[str] = Field(default_factory=list, description="Extra words that raise a paper's score.")
    authors: list[str] = Field(default_factory=list, description="Authors whose papers rank higher.")
    max: int = Field(10, description="Papers digested (the best ranked); the rest are listed short.")
    min_score: float = Field(0.0, ge=0, description="Papers scoring below this are listed short, never digested.")
    candidates: int = Field(CANDIDATES, description="Papers fetched before ranking.")
    rank: bool = Field(True, description="False: digest in the order found (the single-topic command line).")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _as_value_error(check_topic, value)

    @field_validator("max")
    @classmethod
    def _max(cls, value: int) -> int:
        return int(_as_value_error(MAX_PAPERS.check, value))

    @field_validator("candidates")
    @classmethod
    def _candidates(cls, value: int) -> int:
        return int(_as_value_error(CANDIDATE_RANGE.check, value))

    @property
    def phrases(self) -> list[str]:
        return [q for q in self.query if q.strip()] or [self.name]


class DailyConfig(BaseModel):
    """A run: its topics and the settings they share."""

    model_config = ConfigDict(extra="forbid")

    topics: list[Topic] = Field(alias="topic", min_length=1)
    out: Path | None = Field(None, description="Folder of the posts (the command line's --out wins).")
    days: int = Field(1, description="Submitted in the last N days (--source api).")
    source: Source = Field("api", description="rss: today's announcements; api: the search API by date.")
    workers: int = Field(4, description="Papers digested in parallel, all topics together.")
    image_base_url: str | None = None
    author: str = "ChatPaper"
    site_url: str = Field("", description="Where the posts are published; feed entries link <site_url><post_path>.")
    post_path: str = Field("{stem}.md", description="A post's path under site_url: {stem}, {year}, {month}, {day}.")
    feed_entries: int = Field(FEED_ENTRIES, ge=1, le=500, description="Posts kept in each topic's Atom feed.")
    mail_to: list[str] = Field(default_factory=list, description="Addresses that get each post by e-mail.")

    @field_validator("days")
    @classmethod
    def _days(cls, value: int) -> int:
        return int(_as_value_error(DAYS.check, value))

    @field_validator("workers")
    @classmethod
    def _workers(cls, value: int) -> int:
        return int(_as_value_error(WORKERS.check, value))


def _as_value_error(check, value):
    """A chatpaper.limits check inside a validator: pydantic reports ValueErrors, not our errors."""
    try:
        return check(value)
    except InputError as exc:
        raise ValueError(str(exc)) from None


def load_config(path: Path) -> DailyConfig:
    """The config at ``path``; a missing file, bad TOML or a wrong field is one ConfigError line."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"no config file at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path} ({type(exc).__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    return parse_config(data, str(path))


def parse_config(data: dict, where: str = "daily.toml") -> DailyConfig:
    try:
        return DailyConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"]) or "(top)"
        reason = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{where}: {place}: {reason}") from None

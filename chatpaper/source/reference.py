"""Turn what a user pastes into an arXiv reference or a local PDF path. Pure, no I/O but ``Path.exists``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from chatpaper._errors import InputError

# New-style IDs: YYMM.NNNNN (5 digits since 2015-01, 4 before).
_NEW_ID = r"(?P<new>(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<num>\d{4,5}))"
# Old-style IDs: archive(.SUBJ)/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
_OLD_ID = r"(?P<old>[a-z][a-z\-]+(?:\.[A-Z]{2})?/(?P<oyy>\d{2})(?P<omm>\d{2})\d{3})"
_VERSION = r"(?:v(?P<version>\d+))?"
_ID = rf"(?:{_NEW_ID}|{_OLD_ID}){_VERSION}"

_BARE = re.compile(rf"^(?:arxiv:\s*)?{_ID}$", re.IGNORECASE)
_URL = re.compile(
    rf"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/{_ID}(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ArxivRef:
    """An arXiv paper, optionally pinned to a version."""

    id: str
    version: int | None = None

    @property
    def versioned(self) -> str:
        return f"{self.id}v{self.version}" if self.version else self.id

    @property
    def abs_url(self) -> str:
        return f"https://arxiv.org/abs/{self.versioned}"


def _check_date(yy: str, mm: str, raw: str, new_style: bool) -> None:
    month = int(mm)
    if not 1 <= month <= 12:
        raise InputError(f"'{raw}' is not a valid arXiv ID: month {mm} does not exist")
    year = int(yy)
    # New-style IDs started in 2007-04; old-style ran from 1991-08 to 2007-03.
    if new_style and (year < 7 or (year == 7 and month < 4)):
        raise InputError(f"'{raw}' is not a valid arXiv ID: new-style IDs start at 0704")


def parse_arxiv_ref(text: str) -> ArxivRef | None:
    """Return the arXiv reference in ``text`` or None if it is not shaped like one.

    Raises InputError when it is shaped like an arXiv ID but impossible (month 13, 5-digit
    number before 2015)."""
    raw = text.strip()
    m = _BARE.match(raw) or _URL.match(raw)
    if not m:
        return None
    version = int(m["version"]) if m["version"] else None
    if version == 0:
        raise InputError(f"'{raw}' is not a valid arXiv ID: versions start at v1")
    if m["new"]:
        _check_date(m["yy"], m["mm"], raw, new_style=True)
        if len(m["num"]) == 5 and int(m["yy"]) < 15:
            raise InputError(f"'{raw}' is not a valid arXiv ID: 5-digit numbers start in 2015")
        if len(m["num"]) == 4 and int(m["yy"]) >= 15:
            raise InputError(f"'{raw}' is not a valid arXiv ID: IDs since 2015 have 5 digits")
        return ArxivRef(m["new"], version)
    _check_date(m["oyy"], m["omm"], raw, new_style=False)
    return ArxivRef(m["old"], version)


def parse_source(text: str) -> ArxivRef | Path:
    """An arXiv reference in any common form, or an existing local PDF path."""
    raw = (text or "").strip()
    if not raw:
        raise InputError("no paper given: pass an arXiv ID/URL or a PDF file")
    if len(raw) > 2000:
        raise InputError("input is too long to be an arXiv ID, URL or file path")
    ref = parse_arxiv_ref(raw)
    if ref:
        return ref
    path = Path(raw).expanduser()
    if path.is_file():
        return path
    if path.is_dir():
        raise InputError(f"{path.name or raw[:100]} is a folder, not a PDF file")
    if re.match(r"^[a-z\-]+(\.[A-Z]{2})?/\d", raw):  # shaped like an old-style ID, e.g. hep-th/9901001
        raise InputError(f"'{raw[:100]}' is not a valid arXiv ID: old-style IDs are archive/YYMMNNN (7 digits)")
    if raw.lower().endswith(".pdf") or "/" in raw or "\\" in raw:
        if re.match(r"^https?://", raw, re.IGNORECASE):
            raise InputError(f"'{raw[:100]}' is not an arXiv abs/pdf URL; download the PDF and pass the file")
        raise InputError(f"file not found: {raw[:200]}")
    raise InputError(f"'{raw[:100]}' is neither an arXiv ID (e.g. 2405.07257) nor a PDF file")

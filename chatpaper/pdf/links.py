"""Code and project links mentioned in a paper."""

from __future__ import annotations

import re

_CODE_HOSTS = re.compile(
    r"https?\s?:\s?//\s?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|"
    r"[\w-]+\.github\.io|sites\.google\.com|colab\.research\.google\.com|paperswithcode\.com)"
    r"(?:/(?:(?!https?:)[^\s<>\"'\]\[{}|\\^`])*)?",
    re.IGNORECASE,
)
_BARE_GITHUB = re.compile(r"(?<![/\w.])(?:github\.com|gitlab\.com|[\w-]+\.github\.io)/[\w.\-/]+", re.IGNORECASE)


def _tidy(url: str) -> str:
    url = re.sub(r"\s+", "", url).rstrip(".,;:)]}'\"")
    if not url.lower().startswith("http"):
        url = "https://" + url
    return url


def is_code_link(url: str) -> bool:
    return (bool(_CODE_HOSTS.match(url)) and len(url.split("/")) >= 4) or ".github.io" in url


def find_links(text: str, annotated: list[str]) -> list[str]:
    """Code/project URLs in order of first appearance: from the text and the PDF's link annotations."""
    found = [_tidy(m.group(0)) for m in _CODE_HOSTS.finditer(text)]
    found += [_tidy(m.group(0)) for m in _BARE_GITHUB.finditer(text)]
    found += [_tidy(u) for u in annotated if _CODE_HOSTS.match(u)]
    out: dict[str, None] = {}
    for url in found:
        if is_code_link(url):
            out.setdefault(url, None)
    # Prefer the longest of near-duplicates ("github.com/a" vs "github.com/a/b").
    urls = list(out)
    return [u for u in urls if not any(v != u and v.startswith(u.rstrip("/") + "/") for v in urls)]

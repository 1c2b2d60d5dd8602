"""Getting a paper: arXiv metadata through the ``arxiv`` package, the PDF over HTTP with limits."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import arxiv
import httpx
import requests

from chatpaper._errors import InputError, UpstreamError
from chatpaper.paper import Paper
from chatpaper.settings import Settings
from chatpaper.source.reference import ArxivRef
from chatpaper.text import clean

log = logging.getLogger("chatpaper.source.fetch")

USER_AGENT = "chatpaper/0.1"


class _TimeoutSession(requests.Session):
    """arxiv 4.x sends requests without a timeout; this session adds one to every request."""

    def __init__(self, timeout: float):
        super().__init__()
        self._timeout = timeout

    def request(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self._timeout)
        return super().request(*args, **kwargs)


def arxiv_client(settings: Settings, page_size: int = 100, delay_seconds: float = 3.0) -> arxiv.Client:
    client = arxiv.Client(page_size=page_size, delay_seconds=delay_seconds, num_retries=2)
    client.query_url_format = settings.arxiv_api.split("?")[0] + "?{}"
    client._session = _TimeoutSession(settings.http_timeout)  # no public hook for a timeout in arxiv 4.x
    return client


def paper_from_result(result: arxiv.Result) -> Paper:
    short = result.get_short_id()
    m = re.match(r"^(.*?)(?:v(\d+))?$", short)
    assert m
    return Paper(
        title=clean(result.title),
        authors=[clean(a.name) for a in result.authors],
        abstract=clean(result.summary),
        arxiv_id=m[1],
        arxiv_version=int(m[2]) if m[2] else None,
        abs_url=f"https://arxiv.org/abs/{short}",
        pdf_url=result.pdf_url,
        published=result.published.date().isoformat() if result.published.year > 1 else None,
        categories=list(result.categories),
        comment=clean(result.comment) if result.comment else None,
    )


@contextmanager
def arxiv_errors(bad_request: str) -> Iterator[None]:
    """The arxiv package's failures as our errors: HTTP 400 is the user's input, the rest is upstream."""
    try:
        yield
    except arxiv.HTTPError as exc:
        if exc.status == 400:
            raise InputError(bad_request) from None
        log.warning("arXiv API (CHATPAPER_ARXIV_API) answered HTTP %s", exc.status)
        raise UpstreamError(
            f"arXiv 接口返回错误（HTTP {exc.status}），请稍后重试，或直接上传 PDF。 / "
            f"The arXiv API answered HTTP {exc.status}; try again later or upload the PDF."
        ) from None
    except requests.exceptions.Timeout:
        log.warning("arXiv API timed out (CHATPAPER_HTTP_TIMEOUT)")
        raise UpstreamError(
            "arXiv 接口超时，请稍后重试，或直接上传 PDF。 / The arXiv API timed out; try again later or upload the PDF."
        ) from None
    except (requests.exceptions.RequestException, arxiv.ArxivError) as exc:
        log.warning("arXiv API (CHATPAPER_ARXIV_API) could not be reached: %s", type(exc).__name__)
        raise UpstreamError(
            "无法连接 arXiv，请稍后重试，或直接上传 PDF。 / The arXiv API could not be reached; try again later or "
            "upload the PDF."
        ) from None


def fetch_metadata(ref: ArxivRef, settings: Settings) -> Paper:
    """The arXiv entry for ``ref``. Unknown IDs are InputError; a failing API is UpstreamError."""
    client = arxiv_client(settings, page_size=1, delay_seconds=0.0)
    with arxiv_errors(f"arXiv rejected the ID '{ref.versioned}'"):
        results = list(client.results(arxiv.Search(id_list=[ref.versioned], max_results=1)))
    if not results:
        raise InputError(
            f"arXiv 上没有编号为 {ref.versioned} 的论文，请检查编号。 / arXiv has no paper with ID {ref.versioned}."
        )
    paper = paper_from_result(results[0])
    if not paper.pdf_url:
        paper.pdf_url = f"https://arxiv.org/pdf/{ref.versioned}"
    return paper


def download_pdf(url: str, settings: Settings) -> bytes:
    """PDF bytes from ``url``: time-limited, size-capped, and checked to really be a PDF."""
    cap = settings.max_pdf_bytes
    try:
        with httpx.stream(
            "GET", url, timeout=settings.http_timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        ) as resp:
            if resp.status_code == 404:
                raise InputError(f"no PDF at {url} (HTTP 404)")
            if resp.status_code >= 400:
                raise UpstreamError(f"downloading the PDF failed with HTTP {resp.status_code}")
            declared = int(resp.headers.get("content-length") or 0)
            if declared > cap:
                raise InputError(
                    f"the PDF is {declared / 2**20:.1f} MB, over the {settings.max_pdf_mb:.0f} MB "
                    "limit (CHATPAPER_MAX_PDF_MB)"
                )
            chunks, total = [], 0
            for chunk in resp.iter_bytes():
                total += len(chunk)
                if total > cap:
                    raise InputError(f"the PDF is over the {settings.max_pdf_mb:.0f} MB limit (CHATPAPER_MAX_PDF_MB)")
                chunks.append(chunk)
    except httpx.TimeoutException:
        log.warning("downloading %s timed out (CHATPAPER_HTTP_TIMEOUT)", url)
        raise UpstreamError("下载 PDF 超时，请稍后重试。 / Downloading the PDF timed out; try again later.") from None
    except httpx.HTTPError as exc:
        log.warning("downloading %s failed: %s", url, type(exc).__name__)
        raise UpstreamError("下载 PDF 失败，请稍后重试。 / Downloading the PDF failed; try again later.") from None
    data = b"".join(chunks)
    if b"%PDF-" not in data[:1024]:
        kind = "an HTML page" if b"<html" in data[:2048].lower() or b"<!doctype" in data[:2048].lower() else "not a PDF"
        raise InputError(f"the PDF link returned {kind} instead of a PDF")
    return data

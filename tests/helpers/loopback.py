"""Loopback servers that speak the real protocols on 127.0.0.1: Gemini generateContent, OpenAI chat
completions, and the arXiv export API (Atom) plus PDF downloads.

They are the test doubles of ``tests/`` and the stand-ins of ``python -m benchmarks``: the real SDKs
talk to them over HTTP, so what is tested and measured is the code path a real service would see."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


def fake_instance(schema: dict, hint: str = "x") -> Any:
    """A value that satisfies ``schema`` (the inlined schemas ChatPaper sends)."""
    kind = schema.get("type")
    if kind == "object":
        return {k: fake_instance(v, k) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [fake_instance(schema.get("items", {}), f"{hint}{i}") for i in range(5)]
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    return f"{hint}：模型输出"


@dataclass
class Reply:
    """A canned answer: HTTP status, JSON body (or raw text), optional headers and delay."""

    status: int = 200
    body: Any = None
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    raw: bytes | None = None


@dataclass
class Recorded:
    path: str
    headers: dict
    body: dict


# How often a server's loop looks for shutdown(). The default 0.5 s made every server's stop wait that long:
# about 70 s over a run of the suite.
POLL_SECONDS = 0.02


class _Server:
    def __init__(self, handler_factory: Callable[[_Server], type[BaseHTTPRequestHandler]]):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_factory(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    if reply.delay:
        time.sleep(reply.delay)
    data = reply.raw if reply.raw is not None else json.dumps(reply.body, ensure_ascii=False).encode()
    handler.send_response(reply.status)
    handler.send_header("Content-Type", reply.headers.get("Content-Type", "application/json"))
    for k, v in reply.headers.items():
        if k != "Content-Type":
            handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up: nothing to tell
        handler.wfile.write(data)


class FakeLLM(_Server):
    """Gemini and OpenAI-compatible endpoints. Queue replies with ``queue``; otherwise it answers
    schema-valid JSON built from the schema in the request (by ``answer`` when given). Every request is recorded.

    ``count_tokens`` (text -> tokens) makes the automatic answers report real usage: the prompt's text
    (system + user) and the reply's text, counted with it. Without it they report fixed numbers."""

    def __init__(
        self,
        delay: float = 0.0,
        count_tokens: Callable[[str], int] | None = None,
        answer: Callable[[dict], Any] | None = None,
    ):
        self.lock = threading.Lock()
        self.reset(delay, count_tokens, answer)
        super().__init__(lambda srv: type("H", (_LLMHandler,), {"srv": srv}))

    def reset(
        self,
        delay: float = 0.0,
        count_tokens: Callable[[str], int] | None = None,
        answer: Callable[[dict], Any] | None = None,
    ) -> None:
        """Forget every request and queued reply: a server shared by many tests starts each one clean."""
        with self.lock:
            self.requests: list[Recorded] = []
            self.replies: list[Reply] = []
            self.delay = delay  # seconds each automatic answer takes, like a real model
            self.count_tokens = count_tokens
            self.answer = answer or fake_instance

    def queue(self, *replies: Reply) -> None:
        with self.lock:
            self.replies.extend(replies)

    def next_reply(self) -> Reply | None:
        with self.lock:
            return self.replies.pop(0) if self.replies else None

    @staticmethod
    def gemini_text(text: str, finish: str = "STOP", usage: tuple[int, int] = (1000, 200)) -> Reply:
        return Reply(
            body={
                "candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": finish}],
                "usageMetadata": {
                    "promptTokenCount": usage[0],
                    "candidatesTokenCount": usage[1],
                    "totalTokenCount": sum(usage),
                },
                "modelVersion": "gemini-2.5-flash",
            }
        )

    @staticmethod
    def openai_text(text: str, finish: str = "stop", usage: tuple[int, int] = (900, 150)) -> Reply:
        return Reply(
            body={
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 1,
                "model": "fake-model",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
                "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
            }
        )

    @staticmethod
    def request_texts(body: dict) -> tuple[str, str]:
        """(system prompt, user prompt) of a Gemini or OpenAI request body."""
        if "contents" in body:
            system = "".join(p.get("text", "") for p in (body.get("systemInstruction") or {}).get("parts", []))
            user = "".join(p.get("text", "") for c in body["contents"] for p in c.get("parts", []))
            return system, user
        messages = body.get("messages", [])
        pick = lambda role: "".join(m["content"] for m in messages if m["role"] == role)  # noqa: E731
        return pick("system"), pick("user")

    def prompts(self) -> list[str]:
        """The user prompt text of every request, in order."""
        return [self.request_texts(r.body)[1] for r in self.requests if "contents" in r.body or "messages" in r.body]


class _LLMHandler(BaseHTTPRequestHandler):
    srv: FakeLLM

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.srv.requests.append(Recorded(self.path, dict(self.headers), body))
        reply = self.srv.next_reply()
        if reply is None:
            reply = self._auto(body)
            reply.delay = reply.delay or self.srv.delay
        _send(self, reply)

    def _auto(self, body: dict) -> Reply:
        if self.path.endswith(":generateContent"):
            schema = body["generationConfig"]["responseJsonSchema"]
            text = json.dumps(self.srv.answer(schema), ensure_ascii=False)
            return FakeLLM.gemini_text(text, usage=self._usage(body, text, (1000, 200)))
        if self.path.endswith("/chat/completions"):
            fmt = body.get("response_format", {})
            schema = fmt.get("json_schema", {}).get("schema") or {"type": "object", "properties": {}}
            text = json.dumps(self.srv.answer(schema), ensure_ascii=False)
            return FakeLLM.openai_text(text, usage=self._usage(body, text, (900, 150)))
        return Reply(404, {"error": {"code": 404, "message": "not found", "status": "NOT_FOUND"}})

    def _usage(self, body: dict, reply: str, fixed: tuple[int, int]) -> tuple[int, int]:
        count = self.srv.count_tokens
        if count is None:
            return fixed
        system, user = FakeLLM.request_texts(body)
        return count(system) + count(user), count(reply)


ATOM_ENTRY = """<entry>
    <id>http://arxiv.org/abs/{id}v{version}</id>
    <updated>{published}</updated>
    <published>{published}</published>
    <title>{title}</title>
    <summary>  {summary}
</summary>
    {authors}
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">Tech report; code at https://github.com/example/{slug}</arxiv:comment>
    <link href="http://arxiv.org/abs/{id}v{version}" rel="alternate" type="text/html"/>
    <link title="pdf" href="{pdf}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="{category}" scheme="http://arxiv.org/schemas/atom"/>
    <category term="{category}" scheme="http://arxiv.org/schemas/atom"/>
  </entry>"""

ATOM_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query</title>
  <id>http://arxiv.org/api/fake</id>
  <updated>2026-11-22T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{total}</opensearch:itemsPerPage>
  {entries}
</feed>"""


@dataclass
class ArxivPaper:
    id: str
    title: str
    authors: list[str]
    summary: str
    pdf: bytes
    version: int = 1
    published: str = "2015-12-10T19:51:55Z"
    category: str = "cs.CV"


class FakeArxiv(_Server):
    """``/api/query?id_list=...`` answers Atom; ``/pdf/<id>`` answers the paper's PDF bytes.
    ``raw_feeds`` maps an id to a (status, xml) pair served verbatim (real samples)."""

    def __init__(self):
        self.reset()
        super().__init__(lambda srv: type("H", (_ArxivHandler,), {"srv": srv}))

    def reset(self) -> None:
        """No papers, no overrides, no recorded requests: a server shared by many tests starts each one clean."""
        self.papers: dict[str, ArxivPaper] = {}
        self.raw_feeds: dict[str, tuple[int, bytes]] = {}
        self.pdf_overrides: dict[str, Reply] = {}
        self.query_reply: Reply | None = None
        self.requests: list[str] = []
        self.queries: list[str] = []  # search_query values received

    def add(self, paper: ArxivPaper) -> None:
        self.papers[paper.id] = paper

    def feed(self, ids: list[str]) -> bytes:
        return self._atom([self.papers[re.sub(r"v\d+$", "", i)] for i in ids if re.sub(r"v\d+$", "", i) in self.papers])

    def _atom(self, papers: list[ArxivPaper], total: int | None = None) -> bytes:
        entries = []
        for p in papers:
            authors = "".join(f"<author><name>{a}</name></author>" for a in p.authors)
            entries.append(
                ATOM_ENTRY.format(
                    id=p.id,
                    version=p.version,
                    title=p.title,
                    summary=p.summary,
                    authors=authors,
                    pdf=f"{self.url}/pdf/{p.id}v{p.version}",
                    slug=p.id.replace(".", "-"),
                    published=p.published,
                    category=p.category,
                )
            )
        return ATOM_FEED.format(total=len(entries) if total is None else total, entries="\n".join(entries)).encode()

    def search(self, query: str, start: int, size: int) -> bytes:
        """A small model of arXiv search: quoted phrases (OR-ed) in title or abstract, ``cat:`` terms (OR-ed),
        newest first, paged by ``start``/``max_results``. Enough to test what we send and what we do with it."""
        phrases = {p.lower() for p in re.findall(r'"([^"]+)"', query)}
        cats = set(re.findall(r"cat:([\w.\-]+)", query))
        hits = [
            p
            for p in self.papers.values()
            if (not phrases or any(ph in (p.title + " " + p.summary).lower() for ph in phrases))
            and (not cats or p.category in cats)
        ]
        hits.sort(key=lambda p: p.published, reverse=True)
        return self._atom(hits[start : start + size], total=len(hits))


class _ArxivHandler(BaseHTTPRequestHandler):
    srv: FakeArxiv

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.srv.requests.append(self.path)
        url = urlparse(self.path)
        if url.path.startswith("/api/query"):
            if self.srv.query_reply is not None:
                return _send(self, self.srv.query_reply)
            params = parse_qs(url.query)
            if params.get("search_query", [""])[0]:
                start, size = int(params.get("start", ["0"])[0]), int(params.get("max_results", ["10"])[0])
                self.srv.queries.append(params["search_query"][0])
                return _send(
                    self,
                    Reply(
                        raw=self.srv.search(params["search_query"][0], start, size),
                        headers={"Content-Type": "application/atom+xml"},
                    ),
                )
            ids = params.get("id_list", [""])[0].split(",")
            for i in ids:
                if i in self.srv.raw_feeds:
                    status, xml = self.srv.raw_feeds[i]
                    return _send(self, Reply(status, raw=xml, headers={"Content-Type": "application/atom+xml"}))
            return _send(self, Reply(raw=self.srv.feed(ids), headers={"Content-Type": "application/atom+xml"}))
        if url.path.startswith("/pdf/"):
            pid = re.sub(r"v\d+$", "", url.path[len("/pdf/") :])
            if pid in self.srv.pdf_overrides:
                return _send(self, self.srv.pdf_overrides[pid])
            paper = self.srv.papers.get(pid)
            if paper:
                return _send(self, Reply(raw=paper.pdf, headers={"Content-Type": "application/pdf"}))
        _send(self, Reply(404, raw=b"not found", headers={"Content-Type": "text/plain"}))

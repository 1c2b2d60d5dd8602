"""Loopback servers that speak the real protocols on 127.0.0.1: Gemini generateContent and
streamGenerateContent (SSE), OpenAI chat completions (plain and ``stream=True`` SSE), and the arXiv export API
(Atom) plus PDF downloads.

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
    events: list[dict] | None = None  # server-sent events: each is one ``data:`` line (a stream)
    event_delay: float = 0.0  # seconds between events, like a model writing


# Characters of reply text per streamed chunk in automatic answers (a few tokens, as real services send).
CHUNK_CHARS = 24


def _pieces(text: str, size: int = CHUNK_CHARS) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


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
    if reply.events is not None:
        return _send_events(handler, reply)
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


def _send_events(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    """A server-sent-event stream; the connection closes after the last event (HTTP/1.0), which ends the body."""
    handler.send_response(reply.status)
    handler.send_header("Content-Type", "text/event-stream")
    handler.end_headers()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        for n, event in enumerate(reply.events or []):
            if n and reply.event_delay:
                time.sleep(reply.event_delay)
            line = event["raw"] if "raw" in event else json.dumps(event, ensure_ascii=False)
            handler.wfile.write(f"data: {line}\n\n".encode())
            handler.wfile.flush()


class FakeLLM(_Server):
    """Gemini and OpenAI-compatible endpoints. Queue replies with ``queue``; otherwise it answers
    schema-valid JSON built from the schema in the request (by ``answer`` when given). Every request is recorded.

    ``count_tokens`` (text -> tokens) makes the automatic answers report real usage: the prompt's text
    (system + user) and the reply's text, counted with it. Without it they report fixed numbers.

    Streaming requests (Gemini ``:streamGenerateContent?alt=sse``, OpenAI ``"stream": true``) get the same
    answers as server-sent events, ``CHUNK_CHARS`` of text each, ``chunk_delay`` seconds apart (an unstreamed
    automatic answer then waits as long for its whole text, as a model's would); a queued
    non-stream 200 reply is sent as such a stream too, and error statuses are sent as they are (the SDKs read
    the status before the stream)."""

    def __init__(
        self,
        delay: float = 0.0,
        count_tokens: Callable[[str], int] | None = None,
        answer: Callable[[dict], Any] | None = None,
        chunk_delay: float = 0.0,
    ):
        self.lock = threading.Lock()
        self.reset(delay, count_tokens, answer, chunk_delay)
        super().__init__(lambda srv: type("H", (_LLMHandler,), {"srv": srv}))

    def reset(
        self,
        delay: float = 0.0,
        count_tokens: Callable[[str], int] | None = None,
        answer: Callable[[dict], Any] | None = None,
        chunk_delay: float = 0.0,
    ) -> None:
        """Forget every request and queued reply: a server shared by many tests starts each one clean."""
        with self.lock:
            self.requests: list[Recorded] = []
            self.replies: list[Reply] = []
            self.delay = delay  # seconds each automatic answer takes, like a real model
            self.count_tokens = count_tokens
            self.answer = answer or fake_instance
            self.chunk_delay = chunk_delay  # seconds between streamed chunks

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
    def gemini_stream(reply: Reply, delay: float = 0.0) -> Reply:
        """A generateContent reply as streamGenerateContent events: the text in pieces, the finish reason and
        usage on the last; a reply without text (a block) is one event."""
        body = reply.body or {}
        cands = body.get("candidates") or []
        parts = (cands[0].get("content") or {}).get("parts", []) if cands else []
        text = "".join(p.get("text", "") for p in parts)
        if not text:
            return Reply(reply.status, events=[body], delay=reply.delay)
        events: list[dict] = [
            {"candidates": [{"content": {"role": "model", "parts": [{"text": piece}]}}]} for piece in _pieces(text)
        ]
        last = {k: v for k, v in cands[0].items() if k != "content"}
        events[-1]["candidates"][0].update(last)
        events[-1].update({k: v for k, v in body.items() if k != "candidates"})
        return Reply(reply.status, events=events, event_delay=delay, delay=reply.delay)

    @staticmethod
    def openai_stream(reply: Reply, delay: float = 0.0) -> Reply:
        """A chat completion as ``stream=True`` chunks: the content in pieces, the finish reason on the last,
        then a usage chunk with no choices (``include_usage``) and ``[DONE]``."""
        body = reply.body or {}
        choice = (body.get("choices") or [{}])[0]
        text = (choice.get("message") or {}).get("content") or ""
        base = {"id": body.get("id", "chatcmpl-1"), "object": "chat.completion.chunk", "created": 1}
        base["model"] = body.get("model", "fake-model")
        events: list[dict] = [
            {**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            for piece in _pieces(text)
        ]
        events[-1]["choices"][0]["finish_reason"] = choice.get("finish_reason", "stop")
        events += [{**base, "choices": [], "usage": body.get("usage")}, {"raw": "[DONE]"}]
        return Reply(reply.status, events=events, event_delay=delay, delay=reply.delay)

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
        streamed = ":streamGenerateContent" in self.path or bool(body.get("stream"))
        reply = self.srv.next_reply()
        if reply is None:
            reply = self._auto(body)
            reply.delay = reply.delay or self.srv.delay
            if not streamed and self.srv.chunk_delay:  # unstreamed, the whole answer comes once it is all written
                reply.delay += self.srv.chunk_delay * (len(_pieces(self._text_of(reply))) - 1)
        if streamed and reply.status == 200 and reply.events is None and reply.raw is None and reply.body:
            to_stream = FakeLLM.gemini_stream if "contents" in body else FakeLLM.openai_stream
            reply = to_stream(reply, self.srv.chunk_delay)
        _send(self, reply)

    def _auto(self, body: dict) -> Reply:
        if ":generateContent" in self.path or ":streamGenerateContent" in self.path:
            schema = body["generationConfig"]["responseJsonSchema"]
            text = json.dumps(self.srv.answer(schema), ensure_ascii=False)
            return FakeLLM.gemini_text(text, usage=self._usage(body, text, (1000, 200)))
        if self.path.endswith("/chat/completions"):
            fmt = body.get("response_format", {})
            schema = fmt.get("json_schema", {}).get("schema") or {"type": "object", "properties": {}}
            text = json.dumps(self.srv.answer(schema), ensure_ascii=False)
            return FakeLLM.openai_text(text, usage=self._usage(body, text, (900, 150)))
        return Reply(404, {"error": {"code": 404, "message": "not found", "status": "NOT_FOUND"}})

    @staticmethod
    def _text_of(reply: Reply) -> str:
        body = reply.body or {}
        if "candidates" in body:
            return "".join(p.get("text", "") for p in body["candidates"][0]["content"]["parts"])
        return body.get("choices", [{}])[0].get("message", {}).get("content") or ""

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
        self.listings: dict[str, tuple[int, bytes]] = {}  # path (e.g. /atom/cs.CV) -> an announcement feed

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
        if url.path in self.srv.listings:
            status, xml = self.srv.listings[url.path]
            return _send(self, Reply(status, raw=xml, headers={"Content-Type": "application/atom+xml"}))
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

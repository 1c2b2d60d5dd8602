"""The table of bad inputs, shared by the CLI test and the web test: each case builds its input (a file, an
arXiv reply, a setting) and names the exit code and a fragment of the message."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from tests.helpers import figure_pdfs as fp
from tests.helpers.constants import CORPUS
from tests.helpers.hostile_pdfs import unmapped_font_pdf
from tests.helpers.loopback import Reply
from tests.helpers.pdfs import make_paper_pdf

BROKEN = CORPUS.parent / "corpus" / "broken"


@dataclass
class Case:
    name: str
    source: Callable[[Path], str]  # builds the input in tmp_path, returns the CLI argument
    code: int
    says: str  # in the error line (code != 0) or in digest.md (code 0)
    env: dict = field(default_factory=dict)
    arxiv: Reply | None = None  # what the loopback arXiv API answers
    pdf_reply: Reply | None = None  # what the PDF link answers
    corpus: bool = False


def write(name: str, data: bytes) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        path = tmp / name
        path.write_bytes(data)
        return str(path)

    return make


def text(value: str) -> Callable[[Path], str]:
    return lambda tmp: value


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "PNG")
    return buf.getvalue()


def jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "JPEG")
    return buf.getvalue()


def zipped() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("paper.tex", "\\documentclass{article}")
    return buf.getvalue()


def locked() -> bytes:
    doc = pymupdf.open(stream=make_paper_pdf(), filetype="pdf")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user", owner_pw="owner")


def with_javascript_and_attachment() -> bytes:
    doc = pymupdf.open(stream=make_paper_pdf(), filetype="pdf")
    doc.embfile_add("payload.exe", b"MZ not really", filename="payload.exe")
    js = doc.get_new_xref()
    doc.update_object(js, "<< /S /JavaScript /JS (app.alert('pwned')) >>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{js} 0 R")
    return doc.tobytes()


def titled(title: str, extra: str = "") -> bytes:
    return make_paper_pdf(title=title, extra_text=extra)


def two_pages() -> bytes:
    return fp.paper_with_figure()  # the synthetic paper plus a page with a figure


def broken(name: str) -> Callable[[Path], str]:
    return lambda tmp: str(BROKEN / name)


CASES = [
    # arXiv IDs and URLs
    Case("not an id", text("abc"), 2, "neither an arXiv ID"),
    Case("empty argument", text(""), 2, "no paper given"),
    Case("blank argument", text("   "), 2, "no paper given"),
    Case("month 13", text("9913.00001"), 2, "month 13"),
    Case("version 0", text("2405.07257v0"), 2, "versions start at v1"),
    Case("4 digits after 2015", text("2405.0725"), 2, "5 digits"),
    Case("5 digits before 2015", text("1312.00001"), 2, "5-digit numbers start in 2015"),
    Case("old style too long", text("hep-th/99010011"), 2, "old-style IDs"),
    Case("bare prefix", text("arXiv:"), 2, "neither an arXiv ID"),
    Case("id with junk", text("2405.07257v2 please"), 2, "neither an arXiv ID"),
    Case("foreign URL", text("https://example.com/paper.pdf"), 2, "not an arXiv abs/pdf URL"),
    Case("arXiv URL without id", text("https://arxiv.org/abs/"), 2, "not an arXiv abs/pdf URL"),
    Case("far too long", text("2405." + "1" * 3000), 2, "too long"),
    Case("unknown to arXiv", text("2405.99999"), 2, "arXiv has no paper with ID 2405.99999"),
    Case(
        "arXiv answers 400",
        text("1512.03385"),
        2,
        "arXiv rejected the ID",
        arxiv=Reply(400, raw=b"bad", headers={"Content-Type": "text/plain"}),
    ),
    Case(
        "arXiv answers 500",
        text("1512.03385"),
        3,
        "answered HTTP 500",
        arxiv=Reply(500, raw=b"oops", headers={"Content-Type": "text/plain"}),
    ),
    Case(
        "arXiv times out",
        text("1512.03385"),
        3,
        "timed out",
        env={"CHATPAPER_HTTP_TIMEOUT": "0.3"},
        arxiv=Reply(200, raw=b"", delay=1.5),
    ),
    Case(
        "PDF link serves HTML",
        text("1512.03385"),
        2,
        "HTML page",
        pdf_reply=Reply(200, raw=b"<!doctype html><html>captcha</html>", headers={"Content-Type": "text/html"}),
    ),
    Case(
        "PDF link 404",
        text("1512.03385"),
        2,
        "HTTP 404",
        pdf_reply=Reply(404, raw=b"gone", headers={"Content-Type": "text/plain"}),
    ),
    # files
    Case("missing file", text("/nonexistent/paper.pdf"), 2, "file not found"),
    Case("a folder", lambda tmp: str(tmp), 2, "is a folder"),
    Case("0 bytes", write("empty.pdf", b""), 2, "is empty (0 bytes)"),
    Case("text renamed .pdf", write("notes.pdf", b"just some notes\n"), 2, "not a PDF file"),
    Case("PNG renamed .pdf", write("figure.pdf", png()), 2, "PNG image"),
    Case("JPEG renamed .pdf", write("photo.pdf", jpeg()), 2, "JPEG image"),
    Case("ZIP renamed .pdf", write("source.pdf", zipped()), 2, "ZIP archive"),
    Case("HTML renamed .pdf", write("page.pdf", b"<html><body>hi</body></html>"), 2, "HTML page"),
    Case("password", write("locked.pdf", locked()), 2, "password-protected"),
    Case(
        "over the size cap",
        write("big.pdf", two_pages()),
        2,
        "over the 0 MB limit",
        env={"CHATPAPER_MAX_PDF_MB": "0.001"},
    ),
    Case(
        "over the page cap",
        write("long.pdf", two_pages()),
        0,
        "only the first 1 of 2 pages",
        env={"CHATPAPER_MAX_PAGES": "1"},
    ),
    Case("image-only scan", write("scan.pdf", fp.image_only_scan()), 2, "no text layer"),
    Case("fonts without a text mapping", write("soup.pdf", unmapped_font_pdf()), 2, "fonts have no text mapping"),
    Case("decompression bomb", write("bomb.pdf", fp.bomb_figure()), 0, "1. **标题**"),
    Case("javascript and attachment", write("active.pdf", with_javascript_and_attachment()), 0, "1. **标题**"),
    Case("absurdly long title", write("long-title.pdf", titled("Deep " * 400)), 0, "Deep Deep"),
    Case(
        "script in title",
        write("xss.pdf", titled("<script>alert(1)</script> Routing")),
        0,
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ),
    Case("path tricks in name", write("..%2F..%2Fetc%2Fpasswd.pdf", two_pages()), 0, "1. **标题**"),
    Case("truncated, repairable", broken("broken_fastspeech2_truncated.pdf"), 0, "1. **标题**", corpus=True),
    # Repairable, but the cut lost the fonts: 28 of its 30 pages with text read as glyph soup ("�3�X�d").
    Case(
        "truncated, fonts lost",
        broken("broken_nllb_2207.04672_truncated.pdf"),
        2,
        "fonts have no text mapping",
        corpus=True,
    ),
    Case("truncated, unrecoverable", broken("broken_wav2lip_truncated.pdf"), 2, "damaged or truncated", corpus=True),
    # settings
    Case("unknown language", write("p.pdf", two_pages()), 2, "CHATPAPER_LANG", env={"CHATPAPER_LANG": "fr"}),
    Case("gemini without a key", write("p.pdf", two_pages()), 2, "GEMINI_API_KEY", env={"CHATPAPER_BACKEND": "gemini"}),
]


def arrange(case: Case, arxiv_server, monkeypatch) -> None:
    """Set up what a case needs besides its input: settings and the loopback arXiv's answers."""
    if case.corpus and not BROKEN.is_dir():
        pytest.skip("../shared/corpus is not present")
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    if case.arxiv:
        arxiv_server.query_reply = case.arxiv
    if case.pdf_reply:
        arxiv_server.pdf_overrides["1512.03385"] = case.pdf_reply

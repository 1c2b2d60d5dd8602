"""A digest through the real SDKs whose model answers messily (variants of ../shared/model-replies): the files
``digest --out`` writes (digest.md and digest.html) show clean prose, math as math, and no live HTML."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import messy_replies as mr
from tests.helpers.constants import SENTINEL_KEY
from tests.helpers.loopback import FakeLLM
from tests.integration.test_cli import run

pytestmark = pytest.mark.skipif(not mr.available(), reason="../shared/model-replies is absent")


@pytest.mark.parametrize("service", ["gemini", "openai"])
def test_cli_digest_of_messy_replies_writes_clean_md_and_html(service, request, arxiv_server, tmp_path):
    llm = request.getfixturevalue(f"{service}_env")
    reply = FakeLLM.gemini_text if service == "gemini" else FakeLLM.openai_text
    for stage_reply in mr.messy("lg02").values():  # the stages run in order: summary, methods, conclusion
        llm.queue(reply(json.dumps(stage_reply, ensure_ascii=False)))
    out = tmp_path / "out"
    proc = run("digest", "1512.03385", "--out", str(out), "--no-cache")
    assert proc.returncode == 0, proc.stderr
    assert len(llm.requests) == 3, "every stage took its queued messy reply at the first try"

    md = (out / "digest.md").read_text(encoding="utf-8")
    page = (out / "digest.html").read_text(encoding="utf-8")
    assert "。；" not in md and "****" not in md and "- 1." not in md and "- -" not in md
    assert not re.search(r"^\s*(\||#{2,})", md, re.M)
    assert md.count("- **优点**：") == 3 and md.count("- **不足**：") == 3
    assert mr.FORMULA in md and mr.BIG_O in md
    assert "SeamlessM4T：大规模多语言、多模态机器翻译）" in md and "（SeamlessM4T: Massively" not in md

    assert page.count("<math") >= 5 and "<script" not in page and "&lt;script&gt;" in page
    text = re.sub(r"<[^>]+>", "", page)
    assert "__init__.py" in text and "a_b_c" in text and "\\mathcal" not in text
    assert page.count("<em>") == 1  # the footer; nothing a model wrote is emphasised by an underscore
    assert SENTINEL_KEY not in md + page + proc.stdout + proc.stderr

"""The command line as a user runs it: exit codes, one-line errors, files written."""

import json
import os
import subprocess
import sys

import pytest

from tests.helpers.constants import ROOT  # noqa: E402
from tests.helpers.loopback import Reply


def run(*args, env_extra=None, timeout=120):
    env = {k: v for k, v in os.environ.items()}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "chatpaper", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def assert_one_line_error(proc, code=2):
    assert proc.returncode == code, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if "error" in ln]
    assert len(errors) == 1 and "Traceback" not in proc.stderr, proc.stderr


def test_offline_digest_writes_md_and_json(paper_file, tmp_path):
    out = tmp_path / "out"
    proc = run("digest", str(paper_file), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out / "digest.md")
    md = (out / "digest.md").read_text()
    for label in ["标题", "作者", "第一作者单位", "关键词", "链接", "摘要", "方法", "结论"]:
        assert f"**{label}**" in md
    assert "离线模式" in md
    data = json.loads((out / "digest.json").read_text())
    assert data["offline"] and data["complete"] and data["summary"]["key_takeaways"]
    assert "[summary]" in proc.stderr  # progress on stderr


def test_json_flag_prints_digest(paper_file, tmp_path):
    proc = run("digest", str(paper_file), "--out", str(tmp_path / "o"), "--json", "--lang", "en")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["lang"] == "en" and data["paper"]["title"].startswith("SparseRouter")


def test_parse_json_shape(paper_file):
    proc = run("parse", str(paper_file), "--json")
    data = json.loads(proc.stdout)
    assert set(data) == {"title", "authors", "affiliations", "abstract", "arxiv_id", "pages", "sections", "links"}
    assert data["sections"][1] == {"title": "1 Introduction", "page": 1, "chars": data["sections"][1]["chars"]}
    assert data["links"] == ["https://github.com/alice/sparse-router"]


@pytest.mark.parametrize(
    "content,name",
    [
        (b"", "empty.pdf"),
        (b"<html><body>oops</body></html>", "page.pdf"),
        (b"hello", "notes.pdf"),
    ],
)
def test_bad_files_exit_2_with_one_line(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_line_error(run("digest", str(path), "--out", str(tmp_path / "o")))


@pytest.mark.parametrize("source", ["2413.00001", "nonsense", "/no/such/file.pdf", "https://example.com/a.pdf"])
def test_bad_sources_exit_2(source, tmp_path):
    assert_one_line_error(run("digest", source, "--out", str(tmp_path / "o")))


def test_arxiv_unknown_id_exit_2_and_outage_exit_3(arxiv_server, tmp_path):
    env = {"CHATPAPER_ARXIV_API": arxiv_server.url + "/api/query"}
    assert_one_line_error(run("digest", "2401.99999", "--out", str(tmp_path / "o"), env_extra=env), 2)
    arxiv_server.query_reply = Reply(500, raw=b"oops", headers={"Content-Type": "text/plain"})
    assert_one_line_error(run("digest", "2401.99999", "--out", str(tmp_path / "o"), env_extra=env), 3)


def test_gemini_via_cli(gemini_env, arxiv_server, tmp_path):
    from tests.helpers.constants import SENTINEL_KEY

    out = tmp_path / "g"
    proc = run("digest", "https://arxiv.org/abs/1512.03385", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert len(gemini_env.requests) == 3
    assert SENTINEL_KEY not in proc.stderr + proc.stdout
    for f in out.iterdir():
        assert SENTINEL_KEY not in f.read_text()
    again = run("digest", "1512.03385v1", "--out", str(out))
    assert again.returncode == 0 and len(gemini_env.requests) == 3


@pytest.mark.parametrize(
    "env",
    [
        {"CHATPAPER_LANG": "fr"},
        {"CHATPAPER_MAX_PAGES": "many"},
        {"CHATPAPER_BACKEND": "gemini"},
        {"CHATPAPER_BACKEND": "claude"},
    ],
)
def test_bad_settings_exit_2_naming_the_setting(paper_file, tmp_path, env):
    proc = run("digest", str(paper_file), "--out", str(tmp_path / "o"), env_extra=env)
    assert_one_line_error(proc)
    assert "CHATPAPER_" in proc.stderr or "GEMINI_API_KEY" in proc.stderr

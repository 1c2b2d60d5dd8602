"""The web app through its real API: Gradio launched in-process, called with gradio_client."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.helpers.constants import ARXIV_ID, SENTINEL_KEY
from tests.helpers.figure_pdfs import paper_with_figure, two_column_page
from tests.helpers.pdfs import TITLE

gradio_client = pytest.importorskip("gradio_client")

PARTS = [
    "1. **标题**",
    "2. **作者**",
    "3. **第一作者单位**",
    "4. **关键词**",
    "5. **链接**",
    "6. **摘要**",
    "7. **方法**",
    "8. **结论**",
]


def check_digest(result, figures: int, stem: str = f"{ARXIV_ID}v1") -> None:
    status, md, gallery, files, share = result
    for part in PARTS:
        assert md.count(part) == 1, part
    assert "生成中" not in md and "完成" in status
    assert [g["caption"] for g in gallery] == ["Figure 3: Training curves of both models."][:figures]
    assert all(Path(g["image"]).is_file() for g in gallery)
    names = sorted(Path(f).name for f in files)
    assert names == [f"{stem}-digest.html", f"{stem}-digest.md", f"{stem}-digest.zip"]  # named after the paper
    archive = zipfile.ZipFile(next(f for f in files if f.endswith(".zip")))
    listed = set(archive.namelist())
    assert {"digest.md", "digest.html", "digest.json"} <= listed
    assert len([n for n in listed if n.startswith("figures/")]) == figures
    html = Path(next(f for f in files if f.endswith(".html"))).read_text()
    assert html.count("data:image/") == figures  # the standalone page carries its figures


def test_api_digest_of_arxiv_id(figure_arxiv, client):
    result = client.predict(source=ARXIV_ID, pdf=None, api_name="/digest")
    check_digest(result, figures=1)
    assert TITLE in result[1]
    assert result[4].endswith(f"/?arxiv={ARXIV_ID}")  # the share link reruns this paper


def test_api_digest_of_uploaded_pdf(client, tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(paper_with_figure())
    result = client.predict(pdf=gradio_client.handle_file(str(path)), lang="en", api_name="/digest")  # source optional
    status, md, gallery, files, share = result
    for part in ["1. **Title**", "6. **Summary**", "8. **Conclusion**"]:
        assert part in md
    assert [g["caption"] for g in gallery] == ["Figure 3: Training curves of both models."]
    assert share == ""  # an upload has no link to share


def test_streaming_shows_metadata_before_the_stages(figure_arxiv, client):
    job = client.submit(source=ARXIV_ID, pdf=None, api_name="/digest")
    job.result()
    seen = [out[1] for out in job.outputs()]
    assert len(seen) >= 4
    first = seen[0]
    assert TITLE in first and "（生成中…）" in first and "英文原文摘要" in first  # metadata + abstract first
    assert "（生成中…）" not in seen[-1]


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"source": ""}, "enter an arXiv ID"),
        ({"source": "not an id"}, "Input"),
        ({"source": ARXIV_ID, "backend": "gemini"}, "Setting"),
    ],
)
def test_errors_are_one_line(client, kwargs, message):
    with pytest.raises(Exception) as err:
        client.predict(pdf=None, api_name="/digest", **kwargs)
    text = str(err.value)
    assert message in text and "\n" not in text.strip() and "Traceback" not in text


def test_upload_must_be_a_pdf(client, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    with pytest.raises(Exception) as err:  # Gradio's file_types check answers before our own does
        client.predict(source="", pdf=gradio_client.handle_file(str(bad)), api_name="/digest")
    assert ".pdf" in str(err.value) and "\n" not in str(err.value).strip()


def test_own_api_key_is_used_and_never_kept(figure_arxiv, fake_llm, client, monkeypatch, caplog, tmp_path):
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", fake_llm.url)
    key = "AIza" + SENTINEL_KEY
    result = client.predict(source=ARXIV_ID, pdf=None, api_key=key, api_name="/digest")
    status, md, gallery, files, share = result
    assert "离线模式" not in md and "完成" in status  # the user's key made it a Gemini digest
    assert len(fake_llm.requests) == 3
    assert all(r.headers.get("x-goog-api-key") == key for r in fake_llm.requests)
    assert SENTINEL_KEY not in caplog.text + status + md + share
    for path in list((tmp_path / "data").rglob("*")) + [Path(f) for f in files]:
        if path.is_file():
            assert SENTINEL_KEY.encode() not in path.read_bytes(), path


def test_concurrent_runs_stay_apart(figure_arxiv, client, tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(two_column_page()[0])  # another paper, without a title
    first = client.submit(source=ARXIV_ID, pdf=None, api_name="/digest")
    second = client.submit(source="", pdf=gradio_client.handle_file(str(path)), lang="en", api_name="/digest")
    one, two = first.result(), second.result()
    assert TITLE in one[1] and "1. **标题**" in one[1] and one[4].endswith(ARXIV_ID)
    assert TITLE not in two[1] and "1. **Title**" in two[1] and two[4] == ""
    assert Path(one[3][0]).parent != Path(two[3][0]).parent


def test_session_helpers():
    from chatpaper import ConfigError
    from chatpaper.web.session import pending_stages, query_source, settings_for, share_link

    assert query_source({"arxiv": "https://arxiv.org/abs/2405.07257v2"}) == "2405.07257v2"
    assert query_source({"arxiv": "https://arxiv.org/pdf/2405.07257"}) == "2405.07257"
    assert query_source({"arxiv": "../etc/passwd"}) == "" and query_source({}) == ""
    assert share_link("https://x.hf.space", "arXiv:2405.07257") == "https://x.hf.space/?arxiv=2405.07257"
    assert share_link("https://x.hf.space", Path("a.pdf")) == ""
    from chatpaper.models import Digest, StageFailure

    started = Digest(paper={}, backend="offline", model="m", lang="zh", prompt_version="v")
    assert pending_stages(started, "figures") == {"summary", "methods", "conclusion"}
    half = started.model_copy(update={"summary": object(), "errors": [StageFailure(stage="methods", message="x")]})
    assert pending_stages(half, "figures") == {"conclusion"} and pending_stages(half, "done") == set()
    assert settings_for("zh", "auto", "", "AIzaXYZ").backend == "gemini"
    assert settings_for("zh", "auto", "", "sk-XYZ").backend == "openai"
    assert settings_for("en", "offline", "", "").backend == "offline"
    with pytest.raises(ConfigError):
        settings_for("zh", "offline", "", "sk-XYZ")


@pytest.fixture
def fresh_topic_arxiv(monkeypatch):
    from datetime import datetime, timedelta, timezone

    from tests.helpers.loopback import ArxivPaper, FakeArxiv
    from tests.helpers.pdfs import ABSTRACT

    now = datetime.now(timezone.utc)
    with FakeArxiv() as server:
        for n in range(3):
            server.add(
                ArxivPaper(
                    f"2611.1{n}000",
                    f"Talking Head Generation {n}",
                    ["Ann Li"],
                    ABSTRACT + " Talking head generation.",
                    paper_with_figure(),
                    published=(now - timedelta(hours=n + 1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                )
            )
        monkeypatch.setenv("CHATPAPER_ARXIV_API", server.url + "/api/query")
        yield server


def test_daily_tab_builds_the_post_with_images(fresh_topic_arxiv, client, app_url):
    import httpx

    post, _ranked, files = client.predict(topic="Talking Head Generation", days=1, max_papers=2, api_name="/daily")
    assert post.count("\n## Talking Head Generation") == 2 and "更新" in post and "title:" not in post
    image = __import__("re").search(r'<img src="(/gradio_api/file=[^"]+)"', post)[1]
    assert httpx.get(app_url + image).status_code == 200  # the preview's figures are served
    archive = zipfile.ZipFile(next(f for f in files if f.endswith(".zip")))
    names = archive.namelist()
    assert any(n.endswith("-talking-head-generation.md") for n in names)
    assert len([n for n in names if n.startswith("images/")]) == 2


def test_a_key_is_never_visible_to_another_session(figure_arxiv, fake_llm, client, app_url, monkeypatch):
    import httpx

    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", fake_llm.url)
    key = "AIza" + SENTINEL_KEY
    client.predict(source=ARXIV_ID, pdf=None, api_key=key, api_name="/digest")
    other = gradio_client.Client(app_url, verbose=False)  # another browser session
    outputs = other.predict(source=ARXIV_ID, pdf=None, api_name="/digest")
    assert SENTINEL_KEY not in repr(outputs) and "离线模式" in outputs[1]  # no key: offline for them
    assert SENTINEL_KEY not in httpx.get(app_url + "/config").text


def test_old_run_folders_are_removed(tmp_path, monkeypatch):
    import os
    import time

    from chatpaper.web import run_folders

    monkeypatch.setattr(run_folders.tempfile, "gettempdir", lambda: str(tmp_path))
    root = run_folders.runs_root()
    old, new = root / "old-run", root / "new-run"
    old.mkdir()
    new.mkdir()
    past = time.time() - run_folders.RUN_FILES_TTL - 60
    os.utime(old, (past, past))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:  # many runs starting at once meet over the same old folders
        list(pool.map(lambda _: run_folders.runs_root(), range(16)))
    assert not old.exists() and new.exists()


def test_the_daily_preview_typesets_math_like_the_digest_view(app_url):
    """Issue #13: the page the browser gets gives the daily post's Markdown the digest view's delimiters, so an
    inline ``$…$`` in a post is typeset, not shown raw."""
    import httpx

    from chatpaper.web.session import LATEX_DELIMITERS

    components = httpx.get(app_url + "/config").json()["components"]
    props = {c["props"].get("elem_id"): c["props"] for c in components if c.get("type") == "markdown"}
    assert props["daily-post"]["latex_delimiters"] == props["digest"]["latex_delimiters"] == LATEX_DELIMITERS


def test_given_both_an_id_and_an_upload_the_status_says_which_was_used(client, tmp_path):
    path = tmp_path / "my paper.pdf"
    path.write_bytes(paper_with_figure())
    status, md, gallery, files, share = client.predict(
        source=ARXIV_ID, pdf=gradio_client.handle_file(str(path)), api_name="/digest"
    )
    assert "已使用上传的 PDF" in status and f"'{ARXIV_ID}' was ignored" in status
    assert sorted(Path(f).name for f in files)[0] == "my_paper-digest.html"  # named after the uploaded file


def test_runs_over_the_per_minute_limit_are_refused_with_a_clear_message(figure_arxiv, client, monkeypatch):
    monkeypatch.setenv("CHATPAPER_RUNS_PER_MINUTE", "1")
    client.predict(source=ARXIV_ID, pdf=None, api_name="/digest")
    with pytest.raises(Exception) as err:
        client.predict(source=ARXIV_ID, pdf=None, api_name="/digest")
    assert "每分钟最多运行 1 次" in str(err.value) and "Too many runs" in str(err.value)
    other = gradio_client.Client(client.src, verbose=False)  # another session is not held up
    assert "完成" in other.predict(source=ARXIV_ID, pdf=None, api_name="/digest")[0]


def test_ask_is_limited_per_minute_like_digest(figure_arxiv, client, monkeypatch):
    """Every endpoint that spends work is limited per session, each with its own count: /ask here (/daily calls the
    same check_rate)."""
    monkeypatch.setenv("CHATPAPER_RUNS_PER_MINUTE", "1")
    answer = client.predict(source=ARXIV_ID, question="What does Figure 1 show?", api_name="/ask")
    assert answer["citations"]
    with pytest.raises(Exception) as err:
        client.predict(source=ARXIV_ID, question="And Table 1?", api_name="/ask")
    assert "每分钟最多运行 1 次" in str(err.value)

"""Corpus evaluation (skips without ../shared/corpus). Targets from issues #2 and #3."""

import importlib.util
import json
import subprocess
import sys

import pytest

from tests.helpers.constants import ROOT  # noqa: E402

pytestmark = pytest.mark.corpus


def _eval_module(name: str = "eval_parse"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_parse_targets(corpus):
    res = _eval_module().evaluate(corpus)
    assert res["title_accuracy"] >= 0.90, res
    assert res["author_accuracy"] >= 0.85, res
    assert res["all_files_handled"]
    for b in res["broken"]:
        assert b["outcome"].startswith("parsed") or b.get("one_line"), b


def test_figure_targets(corpus):
    res = _eval_module("eval_figures").evaluate(corpus)
    assert res["recall"] >= 0.90, res["recall"]
    assert res["worst"]["recall"] >= 0.60, res["worst"]
    assert res["problems"] == 0, [r["problems"] for r in res["papers"] if r["problems"]]
    assert res["false_on_figureless"] == 0
    assert not [r["suspect"] for r in res["papers"] if r["suspect"]]


def test_offline_cli_digest_of_a_corpus_pdf(corpus, tmp_path):
    pdf = corpus / "papers" / "cv05_fast_rcnn_1504.08083.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "chatpaper", "digest", str(pdf), "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    md = (tmp_path / "digest.md").read_text()
    assert md.count("\n1. **标题**") == 1 and "**结论**" in md and "离线模式" in md
    data = json.loads((tmp_path / "digest.json").read_text())
    assert data["paper"]["title"] == "Fast R-CNN"
    assert [f["number"] for f in data["figures"]] == ["1", "2", "3"]
    assert all((tmp_path / f["path"]).is_file() for f in data["figures"])
    assert '<img src="figures/figure-1.png"' in md
    assert "https://github.com/rbgirshick/fast-rcnn" in data["paper"]["links"]


@pytest.mark.parametrize(
    "name",
    [
        "cv07_temporal_stereo_matching_ieee.pdf",
        "zh01_chinese_masters_thesis.pdf",
        "x01_arxiv_excerpt_1page_2201.00069.pdf",
    ],
)
def test_odd_papers_still_get_a_digest(corpus, name):
    from chatpaper import digest

    d = digest(corpus / "papers" / name)
    assert d.complete and d.summary and d.methods and d.conclusion


def test_image_only_scan_is_a_clear_error(corpus):
    from chatpaper import InputError, digest

    with pytest.raises(InputError, match="no text layer"):
        digest(corpus / "papers" / "zh02_scanned_chinese_book_pages_imageonly.pdf")

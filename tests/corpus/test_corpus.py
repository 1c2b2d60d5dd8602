"""Whole-pipeline checks on corpus papers (skips without ../shared/corpus). The per-field scores live in
test_front_corpus.py, test_text_corpus.py and test_figure_corpus.py."""

import json
import subprocess
import sys

import pytest

from tests.helpers.constants import ROOT

pytestmark = pytest.mark.corpus


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

"""``python -m chatpaper figures`` as a process: the JSON listing of the crops and one line for a bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.helpers.constants import ROOT


def test_figures_cli_json(figure_paper, tmp_path):
    out = tmp_path / "figs"
    run = subprocess.run(
        [sys.executable, "-m", "chatpaper", "figures", str(figure_paper), "--out", str(out), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    listed = json.loads(run.stdout)
    assert [sorted(f) for f in listed] == [["bbox", "caption", "height", "number", "page", "path", "width"]]
    item = listed[0]
    assert item["number"] == "3" and item["page"] == 1 and len(item["bbox"]) == 4
    image = Image.open(item["path"])
    assert Path(item["path"]).parent == out and image.size == (item["width"], item["height"])


def test_figures_cli_bad_file_exits_2(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_text("<html>nope</html>")
    run = subprocess.run(
        [sys.executable, "-m", "chatpaper", "figures", str(bad)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1

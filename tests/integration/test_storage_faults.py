"""Issue #17 rows 5, 6, 18: real full and read-only disks (a 1 MB tmpfs in a private mount namespace), the CLI
run against them. Each failure is one line naming the path and what to do; nothing half-written stays behind;
once space is back, runs work again.

Needs ``unshare -m`` and ``mount`` (root or user namespaces); skipped where they are not available."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.constants import ROOT

pytestmark = pytest.mark.slow


def _can_mount() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs $d && umount $d"],
        capture_output=True,
    )
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="cannot mount a private tmpfs here")


def run_on_tmpfs(tmp_path: Path, script: str, free_kb: int) -> str:
    """Run ``script`` (sh) with $DISK a 1 MB tmpfs that has only ``free_kb`` KB free (a filler takes the rest,
    removed by ``rm $DISK/filler``), $CLI the chatpaper command line. Returns stdout and stderr, interleaved."""
    disk = tmp_path / "disk"
    disk.mkdir()
    setup = (
        f"mount -t tmpfs -o size=1m tmpfs {disk} && "
        f"head -c {(1024 - free_kb) * 1024} /dev/zero > {disk}/filler 2>/dev/null; "
        f"DISK={disk}; CLI='{sys.executable} -m chatpaper -q'; "
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", setup + script],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=300,
    )
    return done.stdout


@pytest.fixture
def figure_file(tmp_path, figure_pdf) -> Path:
    path = tmp_path / "paper.pdf"
    path.write_bytes(figure_pdf)
    return path


@needs_mount
@pytest.mark.parametrize("free_kb", [40, 150], ids=["database-full", "figures-full"])
def test_a_full_data_dir_is_one_line_naming_the_path_and_leaves_nothing(tmp_path, figure_file, free_kb):
    out = run_on_tmpfs(
        tmp_path,
        f"export CHATPAPER_DATA_DIR=$DISK/data; "
        f"$CLI digest {figure_file} --backend offline --out {tmp_path}/o1; echo exit=$?; "
        f"echo parts=$(find $DISK -name '*.part' | wc -l); "
        f"$CLI digest {figure_file} --backend offline --out {tmp_path}/o2; echo exit=$?; "
        f"rm $DISK/filler; $CLI digest {figure_file} --backend offline --out {tmp_path}/o3; echo exit=$?",
        free_kb,
    )
    lines = out.splitlines()
    errors = [ln for ln in lines if ln.startswith("chatpaper: error:")]
    # before: "No space left on device:" with no path, a .part left, then OperationalError on every run
    assert len(errors) == 2, out
    assert all(str(tmp_path / "disk" / "data") in e and "disk is full" in e for e in errors), out
    assert "internal error" not in out and "Traceback" not in out
    assert "parts=0" in lines, out
    assert lines[-1] == "exit=0", out  # space is back: the next run works, nothing left blocks it


@needs_mount
def test_a_full_out_folder_names_the_destination_and_leaves_no_truncated_figure(tmp_path, figure_file):
    out = run_on_tmpfs(
        tmp_path,
        f"$CLI digest {figure_file} --backend offline --out $DISK/out; echo exit=$?; "
        "echo files=$(find $DISK/out -type f | wc -l) parts=$(find $DISK/out -name '*.part' | wc -l); "
        "ls -la $DISK/out/figures 2>/dev/null",
        free_kb=30,
    )
    errors = [ln for ln in out.splitlines() if ln.startswith("chatpaper: error:")]
    # before: the error named the cache file, and a truncated figure-3.png stayed in --out
    assert len(errors) == 1 and f"cannot write {tmp_path / 'disk' / 'out'}" in errors[0], out
    assert "disk is full" in errors[0] and "parts=0" in out, out
    assert "internal error" not in out


@needs_mount
def test_a_read_only_data_dir_is_one_line_with_advice(tmp_path, figure_file):
    out = run_on_tmpfs(
        tmp_path,
        f"export CHATPAPER_DATA_DIR=$DISK/data; rm $DISK/filler; "
        f"$CLI digest {figure_file} --backend offline --out {tmp_path}/o1; echo exit=$?; "
        "mount -o remount,ro $DISK; "
        f"$CLI digest {figure_file} --backend offline --out {tmp_path}/o2; echo exit=$?",
        free_kb=1024,
    )
    errors = [ln for ln in out.splitlines() if ln.startswith("chatpaper: error:")]
    # before: "internal error (OperationalError); please report it"
    assert len(errors) == 1, out
    assert str(tmp_path / "disk" / "data") in errors[0] and "CHATPAPER_DATA_DIR" in errors[0], out
    assert "internal error" not in out

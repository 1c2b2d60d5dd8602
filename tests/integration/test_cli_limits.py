"""Issue #17 rows 6, 10, 11, 14, 16 through the CLI: ranges checked like the web's, hostile strings and broken
cache databases are one line with an exit code, never "internal error"."""

from __future__ import annotations

import os

import pytest

from chatpaper.cli import main
from chatpaper.limits import DAYS, MAX_PAPERS


def _run(capsys, *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refuses a flag's value
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    return code, err


def _one_line_error(err: str) -> str:
    lines = [ln for ln in err.splitlines() if "error" in ln]
    assert len(lines) == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("flag", "value", "says"),
    [
        ("--days", "1000000", f"must be between {DAYS.low:g} and {DAYS.high:g}"),  # before: OverflowError
        ("--max", "0", f"must be between {MAX_PAPERS.low:g} and {MAX_PAPERS.high:g}"),  # before: a post of 1
        ("--max", "-3", "must be between"),
        ("--workers", "0", "must be between"),
        ("--rpm", "-5", "must be between"),
        ("--days", "soon", "not a number"),
    ],
)
def test_daily_flags_out_of_range_are_refused_before_any_work(capsys, tmp_path, flag, value, says):
    code, err = _run(capsys, "daily", "Talking Head", flag, value, "--out", str(tmp_path / "o"))
    assert code == 2 and says in _one_line_error(err) and flag in err
    assert not (tmp_path / "o").exists()


def test_a_ten_thousand_character_topic_is_refused_before_the_search(capsys, tmp_path):
    # before: every paper digested, then "File name too long", the post lost, a .part left in --out
    code, err = _run(capsys, "daily", "x" * 10_000, "--out", str(tmp_path / "o"))
    line = _one_line_error(err)
    assert code == 2 and "10000 characters long" in line and len(line) < 300
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("model", ["../../v1beta/cachedContents", "a b#c"])
def test_model_names_are_checked_by_the_cli(capsys, paper_file, tmp_path, model):
    code, err = _run(capsys, "digest", str(paper_file), "--model", model, "--out", str(tmp_path / "o"))
    assert code == 2 and "not a model name" in _one_line_error(err)


def test_a_megabyte_backend_variable_is_not_echoed(capsys, paper_file, tmp_path, monkeypatch):
    monkeypatch.setenv("CHATPAPER_BACKEND", "A" * 1_000_000)
    code, err = _run(capsys, "digest", str(paper_file), "--out", str(tmp_path / "o"))
    assert code == 2 and len(err) < 400 and "CHATPAPER_BACKEND" in _one_line_error(err)


@pytest.mark.parametrize("damage", ["random bytes", "truncated"])
def test_a_damaged_cache_is_moved_aside_and_the_run_works(capsys, caplog, paper_file, tmp_path, damage):
    data = tmp_path / "data"
    assert _run(capsys, "digest", str(paper_file), "--out", str(tmp_path / "o1"))[0] == 0
    db = data / "chatpaper.sqlite3"
    db.write_bytes(os.urandom(4096) if damage == "random bytes" else db.read_bytes()[:50])
    for extra in ("-wal", "-shm"):
        db.with_name(db.name + extra).unlink(missing_ok=True)
    # before: "internal error (DatabaseError); please report it", exit 1, on every run
    code, err = _run(capsys, "digest", str(paper_file), "--out", str(tmp_path / "o2"))
    assert code == 0, err
    assert "moved it to" in caplog.text and list(data.glob("chatpaper.sqlite3.damaged-*"))


def test_a_cache_database_that_is_a_folder_is_one_line(capsys, paper_file, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "chatpaper.sqlite3").mkdir()
    code, err = _run(capsys, "digest", str(paper_file), "--out", str(tmp_path / "o"))
    line = _one_line_error(err)
    assert code == 1 and "chatpaper.sqlite3 is not a file" in line and "CHATPAPER_DATA_DIR" in line

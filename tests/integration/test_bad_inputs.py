"""Every kind of bad input, one table: the CLI answers each with its exit code and one line, never a traceback.

Each case builds its input (a file, an arXiv reply, a setting) and names the exit code and a fragment of the
message. Cases that must work (exit 0) name a fragment of the output or the notice instead.
"""

from __future__ import annotations

import pytest

from chatpaper.cli import main
from tests.helpers.bad_inputs import CASES, Case, arrange


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, arxiv_server, tmp_path, monkeypatch, capsys):
    arrange(case, arxiv_server, monkeypatch)
    out = tmp_path / "out"
    code = main(["-q", "digest", case.source(tmp_path), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == case.code, err
    assert "Traceback" not in err
    if case.code:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("chatpaper: error: "), err
        assert case.says in lines[0]
    else:
        md = (out / "digest.md").read_text()
        assert case.says in md
        assert "<script>" not in md


def test_the_table_is_big_enough():
    assert len(CASES) >= 30


def test_a_bug_of_ours_is_one_line_too(paper_file, monkeypatch, capsys):
    import chatpaper.pipeline

    def broken(*args, **kwargs):
        raise TypeError("simulated bug")

    monkeypatch.setattr(chatpaper.pipeline, "iter_digest", broken)  # the CLI imports it when the command starts
    assert main(["-q", "digest", str(paper_file)]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "chatpaper: internal error (TypeError); please report it (CHATPAPER_DEBUG=1 shows the traceback)"
    ]

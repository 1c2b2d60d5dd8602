"""The bad-input table again, through the web app's API: files are uploaded, text goes into the box.

The box takes arXiv references only (a typed path must never open a server file), so path-shaped text gets
that answer instead of the CLI's "file not found".
"""

from __future__ import annotations

import pytest

from tests.helpers.bad_inputs import CASES, Case, arrange

gradio_client = pytest.importorskip("gradio_client")

NOT_ARXIV = "is not an arXiv ID or URL"
WEB_SAYS = {
    "not an id": NOT_ARXIV,
    "bare prefix": NOT_ARXIV,
    "id with junk": NOT_ARXIV,
    "foreign URL": NOT_ARXIV,
    "arXiv URL without id": NOT_ARXIV,
    "far too long": NOT_ARXIV,
    "missing file": NOT_ARXIV,
    "a folder": NOT_ARXIV,
    "empty argument": "enter an arXiv ID or URL",
    "blank argument": "enter an arXiv ID or URL",
    "old style too long": NOT_ARXIV,
    "unknown language": "1. **标题**",  # the page sends its own language
}
FILE_CASES = {c.name for c in CASES if c.source.__name__ == "make" or c.corpus}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_in_the_page(case: Case, arxiv_server, client, tmp_path, monkeypatch):
    arrange(case, arxiv_server, monkeypatch)
    value = case.source(tmp_path)
    kwargs = (
        {"source": "", "pdf": gradio_client.handle_file(value)}
        if case.name in FILE_CASES
        else {"source": value, "pdf": None}
    )
    says = WEB_SAYS.get(case.name, case.says)
    fails = case.code != 0 and case.name != "unknown language"
    if fails:
        with pytest.raises(Exception) as err:
            client.predict(api_name="/digest", **kwargs)
        message = str(err.value)
        assert says in message and "\n" not in message.strip() and "Traceback" not in message
    else:
        status, md, gallery, files, share = client.predict(api_name="/digest", **kwargs)
        assert says in md and "<script>" not in md

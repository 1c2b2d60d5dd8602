"""The command line's start: what it loads before a command runs."""

import subprocess
import sys


def test_help_and_argument_errors_load_no_pdf_reader_pipeline_or_page():
    """``--help``, a bad argument and a bad setting answer in about 0.2 s: PDF reading, figures, the pipeline and
    rendering (half a second of imports) load when a command starts, and the package's API on first use."""
    heavy = ("pymupdf", "chatpaper.pipeline", "chatpaper.figures", "chatpaper.ask.answer", "chatpaper.render", "gradio")
    code = f"import sys, chatpaper.cli; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_package_api_loads_on_first_use():
    import chatpaper
    from chatpaper.pipeline import digest

    assert chatpaper.digest is digest
    assert set(chatpaper.__all__) <= set(dir(chatpaper))

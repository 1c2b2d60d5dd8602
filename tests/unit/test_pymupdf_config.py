"""The test processes read PDFs the way the product does (tests/__init__.py imports chatpaper first)."""

import sys

import pymupdf


def test_the_layout_model_is_not_loaded_and_anti_aliasing_is_on():
    assert pymupdf._get_layout is None and "onnxruntime" not in sys.modules
    assert pymupdf.TOOLS.show_aa_level()["graphics"] == 8

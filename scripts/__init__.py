"""Evaluation and operations scripts: run as ``python scripts/NAME.py``; the corpus tests import them."""

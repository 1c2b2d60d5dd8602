"""python -m benchmarks.render: what rendering costs, for a digest written messily (the shared model replies'
messy variants) and for hostile model strings full of unclosed delimiters (they must stay linear).

Prints Markdown. Needs ../shared/model-replies beside the checkout."""

from __future__ import annotations

import time
from collections.abc import Callable

from benchmarks.table import markdown
from chatpaper.render.export import standalone_html
from chatpaper.render.markdown import render_markdown
from chatpaper.render.mathml import markdown_html
from chatpaper.render.model_text import model_md
from tests.helpers import messy_replies

# Each hostile string repeats its piece this many times (tens of kB: more than any model reply we accept).
HOSTILE_REPEATS = 20_000
HOSTILE = {
    "unclosed $": "$a ",
    "unclosed $$": "$$a ",
    "unclosed \\[": "\\[a ",
    "unclosed **": "**a ",
    "unclosed __": "__a ",
    "table rows": "| a |\n",
    "formulas": "$x_1$ ",
}


def _ms(work: Callable[[], object], runs: int) -> float:
    start = time.perf_counter()
    for _ in range(runs):
        work()
    return (time.perf_counter() - start) / runs * 1000


def main(runs: int = 20) -> str:
    if not messy_replies.available():
        raise SystemExit("benchmarks.render: ../shared/model-replies is absent")
    rows = []
    for paper in messy_replies.PAPERS:
        d = messy_replies.messy_digest(paper)
        rows.append(
            [
                f"digest {paper}",
                f"{_ms(lambda d=d: render_markdown(d), runs):.1f}",
                f"{_ms(lambda d=d: standalone_html(d, None), runs):.1f}",
            ]
        )
    for name, piece in HOSTILE.items():
        text = piece * HOSTILE_REPEATS
        rows.append(
            [
                f"{name} ×{HOSTILE_REPEATS} ({len(text) // 1000} kB)",
                f"{_ms(lambda t=text: model_md(t), 1):.1f}",
                f"{_ms(lambda t=text: markdown_html(model_md(t)), 1):.1f}",
            ]
        )
    return markdown(["input", "Markdown (ms)", "HTML with MathML (ms)"], rows)


if __name__ == "__main__":
    print(main())

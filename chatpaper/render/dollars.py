"""Prose dollar signs kept away from readers that take every ``$`` as a math delimiter. Pure.

Gradio's ``gr.Markdown`` finds ``$…$`` in the Markdown source before marked reads any escape, and then KaTeX's
auto-render pairs the dollars left in the page's text; Hexo's marked + MathJax do the same. Our escaped prose dollar
``\\$`` ("costs \\$5 and \\$6") would be paired with the next dollar and typeset as math. For those readers each prose
dollar becomes ``<span>&#36;</span>``: no ``$`` in the source, and a lone ``$`` in its own element, which auto-render
and MathJax never pair across. digest.md and the HTML page keep ``\\$``, which CommonMark reads as a dollar.
"""

from __future__ import annotations

PROSE_DOLLAR = "<span>&#36;</span>"


def protect_prose_dollars(markdown: str) -> str:
    """``markdown`` as written by render/markdown.py (an unescaped ``$`` always opens or closes math) with every
    escaped prose dollar replaced by :data:`PROSE_DOLLAR`. Formulas are copied exactly as they are."""
    out: list[str] = []
    i, n = 0, len(markdown)
    while i < n:
        char = markdown[i]
        if char == "\\" and i + 1 < n:
            out.append(PROSE_DOLLAR if markdown[i + 1] == "$" else markdown[i : i + 2])
            i += 2
            continue
        if char == "$":
            delimiter = "$$" if markdown.startswith("$$", i) else "$"
            end = markdown.find(delimiter, i + len(delimiter))
            if end != -1:
                out.append(markdown[i : end + len(delimiter)])
                i = end + len(delimiter)
                continue
        out.append(char)
        i += 1
    return "".join(out)

"""render/mathml.py: our Markdown -> HTML with formulas as MathML, and the page written beside digest.md."""

from __future__ import annotations

from chatpaper.models import Digest
from chatpaper.render.export import write_page
from chatpaper.render.mathml import markdown_html, tex_to_mathml


def test_inline_and_display_math_become_mathml():
    html = markdown_html(r"a $x_1$ b $$\sum_i x_i$$ c")
    assert html.count("<math") == 2 and 'display="inline"' in html and 'display="block"' in html
    assert "<em>" not in html and "$" not in html


def test_an_escaped_dollar_is_text():
    html = markdown_html(r"costs \$5 and \$6")
    assert "<math" not in html and "costs $5 and $6" in html


def test_a_formula_latex2mathml_cannot_read_is_shown_as_its_source():
    assert tex_to_mathml(r"\frac{a}{", display=False) == r"<code>\frac{a}{</code>"
    html = markdown_html(r"bad $\left( x<y$ formula")
    assert "<code>\\left( x&lt;y</code>" in html and "<y" not in html


def test_our_raw_html_blocks_pass_and_math_inside_them_is_left_alone():
    html = markdown_html("<details><summary>s</summary>\n\n$x$\n\n</details>")
    assert "<details>" in html and "<math" in html


def test_write_page_writes_the_standalone_page(tmp_path):
    d = Digest(paper={"title": "T $O(n)$"}, backend="offline", model="m", lang="en", prompt_version="v")
    page = write_page(d, None, tmp_path / "out")
    assert page == tmp_path / "out" / "digest.html"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "<math" in text and '<html lang="en">' in text


def test_prose_dollars_get_their_own_element_and_formulas_stay():
    from chatpaper.render.dollars import PROSE_DOLLAR, protect_prose_dollars
    from chatpaper.render.model_text import model_md

    md = model_md(r"costs $5 and $6, loss $\mathcal{L}_{KD}$ and $$x\$y$$, path C:\Users")
    protected = protect_prose_dollars(md)
    assert protected == (
        f"costs {PROSE_DOLLAR}5 and {PROSE_DOLLAR}6, loss $\\mathcal{{L}}_{{KD}}$ and $$x\\$y$$, path C:\\\\Users"
    )

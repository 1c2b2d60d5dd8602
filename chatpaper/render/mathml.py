"""Our Markdown -> HTML with math as MathML, made on the server (no script: the page works offline). Pure.

It reads the Markdown that render/model_text.py writes, where an unescaped ``$`` is always a math delimiter.
"""

from __future__ import annotations

import html
import logging

from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

log = logging.getLogger(__name__)


def _closing(src: str, start: int, end: int, delimiter: str) -> int:
    """Index of the next ``delimiter`` not after a backslash, or -1."""
    at = src.find(delimiter, start, end)
    while at != -1 and src[at - 1] == "\\":
        at = src.find(delimiter, at + 1, end)
    return at


def _math_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "$":
        return False
    delimiter = "$$" if src.startswith("$$", pos) else "$"
    start = pos + len(delimiter)
    close = _closing(src, start, state.posMax, delimiter)
    if close == -1 or close == start:
        return False
    if not silent:
        token = state.push("math_display" if delimiter == "$$" else "math_inline", "math", 0)
        token.content = src[start:close]
        token.markup = delimiter
    state.pos = close + len(delimiter)
    return True


def tex_to_mathml(tex: str, display: bool) -> str:
    """MathML for one formula; a formula latex2mathml cannot read is shown as its source, in <code>."""
    try:
        return str(latex_to_mathml(tex, display="block" if display else "inline"))
    except Exception as exc:  # latex2mathml raises many kinds on malformed input; the page must still render
        log.info("formula kept as source (%s): %.80s", type(exc).__name__, tex)
        return f"<code>{html.escape(tex)}</code>"


def _render_math(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return tex_to_mathml(tokens[idx].content, display=tokens[idx].type == "math_display")


def markdown_html(markdown: str) -> str:
    """CommonMark -> HTML with ``$…$`` / ``$$…$$`` as MathML. Raw HTML blocks pass through: our renderer writes
    them (figures, the collapsed abstract) and escapes every model and paper string it puts in Markdown."""
    md = MarkdownIt("commonmark", {"html": True})
    md.inline.ruler.before("escape", "math", _math_rule)
    md.add_render_rule("math_inline", _render_math)
    md.add_render_rule("math_display", _render_math)
    return str(md.render(markdown))

"""Model-written strings -> one line of safe Markdown, with math kept as ``$…$`` / ``$$…$$``. Pure.

Models write their fields the way they write chat answers: list markers, numbering, echoed labels ("(1) 研究背景：…"),
``**bold**``, tables, headings, HTML tags and LaTeX. Our renderer decides the layout, so every model string passes
through :func:`model_md`, which turns it into plain prose (one line) and escapes it for Markdown; math is kept
verbatim between ``$`` so KaTeX (web page), MathJax (Hexo post) and latex2mathml (HTML download) can render it.

The one invariant the readers rely on: in the Markdown we produce, an unescaped ``$`` is always a math delimiter,
and no model string ever produces raw HTML (``<``, ``>``, ``&`` become entities outside math; inside math ``<``
and ``>`` become ``\\lt`` / ``\\gt``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import NamedTuple


class MathSpan(NamedTuple):
    tex: str
    display: bool


# Math delimiters, display first. A single ``$`` opens only before a non-space and closes only after one, and not
# before a digit (pandoc's rule): "$5 and $6" stays text. A ``$`` after a backslash or a Latin letter/digit
# ("US$5") is text. It cannot tell "$x$" meant as money from math: text with two tight dollar signs is math.
# Each body is a "tempered" run that cannot cross its own opening delimiter, so a string full of unclosed
# delimiters costs linear time, not quadratic (a 80 kB string of "\\[a " took 43 s with a plain ".+?").
_MATH = re.compile(
    r"(?<!\\)\$\$(?P<d1>(?:(?!\$\$).)+?)(?<!\\)\$\$"
    r"|\\\[(?P<d2>(?:(?!\\\[).)+?)\\\]"
    r"|\\\((?P<i1>(?:(?!\\\().)+?)\\\)"
    r"|(?<![\\$A-Za-z0-9])\$(?P<i2>[^\s$](?:[^$\n]*?[^\s$\\])?)\$(?!\d)",
    re.S,
)
# LaTeX a model writes without delimiters ("权重 \\alpha", "\\mathcal{L}_{KD}"): these commands, with their
# {arguments} and _/^ scripts, become inline math. Only commands named here: "C:\\Users" or "\\n" stay text.
_BARE_COMMANDS = "|".join(
    (
        "alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma",
        "tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega",
        "mathcal|mathbf|mathrm|mathbb|boldsymbol|hat|bar|tilde|vec|frac|sqrt|sum|prod|int|partial|nabla|infty",
        "cdot|times|leq|geq|neq|approx|sim|propto|log|exp|ell|in",
    )
)
_BARE_TEX = re.compile(
    r"(?<![\\A-Za-z])\\(?:" + _BARE_COMMANDS + r")(?![A-Za-z])"
    r"(?:\{[^{}$\n]*\})*(?:\s*[_^](?:\{[^{}$\n]*\}|[A-Za-z0-9]))*"
)
# Math is swapped for these private-use markers while the prose around it is cleaned.
_OPEN, _CLOSE = "\ue000", "\ue001"
_HOLE = re.compile(f"{_OPEN}(\\d+){_CLOSE}")

# Leading list markers and numbering a model puts before a field or echoes from the prompt. A digit needs a space
# after "1." so "1.3B" stays; "1、" needs none (the Chinese enumeration comma is never part of a number).
_CJK_NUM = "一二三四五六七八九十"
_LEADING_MARKER = re.compile(
    r"^\s*(?:"
    r"#{1,6}\s+|[-*+•·●▪]\s+"  # not ">": "> 50% 的数据" is a comparison more often than a quote
    r"|\d{1,2}[.)．]\s+|\d{1,2}、\s*"
    r"|[(（]\s*(?:\d{1,2}|[" + _CJK_NUM + r"]{1,3})\s*[)）]\s*"
    r"|[" + _CJK_NUM + r"]{1,3}[、.．]\s*"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]\s*"
    r"|步骤\s*[\d" + _CJK_NUM + r"]{1,3}\s*[:：.、]?\s*"
    r"|第\s*[\d" + _CJK_NUM + r"]{1,3}\s*(?:步\s*[:：.、]?|[:：、])\s*"  # "第一步：", not "第一点"
    r"|step\s*\d{1,2}\s*[:：.)-]\s*"
    r")",
    re.I,
)
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_LIST_LINE = re.compile(r"^\s*(?:[-*+•·●▪]\s+|\d{1,2}[.)．]\s+|\d{1,2}、|[(（]\d{1,2}[)）])")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# A label echoed at the start: "研究背景：", "**Background:**". Longer than this is a sentence, not a label.
MAX_LABEL_CHARS = 16
_LEADING_LABEL = re.compile(rf"^\s*(?P<label>[^:：。.!?！？，,；;]{{1,{MAX_LABEL_CHARS}}}?)\s*[:：]\s*")

# Emphasis a model adds: "**x**" anywhere, "__x__" only between non-word characters (so "__init__.py" and
# "a__b__c" stay), "*x*" only between non-Latin characters ("2*3*4" stays), `code` ticks.
_STRONG_STARS = re.compile(r"\*\*(?=\S)((?:(?!\*\*).)+?)(?<=\S)\*\*")
_STRONG_UNDERSCORES = re.compile(r"(?<![A-Za-z0-9_.])__(?=[^\s_])((?:(?!__).)+?)(?<=[^\s_])__(?![A-Za-z0-9_.])")
_EM_STAR = re.compile(r"(?<![*A-Za-z0-9\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*A-Za-z0-9])")
_CODE = re.compile(r"`([^`\n]+)`")
_BR = re.compile(r"<br\s*/?>", re.I)

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_SENTENCE_END = tuple("。！？；：，、.!?;:,")
# Markdown characters escaped with a backslash wherever they appear outside math: emphasis, code, links,
# table pipes, strikethrough, headings, the math delimiter itself and the backslash.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#$])")
# At the start of a line these would open a block (list, quote, heading, thematic break).
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+](?=\s|$)|=)")


def split_math(text: str) -> list[str | MathSpan]:
    """The text cut into prose strings and :class:`MathSpan` pieces, in order."""
    parts: list[str | MathSpan] = []
    pos = 0
    for m in _MATH.finditer(text):
        if m.start() > pos:
            parts.append(text[pos : m.start()])
        tex = m["d1"] or m["d2"] or m["i1"] or m["i2"]
        parts.append(MathSpan(" ".join(tex.split()), display=bool(m["d1"] or m["d2"])))
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    return parts


def math_source(span: MathSpan) -> str:
    """The span as we write it in Markdown: ``$…$`` or ``$$…$$``, with ``<``/``>`` as ``\\lt``/``\\gt`` so no
    reader of the Markdown can take them for HTML."""
    tex = re.sub(r"<", r"\\lt ", span.tex)
    tex = re.sub(r">", r"\\gt ", tex).strip()
    return f"$${tex}$$" if span.display else f"${tex}$"


def escape_prose(text: str) -> str:
    """Prose (no math in it) as Markdown that shows exactly these characters."""
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def inline_md(text: str | None) -> str:
    """Any text (a title, an abstract, a model string) as one line of Markdown: whitespace folded, Markdown and
    HTML escaped outside math, math kept as ``$…$``. Nothing is removed; :func:`model_md` also cleans."""
    out = []
    for part in split_math(" ".join((text or "").split())):
        out.append(math_source(part) if isinstance(part, MathSpan) else escape_prose(part))
    line = "".join(out)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line, count=1)


def model_md(text: str | None, labels: Iterable[str] = ()) -> str:
    """A model-written string as one line of Markdown prose: :func:`clean_model_text` then :func:`inline_md`."""
    return inline_md(clean_model_text(text, labels))


def clean_model_text(text: str | None, labels: Iterable[str] = ()) -> str:
    """The prose a model meant, on one line: leading markers, numbering and an echoed label (one of ``labels``)
    removed; lists, tables and headings inside the string flattened into sentences; emphasis markup and ``<br>``
    removed. Math is left exactly as written; a few bare LaTeX commands (``_BARE_COMMANDS``) become ``$…$``.
    Other HTML stays as text (it is escaped later, never run).

    It cannot tell a label the model invented ("核心思想：…") from the start of a sentence, so only the labels
    given (or at least half of one from its start, "过去的方法：" for "过去的方法及其问题") are removed;
    "工作量很大：" and "任务：" (for "任务与性能") stay."""
    if not text:
        return ""
    spans: list[str] = []

    def hole(source: str) -> str:
        spans.append(source)
        return f"{_OPEN}{len(spans) - 1}{_CLOSE}"

    prose = _MATH.sub(lambda m: hole(m[0]), text)
    prose = _BARE_TEX.sub(lambda m: hole(f"${m[0].strip()}$"), prose)
    prose = _BR.sub("\n", prose)
    prose = _flatten_lines(prose)
    prose = _strip_emphasis(prose)
    prose = _strip_lead(prose, list(labels))
    return _HOLE.sub(lambda m: spans[int(m[1])], prose).strip()


def _strip_emphasis(text: str) -> str:
    for pattern in (_STRONG_STARS, _STRONG_UNDERSCORES, _EM_STAR, _CODE):
        text = pattern.sub(r"\1", text)
    return text


def _strip_lead(text: str, labels: list[str]) -> str:
    """Markers and echoed labels at the start, repeatedly: "(1) **研究背景**：1. …" -> "…"."""
    while True:
        before = text
        text = _LEADING_MARKER.sub("", text, count=1)
        text = _strip_label(text, labels)
        if text == before:
            return text.strip()


def _strip_label(text: str, labels: list[str]) -> str:
    m = _LEADING_LABEL.match(text)
    if not m or not labels:
        return text
    said = _strip_emphasis(m["label"]).strip().strip("*_").strip().casefold()
    if not said:
        return text
    for label in labels:
        known = label.casefold()
        # A shortened echo ("过去的方法" of "过去的方法及其问题") counts if it keeps at least half the label.
        if said == known or (len(said) * 2 >= len(known) and known.startswith(said)):
            return text[m.end() :]
    return text


def _flatten_lines(text: str) -> str:
    """Lines -> one line. A table becomes "header：cell，…；…", a heading becomes "heading：", list items are
    joined with "；" (or "; " between Latin words) unless they already end a sentence."""
    lines = [ln.strip() for ln in text.splitlines()]
    pieces: list[tuple[str, bool]] = []  # (text, ends a list item / heading: join with a separator)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            table = _flatten_table(lines[i:j])
            if table:
                pieces.append((table, True))
            i = j
            continue
        if _HEADING.match(line):
            heading = _HEADING.sub("", line).strip().rstrip("#").strip()
            if heading:
                pieces.append((heading if heading.endswith(("：", ":")) else heading + "：", False))
        elif line:
            listed = bool(_LIST_LINE.match(line))
            pieces.append((_LEADING_MARKER.sub("", line, count=1) if listed else line, listed))
        i += 1
    out = ""
    for n, (piece, listed) in enumerate(pieces):
        if n:
            prev_listed = pieces[n - 1][1]
            sep = _joiner(out, piece)
            if (listed or prev_listed) and not out.endswith(_SENTENCE_END):
                sep = "；" if _CJK.search(out[-1:] + piece[:1]) else "; "
            out += sep
        out += piece
    return out


def _joiner(left: str, right: str) -> str:
    """Lines of Chinese join without a space; Latin words need one."""
    if not left or not right or _CJK.search(left[-1]) or _CJK.search(right[0]):
        return ""
    return " "


def _flatten_table(rows: list[str]) -> str:
    """Table rows -> "header：cell，header：cell；…。" (cells joined by "，" when there is no header row)."""
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows if not _TABLE_RULE.match(row)]
    cells = [row for row in cells if any(row)]
    if not cells:
        return ""
    has_header = len(rows) > 1 and bool(_TABLE_RULE.match(rows[1]))
    if has_header and len(cells) > 1:
        head, body = cells[0], cells[1:]
        sentences = ["，".join(f"{h}：{c}" if h else c for h, c in zip(head, row, strict=False) if c) for row in body]
    else:
        sentences = ["，".join(c for c in row if c) for row in cells]
    return "；".join(s for s in sentences if s) + "。"


# title_zh with the English title appended: "中文（English Title）" or "中文 English Title".
_TRAILING_PAREN = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*$")
_TRAILING_LATIN = re.compile(
    r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])\s*(?:[-–—|/]+\s*)?([A-Za-z][A-Za-z0-9\s:,'’.&\-–—]*)$"
)
# Fewer Latin words than this at the end of a Chinese title are a name in it ("基于 Transformer"), not the title.
MIN_APPENDED_WORDS = 3


def clean_title_zh(title_zh: str | None, title_en: str | None = None) -> str:
    """The translation alone: markers and emphasis removed, an appended English title (in brackets, or after the
    Chinese) removed, and a copy of ``title_en`` before the translation removed. It keeps a trailing Latin run
    shorter than ``MIN_APPENDED_WORDS`` words unless it is the start of the English title: it cannot tell a short
    appended title from a name that ends the translation."""
    zh = clean_model_text(title_zh)
    if not _CJK.search(zh):
        return zh
    en = " ".join((title_en or "").split()).casefold()

    def is_english_title(tail: str) -> bool:
        tail = " ".join(tail.split()).casefold().rstrip(".")
        if _CJK.search(tail) or not tail:
            return False
        return bool(en and (en.startswith(tail) or tail.startswith(en))) or len(tail.split()) >= MIN_APPENDED_WORDS

    if en and zh.casefold().startswith(en) and len(zh) > len(en):  # "English Title（中文标题）"
        rest = zh[len(en) :].strip(" ：:-–—|/")
        bracketed = re.fullmatch(r"[(（](.*)[)）]", rest)
        rest = bracketed[1].strip() if bracketed else rest
        if _CJK.search(rest):
            zh = rest
    m = _TRAILING_PAREN.search(zh)
    if m and is_english_title(m[1]) and _CJK.search(zh[: m.start()]):
        zh = zh[: m.start()].rstrip()
    m = _TRAILING_LATIN.search(zh)
    if m and is_english_title(m[1]):
        zh = zh[: m.start()].rstrip(" ：:-–—")
    return zh

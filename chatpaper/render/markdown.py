"""Digest -> Markdown. Our code decides the layout, so numbering is always the same and no chatter appears."""

from __future__ import annotations

import html
from collections.abc import Collection

from pydantic import BaseModel

from chatpaper.models import Digest
from chatpaper.render.figure_order import in_number_order
from chatpaper.render.model_text import clean_model_text, clean_title_zh, inline_md, model_md
from chatpaper.stages.schemas import Assessment
from chatpaper.stages.spec import STAGES

LABELS = {
    "zh": {
        "title": "标题",
        "authors": "作者",
        "affiliation": "第一作者单位",
        "keywords": "关键词",
        "links": "链接",
        "paper": "论文",
        "code": "代码",
        "none": "无",
        "background": "研究背景",
        "prior": "过去的方法及其问题",
        "method": "本文方法",
        "results": "任务与性能",
        "significance": "意义",
        "innovation": "创新点",
        "performance": "性能",
        "workload": "工作量",
        "strengths": "优点",
        "weaknesses": "不足",
        "one_line": "一句话总结",
        "takeaways": "要点",
        "untranslated": "离线模式未翻译",
        "local": "本地 PDF",
        "unknown": "未知",
        "offline": "离线模式：以下内容由论文原句抽取生成，未使用大语言模型，仅供初筛。配置 GEMINI_API_KEY 或 "
        "OPENAI_API_KEY 可获得中文解读。",
        "incomplete": "摘要不完整",
        "failed": "此部分生成失败",
        "made_by": "由 ChatPaper 生成",
        "abstract_en": "英文原文摘要",
        "notice": "注意",
        "figures": "点此查看论文截图",
        "pending": "生成中…",
        "cancelled": "已取消",
        "figures_shown": "此处显示 {shown}/{total} 张关键图（{numbers}）；全部图表都在 zip 的 figures/ 文件夹中。",
        ":": "：",
        ",": "，",
        ";": "；",
        "(": "（",
        ")": "）",
    },
    "en": {
        "title": "Title",
        "authors": "Authors",
        "affiliation": "First-author affiliation",
        "keywords": "Keywords",
        "links": "Links",
        "paper": "Paper",
        "code": "Code",
        "none": "none",
        "background": "Background",
        "prior": "Prior work and its problems",
        "method": "Proposed method",
        "results": "Tasks and performance",
        "significance": "Significance",
        "innovation": "Innovation",
        "performance": "Performance",
        "workload": "Workload",
        "strengths": "Strengths",
        "weaknesses": "Weaknesses",
        "one_line": "In one line",
        "takeaways": "Key takeaways",
        "untranslated": "offline mode, not translated",
        "local": "local PDF",
        "unknown": "unknown",
        "offline": "Offline mode: this digest quotes the paper's own sentences; no LLM was used. Set "
        "GEMINI_API_KEY or OPENAI_API_KEY for a written digest.",
        "incomplete": "Incomplete digest",
        "failed": "this part failed",
        "made_by": "Made by ChatPaper",
        "abstract_en": "Original abstract",
        "notice": "Note",
        "figures": "Figures from the paper",
        "pending": "in progress…",
        "cancelled": "cancelled",
        "figures_shown": "Showing {shown} of {total} key figures ({numbers}); all figures are in the zip's figures/ "
        "folder.",
        ":": ": ",
        ",": ", ",
        ";": "; ",
        "(": " (",
        ")": ")",
    },
}
for _stage in STAGES:  # the stages' headings are defined with the stages
    for _lang, _labels in LABELS.items():
        _labels[_stage.name] = (_stage.label or {}).get(_lang, _stage.name)


# Words a model puts before its strengths / weaknesses text besides our own labels (removed: we print the label).
STRENGTH_LABELS = ("优点", "优势", "长处", "Strengths", "Strength", "Pros")
WEAKNESS_LABELS = ("不足", "缺点", "局限", "局限性", "不足之处", "Weaknesses", "Weakness", "Limitations", "Cons")


def labels_of(key: str) -> tuple[str, ...]:
    """A part's label in every language: what a model may echo at the start of its answer."""
    return tuple(dict.fromkeys(lab[key] for lab in LABELS.values()))


def _link(url: str | None) -> str:
    """An autolink: a bare URL followed by "，代码" would swallow the Chinese punctuation into the link."""
    return f"<{html.escape(url, quote=True)}>" if url and " " not in url and "<" not in url else inline_md(url)


def _unreached(model: BaseModel | None, field: str) -> bool:
    """Whether a streamed answer has not reached ``field`` yet: ``stages.partial`` leaves such fields out of
    ``model_fields_set``. A finished answer has every field set (the schemas have no defaults)."""
    return model is not None and field not in model.model_fields_set


def _or_pending(shown: str, model: BaseModel | None, field: str, lab: dict[str, str]) -> str:
    """``shown``, or the pending marker when it is empty because a streamed answer has not reached ``field`` yet;
    an empty field of a finished answer stays empty."""
    return f"{lab['(']}{lab['pending']}{lab[')']}".strip() if not shown and _unreached(model, field) else shown


def _assess(a: Assessment, key: str, lab: dict[str, str]) -> list[str]:
    """Strengths and weaknesses of one aspect, each on its own line (never run together as "。；")."""
    own = labels_of(key)
    strengths = model_md(a.strengths, own + labels_of("strengths") + STRENGTH_LABELS)
    weaknesses = model_md(a.weaknesses, own + labels_of("weaknesses") + WEAKNESS_LABELS)
    return [
        f"   - **{lab['strengths']}**{lab[':']}{_or_pending(strengths, a, 'strengths', lab)}",
        f"   - **{lab['weaknesses']}**{lab[':']}{_or_pending(weaknesses, a, 'weaknesses', lab)}",
    ]


def labels_for(lang: str, cancelled: bool = False) -> dict[str, str]:
    """The labels of ``lang``; a cancelled run's unfinished parts say so instead of "in progress"."""
    lab = LABELS.get(lang, LABELS["zh"])
    return {**lab, "pending": lab["cancelled"]} if cancelled else lab


def render_figures(d: Digest, summary: str, base: str | None) -> list[str]:
    """The key figures in number order with whole captions, in a collapsed block as the daily posts show them,
    and a line saying which are shown; ``base`` replaces the folder in each figure's path (None keeps
    ``figures/``)."""
    shown = in_number_order([f for f in d.figures if f.key])
    if not shown:
        return []
    lab = labels_for(d.lang)
    numbers = ", ".join(f.number for f in shown)
    note = lab["figures_shown"].format(shown=len(shown), total=len(d.figures), numbers=numbers)
    out = ["<details>", f"  <summary>{summary}</summary>", "", f"<p><em>{html.escape(note, quote=False)}</em></p>", ""]
    for f in shown:
        src = f.path if base is None else f"{base.rstrip('/')}/{f.path.rsplit('/', 1)[-1]}"
        caption = " ".join(f.caption.split())
        out += [
            f'<p><img src="{html.escape(src)}" alt="{html.escape(f"Figure {f.number}")}" align="middle"><br>'
            f"{html.escape(caption, quote=False)}</p>",
            "",
        ]
    return out + ["</details>", ""]


def render_markdown(
    d: Digest,
    figure_base: str | None = None,
    pending: Collection[str] = (),
    with_figures: bool = True,
    cancelled: bool = False,
) -> str:
    """The digest page. ``pending`` names stages still running (shown as in progress, not failed; as cancelled
    with ``cancelled``); ``with_figures=False`` leaves the figure block out (the web app shows its figure view)."""
    lab = labels_for(d.lang, cancelled)
    p = d.paper
    out = [f"# {inline_md(p.get('title')) or lab['unknown']}", ""]
    if d.offline:
        out += [f"> ⚠️ {lab['offline']}", ""]
    for notice in p.get("notices") or []:
        out += [f"> {lab['notice']}{lab[':']}{inline_md(notice)}", ""]
    if d.errors:
        out += [f"> ⚠️ {lab['incomplete']}{lab[':']}" + lab[";"].join(inline_md(e.message) for e in d.errors), ""]
    s = d.summary
    if s:
        one_line = _or_pending(model_md(s.one_line_summary, labels_of("one_line")), s, "one_line_summary", lab)
        takeaways = takeaway_lines(s.key_takeaways)
        if not takeaways and _unreached(s, "key_takeaways"):
            takeaways = [f"- {(lab['('] + lab['pending'] + lab[')']).strip()}"]
        out += [f"**{lab['one_line']}**{lab[':']}{one_line}", ""]
        out += [f"**{lab['takeaways']}**", ""] + takeaways + [""]
    out += render_parts(d, pending, with_abstract=True, cancelled=cancelled)
    if with_figures:
        out += render_figures(d, lab["figures"], figure_base)
    out += ["---", f"*{lab['made_by']} · {inline_md(d.backend)} · {inline_md(d.model)} · {d.created_at[:10]}*", ""]
    return "\n".join(out)


def takeaway_lines(takeaways: list[str]) -> list[str]:
    """Every takeaway the model gave (the schema already caps how many), as one flat list."""
    return [f"- {line}" for line in (model_md(t) for t in takeaways) if line]


def render_parts(
    d: Digest, pending: Collection[str] = (), with_abstract: bool = False, cancelled: bool = False
) -> list[str]:
    """The eight numbered parts (标题 … 结论), always numbered the same; the daily post uses them too. The English
    abstract (``with_abstract``) sits inside item 6, under the summary it can be checked against."""
    lab = labels_for(d.lang, cancelled)
    colon, lp, rp = lab[":"], lab["("], lab[")"]
    p = d.paper
    title = inline_md(p.get("title")) or lab["unknown"]
    s, m, c = d.summary, d.methods, d.conclusion
    out: list[str] = []

    def failed_or(stage: str) -> str:
        return f"{lp}{lab['pending' if stage in pending else 'failed']}{rp}".strip()

    zh = clean_title_zh(s.title_zh, p.get("title")) if s and s.title_zh else ""
    same = zh.casefold() == (p.get("title") or "").casefold()  # an untranslated title is not shown twice
    zh_title = inline_md(zh) if zh and not same else lab["untranslated"] if d.offline else ""
    zh_title = zh_title or (lab["pending"] if _unreached(s, "title_zh") else "")
    code = [u for u in p.get("links") or [] if any(h in u for h in ("github", "gitlab", "huggingface", "bitbucket"))]
    affiliation = (
        (s.first_author_affiliation if s and s.first_author_affiliation else None)
        or p.get("first_author_affiliation")
        or _or_pending("", s, "first_author_affiliation", lab)
        or lab["unknown"]
    )
    authors = p.get("authors") or []
    shown_keywords = [k for k in (model_md(k) for k in (s.keywords if s else [])) if k]
    keywords = (
        ", ".join(shown_keywords)
        if shown_keywords
        else _or_pending("", s, "keywords", lab) or lab["none"]
        if s
        else failed_or("summary")
    )
    out += [
        f"1. **{lab['title']}**{colon}{title}" + (f"{lp}{zh_title}{rp}" if zh_title else ""),
        f"2. **{lab['authors']}**{colon}{inline_md(', '.join(authors)) or lab['unknown']}",
        f"3. **{lab['affiliation']}**{colon}{model_md(affiliation, labels_of('affiliation'))}",
        f"4. **{lab['keywords']}**{colon}{keywords}",
        f"5. **{lab['links']}**{colon}{lab['paper']} {_link(p.get('abs_url')) or lab['local']}{lab[',']}"
        f"{lab['code']}{colon}{', '.join(_link(u) for u in code[:2]) if code else lab['none']}",
        f"6. **{lab['summary']}**{colon}".rstrip(),
        "",
    ]
    if s:
        for n, (key, text) in enumerate(
            [("background", s.background), ("prior", s.prior_work), ("method", s.method), ("results", s.results)], 1
        ):
            field = "prior_work" if key == "prior" else key
            out += [f"   ({n}) **{lab[key]}**{colon}{_or_pending(model_md(text, labels_of(key)), s, field, lab)}", ""]
    else:
        out += [f"   {failed_or('summary')}", ""]
    if with_abstract and p.get("abstract"):  # beside the summary: a reader can check the model against it
        abstract = inline_md(p["abstract"])
        summary = f"   <details><summary>{lab['abstract_en']}</summary>"
        out += [summary, "", f"   {abstract}", "", "   </details>", ""]
    out += [f"7. **{lab['methods']}**{colon}".rstrip(), ""]
    if m and m.steps:
        for n, step in enumerate(m.steps, 1):
            name = clean_model_text(step.name).rstrip("：:")
            head = f"**{inline_md(name)}**{colon}" if name else ""
            detail = _or_pending(model_md(step.detail, (name,) if name else ()), step, "detail", lab)
            out += [f"   ({n}) {head}{detail}", ""]
    else:
        out += [f"   {_or_pending('', m, 'steps', lab) or failed_or('methods')}", ""]
    out += [f"8. **{lab['conclusion']}**{colon}".rstrip(), ""]
    if c:
        significance = _or_pending(model_md(c.significance, labels_of("significance")), c, "significance", lab)
        out += [f"   (1) **{lab['significance']}**{colon}{significance}", ""]
        for n, key in enumerate(("innovation", "performance", "workload"), 2):
            out += [f"   ({n}) **{lab[key]}**{colon}".rstrip(), ""] + _assess(getattr(c, key), key, lab) + [""]
    else:
        out += [f"   {failed_or('conclusion')}", ""]
    return out

"""Digest -> Markdown. Our code decides the layout, so numbering is always the same and no chatter appears."""

from __future__ import annotations

import html
from collections.abc import Collection

from chatpaper.models import Digest
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
    },
}
for _stage in STAGES:  # the stages' headings are defined with the stages
    for _lang, _labels in LABELS.items():
        _labels[_stage.name] = (_stage.label or {}).get(_lang, _stage.name)


# Captions under embedded figures are cut to this many characters.
MAX_CAPTION_SHOWN = 300


def esc(text: str | None) -> str:
    """Text from papers and models is shown, never executed: escape HTML, fold newlines."""
    return html.escape(" ".join((text or "").split()), quote=False)


def _link(url: str | None) -> str:
    """An autolink: a bare URL followed by "，代码" would swallow the Chinese punctuation into the link."""
    return f"<{html.escape(url, quote=True)}>" if url and " " not in url and "<" not in url else esc(url)


def _assess(a: Assessment, lab: dict) -> str:
    return f"{lab['strengths']}：{esc(a.strengths)}；{lab['weaknesses']}：{esc(a.weaknesses)}"


def render_figures(d: Digest, summary: str, base: str | None) -> list[str]:
    """The key figures in a collapsed block, as the daily posts show them; ``base`` replaces the folder
    in each figure's path (None keeps ``figures/``)."""
    shown = [f for f in d.figures if f.key]
    if not shown:
        return []
    out = ["<details>", f"  <summary>{summary}</summary>", ""]
    for f in shown:
        src = f.path if base is None else f"{base.rstrip('/')}/{f.path.rsplit('/', 1)[-1]}"
        caption = " ".join(f.caption.split())
        caption = caption if len(caption) <= MAX_CAPTION_SHOWN else caption[: MAX_CAPTION_SHOWN - 1] + "…"
        out += [
            f'<p><img src="{html.escape(src)}" alt="{html.escape(f"Figure {f.number}")}" align="middle"><br>'
            f"{html.escape(caption, quote=False)}</p>",
            "",
        ]
    return out + ["</details>", ""]


def render_markdown(
    d: Digest, figure_base: str | None = None, pending: Collection[str] = (), with_figures: bool = True
) -> str:
    """The digest page. ``pending`` names stages still running (shown as in progress, not failed);
    ``with_figures=False`` leaves the figure block out (the web app shows a gallery instead)."""
    lab = LABELS.get(d.lang, LABELS["zh"])
    p = d.paper
    out = [f"# {esc(p.get('title')) or lab['unknown']}", ""]
    if d.offline:
        out += [f"> ⚠️ {lab['offline']}", ""]
    for notice in p.get("notices") or []:
        out += [f"> {lab['notice']}：{esc(notice)}", ""]
    if d.errors:
        out += [f"> ⚠️ {lab['incomplete']}：" + "；".join(esc(e.message) for e in d.errors), ""]
    s = d.summary
    if s:
        out += [f"**{lab['one_line']}**：{esc(s.one_line_summary)}", "", f"**{lab['takeaways']}**", ""]
        out += [f"- {esc(t)}" for t in s.key_takeaways] + [""]
    out += render_parts(d, pending, with_abstract=True)
    if with_figures:
        out += render_figures(d, lab["figures"], figure_base)
    out += ["---", f"*{lab['made_by']} · {esc(d.backend)} · {esc(d.model)} · {d.created_at[:10]}*", ""]
    return "\n".join(out)


def render_parts(d: Digest, pending: Collection[str] = (), with_abstract: bool = False) -> list[str]:
    """The eight numbered parts (标题 … 结论), always numbered the same; the daily post uses them too."""
    lab = LABELS.get(d.lang, LABELS["zh"])
    p = d.paper
    title = esc(p.get("title")) or lab["unknown"]
    s, m, c = d.summary, d.methods, d.conclusion
    out: list[str] = []

    def failed_or(stage: str) -> str:
        return f"（{lab['pending' if stage in pending else 'failed']}）"

    zh_title = esc(s.title_zh) if s and s.title_zh else lab["untranslated"] if d.offline else ""
    code = [u for u in p.get("links") or [] if any(h in u for h in ("github", "gitlab", "huggingface", "bitbucket"))]
    affiliation = (
        (s.first_author_affiliation if s and s.first_author_affiliation else None)
        or p.get("first_author_affiliation")
        or lab["unknown"]
    )
    authors = p.get("authors") or []
    keywords = esc(", ".join(s.keywords)) if s and s.keywords else lab["none"] if s else failed_or("summary")
    out += [
        f"1. **{lab['title']}**：{title}" + (f"（{zh_title}）" if zh_title else ""),
        f"2. **{lab['authors']}**：{esc(', '.join(authors)) or lab['unknown']}",
        f"3. **{lab['affiliation']}**：{esc(affiliation)}",
        f"4. **{lab['keywords']}**：{keywords}",
        f"5. **{lab['links']}**：{lab['paper']} {_link(p.get('abs_url')) or lab['local']}，{lab['code']}："
        f"{', '.join(_link(u) for u in code[:2]) if code else lab['none']}",
        f"6. **{lab['summary']}**：",
        "",
    ]
    if s:
        for n, (key, text) in enumerate(
            [("background", s.background), ("prior", s.prior_work), ("method", s.method), ("results", s.results)], 1
        ):
            out += [f"   ({n}) **{lab[key]}**：{esc(text)}", ""]
    else:
        out += [f"   {failed_or('summary')}", ""]
    if with_abstract and p.get("abstract"):  # beside the summary: a reader can check the model against it
        out += ["<details><summary>" + lab["abstract_en"] + "</summary>", "", esc(p["abstract"]), "", "</details>", ""]
    out += [f"7. **{lab['methods']}**：", ""]
    if m and m.steps:
        out += [f"   ({n}) **{esc(step.name)}**：{esc(step.detail)}" + "\n" for n, step in enumerate(m.steps, 1)]
    else:
        out += [f"   {failed_or('methods')}", ""]
    out += [f"8. **{lab['conclusion']}**：", ""]
    if c:
        out += [
            f"   (1) **{lab['significance']}**：{esc(c.significance)}",
            "",
            f"   (2) **{lab['innovation']}**：{_assess(c.innovation, lab)}",
            "",
            f"   (3) **{lab['performance']}**：{_assess(c.performance, lab)}",
            "",
            f"   (4) **{lab['workload']}**：{_assess(c.workload, lab)}",
            "",
        ]
    else:
        out += [f"   {failed_or('conclusion')}", ""]
    return out

"""What one web run needs that is not Gradio: its settings, its source, its share link, its messages. Pure."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from chatpaper import backends
from chatpaper._errors import ChatPaperError, ConfigError, InputError, UpstreamError
from chatpaper.models import Digest
from chatpaper.settings import Settings
from chatpaper.source.reference import ArxivRef, parse_arxiv_ref, parse_source
from chatpaper.stages.spec import STAGE_NAMES, STAGES

AUTO = "auto"
# The math our renderer writes (render/model_text.py): $…$ inline, $$…$$ display. Gradio's default is $$ only.
LATEX_DELIMITERS: list[dict[str, str | bool]] = [
    {"left": "$$", "right": "$$", "display": True},
    {"left": "$", "right": "$", "display": False},
]
STEP_LABEL = {
    "fetch": "获取论文 / fetching",
    "parse": "解析 PDF / parsing",
    "figures": "提取图表 / figures",
    **{s.name: f"{(s.label or {}).get('zh', s.name)} / {s.name}" for s in STAGES},
    "done": "完成 / done",
}
# The page's status lines that tests and the reader look for.
CANCELLED = "⏹ 已取消 / cancelled"
RERUN_NOTE = "重新运行只会重试失败的部分 / Running it again only retries the parts that failed."


def progress_line(step: str, elapsed: float) -> str:
    """The one progress display: the step, n/3 once the stages run, and the seconds since the run started."""
    parts = [f"⏳ {STEP_LABEL.get(step, step)}"]
    if step in STAGE_NAMES:
        n, total = STAGE_NAMES.index(step) + 1, len(STAGE_NAMES)
        parts.append(f"阶段 {n}/{total} / stage {n} of {total}")
    parts.append(f"{elapsed:.0f} 秒 / s")
    return " · ".join(parts)


def settings_for(lang: str, backend: str | None, model: str | None, api_key: str | None) -> Settings:
    """This run's settings: the server's, with the user's choices and (for this run only) their own key."""
    name = None if not backend or backend == AUTO else backend
    settings = Settings.load(lang=lang or None, backend=name, model=(model or "").strip() or None)
    if api_key and api_key.strip():
        settings = backends.with_user_key(settings, api_key, name)
    return settings


def backend_choices(has_key: bool) -> list[str]:
    """Backends offered in the page: those the server can run, and the keyed ones once a key is typed."""
    server = backends.available(Settings.load())
    extra = backends.keyed() if has_key else []
    return [AUTO] + list(dict.fromkeys(server + extra))


def server_has_model() -> bool:
    """Whether the server itself can run a model backend (a key is configured), without a visitor's key."""
    return any(not backends.info(n).offline for n in backends.available(Settings.load()))


def resolve_source(source: str | None, pdf: str | None) -> str | Path:
    """An uploaded PDF wins over the text box (``source_note`` says so on the page); neither is a one-line error."""
    if pdf:
        path = Path(pdf)
        if path.suffix.lower() != ".pdf":
            kind = path.suffix or "a file without extension"
            raise InputError(f"只能上传 PDF 文件，请换一个文件。 / Only PDF files can be uploaded, not {kind}.")
        return path
    text = (source or "").strip()
    if not text:
        raise InputError("请输入 arXiv 编号或链接，或上传 PDF。 / Please enter an arXiv ID or URL, or upload a PDF.")
    # The box takes arXiv references only: a path typed here must never open a file on the server.
    if not isinstance(parse_arxiv_ref(text), ArxivRef):
        raise InputError(
            f"「{text[:80]}」不是 arXiv 编号或链接（例如 2405.07257）；本地 PDF 请用上传按钮。 / "
            f"'{text[:80]}' is not an arXiv ID or URL (e.g. 2405.07257); upload PDFs with the button."
        )
    return text


def source_note(source: str | None, pdf: str | None) -> str:
    """What the page says when both a typed ID and an upload were given: which one this run used."""
    typed = (source or "").strip()
    if not (pdf and typed):
        return ""
    return (
        f"已使用上传的 PDF（{Path(pdf).name}），忽略输入框中的「{typed[:80]}」；要读该 arXiv 论文请先移除上传的文件。"
        f" / Used the uploaded PDF; the typed '{typed[:80]}' was ignored (remove the upload to run it)."
    )


def query_source(params: dict) -> str:
    """``/?arxiv=2405.07257`` (or an abs/pdf URL there) -> the source to run; anything else -> ''."""
    value = (params.get("arxiv") or params.get("paper") or "").strip()
    if not value:
        return ""
    try:
        ref = parse_source(value)
    except ChatPaperError:
        return ""
    return ref.versioned if isinstance(ref, ArxivRef) else ""


def share_link(base_url: str, source: str | Path) -> str:
    """The page link that reruns (or shows the cached) digest of an arXiv paper; '' for an uploaded PDF."""
    if isinstance(source, Path):
        return ""
    try:
        ref = parse_source(source)
    except ChatPaperError:
        return ""
    if not isinstance(ref, ArxivRef):
        return ""
    return f"{base_url.rstrip('/')}/?arxiv={quote(ref.versioned)}"


def pending_stages(digest: Digest, step: str) -> set[str]:
    """Stages still being written at ``step``: neither answered nor failed (the stages run while the figures
    are cut, so a step's name alone does not say which are done)."""
    if step == "done":
        return set()
    failed = {e.stage for e in digest.errors}
    return {s for s in STAGE_NAMES if getattr(digest, s) is None and s not in failed}


# What each kind of failure means for the reader, and what to do: (Chinese, English label).
_ERROR_KINDS: list[tuple[type[Exception], str, str]] = [
    (ConfigError, "设置有误：请检查设置（后端、模型、API key）后重试", "Setting"),
    (InputError, "输入有误：请检查论文编号或文件后重试", "Input"),
    (UpstreamError, "服务暂不可用：请稍后重试，已完成的部分会保留", "Service unavailable"),
    (ChatPaperError, "出错了：请稍后重试", "Error"),
]
# Messages written in both languages are "中文 / English" (the first separator splits them).
BILINGUAL_SEPARATOR = " / "
# Settings names in a message help whoever runs the server (the CLI and the server log show them), not a visitor:
# "(CHATPAPER_LLM_TIMEOUT)", "(ConnectionError; CHATPAPER_ARXIV_API)", ": check --model / CHATPAPER_MODEL".
_SETTING = r"(?:--[a-z-]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z][a-z]+Error)"
_SETTINGS_IN_PARENS = re.compile(rf"\s*\((?:{_SETTING}[;,/ ]*)+\)")
_CHECK_SETTINGS = re.compile(rf"[:;,]?\s*check\s+(?:{_SETTING}[;,/ ]*|or\s+)+(?=$|[.;])")


def for_visitors(message: str) -> str:
    """``message`` without the settings and exception names it carries for the server's operator."""
    return _CHECK_SETTINGS.sub("", _SETTINGS_IN_PARENS.sub("", message)).strip()


def error_lines(exc: Exception) -> tuple[str, str]:
    """The Chinese line and the English line a failure shows the reader: what happened and what to do. A bug of
    ours names no exception class here (the server log has the traceback)."""
    for kind, zh, en in _ERROR_KINDS:
        if isinstance(exc, kind):
            text = for_visitors(str(exc))
            head, sep, tail = text.partition(BILINGUAL_SEPARATOR)
            if sep and any("\u4e00" <= ch <= "\u9fff" for ch in head):
                return f"{zh.split('：')[0]}：{head}", f"{en}: {tail}"
            return f"{zh}。", f"{en}: {text}"
    return (
        "内部错误，请稍后重试；问题已记录在服务器日志中。",
        "Internal error, please try again later; it is in the server log.",
    )


def error_message(exc: Exception) -> str:
    """One line, Chinese first, for a ``gr.Error`` and the API (the page's status shows the two lines)."""
    return BILINGUAL_SEPARATOR.join(error_lines(exc))

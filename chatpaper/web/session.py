"""What one web run needs that is not Gradio: its settings, its source, its share link, its messages. Pure."""

from __future__ import annotations

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
# How far along the progress bar each pipeline step is when it starts.
STEP_FRACTION = {
    "fetch": 0.05,
    "parse": 0.2,
    "figures": 0.3,
    "summary": 0.35,
    "methods": 0.6,
    "conclusion": 0.8,
    "done": 1.0,
}
STEP_LABEL = {
    "fetch": "获取论文 / fetching",
    "parse": "解析 PDF / parsing",
    "figures": "提取图表 / figures",
    **{s.name: f"{(s.label or {}).get('zh', s.name)} / {s.name}" for s in STAGES},
    "done": "完成 / done",
}


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
    """An uploaded PDF wins over the text box; neither is a one-line error."""
    if pdf:
        path = Path(pdf)
        if path.suffix.lower() != ".pdf":
            raise InputError(f"only PDF files can be uploaded, not {path.suffix or 'a file without extension'}")
        return path
    text = (source or "").strip()
    if not text:
        raise InputError("enter an arXiv ID or URL, or upload a PDF")
    # The box takes arXiv references only: a path typed here must never open a file on the server.
    if not isinstance(parse_arxiv_ref(text), ArxivRef):
        raise InputError(f"'{text[:80]}' is not an arXiv ID or URL (e.g. 2405.07257); upload PDFs with the button")
    return text


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


def error_message(exc: Exception) -> str:
    """One line, Chinese first, for a ``gr.Error``."""
    if isinstance(exc, ConfigError):
        return f"设置有误 / Setting: {exc}"
    if isinstance(exc, InputError):
        return f"输入有误 / Input: {exc}"
    if isinstance(exc, UpstreamError):
        return f"服务暂不可用 / Service unavailable: {exc}"
    if isinstance(exc, ChatPaperError):
        return f"出错了 / Error: {exc}"
    return f"内部错误，请稍后再试 / Internal error ({type(exc).__name__})"

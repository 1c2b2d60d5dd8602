"""The page's footer: the licence and where the source is (the AGPL asks a network service to offer its source).
Pure apart from reading settings and the package metadata; no Gradio."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import tomllib

from chatpaper.settings import Settings

SOURCE_URL_DEFAULT = "https://huggingface.co/spaces/{space}/tree/main"


def project_repository() -> str:
    """The project's repository URL: from the installed package's metadata, else from pyproject.toml beside it."""
    try:
        for entry in importlib.metadata.metadata("chatpaper").get_all("Project-URL") or []:
            name, _, url = entry.partition(",")
            if name.strip().lower() in ("repository", "source", "homepage"):
                return url.strip()
    except importlib.metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        urls = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["urls"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return ""
    return str(urls.get("Repository") or urls.get("Homepage") or "")


def source_footer() -> str:
    """The footer: CHATPAPER_SOURCE_URL, else the Space's files, else the project's repository (never the
    licence page: the AGPL asks for the source)."""
    settings = Settings.load()
    url = settings.source_url
    if not url and settings.space_id:
        url = SOURCE_URL_DEFAULT.format(space=settings.space_id)
    url = url or project_repository()
    source = f"[源代码 / Source code]({url})" if url else ""
    return (
        f"ChatPaper 是 AGPL-3.0 自由软件（使用 PyMuPDF）/ free software under the AGPL-3.0. {source} · "
        "你的 API key 只用于本次运行，不记录、不保存、不显示 / Your API key is used for your run only: it is not "
        "logged, stored or shown."
    )

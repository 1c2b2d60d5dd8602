"""Write a finished digest to a folder: Markdown, JSON, figures; plus a zip and a standalone HTML page."""

from __future__ import annotations

import base64
import html
import re
import zipfile
from pathlib import Path

from chatpaper.files import PART_SUFFIX, copy_atomic, part_file, write_atomic, writing
from chatpaper.models import FIGURE_FOLDER, Digest, FigureInfo
from chatpaper.render.markdown import render_markdown
from chatpaper.render.mathml import markdown_html

# Longest file stem a download is named with (an uploaded file's name may be anything).
MAX_STEM_CHARS = 80

_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{max-width:52rem;margin:2rem auto;padding:0 1rem;font:16px/1.7 system-ui,"Noto Sans CJK SC",sans-serif}}
img{{max-width:100%;height:auto}} details{{margin:1rem 0}} blockquote{{color:#555;border-left:4px solid #ddd;
margin:0;padding-left:1rem}} math[display=block]{{margin:.6em 0}}</style></head>
<body>
{body}
</body></html>
"""


def copy_figures(figures: list[FigureInfo], figure_dir: Path | None, folder: Path) -> list[Path]:
    """Copy these figures' files from the cache folder ``figure_dir`` into ``folder``; the copies, in order."""
    if figure_dir is None or not figures:
        return []
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for fig in figures:
        name = Path(fig.path).name
        copies.append(copy_atomic(figure_dir / name, folder / name))
    return copies


def write_folder(digest: Digest, figure_dir: Path | None, out: Path) -> Path:
    """``out/digest.md``, ``out/digest.json`` and every figure at the path digest.json names. Returns the .md."""
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
    copy_figures(digest.figures, figure_dir, out / FIGURE_FOLDER)
    md = write_atomic(out / "digest.md", render_markdown(digest))
    write_atomic(out / "digest.json", digest.model_dump_json(indent=1))
    return md


def write_zip(folder: Path, target: Path) -> Path:
    """digest.md, digest.json and figures/ of a folder made by ``write_folder``, as one zip."""
    with part_file(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path != target and path.suffix not in (".zip", PART_SUFFIX):
                zf.write(path, path.relative_to(folder).as_posix())
    return target


def standalone_html(digest: Digest, figure_dir: Path | None) -> str:
    """One HTML file with the figures inlined as data URIs and formulas as MathML: opens anywhere, offline."""
    body = markdown_html(render_markdown(digest))
    files = {Path(f.path).name for f in digest.figures}

    def inline(match: re.Match) -> str:
        name = Path(html.unescape(match[1])).name
        if figure_dir is None or name not in files or not (figure_dir / name).is_file():
            return match[0]
        kind = "jpeg" if name.endswith(".jpg") else "png"
        data = base64.b64encode((figure_dir / name).read_bytes()).decode()
        return f'src="data:image/{kind};base64,{data}"'

    body = re.sub(r'src="([^"]+)"', inline, body)
    title = html.escape(digest.paper.get("title") or "ChatPaper")
    return _PAGE.format(lang="zh-CN" if digest.lang == "zh" else "en", title=title, body=body)


def download_stem(digest: Digest, file_name: str = "") -> str:
    """What a download is named after: the arXiv ID (``1512.03385v1``), else the uploaded file's stem."""
    paper = digest.paper
    if paper.get("arxiv_id"):
        version = paper.get("arxiv_version")
        stem = f"{paper['arxiv_id']}v{version}" if version else str(paper["arxiv_id"])
    else:
        stem = Path(file_name or "paper").stem
    stem = re.sub(r"[^\w.\-]+", "_", stem).strip("._") or "paper"
    return stem[:MAX_STEM_CHARS]


def write_downloads(digest: Digest, figure_dir: Path | None, out: Path, file_name: str = "") -> list[Path]:
    """The web page's downloads, named after the paper so that two papers' files never overwrite each other:
    ``<stem>-digest.zip`` (digest.md, digest.html, digest.json, figures/), ``.html`` and ``.md``."""
    stem = download_stem(digest, file_name)
    content = out / "digest"
    md = write_folder(digest, figure_dir, content)
    page = write_page(digest, figure_dir, content)
    downloads = [write_zip(content, out / f"{stem}-digest.zip")]
    for made, suffix in ((page, ".html"), (md, ".md")):
        downloads.append(copy_atomic(made, out / f"{stem}-digest{suffix}"))
    return downloads


def write_page(digest: Digest, figure_dir: Path | None, out: Path) -> Path:
    """``out/digest.html``: the standalone page (the web app's download and ``digest --out``)."""
    out.mkdir(parents=True, exist_ok=True)
    page = out / "digest.html"
    page.write_text(standalone_html(digest, figure_dir), encoding="utf-8")
    return page

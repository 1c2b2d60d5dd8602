"""The page's figure view: every figure in number order with its whole caption below it, wrapped; wide figures
take the whole width, tall ones are kept to a readable height. On a phone the view is a strip above the digest
(CSS in ui.py)."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from chatpaper.models import FigureInfo
from chatpaper.render.figure_order import figure_sort_key

# Width / height from which a figure is "wide" (a results table, a pipeline diagram): shown at full width.
WIDE_ASPECT = 1.6
# Gradio serves files under allowed_paths at this route (relative: works behind a proxy's path prefix too).
FILE_ROUTE = "gradio_api/file="


def file_url(path: Path) -> str:
    return FILE_ROUTE + quote(str(path))


def figure_view_html(figures: list[tuple[Path, FigureInfo]]) -> str:
    """The figures, in number order, as HTML (captions and numbers escaped: they come from the PDF)."""
    if not figures:
        return ""
    items = []
    for path, fig in sorted(figures, key=lambda pair: figure_sort_key(pair[1].number)):
        shape = "wide" if fig.height and fig.width / fig.height >= WIDE_ASPECT else "tall"
        url = html.escape(file_url(path), quote=True)
        name = html.escape(f"Figure {fig.number}", quote=True)
        caption = html.escape(" ".join(fig.caption.split()), quote=False)
        items.append(
            f'<figure class="cp-fig cp-{shape}" data-number="{html.escape(fig.number, quote=True)}">'
            f'<a href="{url}" target="_blank" rel="noopener"><img src="{url}" alt="{name}" loading="lazy"></a>'
            f"<figcaption>{caption}</figcaption></figure>"
        )
    return f'<div class="cp-figs">{"".join(items)}</div>'

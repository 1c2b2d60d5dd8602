"""The daily topic digest: the newest arXiv papers on a topic, each digested, as one Hexo post."""

from chatpaper.daily.post import PostEntry, render_post
from chatpaper.daily.run import DailyResult, run_daily
from chatpaper.daily.search import build_query, search_papers

__all__ = ["DailyResult", "PostEntry", "build_query", "render_post", "run_daily", "search_papers"]

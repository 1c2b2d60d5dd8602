"""The daily topic digest: the newest arXiv papers on each topic, ranked before paying, the best digested, as one
Hexo post per topic with its Atom feed (and an e-mail when asked)."""

from chatpaper.daily.config import DailyConfig, Topic, load_config
from chatpaper.daily.post import PostEntry, render_post
from chatpaper.daily.run import DailyResult, ServiceResult, run_daily, run_topics
from chatpaper.daily.search import build_query, search_papers

__all__ = [
    "DailyConfig",
    "DailyResult",
    "PostEntry",
    "ServiceResult",
    "Topic",
    "build_query",
    "load_config",
    "render_post",
    "run_daily",
    "run_topics",
    "search_papers",
]

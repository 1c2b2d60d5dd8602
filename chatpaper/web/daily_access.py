"""Who may spend the server's model key on the 每日速递 tab. Pure: the page and its /daily endpoint ask it."""

from __future__ import annotations

from chatpaper._errors import InputError

OWN_KEY_ONLY = (
    "本服务器的每日速递只用访客自己的密钥运行：请在「你的 API 密钥」一栏填入密钥后再试。"
    " / This server runs the daily digest only with your own key: enter it in the key field and try again."
)


def check_daily_access(server_has_key: bool, public: bool, visitor_key: str | None) -> None:
    """A run may go on when the server has no key of its own (nothing of the owner's to spend), when the owner made
    the tab public (CHATPAPER_DAILY_PUBLIC=true), or when the visitor brings a key; otherwise one clear line."""
    if server_has_key and not public and not (visitor_key or "").strip():
        raise InputError(OWN_KEY_ONLY)

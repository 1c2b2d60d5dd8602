"""The post as an e-mail: an HTML part with the key figures inlined (``cid:`` parts, so no mail client has to fetch
anything), a plain-text part, sent through the SMTP server of the settings. The password is used for the login and
nowhere else: never in a message, a log line or an error."""

from __future__ import annotations

import html
import logging
import mimetypes
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import urlsplit

from chatpaper._errors import ConfigError, UpstreamError
from chatpaper.render.mathml import markdown_html
from chatpaper.settings import Settings

log = logging.getLogger("chatpaper.daily")

# Figures inlined per e-mail, in bytes: common mail servers refuse messages over 10-25 MB (base64 adds a third).
MAX_INLINE_BYTES = 8 * 1024 * 1024
DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
_IMG = re.compile(r'<img src="([^"]+)"([^>]*)>')
_TAG = re.compile(r"<[^>]+>")

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif; max-width: 760px;
margin: auto; line-height: 1.6; color: #222">
{body}
</body></html>"""


def post_body(post: str) -> str:
    """The post's Markdown without its YAML front matter."""
    return post.split("---", 2)[2].lstrip("\n") if post.startswith("---") else post


def plain_text(body: str) -> str:
    """What a text-only mail reader shows: the Markdown, its HTML blocks (figures, collapsed abstracts) taken out."""
    text = _IMG.sub("", body)
    lines = [_TAG.sub("", line).rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _opened(body_html: str) -> str:
    """Collapsed blocks opened: most mail clients do not support <details>, and the figures are the point."""
    return body_html.replace("<details>", '<div class="details">').replace("</details>", "</div>")


def build_message(post: str, subject: str, sender: str, to: list[str], folder: Path) -> tuple[EmailMessage, list[str]]:
    """(the e-mail, the inlined figure paths). ``folder`` is where the post's relative image paths point."""
    body = post_body(post)
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = subject, sender, ", ".join(to)
    msg.set_content(plain_text(body))
    related: list[tuple[str, Path]] = []
    budget = MAX_INLINE_BYTES

    def inline(match: re.Match) -> str:
        nonlocal budget
        src = html.unescape(match[1])
        path = (folder / src).resolve()
        if "://" in src or not path.is_file() or not path.is_relative_to(folder.resolve()):
            return match[0]
        size = path.stat().st_size
        if size > budget:
            return f"<p>（图片过大未内嵌 / figure not inlined: {html.escape(path.name)}）</p>"
        budget -= size
        cid = make_msgid(domain="chatpaper")
        related.append((cid, path))
        return f'<img src="cid:{cid[1:-1]}"{match[2]} style="max-width:100%">'

    page = _PAGE.format(title=html.escape(subject), body=_IMG.sub(inline, _opened(markdown_html(body))))
    msg.add_alternative(page, subtype="html")
    html_part = msg.get_body(("html",))
    assert isinstance(html_part, EmailMessage)
    for cid, path in related:
        kind = (mimetypes.guess_type(path.name)[0] or "image/png").split("/")
        html_part.add_related(path.read_bytes(), maintype=kind[0], subtype=kind[1], cid=cid, filename=path.name)
    return msg, [str(p) for _, p in related]


def sender_of(settings: Settings) -> str:
    return settings.smtp_from or settings.smtp_user or "chatpaper@localhost"


def send(settings: Settings, msg: EmailMessage) -> None:
    """Deliver through CHATPAPER_SMTP_URL: smtps:// is TLS from the start, smtp:// upgrades with STARTTLS when the
    server offers it. Every failure is one UpstreamError line without the password."""
    if not settings.smtp_url:
        raise ConfigError("set CHATPAPER_SMTP_URL (e.g. smtp://smtp.example.com:587) to send the post by e-mail")
    url = urlsplit(settings.smtp_url)
    if url.scheme not in DEFAULT_PORTS or not url.hostname:
        raise ConfigError("CHATPAPER_SMTP_URL must look like smtp://host:port or smtps://host:port")
    port = url.port or DEFAULT_PORTS[url.scheme]
    where = f"{url.hostname}:{port}"
    try:
        server: smtplib.SMTP
        if url.scheme == "smtps":
            server = smtplib.SMTP_SSL(url.hostname, port, timeout=settings.http_timeout)
        else:
            server = smtplib.SMTP(url.hostname, port, timeout=settings.http_timeout)
        with server:
            server.ehlo()
            if url.scheme == "smtp" and server.has_extn("starttls"):
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if settings.smtp_user:
                password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                server.login(settings.smtp_user, password)
            server.send_message(msg)
    except smtplib.SMTPAuthenticationError:
        raise UpstreamError(f"the mail server {where} refused the login (CHATPAPER_SMTP_USER / _PASSWORD)") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise UpstreamError(f"the e-mail could not be sent through {where} ({type(exc).__name__})") from None
    log.info("e-mailed the post to %d address(es) through %s", len(msg["To"].split(",")), where)

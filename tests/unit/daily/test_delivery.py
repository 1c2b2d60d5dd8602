"""Issue #18: the Atom feed keeps a topic's last N posts (one per day), and the e-mail carries a plain-text part and
an HTML part whose figures are inline parts, never files outside the post's folder."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta, timezone

import feedparser
import pytest

from chatpaper import ConfigError
from chatpaper.daily.atom import FeedEntry, write_feed
from chatpaper.daily.mail import build_message, plain_text, send
from chatpaper.settings import Settings

DAY = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def entry(n: int, summary: str = "<ol><li>x</li></ol>") -> FeedEntry:
    when = DAY + timedelta(days=n)
    return FeedEntry(f"urn:t:{when:%F}", f"T · {when:%F}", f"https://b.example/{when:%F}/", when, summary)


def test_the_feed_keeps_the_last_n_posts_newest_first_and_a_rerun_replaces_its_day(tmp_path):
    path = tmp_path / "t.xml"
    for n in range(5):
        write_feed(path, "T", "t", entry(n), keep=3)
    write_feed(path, "T", "t", entry(4, "<p>again</p>"), keep=3)  # the same day, run again
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo and parsed.feed.title.startswith("T")
    assert [e.title for e in parsed.entries] == ["T · 2026-11-26", "T · 2026-11-25", "T · 2026-11-24"]
    assert (
        parsed.entries[0].content[0].value == "<p>again</p>"
        and parsed.entries[0].link == "https://b.example/2026-11-26/"
    )


def test_the_mail_inlines_the_posts_figures_only(tmp_path):
    (tmp_path / "images" / "2611.1").mkdir(parents=True)
    (tmp_path / "images" / "2611.1" / "figure-1.png").write_bytes(PNG)
    (tmp_path.parent / "secret.png").write_bytes(PNG)
    post = (
        "---\ntitle: T\n---\n# 2026-11-22 更新\n\n## A paper\n\n<details>\n  <summary>点此查看论文截图</summary>\n"
        '<img src="images/2611.1/figure-1.png" align="middle">\n<img src="../secret.png">\n'
        '<img src="https://cdn.example/x.png">\n</details>\n'
    )
    msg, inlined = build_message(post, "T · 2026-11-22", "a@example.com", ["b@example.com", "c@example.com"], tmp_path)
    assert inlined == [str(tmp_path / "images" / "2611.1" / "figure-1.png")]
    parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    html = parsed.get_body(("html",)).get_content()
    (image,) = [p for p in parsed.walk() if p.get_content_maintype() == "image"]
    assert f'src="cid:{image["Content-ID"][1:-1]}"' in html and "<details>" not in html  # opened for mail clients
    assert 'src="../secret.png"' in html and 'src="https://cdn.example/x.png"' in html  # left as links
    text = parsed.get_body(("plain",)).get_content()
    assert "## A paper" in text and "<img" not in text and "title: T" not in text
    assert parsed["To"] == "b@example.com, c@example.com"


def test_plain_text_drops_html_blocks():
    assert plain_text("a\n<details>\n<summary>s</summary>\n\n\n\nb\n</details>\n") == "a\n\ns\n\nb\n"


def test_mail_without_a_server_is_a_config_error(monkeypatch):
    msg, _ = build_message("# x\n", "s", "a@example.com", ["b@example.com"], __import__("pathlib").Path("."))
    with pytest.raises(ConfigError, match="CHATPAPER_SMTP_URL"):
        send(Settings.load(), msg)
    monkeypatch.setenv("CHATPAPER_SMTP_URL", "http://mail.example.com")
    with pytest.raises(ConfigError, match="smtp://host:port"):
        send(Settings.load(), msg)

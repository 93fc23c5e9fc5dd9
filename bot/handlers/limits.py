"""What one Telegram message may show, and the one way to keep a rendered message within it.

Telegram counts the text it shows — tags gone, entities decoded — in UTF-16 code units: at most
4,096 for a message, 1,024 for a caption. Field limits are chosen so that every message fits
with every field at its longest (tests/test_e2e_limits.py shows it); `fit` is the safety net for
what a future template or an old row might add, shortening one free text rather than failing.
"""

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from bot.i18n import Html, escape

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
_TAG = re.compile(r"<[^>]*>")
ELLIPSIS = "…"


def shown_text(text: str) -> str:
    """The text Telegram shows for a message written in our HTML."""
    return html.unescape(_TAG.sub("", text)).strip()


def utf16_length(text: str) -> int:
    """A length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def shown_length(text: str) -> int:
    """How long Telegram counts a message written in our HTML."""
    return utf16_length(shown_text(text))


def fit(render: Callable[[str], str], text: str, limit: int = TEXT_LIMIT) -> Html:
    """`render(text)`, with `text` (never the frame around it) cut just enough, ending in "…",
    for the message to stay within `limit`."""
    rendered = render(text)
    excess = shown_length(rendered) - limit
    while excess > 0 and text:
        text = text[: max(0, len(text) - excess - len(ELLIPSIS))].rstrip() + ELLIPSIS
        rendered = render(text)
        excess = shown_length(rendered) - limit
    return Html(rendered)


def pieces(text: str, size: int) -> list[str]:
    """`text` in pieces of at most `size` characters, each cut after a line or a word when one
    ends near its end. Nothing is dropped: the pieces joined give `text` back."""
    found: list[str] = []
    rest = text
    while len(rest) > size:
        cut = max(rest.rfind("\n", size * 4 // 5, size), rest.rfind(" ", size * 4 // 5, size))
        cut = cut + 1 if cut > 0 else size
        found.append(rest[:cut])
        rest = rest[cut:]
    return [*found, rest] if rest or not found else found


def link(source: str, label_length: int = 60) -> Html:
    """A web address as a link labelled with its host, so a long address costs a few characters
    of the message; anything else as (escaped) text."""
    parts = urlsplit(source.strip())
    if parts.scheme in ("http", "https") and parts.hostname and " " not in source.strip():
        label = parts.hostname.removeprefix("www.")[:label_length]
        return Html(f'<a href="{html.escape(source.strip())}">{escape(label)}</a>')
    flat = " ".join(source.split())
    return escape(flat if len(flat) <= label_length else flat[: label_length - 1] + ELLIPSIS)

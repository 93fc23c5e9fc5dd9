"""Telegram's ``parse_mode=HTML`` parser, modelled on tdlib's ``parse_html``.

Returns the visible text plus MessageEntity dicts whose offsets/lengths are in UTF-16 code
units, exactly like the Bot API.  Error messages are tdlib's (they follow the
``can't parse entities:`` prefix that the server adds).  One deliberate difference: tdlib keeps
an ``&`` that does not start a valid entity as a literal character, but Telegram's docs
require escaping it, so with ``strict_ampersand=True`` (the default) we reject it.
"""

from __future__ import annotations

import re
from typing import Any

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "pre",
        "code",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "blockquote",
    }
)
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = " \t\n\r\v\f"
_SPECIAL = re.compile("[<&]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class EntityParseError(Exception):
    """Raised for markup Telegram rejects; the message is tdlib's wording."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (what Telegram counts)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode an HTML entity starting at ``text[pos] == '&'``; return (char, next_pos)."""
    end = pos + 1
    n = len(text)
    if end < n and text[end] == "#":
        end += 1
        code = 0
        if end < n and text[end] == "x":
            end += 1
            start = end
            while end < n and text[end] in "0123456789abcdefABCDEF":
                end += 1
            code = int(text[start:end], 16) if end > start else 0
        else:
            start = end
            while end < n and text[end].isascii() and text[end].isdigit():
                end += 1
            code = int(text[start:end]) if end > start else 0
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(code)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED.get(text[pos + 1 : end])
        if named is None:
            return None
        char = named
    if end < n and text[end] == ";":
        end += 1
    return char, end


def _check_url(url: str) -> str | None:
    """Loose version of tdlib's check_url: None when Telegram would drop the link."""
    url = url.strip()
    if not url or any(ch in url for ch in _SPACES):
        return None
    lowered = url.lower()
    if lowered.startswith(("http://", "https://", "tg://", "ton://", "mailto:")):
        return url
    if "://" in url:
        return None
    host = url.split("/", 1)[0]
    return f"http://{url}" if "." in host else None


_SIMPLE_TYPES = {"code": "code", "pre": "pre", "tg-emoji": "custom_emoji"}


def _make_entity(
    tag: str, attrs: dict[str, str], offset: int, length: int, inner: str
) -> dict[str, Any] | None:
    base: dict[str, Any] = {"offset": offset, "length": length}
    if tag in _SIMPLE:
        return {"type": _SIMPLE[tag], **base}
    if tag == "blockquote":
        kind = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        return {"type": kind, **base}
    if tag in _SIMPLE_TYPES:
        entity = {"type": _SIMPLE_TYPES[tag], **base}
        if tag == "tg-emoji":
            entity["custom_emoji_id"] = attrs["emoji-id"]
        return entity
    # <a>: tg://user?id= links become mentions, other URLs links, invalid URLs nothing
    url = attrs.get("href") or inner
    user_id = url[len("tg://user?id=") :] if url.lower().startswith("tg://user?id=") else ""
    if user_id.isdigit():
        user = {"id": int(user_id), "is_bot": False, "first_name": ""}
        return {"type": "text_mention", **base, "user": user}
    checked = _check_url(url)
    return {"type": "text_link", **base, "url": checked} if checked else None


class _Parser:
    """One pass over the markup, tdlib-style; ``i`` is the cursor into ``text``."""

    def __init__(self, text: str, strict_ampersand: bool) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.strict_ampersand = strict_ampersand
        self.out: list[str] = []
        self.utf16 = 0
        # open tags: (tag, attrs, utf16 offset at start, index into out at start)
        self.stack: list[tuple[str, dict[str, str], int, int]] = []
        self.entities: list[dict[str, Any]] = []

    # helpers
    def _at(self, index: int) -> str:
        return f"at byte offset {_byte_offset(self.text, index)}"

    def _peek(self) -> str:
        return self.text[self.i] if self.i < self.n else ""

    def _skip_spaces(self) -> None:
        while self.i < self.n and self.text[self.i] in _SPACES:
            self.i += 1

    def _emit(self, chars: str) -> None:
        self.out.append(chars)
        self.utf16 += utf16_len(chars)

    # grammar
    def run(self) -> tuple[str, list[dict[str, Any]]]:
        while self.i < self.n:
            ch = self.text[self.i]
            if ch == "&" and self._entity_ref():
                continue
            if ch != "<":  # a run of plain text up to the next tag or entity
                special = _SPECIAL.search(self.text, self.i + 1)
                end = special.start() if special else self.n
                self._emit(self.text[self.i : end])
                self.i = end
            elif self.i + 1 < self.n and self.text[self.i + 1] == "/":
                self._end_tag()
            else:
                self._start_tag()
        if self.stack:
            raise EntityParseError(
                f"Can't find end tag corresponding to start tag {self.stack[-1][0]}"
            )
        result = "".join(self.out)
        if _SURROGATE.search(result):
            raise EntityParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return result, finalize_entities(self.entities)

    def _entity_ref(self) -> bool:
        decoded = _decode_entity(self.text, self.i)
        if decoded is not None:
            self._emit(decoded[0])
            self.i = decoded[1]
            return True
        if self.strict_ampersand:
            raise EntityParseError(
                f'Unsupported HTML entity or unescaped "&" {self._at(self.i)} (escape it as &amp;)'
            )
        return False

    def _start_tag(self) -> None:
        begin = self.i
        self.i += 1
        while self.i < self.n and self.text[self.i] not in _SPACES and self.text[self.i] != ">":
            self.i += 1
        if self.i >= self.n:
            raise EntityParseError(f"Unclosed start tag {self._at(begin)}")
        tag = self.text[begin + 1 : self.i].lower()
        if tag not in SUPPORTED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{tag}" {self._at(begin)}')
        attrs: dict[str, str] = {}
        while self._peek() != ">":
            self._skip_spaces()
            if self._peek() == ">":
                break
            self._attribute(tag, begin, attrs)
        if self.i >= self.n:
            raise EntityParseError(f"Unclosed start tag {self._at(begin)}")
        self.i += 1
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {self._at(begin)}')
        if tag == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise EntityParseError("Invalid custom emoji identifier specified")
        self.stack.append((tag, attrs, self.utf16, len(self.out)))

    def _attribute(self, tag: str, begin: int, attrs: dict[str, str]) -> None:
        where = self._at(begin)
        name_begin = self.i
        while (
            self.i < self.n and self.text[self.i] not in _SPACES and self.text[self.i] not in "=>"
        ):
            self.i += 1
        name = self.text[name_begin : self.i].lower()
        if not name:
            raise EntityParseError(f'Empty attribute name in the tag "{tag}" {where}')
        self._skip_spaces()
        if self.i >= self.n:
            raise EntityParseError(f'Unclosed start tag "{tag}" {where}')
        if self.text[self.i] != "=":
            if tag == "blockquote" and name == "expandable":
                attrs["expandable"] = "1"
                return
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" {where}'
            )
        self.i += 1
        self._skip_spaces()
        if self.i >= self.n:
            raise EntityParseError(f'Unclosed start tag "{tag}" {where}')
        attrs[name] = self._attribute_value()
        if self.i >= self.n:
            raise EntityParseError(f"Unclosed start tag {where}")

    def _attribute_value(self) -> str:
        text, quote = self.text, self.text[self.i]
        if quote not in "'\"":  # a name token: letters, digits, '.', '-'; case-insensitive
            token_begin = self.i
            while self.i < self.n and (
                (text[self.i].isascii() and text[self.i].isalnum()) or text[self.i] in ".-"
            ):
                self.i += 1
            if self.i < self.n and text[self.i] not in _SPACES and text[self.i] != ">":
                raise EntityParseError(f"Unexpected end of name token {self._at(token_begin)}")
            return text[token_begin : self.i].lower()
        value: list[str] = []
        self.i += 1
        while self.i < self.n and text[self.i] != quote:
            decoded = _decode_entity(text, self.i) if text[self.i] == "&" else None
            if decoded is None:
                value.append(text[self.i])
                self.i += 1
            else:
                value.append(decoded[0])
                self.i = decoded[1]
        self.i = min(self.i + 1, self.n)
        return "".join(value)

    def _end_tag(self) -> None:
        begin = self.i
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag {self._at(begin)}")
        self.i += 2
        while self.i < self.n and self.text[self.i] not in _SPACES and self.text[self.i] != ">":
            self.i += 1
        end_name = self.text[begin + 2 : self.i].lower()
        self._skip_spaces()
        if self._peek() != ">":
            raise EntityParseError(f"Unclosed end tag {self._at(begin)}")
        self.i += 1
        tag, attrs, start, out_start = self.stack.pop()
        if end_name and end_name != tag:
            raise EntityParseError(
                f'Unmatched end tag {self._at(begin)}, expected "</{tag}>", found "</{end_name}>"'
            )
        if self.utf16 > start:
            inner = "".join(self.out[out_start:])
            entity = _make_entity(tag, attrs, start, self.utf16 - start, inner)
            if entity is not None:
                _add_entity(self.entities, entity, attrs)


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (visible text, entities). Raises EntityParseError."""
    return _Parser(text, strict_ampersand).run()


def _add_entity(
    entities: list[dict[str, Any]], entity: dict[str, Any], attrs: dict[str, str]
) -> None:
    """Append, merging ``<pre><code class="language-x">`` into one pre entity like tdlib."""
    language = attrs.get("class", "")
    prev = entities[-1] if entities else None
    same_span = (
        prev is not None
        and prev["offset"] == entity["offset"]
        and prev["length"] == entity["length"]
    )
    if entity["type"] == "code" and language.startswith("language-"):
        entity["language"] = language.removeprefix("language-")
    if same_span and prev is not None:
        if entity["type"] == "pre" and prev["type"] == "code" and prev.get("language"):
            prev["type"] = "pre"
            return
        if entity["type"] == "code" and prev["type"] == "pre" and entity.get("language"):
            prev["language"] = entity["language"]
            return
    entities.append(entity)


def finalize_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop tdlib-internal details: a lone ``code`` entity never carries a language."""
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return entities


def trim_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading/trailing whitespace like Telegram, shifting and clipping entities."""
    stripped = text.strip(_SPACES)
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip(_SPACES))])
    total = utf16_len(stripped)
    result: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result

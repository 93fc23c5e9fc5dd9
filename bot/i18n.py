"""The one way to turn a message key into user-facing text: Fluent files in content/locales.

Every message is HTML (Telegram parse mode). Arguments are HTML-escaped here, so a caller can pass
whatever a user typed; text that is already safe HTML is wrapped in `Html` to pass through as is.
"""

import html
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import FluentNumber, fluent_number
from fluent.syntax.ast import Junk

from bot.content import content_dir

LOCALES = ("vi", "en")
DEFAULT_LOCALE = "vi"
# Fluent refuses to insert a value over 2,500 characters ("Too many characters in placeable"), and
# we insert texts of up to 3,500. Values longer than this go in after formatting, through a
# marker; no variant key of a select expression is anywhere near this long.
_INSERT_AFTER = 200


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


def escape(text: object) -> Html:
    """The one escaping helper for anything a user (or Telegram) supplied."""
    if isinstance(text, Html):
        return text
    return Html(html.escape(str(text), quote=False))


def locale_for(language_code: str | None, default: str = DEFAULT_LOCALE) -> str:
    """Pick our locale from a Telegram language_code ('en-US' → 'en'); Vietnamese otherwise."""
    if language_code and language_code.split("-")[0].lower() in LOCALES:
        return language_code.split("-")[0].lower()
    return default


class MissingMessage(LookupError):
    def __init__(self, key: str, locale: str) -> None:
        super().__init__(f"message {key!r} is missing in locale {locale!r}")
        self.key = key
        self.locale = locale


class Translator:
    def __init__(self, locales_dir: Path | None = None) -> None:
        root = locales_dir or content_dir() / "locales"
        self.bundles: dict[str, FluentBundle] = {}
        for locale in LOCALES:
            bundle = FluentBundle([locale], use_isolating=False)
            for path in sorted((root / locale).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                junk = [entry for entry in resource.body if isinstance(entry, Junk)]
                if junk:
                    raise ValueError(f"{path}: cannot parse {(junk[0].content or '')[:80]!r}")
                bundle.add_resource(resource)
            self.bundles[locale] = bundle
        # Messages without arguments, formatted once: the menu and its labels are looked up on
        # nearly every update.
        self._plain: dict[tuple[str, str], Html] = {}

    def keys(self, locale: str) -> set[str]:
        return set(self.bundles[locale]._messages)

    def has(self, key: str, locale: str = DEFAULT_LOCALE) -> bool:
        return self.bundles[locale].has_message(key)

    def __call__(self, locale: str, key: str, **args: object) -> Html:
        if locale not in self.bundles:
            locale = DEFAULT_LOCALE
        if not args:
            plain = self._plain.get((locale, key))
            if plain is None:
                plain = self._plain[(locale, key)] = self._format(locale, key, {})
            return plain
        return self._format(locale, key, args)

    def _format(self, locale: str, key: str, args: Mapping[str, object]) -> Html:
        bundle = self.bundles[locale]
        if not bundle.has_message(key):
            raise MissingMessage(key, locale)
        message = bundle.get_message(key)
        if message.value is None:
            raise MissingMessage(key, locale)
        prepared, later = _fluent_args(args)
        text, errors = bundle.format_pattern(message.value, prepared)
        if errors:
            raise ValueError(f"{key} ({locale}): {errors}")
        assert isinstance(text, str)
        if later:
            # One pass, so a value inserted here is never searched for markers itself.
            text = _MARKER.sub(lambda found: later.get(found.group(0), found.group(0)), text)
        return Html(text)


_MARKER = re.compile("\ue000[0-9a-f]+\ue001")


def _fluent_args(
    args: Mapping[str, object],
) -> tuple[dict[str, str | FluentNumber], dict[str, str]]:
    """Arguments as Fluent takes them, and the long values to insert after formatting, by the
    marker standing for each (random per call, so nothing a user typed can pose as one)."""
    prepared: dict[str, str | FluentNumber] = {}
    later: dict[str, str] = {}
    nonce = ""
    for name, value in args.items():
        if isinstance(value, bool):
            prepared[name] = str(value).lower()
        elif isinstance(value, int | float):
            # Ids and codes must not come out as "6,994".
            number = fluent_number(value, useGrouping=False)
            assert isinstance(number, FluentNumber)
            prepared[name] = number
        else:
            text = str(escape(value))
            if len(text) > _INSERT_AFTER:
                nonce = nonce or secrets.token_hex(4)
                marker = f"\ue000{nonce}{len(later):x}\ue001"
                later[marker] = text
                text = marker
            prepared[name] = text
    return prepared, later

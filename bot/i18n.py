"""The one way to turn a message key into user-facing text: Fluent files in content/locales.

Every message is HTML (Telegram parse mode). Arguments are HTML-escaped here, so a caller can pass
whatever a user typed; text that is already safe HTML is wrapped in `Html` to pass through as is.
"""

import html
from collections.abc import Mapping
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import FluentNumber, fluent_number
from fluent.syntax.ast import Junk

from bot.content import content_dir

LOCALES = ("vi", "en")
DEFAULT_LOCALE = "vi"


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

    def keys(self, locale: str) -> set[str]:
        return set(self.bundles[locale]._messages)

    def has(self, key: str, locale: str = DEFAULT_LOCALE) -> bool:
        return self.bundles[locale].has_message(key)

    def __call__(self, locale: str, key: str, **args: object) -> Html:
        bundle = self.bundles.get(locale) or self.bundles[DEFAULT_LOCALE]
        if not bundle.has_message(key):
            raise MissingMessage(key, locale)
        message = bundle.get_message(key)
        if message.value is None:
            raise MissingMessage(key, locale)
        text, errors = bundle.format_pattern(message.value, _fluent_args(args))
        if errors:
            raise ValueError(f"{key} ({locale}): {errors}")
        return Html(text)

    def all_locales(self, key: str, **args: object) -> dict[str, Html]:
        return {locale: self(locale, key, **args) for locale in LOCALES}


def _fluent_args(args: Mapping[str, object]) -> dict[str, str | FluentNumber]:
    prepared: dict[str, str | FluentNumber] = {}
    for name, value in args.items():
        if isinstance(value, bool):
            prepared[name] = str(value).lower()
        elif isinstance(value, int | float):
            # Ids and codes must not come out as "6,994".
            number = fluent_number(value, useGrouping=False)
            assert isinstance(number, FluentNumber)
            prepared[name] = number
        else:
            prepared[name] = str(escape(value))
    return prepared

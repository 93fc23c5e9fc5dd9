import re
from pathlib import Path

import pytest

from bot.i18n import LOCALES, Html, MissingMessage, Translator, escape, locale_for

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def test_every_key_exists_in_every_locale(translator: Translator) -> None:
    keys = {locale: translator.keys(locale) for locale in LOCALES}
    for locale in LOCALES:
        for other in LOCALES:
            missing = keys[other] - keys[locale]
            assert not missing, f"missing in {locale}: {sorted(missing)}"


def test_every_key_used_in_code_exists(translator: Translator) -> None:
    used: set[str] = set()
    call = re.compile(r"""\btr\(\s*context,\s*[\w.]+,\s*"([a-z0-9-]+)\"""")
    named = re.compile(r""""((?:menu|cmd|settings|notifications)-[a-z0-9-]+)\"""")
    refusal = re.compile(r"""Refusal\(\s*"([a-z0-9-]+)\"""")
    for path in (ROOT / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used.update(m.group(1) for m in call.finditer(source))
        used.update(m.group(1) for m in named.finditer(source))
        used.update(f"refusal-{m.group(1)}" for m in refusal.finditer(source))
    assert used, "the scan found no keys at all"
    missing = sorted(key for key in used if not translator.has(key))
    assert not missing, missing


def test_arguments_are_escaped(translator: Translator) -> None:
    text = translator("vi", "commune-no-match", query="<b>&")
    assert "&lt;b&gt;&amp;" in text
    assert "<b>&" not in text


def test_html_arguments_pass_through(translator: Translator) -> None:
    text = translator("en", "commune-no-match", query=Html("<i>x</i>"))
    assert "<i>x</i>" in text


def test_numbers_are_not_grouped(translator: Translator) -> None:
    assert "1234567" in translator("en", "grant-done", role="x", user=1234567)


def test_missing_key_raises(translator: Translator) -> None:
    with pytest.raises(MissingMessage):
        translator("vi", "no-such-key")


def test_locale_from_telegram_language() -> None:
    assert locale_for("en-US") == "en"
    assert locale_for("vi") == "vi"
    assert locale_for("fr") == "vi"
    assert locale_for(None) == "vi"


def test_escape_is_idempotent_for_html() -> None:
    once = escape("a < b")
    assert escape(once) == once == "a &lt; b"


@pytest.mark.parametrize("locale", LOCALES)
def test_values_longer_than_fluent_allows_in_a_placeable_are_inserted_whole(
    translator: Translator, locale: str
) -> None:
    # Fluent refuses any inserted value over 2,500 characters; the product stores up to 3,500.
    body = "Thông báo & <chú ý> " * 200
    text = translator(
        locale, "notice-card", icon="📢", title="t", body=body, issuer="i", date="01/01/2026"
    )
    assert escape(body) in text
    assert text.count("Thông báo") == 200


def test_a_value_that_looks_like_another_values_marker_stays_as_typed(
    translator: Translator,
) -> None:
    long = "x" * 3000
    sneaky = "\ue000" + "0" * 8 + "\ue001"
    text = translator(
        "en", "notice-card", icon="📢", title=sneaky, body=long, issuer=sneaky, date="d"
    )
    assert text.count(sneaky) == 2 and text.count(long) == 1


def test_a_message_without_arguments_is_formatted_once() -> None:
    translator = Translator()
    first = translator("vi", "menu-settings")
    assert translator("vi", "menu-settings") is first
    assert translator("en", "menu-settings") != first
    with pytest.raises(MissingMessage):
        translator("vi", "no-such-message")

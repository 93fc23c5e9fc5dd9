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
    text = translator("en", "coming-soon", feature=Html("<i>x</i>"))
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

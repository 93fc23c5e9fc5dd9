import pytest

from bot.config import SettingsError, load_settings
from tests.conftest import SETTING_NAMES, TEST_TOKEN


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))  # no stray .env


def test_defaults_need_only_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    settings = load_settings()
    assert settings.token == TEST_TOKEN
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.database_url == "sqlite+aiosqlite:///./data/binhyen.db"
    assert settings.bot_provinces == [22]
    assert settings.bot_default_locale == "vi"
    assert settings.bot_superadmins == []
    assert (settings.bot_ack_urgent_minutes, settings.bot_ack_normal_minutes) == (15, 240)
    assert settings.bot_stale_days == 3


def test_deadline_windows_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("BOT_ACK_URGENT_MINUTES", "10")
    monkeypatch.setenv("BOT_ACK_NORMAL_MINUTES", "120")
    monkeypatch.setenv("BOT_STALE_DAYS", "7")
    settings = load_settings()
    assert settings.bot_ack_urgent_minutes == 10 and settings.bot_ack_normal_minutes == 120
    assert settings.bot_stale_days == 7


def test_lists_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("BOT_SUPERADMINS", "111, 222,333")
    monkeypatch.setenv("BOT_PROVINCES", "22,1")
    settings = load_settings()
    assert settings.bot_superadmins == [111, 222, 333]
    assert settings.bot_provinces == [22, 1]


def test_env_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    Path(str(tmp_path), ".env").write_text(f"BOT_TOKEN={TEST_TOKEN}\nBOT_PROVINCES=1\n")
    assert load_settings().bot_provinces == [1]


def test_missing_token_is_one_line() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "BOT_TOKEN is not set" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("BOT_TOKEN", "not-a-token", "BOT_TOKEN does not look like a bot token"),
        ("BOT_PROVINCES", "99", "BOT_PROVINCES unknown province code(s): 99"),
        ("BOT_PROVINCES", "abc", "BOT_PROVINCES must be comma-separated province codes"),
        ("BOT_SUPERADMINS", "12,x", "BOT_SUPERADMINS must be comma-separated Telegram user ids"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL must start with sqlite+aiosqlite://"),
        ("BOT_TIMEZONE", "Mars/Base", "BOT_TIMEZONE unknown time zone"),
        ("BOT_DEFAULT_LOCALE", "fr", "BOT_DEFAULT_LOCALE"),
        ("TELEGRAM_API_URL", "ftp://x", "TELEGRAM_API_URL must be an http(s) URL"),
        ("BOT_ACK_URGENT_MINUTES", "0", "BOT_ACK_URGENT_MINUTES must be at least 1"),
        ("BOT_ACK_URGENT_MINUTES", "quick", "BOT_ACK_URGENT_MINUTES must be a whole number"),
        ("BOT_ACK_NORMAL_MINUTES", "20000", "BOT_ACK_NORMAL_MINUTES must be at most 10080"),
        ("BOT_STALE_DAYS", "0", "BOT_STALE_DAYS must be at least 1"),
    ],
)
def test_invalid_setting_is_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message
    assert TEST_TOKEN not in message


def test_bad_token_value_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "12345:short"
    monkeypatch.setenv("BOT_TOKEN", secret)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert secret not in str(caught.value)


def test_token_not_required_for_administration() -> None:
    settings = load_settings(require_token=False)
    assert settings.bot_token is None
    assert settings.secrets == ()

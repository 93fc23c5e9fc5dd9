"""Settings, read once from the environment (and an optional .env) and passed in, never global."""

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from vietnam_provinces import Province, ProvinceCode

TOKEN_SHAPE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
WEBHOOK_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
Locale = Literal["vi", "en"]


def _split_ints(value: object, wrong: str) -> object:
    """A comma-separated list of whole numbers, as the list; `wrong` says what it must be."""
    if isinstance(value, str):
        try:
            return [int(part) for part in (part.strip() for part in value.split(",")) if part]
        except ValueError:
            raise ValueError(wrong) from None
    if isinstance(value, int):
        return [value]
    return value


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one line meant for the operator."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = Field(default=None, description="Telegram bot token")
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = "sqlite+aiosqlite:///./data/binhyen.db"
    bot_superadmins: Annotated[list[int], NoDecode] = Field(default_factory=list)
    bot_provinces: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [22])
    bot_default_locale: Locale = "vi"
    bot_timezone: str = "Asia/Ho_Chi_Minh"
    bot_reports_per_hour: int = Field(default=5, ge=1, le=1000)
    # Deadlines: taking up a report (then, as long again, escalation), updating one in hand.
    bot_ack_urgent_minutes: int = Field(default=15, ge=1, le=1440)
    bot_ack_normal_minutes: int = Field(default=240, ge=1, le=10080)
    bot_stale_days: int = Field(default=3, ge=1, le=90)
    # Broadcasts: messages per second for bulk work (Telegram allows about 30 for a bot), or up
    # to 1,000 for operators who pay Telegram for paid broadcasts (allow_paid_broadcast).
    bot_broadcast_rate: float = Field(default=30, gt=0, le=1000)
    bot_paid_broadcast: bool = False
    # Webhook mode (`binhyen run --webhook`): where Telegram posts, the secret it must show,
    # where this process listens (behind the TLS proxy), and Telegram's parallel connections.
    bot_webhook_url: str | None = None
    bot_webhook_secret: SecretStr | None = None
    bot_listen: str = "127.0.0.1:8080"
    bot_webhook_max_connections: int = Field(default=40, ge=1, le=100)
    bot_log_format: Literal["text", "json"] = "text"

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token_given(cls, value: object) -> object:
        # `BOT_TOKEN=` in a .env file or the shell means no token.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not TOKEN_SHAPE.match(value.get_secret_value().strip()):
            raise ValueError(
                "does not look like a bot token: replace it with the whole token @BotFather "
                "gave you (digits, a colon, then about 35 letters and digits)"
            )
        return SecretStr(value.get_secret_value().strip()) if value is not None else None

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http(s) URL such as https://api.telegram.org")
        return value.rstrip("/")

    @field_validator("bot_webhook_url", mode="before")
    @classmethod
    def _webhook_url(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, str) and not re.match(r"^https://[^\s/?#]+(/[^\s?#]*)?$", value):
            raise ValueError("must be the public https:// URL Telegram posts updates to")
        return value

    @field_validator("bot_webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, str) and not WEBHOOK_SECRET_SHAPE.match(value):
            raise ValueError("must be 1-256 characters: letters, digits, _ and -")
        return value

    @field_validator("bot_listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError("must be host:port, such as 127.0.0.1:8080 or 0.0.0.0:8080")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        try:
            make_url(value)
        except ArgumentError:
            raise ValueError("is not a valid database URL") from None
        except ValueError:  # the only number in it
            raise ValueError("is not a valid database URL: the port must be a number") from None
        return value

    @field_validator("bot_superadmins", mode="before")
    @classmethod
    def _superadmins(cls, value: object) -> object:
        return _split_ints(value, "must be comma-separated Telegram user ids")

    @field_validator("bot_provinces", mode="before")
    @classmethod
    def _provinces_list(cls, value: object) -> object:
        return _split_ints(value, "must be comma-separated province codes such as 22")

    @field_validator("bot_provinces")
    @classmethod
    def _provinces_exist(cls, value: list[int]) -> list[int]:
        if not value:
            raise ValueError("must name at least one province")
        known = {int(p.code) for p in Province.iter_all()}
        unknown = [code for code in value if code not in known]
        if unknown:
            raise ValueError(f"unknown province code(s): {', '.join(map(str, unknown))}")
        return [int(ProvinceCode(code)) for code in value]

    @field_validator("bot_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @model_validator(mode="after")
    def _broadcast_rate(self) -> "Settings":
        if not self.bot_paid_broadcast and self.bot_broadcast_rate > 30:
            raise ValueError("BOT_BROADCAST_RATE must be at most 30 unless BOT_PAID_BROADCAST=true")
        return self

    @property
    def token(self) -> str:
        if self.bot_token is None:
            raise SettingsError("BOT_TOKEN is not set")
        return self.bot_token.get_secret_value()

    @property
    def secrets(self) -> tuple[str, ...]:
        """What log redaction must hide."""
        hidden = (self.bot_token, self.bot_webhook_secret)
        return tuple(secret.get_secret_value() for secret in hidden if secret is not None)

    @property
    def listen(self) -> tuple[str, int]:
        host, _, port = self.bot_listen.rpartition(":")
        return host.strip("[]"), int(port)

    def require_webhook(self) -> None:
        """Webhook mode needs its URL and secret; one line for the operator otherwise."""
        missing = [
            name
            for name, value in (
                ("BOT_WEBHOOK_URL", self.bot_webhook_url),
                ("BOT_WEBHOOK_SECRET", self.bot_webhook_secret),
            )
            if value is None
        ]
        if missing:
            raise SettingsError(
                f"invalid settings: {' and '.join(missing)} must be set for run --webhook"
            )

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.bot_timezone)


def load_settings(*, require_token: bool = True, **overrides: object) -> Settings:
    """Settings from the environment and .env; every problem becomes one SettingsError line.
    Administrative commands never talk to Telegram: with require_token=False the token is not
    read at all, so a missing or mistyped one stops nothing but `run`."""
    if not require_token:
        overrides = {"bot_token": None, **overrides}
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None
    if require_token and settings.bot_token is None:
        raise SettingsError("invalid settings: BOT_TOKEN is not set (get one from @BotFather)")
    return settings


def describe_validation_error(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        limits = error.get("ctx") or {}
        if error["type"] == "missing":
            problems.append(f"{name} is not set")
        elif error["type"] in ("int_parsing", "int_from_float"):
            problems.append(f"{name} must be a whole number")
        elif error["type"] == "float_parsing":
            problems.append(f"{name} must be a number")
        elif error["type"] == "bool_parsing":
            problems.append(f"{name} must be true or false")
        elif error["type"] == "greater_than":
            problems.append(f"{name} must be more than {limits.get('gt')}")
        elif error["type"] == "greater_than_equal":
            problems.append(f"{name} must be at least {limits.get('ge')}")
        elif error["type"] == "literal_error":
            problems.append(f"{name} must be {limits.get('expected')}")
        elif error["type"] == "less_than_equal":
            problems.append(f"{name} must be at most {limits.get('le')}")
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{name} {message}" if error["loc"] else message)
    return "invalid settings: " + "; ".join(problems)

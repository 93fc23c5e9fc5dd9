"""Logging that never shows the bot token.

httpx logs every request URL at INFO, and Telegram URLs carry the token, so httpx is quieted and,
as a second line of defence, every handler gets a filter that redacts token-shaped strings from
the final message and from exception text.
"""

import json
import logging
import re
from datetime import UTC, datetime

TOKEN_PATTERN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,}")
REDACTED = "<redacted-token>"


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return TOKEN_PATTERN.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def install_redaction(secrets: tuple[str, ...] = (), logger: logging.Logger | None = None) -> None:
    """Attach the redacting filter to every handler of `logger` (the root logger by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter(secrets))


NOISY = ("httpx", "httpcore", "apscheduler")
URL_LOGGERS = ("httpx", "httpcore")


def protect_loggers(secrets: tuple[str, ...] = ()) -> None:
    """Quiet httpx, which logs request URLs (with the token) at INFO, and redact at the loggers
    that log URLs, so any handler (not only ours) sees clean records. A logger's filters apply
    only to records logged on it, not on its children, hence the handler filters as well."""
    for noisy in NOISY:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for name in URL_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter(secrets))


class JsonFormatter(logging.Formatter):
    """One JSON object a line, for log collectors (`BOT_LOG_FORMAT=json`)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["error"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(
    secrets: tuple[str, ...] = (), level: int = logging.INFO, fmt: str = "text"
) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    if fmt == "json":
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonFormatter())
    protect_loggers(secrets)
    install_redaction(secrets)

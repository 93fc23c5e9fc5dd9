"""Residents in bulk, as rows of `users`, for tests and benchmarks that need thousands of them
(onboarding each through the bot would take minutes)."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import insert

from bot.storage.db import Database
from bot.storage.models import User, utcnow

CHUNK = 5000


def resident_rows(
    telegram_ids: Iterable[int], commune: int, now: datetime | None = None, **choices: Any
) -> list[dict[str, Any]]:
    """Onboarded residents of `commune` taking every kind of notice, with no quiet hours
    unless `choices` (columns of `users`) say otherwise."""
    now = now or utcnow()
    base: dict[str, Any] = {
        "locale": "vi",
        "home_commune_code": commune,
        "privacy_accepted_at": now,
        "notify_warnings": True,
        "notify_announcements": True,
        "notify_positive": True,
        # The same minute twice: quiet hours that never start.
        "quiet_start": 0,
        "quiet_end": 0,
        "created_at": now,
        "updated_at": now,
    }
    return [{**base, "telegram_id": telegram_id, **choices} for telegram_id in telegram_ids]


async def add_residents(db: Database, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        async with db.transaction() as session:
            await session.execute(insert(User), rows[start : start + CHUNK])

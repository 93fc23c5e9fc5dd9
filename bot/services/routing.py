"""Where a report goes: the room of (commune, category), else the commune's room, else the
province admins' room, else the superadmins in private — never nowhere. The outbox asks this
when it fills a report's delivery (`bot/services/audiences.py`), so a room linked after filing
gets the next report, and a transfer goes to the new commune's rooms.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.communes import CommuneDirectory
from bot.storage.db import Database
from bot.storage.models import ModeratorRoom


@dataclass(frozen=True)
class Target:
    chat_id: int
    level: str  # category | commune | province | superadmin


class Routing:
    def __init__(self, db: Database, directory: CommuneDirectory, superadmins: list[int]) -> None:
        self.db = db
        self.directory = directory
        self.superadmins = list(superadmins)

    async def province_targets(self, province_code: int) -> list[Target]:
        async with self.db.transaction() as session:
            return await province_targets_in(session, self.superadmins, province_code)


async def targets_in(
    session: AsyncSession,
    directory: CommuneDirectory,
    superadmins: list[int],
    commune_code: int,
    category: str | None,
) -> list[Target]:
    """The most specific rooms linked for this report; several rooms at the same level all get
    the card."""
    rows = list(
        await session.scalars(
            select(ModeratorRoom)
            .where(ModeratorRoom.commune_code == commune_code)
            .order_by(ModeratorRoom.id)
        )
    )
    if category is not None:
        chosen = [r.chat_id for r in rows if r.category == category]
        if chosen:
            return _unique(chosen, "category")
    chosen = [r.chat_id for r in rows if r.category is None]
    if chosen:
        return _unique(chosen, "commune")
    commune = directory.get(commune_code)
    return await province_targets_in(session, superadmins, commune.province_code if commune else 0)


async def province_targets_in(
    session: AsyncSession, superadmins: list[int], province_code: int
) -> list[Target]:
    """The province admins' room(s), else the superadmins in private."""
    rooms = list(
        await session.scalars(
            select(ModeratorRoom.chat_id)
            .where(
                ModeratorRoom.province_code == province_code,
                ModeratorRoom.commune_code.is_(None),
            )
            .order_by(ModeratorRoom.id)
        )
    )
    if rooms:
        return _unique(rooms, "province")
    return _unique(superadmins, "superadmin")


def _unique(chat_ids: list[int], level: str) -> list[Target]:
    return [Target(chat_id, level) for chat_id in dict.fromkeys(chat_ids)]

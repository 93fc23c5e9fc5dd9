"""Moderator rooms: Telegram groups linked to a commune (optionally one report category) or to a
province (the admins' room). Routing of reports reads these links."""

from dataclasses import dataclass

from sqlalchemy import select

from bot.services.communes import CommuneDirectory
from bot.services.roles import Refusal, Roles, StaffRoles
from bot.storage.db import Database
from bot.storage.models import ModeratorRoom


@dataclass(frozen=True)
class Room:
    chat_id: int
    province_code: int
    commune_code: int | None
    category: str | None
    title: str | None


def _room(row: ModeratorRoom) -> Room:
    return Room(row.chat_id, row.province_code, row.commune_code, row.category, row.title)


class Rooms:
    def __init__(self, db: Database, directory: CommuneDirectory, roles: Roles) -> None:
        self.db = db
        self.directory = directory
        self.roles = roles

    def check_link(
        self,
        actor: StaffRoles | None,
        *,
        commune_code: int | None = None,
        province_code: int | None = None,
    ) -> int:
        """Raise Refusal unless `actor` (None: the operator's CLI) may link a room here.
        Returns the province of the room."""
        if commune_code is not None:
            commune = self.directory.get(commune_code)
            if commune is None:
                raise Refusal("commune-not-served", commune=commune_code)
            if actor is not None and not self.roles.can_moderate(actor, commune_code):
                raise Refusal("not-moderator-of-commune", commune=commune.name)
            return commune.province_code
        if province_code is None or province_code not in self.directory.province_codes:
            raise Refusal("province-not-served", province=province_code or 0)
        if actor is not None and not self.roles.can_administer_province(actor, province_code):
            raise Refusal(
                "not-admin-of-province", province=self.directory.province_name(province_code)
            )
        return province_code

    async def link(
        self,
        actor: StaffRoles | None,
        chat_id: int,
        *,
        commune_code: int | None = None,
        province_code: int | None = None,
        category: str | None = None,
        title: str | None = None,
        linked_by: int | None = None,
    ) -> tuple[Room, bool]:
        """Link (or re-link) a room. Returns the room and whether it is new."""
        province = self.check_link(actor, commune_code=commune_code, province_code=province_code)
        async with self.db.transaction() as session:
            query = select(ModeratorRoom).where(
                ModeratorRoom.chat_id == chat_id,
                ModeratorRoom.province_code == province,
                ModeratorRoom.commune_code.is_(None)
                if commune_code is None
                else ModeratorRoom.commune_code == commune_code,
                ModeratorRoom.category.is_(None)
                if category is None
                else ModeratorRoom.category == category,
            )
            existing = await session.scalar(query)
            if existing is not None:
                existing.title = title or existing.title
                return _room(existing), False
            row = ModeratorRoom(
                chat_id=chat_id,
                province_code=province,
                commune_code=commune_code,
                category=category,
                title=title,
                linked_by=linked_by,
            )
            session.add(row)
            return _room(row), True

    async def rooms_of_chat(self, chat_id: int) -> list[Room]:
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(ModeratorRoom).where(ModeratorRoom.chat_id == chat_id)
            )
            return [_room(row) for row in rows]

    async def communes_of_chat(self, chat_id: int) -> set[int]:
        """The communes a chat is the room of: its commune, or every commune of its province."""
        here: set[int] = set()
        for room in await self.rooms_of_chat(chat_id):
            if room.commune_code is not None:
                here.add(room.commune_code)
            else:
                here.update(c.code for c in self.directory.in_province(room.province_code))
        return here

    async def all(self) -> list[Room]:
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(ModeratorRoom).order_by(
                    ModeratorRoom.province_code, ModeratorRoom.commune_code, ModeratorRoom.id
                )
            )
            return [_room(row) for row in rows]

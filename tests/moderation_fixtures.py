"""Shared set-up of the moderation service tests: a served province, roles, a filed report with
a card posted in its commune's room."""

from dataclasses import dataclass

from bot.services.cards import Cards, PostedCard
from bot.services.communes import CommuneDirectory
from bot.services.moderation import Moderation, build_moderation
from bot.services.reports import Filed, NewReport, Reports
from bot.services.residents import Residents
from bot.services.roles import Roles, StaffRoles
from bot.storage.db import Database

VAN_DON, BA_CHE = 6994, 6970
REPORTER = 5151
ROOM_A = -1001
SUPERADMIN = 900001


@dataclass
class World:
    db: Database
    roles: Roles
    moderation: Moderation
    reports: Reports

    @property
    def cards(self) -> Cards:
        return self.moderation.cards


def world(db: Database) -> World:
    directory = CommuneDirectory([22])
    roles = Roles(db, directory, [SUPERADMIN])
    return World(db, roles, build_moderation(db, directory, roles, [SUPERADMIN]), Reports(db))


async def file(
    w: World,
    *,
    commune: int = VAN_DON,
    urgent: bool = False,
    text: str = "Có người lạ dò hỏi nhà vắng chủ ở xóm 3",
    reporter: int = REPORTER,
    anonymous: bool = True,
) -> str:
    await Residents(w.db).get_or_create(reporter, "vi")
    result = await w.reports.file(
        reporter, NewReport(commune, "theft", urgent=urgent, text=text, anonymous=anonymous)
    )
    assert isinstance(result, Filed)
    return result.code


async def post(w: World, code: str, chat_id: int = ROOM_A, message_id: int = 10) -> PostedCard:
    state = await w.cards.state(code)
    reserved = await w.cards.reserve(
        state.report_id,
        kind="card",
        chat_id=chat_id,
        commune_code=state.card.commune_code,
        locale="vi",
    )
    await w.cards.set_rendered(reserved.id, "x")
    await w.cards.set_message(reserved.id, message_id)
    card = await w.cards.by_token(reserved.token)
    assert card is not None
    return card


def moderator(telegram_id: int, *communes: int) -> StaffRoles:
    return StaffRoles(telegram_id, moderator_of=frozenset(communes))

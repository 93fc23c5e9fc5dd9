"""Routing fallbacks, pseudonyms and the relay's bookkeeping."""

import pytest
from sqlalchemy import select

from bot.services.communes import CommuneDirectory
from bot.services.pseudonyms import Pseudonyms
from bot.services.residents import Residents
from bot.services.roles import Roles
from bot.services.rooms import Rooms
from bot.services.routing import Target, targets_in
from bot.storage.db import Database
from bot.storage.moderation import AppSecret
from tests.moderation_fixtures import (
    BA_CHE,
    REPORTER,
    SUPERADMIN,
    VAN_DON,
    World,
    file,
    world,
)


@pytest.fixture
def w(db: Database) -> World:
    return world(db)


@pytest.fixture
def rooms(db: Database) -> Rooms:
    directory = CommuneDirectory([22])
    return Rooms(db, directory, Roles(db, directory, []))


async def _targets(w: World, commune_code: int, category: str) -> list[Target]:
    """Where the outbox sends a report of this commune and category (audiences.py)."""
    routing = w.moderation.routing
    async with w.db.transaction() as session:
        return await targets_in(
            session, routing.directory, routing.superadmins, commune_code, category
        )


async def test_routing_falls_back_from_category_to_commune_to_province_to_superadmins(
    w: World, rooms: Rooms
) -> None:
    assert [(t.chat_id, t.level) for t in await _targets(w, VAN_DON, "theft")] == [
        (SUPERADMIN, "superadmin")
    ]
    await rooms.link(None, -300, province_code=22)
    assert [t.level for t in await _targets(w, VAN_DON, "theft")] == ["province"]
    await rooms.link(None, -200, commune_code=VAN_DON)
    assert [t.chat_id for t in await _targets(w, VAN_DON, "theft")] == [-200]
    await rooms.link(None, -100, commune_code=VAN_DON, category="drugs")
    assert [t.chat_id for t in await _targets(w, VAN_DON, "drugs")] == [-100]
    assert [t.chat_id for t in await _targets(w, VAN_DON, "theft")] == [-200]
    # Another commune of the province has no room of its own: the province room.
    assert [t.chat_id for t in await _targets(w, BA_CHE, "drugs")] == [-300]


async def test_pseudonyms_are_per_report_and_keyed_by_a_stored_secret(
    w: World, db: Database
) -> None:
    """A tip line's promise: one report cannot be tied to another by its pseudonym, not even
    two reports of one person in one commune."""
    first = await file(w)
    second = await file(w, text="Có người lạ chụp ảnh nhà văn hóa thôn lúc nửa đêm")
    elsewhere = await file(w, commune=BA_CHE, text="Xe tải đổ trộm rác xuống suối")
    a1 = (await w.cards.state(first)).pseudonym
    assert len(a1) == 4
    assert a1 not in {
        (await w.cards.state(second)).pseudonym,
        (await w.cards.state(elsewhere)).pseudonym,
    }
    assert a1 == await Pseudonyms(db).of(first)  # after a restart too
    await Residents(db).erase(REPORTER)
    assert (await w.cards.state(first)).pseudonym == a1
    async with db.transaction() as session:
        secrets = list(await session.scalars(select(AppSecret)))
        assert len(secrets) == 1 and len(secrets[0].value) == 64
        secrets[0].value = "00" * 32
    assert await Pseudonyms(db).of(first) != a1


async def test_only_the_reporter_can_answer_and_erasure_cuts_the_relay(w: World) -> None:
    code = await file(w)
    relay = w.moderation.relay
    await relay.sent_to_reporter(
        code, [77], "Cho biết thêm?", token="tok-1", actor_telegram_id=2001, actor_name="An"
    )
    assert await relay.answerable(REPORTER, token="tok-1") == code
    assert await relay.answerable(REPORTER, message_id=77) == code
    assert await relay.answerable(4242, token="tok-1") is None
    assert await relay.answerable(4242, message_id=77) is None
    reporter = await relay.reporter(code)
    assert reporter is not None and reporter.telegram_id == REPORTER
    await Residents(w.db).erase(REPORTER)
    assert await relay.reporter(code) is None
    assert await relay.answerable(REPORTER, token="tok-1") is None
    state = await w.cards.state(code)
    assert not state.reachable and len(state.pseudonym) == 4

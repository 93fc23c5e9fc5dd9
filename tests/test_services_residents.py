from bot.services.communes import CommuneDirectory
from bot.services.conversations import Conversations, State
from bot.services.residents import Residents
from bot.services.roles import Grant, Role, Roles
from bot.storage.db import Database


async def test_new_resident_gets_their_language(db: Database) -> None:
    residents = Residents(db)
    resident = await residents.get_or_create(42, "en")
    assert resident.locale == "en"
    assert not resident.onboarded
    again = await residents.get_or_create(42, "vi")
    assert again.id == resident.id
    assert again.locale == "en"


async def test_onboarding_completes_with_privacy_and_commune(db: Database) -> None:
    residents = Residents(db)
    await residents.get_or_create(42, "vi")
    await residents.accept_privacy(42)
    resident = await residents.set_home_commune(42, 6994)
    assert resident.onboarded
    assert resident.privacy_accepted_at is not None
    assert resident.privacy_accepted_at.tzinfo is not None


async def test_erase_forgets_resident_draft_and_roles(db: Database) -> None:
    residents, conversations = Residents(db), Conversations(db)
    roles = Roles(db, CommuneDirectory([22]), [])
    await residents.get_or_create(42, "vi")
    await conversations.set(42, State("commune", "search", {"q": "x"}))
    await roles.grant(None, Grant(42, Role.MODERATOR, 6994, None), granted_by=None)

    assert await residents.erase(42) is not None
    assert await residents.get(42) is None
    assert await conversations.get(42) is None
    assert (await roles.of(42)).moderator_of == frozenset()
    assert await residents.erase(42) is None


async def test_block_and_unblock(db: Database) -> None:
    residents = Residents(db)
    blocked = await residents.block(77, "spam")
    assert blocked.blocked_at is not None and blocked.blocked_reason == "spam"
    unblocked = await residents.unblock(77)
    assert unblocked is not None and unblocked.blocked_at is None
    assert await residents.unblock(78) is None


async def test_conversation_state_round_trips(db: Database) -> None:
    conversations = Conversations(db)
    assert await conversations.get(5) is None
    await conversations.set(5, State("report", "describe", {"text": "Trộm xe ở chợ", "n": 2}))
    await conversations.set(5, State("report", "media", {"text": "Trộm xe ở chợ", "n": 3}))
    state = await conversations.get(5)
    assert state == State("report", "media", {"text": "Trộm xe ở chợ", "n": 3})
    # A fresh Conversations over the same database sees it: nothing lives in memory.
    assert await Conversations(db).get(5) == state
    await conversations.clear(5)
    assert await conversations.get(5) is None

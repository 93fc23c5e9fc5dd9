"""The one answer Telegram takes to a press, claimed in the inbox: processes sharing a database
answer a press once between them, and none answers one Telegram would no longer take."""

from datetime import timedelta

from bot.services.inbox import ANSWER_WINDOW, Inbox, Incoming
from bot.storage.db import Database
from bot.storage.models import utcnow

ALICE = 1001


def _press(update_id: int) -> Incoming:
    body = {"id": str(update_id), "from": {"id": ALICE, "is_bot": False, "first_name": "A"}}
    return Incoming(update_id, ALICE, "callback_query", {"update_id": update_id, **body})


async def test_a_press_is_answered_once_whichever_process_asks(db: Database) -> None:
    one, other = Inbox(db), Inbox(db)
    await one.receive([_press(1)])
    assert await one.claim_answer(1)
    assert not await other.claim_answer(1)
    assert not await one.claim_answer(1)


async def test_a_press_past_telegrams_window_is_not_answered(db: Database) -> None:
    inbox = Inbox(db)
    now = utcnow()
    await inbox.receive([_press(1)], now - ANSWER_WINDOW - timedelta(seconds=1))
    await inbox.receive([_press(2)], now - ANSWER_WINDOW + timedelta(seconds=1))
    assert not await inbox.claim_answer(1, now)
    assert await inbox.claim_answer(2, now)

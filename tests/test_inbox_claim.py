"""Claiming from the inbox: processes claiming at the same moment share what is due without
taking an update twice or more than they asked for, each chat's updates one at a time, and a
claim is one statement (a busy process claims many times a second)."""

import asyncio
from typing import Any

from sqlalchemy import event

from bot.services.inbox import Inbox, Incoming
from bot.services.pastes import Paste, Pastes
from bot.storage.db import Database
from bot.storage.models import utcnow

CHATS = 12


def _text(update_id: int, chat: int) -> Incoming:
    message = {"message_id": update_id, "chat": {"id": chat, "type": "private"}, "text": "hi"}
    return Incoming(update_id, chat, "message", {"update_id": update_id, "message": message})


async def test_processes_claiming_together_share_the_due_updates_in_each_chats_order(
    db: Database,
) -> None:
    inbox = Inbox(db)
    # Three updates per chat, the chats interleaved as Telegram would deliver them.
    await inbox.receive([_text(n, 100 + n % CHATS) for n in range(1, 3 * CHATS + 1)])
    processes = [Inbox(db) for _ in range(4)]
    claims = await asyncio.gather(*(p.claim(5) for p in processes))
    assert all(len(claim) <= 5 for claim in claims)
    # What a claim skipped (locked by another) the next one takes.
    claims.append(await inbox.claim(3 * CHATS))
    taken = sorted(row.update_id for claim in claims for row in claim)
    # Each chat's first update once, and none of its later ones while the first is in hand.
    assert taken == list(range(1, CHATS + 1))


async def test_a_claim_is_one_statement(db: Database) -> None:
    inbox = Inbox(db)
    await inbox.receive([_text(n, 100 + n) for n in range(1, 4)])
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        claimed = await inbox.claim(2)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert [row.update_id for row in claimed] == [1, 2]
    assert len(statements) == 1


async def test_a_claimed_update_says_whether_a_paste_is_held_for_its_chat(db: Database) -> None:
    inbox, pastes = Inbox(db), Pastes(db)
    first = {"message_id": 1, "chat": {"id": 101, "type": "private"}, "text": "x" * 4000}
    await pastes.hold(Paste(101, 101, first, 1, 1, utcnow()))
    await inbox.receive([_text(2, 101), _text(3, 102)])
    claimed = {row.chat_key: row.paste_held for row in await inbox.claim(5)}
    assert claimed == {101: True, 102: False}

"""Upkeep of the sending layer: old delivered rows are pruned with their broadcast's figures
kept, the leader is asked of the database about once a second, and stopping does not wait
forever on a send that hangs."""

import asyncio
import time
from datetime import timedelta

import pytest

from bot.sending.leader import Leadership
from bot.services.notices import NoticeKind
from bot.services.outbox import Outbox
from bot.services.scopes import Scope, ScopeKind
from bot.storage.db import Database
from tests.harness import Harness
from tests.moderation_fixtures import VAN_DON
from tests.test_outbox import NOON, fill_all, outbox, publish, recipients, resident

__all__ = ["outbox"]  # the fixture


async def test_old_delivered_rows_are_pruned_and_the_broadcast_keeps_its_figures(
    db: Database, outbox: Outbox
) -> None:
    for telegram_id in range(1, 6):
        await resident(db, telegram_id, VAN_DON)
    batch_id = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    rows = await outbox.claim(NOON, bulk=True, limit=10)
    await outbox.sent([(d.id, [100 + n]) for n, d in enumerate(rows[:4])], NOON)
    await outbox.unreachable(rows[4], "bot was blocked by the user")
    assert await outbox.finished_batches(NOON) == [batch_id]
    before = await outbox.figures(batch_id, NOON)
    assert (before.total, before.sent, before.unreachable) == (5, 4, 1)

    assert await outbox.prune(NOON + timedelta(days=1)) == 0  # too recent
    assert await outbox.prune(NOON + timedelta(days=15)) == 5
    assert await recipients(db, batch_id) == {}
    after = await outbox.figures(batch_id, NOON + timedelta(days=15))
    assert (after.total, after.sent, after.unreachable, after.pending) == (5, 4, 1, 0)
    assert await outbox.prune(NOON + timedelta(days=16)) == 0


async def test_a_broadcast_still_sending_is_not_pruned(db: Database, outbox: Outbox) -> None:
    for telegram_id in range(1, 4):
        await resident(db, telegram_id, VAN_DON)
    batch_id = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    rows = await outbox.claim(NOON, bulk=True, limit=1)
    await outbox.sent([(rows[0].id, [1])], NOON)
    assert await outbox.prune(NOON + timedelta(days=30)) == 0
    assert len(await recipients(db, batch_id)) == 3


async def test_the_leader_is_asked_of_the_database_about_once_a_second(db: Database) -> None:
    if db.dialect != "postgresql":
        pytest.skip("with SQLite the only process is always the leader")
    now = [0.0]
    first = Leadership(db, clock=lambda: now[0])
    second = Leadership(db, clock=lambda: now[0])
    try:
        assert await first.check()
        assert not await second.check()
        await first.release()
        assert not await second.check()  # asked less than a second ago: not asked again
        now[0] += 1.1
        assert await second.check()
    finally:
        await first.release()
        await second.release()


async def test_stopping_gives_up_on_a_send_that_hangs(harness: Harness) -> None:
    sender = harness.sender
    hung = asyncio.Event()

    async def hangs() -> None:
        hung.set()
        await asyncio.Event().wait()

    sender._track(hangs())
    await hung.wait()
    started = time.monotonic()
    await sender.stop(grace=0.2)
    assert time.monotonic() - started < 5
    assert not sender._tasks

"""The outbox through its service: who a batch reaches, leases, retries, cancel and withdrawal,
on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.services import outbox as outbox_module
from bot.services.audiences import Audiences, quiet_until
from bot.services.communes import CommuneDirectory
from bot.services.notices import NoticeDraft, NoticeKind, Notices
from bot.services.outbox import BatchSpec, Outbox
from bot.services.residents import Residents
from bot.services.scopes import Scope, ScopeKind
from bot.storage.db import Database
from bot.storage.models import User, utcnow
from bot.storage.outbox import OutboxRow
from tests.moderation_fixtures import VAN_DON, World, file, world

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
BA_CHE = 6970
MOD = 2001


@pytest.fixture
def outbox(db: Database) -> Outbox:
    box = Outbox(db)
    Audiences(CommuneDirectory([22]), HANOI, [900001]).register(box)
    return box


async def resident(db: Database, telegram_id: int, commune: int, **choices: object) -> None:
    residents = Residents(db)
    await residents.get_or_create(telegram_id, "vi")
    await residents.accept_privacy(telegram_id)
    await residents.set_home_commune(telegram_id, commune)
    async with db.transaction() as session:
        user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
        assert user is not None
        for name, value in choices.items():
            setattr(user, name, value)


async def publish(db: Database, kind: NoticeKind, scope: Scope, urgent: bool = False) -> int:
    notices = Notices(db, CommuneDirectory([22]))
    draft = NoticeDraft(kind, "Cảnh báo lừa đảo", "Nội dung", "Công an", scope, urgent=urgent)
    notice = await notices.publish(draft, MOD)
    batch_id = await notices.broadcast_of(notice.id)
    assert batch_id is not None
    return batch_id


async def fill_all(outbox: Outbox, now: datetime) -> None:
    while await outbox.fill(now, bulk=True) or await outbox.fill(now, bulk=False):
        pass


async def recipients(db: Database, batch_id: int) -> dict[int, tuple[str, datetime]]:
    async with db.transaction() as session:
        rows = await session.scalars(select(OutboxRow).where(OutboxRow.batch_id == batch_id))
        return {row.chat_id: (row.state, row.not_before) for row in rows}


# Tomorrow, so that notices published now are due by then.
DAY = (datetime.now(UTC) + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
NOON = DAY + timedelta(hours=5)  # 12:00 in Vietnam
NIGHT = DAY + timedelta(hours=16)  # 23:00 in Vietnam
MORNING = DAY + timedelta(hours=23)  # 06:00 the next day in Vietnam


async def test_a_commune_notice_reaches_its_residents_who_take_that_kind(
    db: Database, outbox: Outbox
) -> None:
    await resident(db, 1, VAN_DON)
    await resident(db, 2, VAN_DON, notify_warnings=False)
    await resident(db, 3, VAN_DON, unreachable_at=utcnow())
    await resident(db, 4, BA_CHE)
    await Residents(db).get_or_create(5, "vi")  # never finished onboarding
    await resident(db, 6, VAN_DON, notify_announcements=False)
    batch_id = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    assert set(await recipients(db, batch_id)) == {1, 6}
    # Filling again (a second process, a restart) adds nobody twice.
    async with db.transaction() as session:
        batch = await session.get(outbox_module.OutboxBatch, batch_id)
        assert batch is not None
        batch.status, batch.cursor = "filling", 0
    await fill_all(outbox, NOON)
    assert len(await recipients(db, batch_id)) == 2


async def test_a_province_notice_reaches_every_commune_of_the_province(
    db: Database, outbox: Outbox
) -> None:
    await resident(db, 1, VAN_DON)
    await resident(db, 2, BA_CHE)
    await resident(db, 3, BA_CHE, notify_positive=False)
    batch_id = await publish(db, NoticeKind.POSITIVE, Scope(ScopeKind.PROVINCE, 22))
    await fill_all(outbox, NOON)
    assert set(await recipients(db, batch_id)) == {1, 2}


async def test_quiet_hours_hold_a_notice_until_morning_unless_urgent(
    db: Database, outbox: Outbox
) -> None:
    await resident(db, 1, VAN_DON)  # 22:00–06:00 by default
    await resident(db, 2, VAN_DON, quiet_start=None, quiet_end=None)
    calm = await publish(db, NoticeKind.ANNOUNCEMENT, Scope(ScopeKind.COMMUNE, VAN_DON))
    urgent = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON), True)
    await fill_all(outbox, NIGHT)
    assert (await recipients(db, calm))[1][1] == MORNING
    assert (await recipients(db, calm))[2][1] == NIGHT
    assert (await recipients(db, urgent))[1][1] == NIGHT
    at_night = await outbox.claim(NIGHT, bulk=True, limit=10)
    assert sorted((d.batch_id, d.chat_id) for d in at_night) == [
        (calm, 2),
        (urgent, 1),
        (urgent, 2),
    ]
    await outbox.sent([(d.id, [1]) for d in at_night], NIGHT)
    in_the_morning = await outbox.claim(MORNING, bulk=True, limit=10)
    assert [(d.batch_id, d.chat_id) for d in in_the_morning] == [(calm, 1)]


def test_quiet_hours_wrap_around_midnight() -> None:
    assert quiet_until(NOON, HANOI, 22 * 60, 6 * 60) is None
    assert quiet_until(NIGHT, HANOI, 22 * 60, 6 * 60) == MORNING
    early = DAY + timedelta(hours=21, minutes=30)  # 04:30 the next day
    assert quiet_until(early, HANOI, 22 * 60, 6 * 60) == MORNING
    assert quiet_until(NOON, HANOI, 11 * 60, 13 * 60) == DAY + timedelta(hours=6)
    assert quiet_until(NOON, HANOI, None, None) is None


async def test_a_big_audience_is_filled_a_chunk_at_a_time(
    db: Database, outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outbox_module, "FILL_CHUNK", 3)
    for telegram_id in range(1, 9):
        await resident(db, telegram_id, VAN_DON)
    batch_id = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    assert await outbox.fill(NOON, bulk=True) == [batch_id]
    assert len(await recipients(db, batch_id)) == 3
    # A new process carries on from the stored cursor.
    fresh = Outbox(db)
    Audiences(CommuneDirectory([22]), HANOI, []).register(fresh)
    await fill_all(fresh, NOON)
    assert set(await recipients(db, batch_id)) == set(range(1, 9))
    assert (await outbox.figures(batch_id, NOON)).total == 8


async def test_a_row_is_claimed_by_one_sender_and_comes_back_after_its_lease(
    db: Database, outbox: Outbox
) -> None:
    w: World = world(db)
    await file(w)
    now = utcnow()
    await fill_all(outbox, now)
    first = await outbox.claim(now, bulk=False, limit=10)
    assert [d.kind for d in first] == ["room_card"] and first[0].chat_id == 900001
    assert await outbox.claim(now, bulk=False, limit=10) == []
    again = await outbox.claim(now + timedelta(minutes=2), bulk=False, limit=10)
    assert [d.id for d in again] == [first[0].id]
    await outbox.sent([(first[0].id, [77])], now)
    assert await outbox.claim(now + timedelta(days=1), bulk=False, limit=10) == []


async def test_room_rows_retry_with_growing_delays_and_alert_once(
    db: Database, outbox: Outbox
) -> None:
    await file(world(db))
    now = utcnow()
    await fill_all(outbox, now)
    [row] = await outbox.claim(now, bulk=False, limit=10)
    assert await outbox.later(row.id, now + Outbox.backoff(1), error="kicked") == (1, True)
    assert await outbox.claim(now + timedelta(seconds=29), bulk=False, limit=10) == []
    [row] = await outbox.claim(now + timedelta(seconds=30), bulk=False, limit=10)
    assert await outbox.later(row.id, now + Outbox.backoff(2), error="kicked") == (2, False)
    assert Outbox.backoff(2) == timedelta(minutes=1)
    assert Outbox.backoff(20) == timedelta(minutes=15)
    # A room's row is never given up on; a resident's is parked after repeated errors.
    for _ in range(outbox_module.MAX_ATTEMPTS):
        await outbox.later(row.id, now, error="kicked")
    async with db.transaction() as session:
        stored = await session.get(OutboxRow, row.id)
        assert stored is not None and stored.state == "pending"


async def test_unreachable_residents_are_skipped_until_they_write_again(
    db: Database, outbox: Outbox
) -> None:
    await resident(db, 1, VAN_DON)
    await resident(db, 2, VAN_DON)
    batch_id = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    rows = await outbox.claim(NOON, bulk=True, limit=10)
    await outbox.unreachable(rows[0], "Forbidden: bot was blocked by the user")
    await outbox.sent([(rows[1].id, [5])], NOON)
    figures = await outbox.figures(batch_id, NOON)
    assert (figures.sent, figures.unreachable, figures.pending) == (1, 1, 0)
    blocked = await Residents(db).get(rows[0].chat_id)
    second = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    assert set(await recipients(db, second)) == {rows[1].chat_id}
    assert blocked is not None
    await Residents(db).get_or_create(rows[0].chat_id, "vi")  # they wrote to the bot again
    third = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    assert set(await recipients(db, third)) == {1, 2}


async def test_cancel_stops_what_is_pending_and_withdraw_deletes_recent_copies(
    db: Database, outbox: Outbox
) -> None:
    for telegram_id in range(1, 5):
        await resident(db, telegram_id, VAN_DON)
    batch_id = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    rows = await outbox.claim(NOON, bulk=True, limit=3)
    await outbox.sent([(rows[0].id, [10]), (rows[1].id, [11])], NOON - timedelta(hours=49))
    await outbox.sent([(rows[2].id, [12])], NOON - timedelta(hours=1))
    batch = await outbox.batch(batch_id)
    assert batch is not None
    notice_id = batch.item_id
    assert await outbox.withdraw("notice", notice_id, NOON) == 1
    figures = await outbox.figures(batch_id, NOON)
    assert (figures.cancelled, figures.pending) == (1, 0)
    deletions = await outbox.claim_deletions(NOON, 10)
    assert [(d.chat_id, d.message_ids) for d in deletions] == [(rows[2].chat_id, (12,))]
    await outbox.deleted(deletions[0].id)
    assert (await outbox.figures(batch_id, NOON)).deleted == 1
    assert (await outbox.batch(batch_id)).status == "withdrawn"  # type: ignore[union-attr]

    other = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    assert await outbox.cancel(other) == 4
    assert await outbox.cancel(other) == 0  # a second press changes nothing


async def test_erasing_a_resident_erases_what_was_queued_for_them(
    db: Database, outbox: Outbox
) -> None:
    await resident(db, 1, VAN_DON)
    await resident(db, 2, VAN_DON)
    batch_id = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    await Residents(db).erase(1)
    assert set(await recipients(db, batch_id)) == {2}


async def test_a_scheduled_notice_is_filled_only_when_due(db: Database, outbox: Outbox) -> None:
    await resident(db, 1, VAN_DON)
    notices = Notices(db, CommuneDirectory([22]))
    later = NOON + timedelta(days=1)
    draft = NoticeDraft(
        NoticeKind.ANNOUNCEMENT,
        "Lịch tiếp dân",
        "Thứ năm",
        "Công an",
        Scope(ScopeKind.COMMUNE, VAN_DON),
        published_at=later,
    )
    notice = await notices.publish(draft, MOD)
    batch_id = await notices.broadcast_of(notice.id)
    assert batch_id is not None
    await fill_all(outbox, NOON)
    assert await recipients(db, batch_id) == {}
    await fill_all(outbox, later)
    assert set(await recipients(db, batch_id)) == {1}


async def test_a_released_lease_is_sent_again_at_once(db: Database, outbox: Outbox) -> None:
    await resident(db, 1, VAN_DON)
    await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await fill_all(outbox, NOON)
    assert len(await outbox.claim(NOON, bulk=True, limit=10)) == 1
    assert await outbox.claim(NOON, bulk=True, limit=10) == []
    # The process that took over the bulk sending frees what the dead one held.
    assert await outbox.release_leases(bulk=True) == 1
    assert len(await outbox.claim(NOON, bulk=True, limit=10)) == 1


async def test_a_batch_spec_queued_directly_is_sent_to_its_audience(
    db: Database, outbox: Outbox
) -> None:
    w = world(db)
    code = await file(w)
    state = await w.cards.state(code)
    batch_id = await outbox.queue(
        BatchSpec("room_stale", state.report_id, "report_rooms", state.report_id)
    )
    await fill_all(outbox, utcnow())
    assert set(await recipients(db, batch_id)) == {900001}


async def test_figures_shown_before_a_stop_leave_the_stop_still_to_be_shown(
    db: Database, outbox: Outbox
) -> None:
    """The sender read a running broadcast, the author stopped it, then the sender's edit landed
    and was recorded with a moment later than the stop: the stop must still be due."""
    await resident(db, 1, VAN_DON)
    batch_id = await publish(db, NoticeKind.WARNING, Scope(ScopeKind.COMMUNE, VAN_DON))
    await outbox.set_progress(batch_id, now=NOON, chat_id=MOD, message_id=9)
    await fill_all(outbox, NOON)
    assert await outbox.cancel(batch_id, NOON + timedelta(seconds=1)) == 1
    later = NOON + timedelta(seconds=2)
    await outbox.set_progress(batch_id, now=later, text="running", before_finish=True)
    assert [b.id for b in await outbox.progress_due(later, timedelta(0))] == [batch_id]

    # Once the final figures are recorded (after the finish), nothing more is due.
    final = NOON + timedelta(seconds=1, microseconds=1)
    await outbox.set_progress(batch_id, now=max(later, final), text="stopped")
    assert await outbox.progress_due(later + timedelta(seconds=5), timedelta(0)) == []

"""Deadlines: reminder, then escalation, then nothing more — even across restarts (a new
service instance reads only the database)."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.services.container import build_services
from bot.services.deadlines import DeadlinePolicy, Deadlines
from bot.services.reports import Status
from bot.services.triage import Action, Actor
from bot.storage.db import Database
from bot.storage.reports import Report
from tests.conftest import make_settings
from tests.moderation_fixtures import BA_CHE, ROOM_A, VAN_DON, World, file, moderator, post, world
from tests.outbox_view import batches


@pytest.fixture
def w(db: Database) -> World:
    return world(db)


async def queued(db: Database) -> list[str]:
    """What the deadlines promised the rooms (not the cards of filing)."""
    return [kind for kind, _, _, _ in await batches(db) if kind != "room_card"]


async def filed_at(db: Database, code: str) -> Report:
    async with db.transaction() as session:
        report = await session.scalar(select(Report).where(Report.code == code))
        assert report is not None
        return report


async def test_urgent_report_reminds_then_escalates_once_across_restarts(w: World) -> None:
    code = await file(w, urgent=True)
    start = (await filed_at(w.db, code)).created_at
    assert (await Deadlines(w.db).run(start + timedelta(minutes=14))).reminded == ()
    assert (await Deadlines(w.db).run(start + timedelta(minutes=15))).reminded == (code,)
    run = await Deadlines(w.db).run(start + timedelta(minutes=16))
    assert run.reminded == () and run.escalated == ()
    run = await Deadlines(w.db).run(start + timedelta(minutes=30))
    assert run.escalated == (code,)
    for minutes in (31, 60, 600):
        run = await Deadlines(w.db).run(start + timedelta(minutes=minutes))
        assert run.reminded == () and run.escalated == ()
    assert await queued(w.db) == ["room_reminder", "room_alert"]
    assert (await filed_at(w.db, code)).escalated


async def test_normal_report_waits_four_hours_and_taken_reports_are_left_alone(w: World) -> None:
    normal = await file(w, text="Tiếng ồn karaoke khuya ở xóm 5, nhiều đêm liền")
    taken = await file(w, text="Có đánh nhau trước quán nước đầu làng")
    card = await post(w, taken)
    roles = moderator(2001, VAN_DON)
    checked = await w.moderation.triage.check(roles, card.token, ROOM_A, 10, Action.TAKE)
    await w.moderation.triage.change(Actor(roles, "An"), checked, Action.TAKE)
    start = (await filed_at(w.db, normal)).created_at
    assert (await Deadlines(w.db).run(start + timedelta(hours=3))).reminded == ()
    run = await Deadlines(w.db).run(start + timedelta(hours=4, minutes=1))
    assert run.reminded == (normal,)


async def test_no_update_for_three_days_reminds_once_until_the_next_update(w: World) -> None:
    code = await file(w)
    card = await post(w, code)
    roles = moderator(2001, VAN_DON)
    checked = await w.moderation.triage.check(roles, card.token, ROOM_A, 10, Action.TAKE)
    await w.moderation.triage.change(Actor(roles, "An"), checked, Action.TAKE)
    updated = (await filed_at(w.db, code)).updated_at
    deadlines = Deadlines(w.db, DeadlinePolicy())
    assert (await deadlines.run(updated + timedelta(days=2))).stale == ()
    assert (await deadlines.run(updated + timedelta(days=3, minutes=1))).stale == (code,)
    assert (await Deadlines(w.db).run(updated + timedelta(days=9))).stale == ()
    assert (await filed_at(w.db, code)).updated_at == updated  # a reminder is not an update


async def test_a_transfer_restarts_the_acknowledgement_clock(w: World) -> None:
    code = await file(w, urgent=True)
    start = (await filed_at(w.db, code)).created_at
    await Deadlines(w.db).run(start + timedelta(minutes=15))
    card = await post(w, code)
    roles = moderator(2001, VAN_DON)
    checked = await w.moderation.triage.check(roles, card.token, ROOM_A, 10, Action.TRANSFER)
    await w.moderation.triage.change(
        Actor(roles, "An"), checked, Action.TRANSFER, commune_code=BA_CHE
    )
    report = await filed_at(w.db, code)
    assert report.status == Status.TRANSFERRED and report.ack_reminded_at is None
    async with w.db.transaction() as session:
        await session.execute(
            update(Report).where(Report.code == code).values(acknowledge_due_at=start)
        )
    assert (await Deadlines(w.db).run(start + timedelta(minutes=16))).reminded == (code,)


async def test_the_operator_sets_the_windows(db: Database) -> None:
    """BOT_ACK_URGENT_MINUTES, BOT_ACK_NORMAL_MINUTES and BOT_STALE_DAYS reach filing, the
    deadline job and a transfer's new clock, through the services built from the settings."""
    settings = make_settings(
        db.url, bot_ack_urgent_minutes="5", bot_ack_normal_minutes="90", bot_stale_days="1"
    )
    services = build_services(settings, db)
    cw = World(db, services.roles, services.moderation, services.reports)
    urgent = await file(cw, urgent=True)
    normal = await file(cw, text="Tiếng ồn karaoke khuya ở xóm 5, nhiều đêm liền")
    start = (await filed_at(db, urgent)).created_at
    assert (await filed_at(db, urgent)).acknowledge_due_at == start + timedelta(minutes=5)
    normal_start = (await filed_at(db, normal)).created_at
    assert (await filed_at(db, normal)).acknowledge_due_at == normal_start + timedelta(minutes=90)

    deadlines = services.moderation.deadlines
    assert (await deadlines.run(start + timedelta(minutes=4))).reminded == ()
    assert (await deadlines.run(start + timedelta(minutes=5))).reminded == (urgent,)
    assert (await deadlines.run(start + timedelta(minutes=9))).escalated == ()
    assert (await deadlines.run(start + timedelta(minutes=10))).escalated == (urgent,)
    run = await deadlines.run(normal_start + timedelta(minutes=91))
    assert run.reminded == (normal,) and run.escalated == ()
    assert (await deadlines.run(normal_start + timedelta(minutes=181))).escalated == (normal,)

    card = await post(cw, normal)
    roles = moderator(2001, VAN_DON)
    checked = await cw.moderation.triage.check(roles, card.token, ROOM_A, 10, Action.TAKE)
    await cw.moderation.triage.change(Actor(roles, "An"), checked, Action.TAKE)
    updated = (await filed_at(db, normal)).updated_at
    assert (await deadlines.run(updated + timedelta(hours=23))).stale == ()
    assert (await deadlines.run(updated + timedelta(days=1, minutes=1))).stale == (normal,)

    other = await file(cw, urgent=True, text="Cháy nhỏ ở kho hàng gần cảng")
    card = await post(cw, other, message_id=11)
    checked = await cw.moderation.triage.check(roles, card.token, ROOM_A, 11, Action.TRANSFER)
    await cw.moderation.triage.change(
        Actor(roles, "An"), checked, Action.TRANSFER, commune_code=BA_CHE
    )
    moved = await filed_at(db, other)
    assert moved.acknowledge_due_at is not None
    window = moved.acknowledge_due_at - moved.updated_at
    assert timedelta(minutes=4) < window <= timedelta(minutes=5)  # not the default 15

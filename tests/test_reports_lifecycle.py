"""Status changes, what the reporter is told, and what is promised to the rooms, through the
services."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.services.cards import Cards
from bot.services.pseudonyms import Pseudonyms
from bot.services.report_lifecycle import InvalidTransition, ReportLifecycle, UnknownReport
from bot.services.reports import Attachment, Filed, NewReport, Reports, Status
from bot.services.residents import Residents
from bot.storage.db import Database
from bot.storage.reports import Report, ReportEvent
from tests.outbox_view import batches

RESIDENT = 5151
MODERATOR = 7001


@pytest.fixture
async def code(db: Database) -> str:
    await Residents(db).get_or_create(RESIDENT, "en")
    result = await Reports(db).file(
        RESIDENT,
        NewReport(
            6994,
            "drugs",
            urgent=False,
            text="Mua bán ma túy ở bãi tắm phía đông",
            anonymous=True,
            attachments=(Attachment("photo", "p1", "u1"),),
        ),
    )
    assert isinstance(result, Filed)
    return result.code


@pytest.fixture
def lifecycle(db: Database) -> ReportLifecycle:
    return ReportLifecycle(db)


async def row(db: Database, code: str) -> Report:
    async with db.transaction() as session:
        report = await session.scalar(select(Report).where(Report.code == code))
        assert report is not None
        return report


async def test_status_change_is_recorded_and_queued_for_the_reporter(
    db: Database, lifecycle: ReportLifecycle, code: str
) -> None:
    change = await lifecycle.change_status(
        code, Status.ACKNOWLEDGED, actor_telegram_id=MODERATOR, note="Đã tiếp nhận"
    )
    assert (change.from_status, change.to_status) == ("new", "acknowledged")
    notice = change.notice
    assert notice is not None
    assert (notice.telegram_id, notice.locale, notice.code) == (RESIDENT, "en", code)
    assert (notice.status, notice.note) == ("acknowledged", "Đã tiếp nhận")
    report = await row(db, code)
    assert await batches(db, "report_status") == [
        ("report_status", notice.event_id, "reporter", report.id)
    ]
    assert await lifecycle.notice(notice.event_id) == notice
    await lifecycle.notified(notice.event_id)
    async with db.transaction() as session:
        told = await session.get(ReportEvent, notice.event_id)
        assert told is not None and told.notified_at is not None

    async with db.transaction() as session:
        events = list(await session.scalars(select(ReportEvent).order_by(ReportEvent.id)))
    status_event = events[-1]
    assert (status_event.actor, status_event.actor_telegram_id) == ("moderator", MODERATOR)
    assert (status_event.from_status, status_event.to_status) == ("new", "acknowledged")
    # The reporter's own "filed" event names no person.
    assert events[0].actor == "reporter" and events[0].actor_telegram_id is None


async def test_due_times_follow_the_lifecycle(
    db: Database, lifecycle: ReportLifecycle, code: str
) -> None:
    assert (await row(db, code)).acknowledge_due_at is not None
    await lifecycle.change_status(code, Status.IN_PROGRESS)
    report = await row(db, code)
    assert report.acknowledge_due_at is None and report.update_due_at is not None
    assert report.update_due_at - report.updated_at == timedelta(hours=24)
    await lifecycle.change_status(code, Status.RESOLVED, note="Đã xử lý")
    report = await row(db, code)
    assert report.update_due_at is None and report.closed_at is not None


async def test_internal_changes_are_not_told_to_the_reporter(
    db: Database, lifecycle: ReportLifecycle, code: str
) -> None:
    change = await lifecycle.change_status(
        code, Status.IN_PROGRESS, note="nghi phạm: anh X", visible=False
    )
    assert change.notice is None
    assert await batches(db, "report_status") == []
    detail = await Reports(db).detail(RESIDENT, code)
    assert detail is not None
    assert [e.kind for e in detail.timeline] == ["filed"]
    assert detail.summary.status == "in_progress"


async def test_impossible_transitions_are_refused(lifecycle: ReportLifecycle, code: str) -> None:
    await lifecycle.change_status(code, Status.RESOLVED)
    with pytest.raises(InvalidTransition):
        await lifecycle.change_status(code, Status.ACKNOWLEDGED)
    reopened = await lifecycle.change_status(code, Status.IN_PROGRESS)
    assert reopened.from_status == "resolved"
    with pytest.raises(UnknownReport):
        await lifecycle.change_status("NOPE2345", Status.RESOLVED)


async def test_transfer_moves_the_report_and_restarts_the_clock(
    db: Database, lifecycle: ReportLifecycle, code: str
) -> None:
    with pytest.raises(ValueError):
        await lifecycle.change_status(code, Status.TRANSFERRED)
    await lifecycle.change_status(code, Status.TRANSFERRED, commune_code=6970)
    report = await row(db, code)
    assert report.commune_code == 6970 and report.acknowledge_due_at is not None


async def test_escalation_is_a_flag_raised_once(
    db: Database, lifecycle: ReportLifecycle, code: str
) -> None:
    assert await lifecycle.escalate(code) is True
    assert await lifecycle.escalate(code) is False
    assert (await row(db, code)).escalated


async def test_erased_reporter_gets_no_notice_and_none_stays_pending(
    db: Database, lifecycle: ReportLifecycle, code: str
) -> None:
    await Residents(db).erase(RESIDENT)
    change = await lifecycle.change_status(code, Status.ACKNOWLEDGED)
    assert change.notice is None
    assert await batches(db, "report_status") == []


async def test_filing_promises_the_card_then_the_followup_to_the_rooms(
    db: Database, code: str
) -> None:
    report = await row(db, code)
    assert await batches(db) == [("room_card", report.id, "report_rooms", report.id)]
    cards = Cards(db, Pseudonyms(db))
    assert [a.file_id for a in await cards.attachments(report.id)] == ["p1"]
    state = await cards.state(code)
    assert state.card.anonymous and state.card.reporter_name is None

    await Reports(db).add_followup(
        RESIDENT, code, "Thêm: 2 xe máy", [Attachment("voice", "v", "vu")]
    )
    (_, (kind, followup_id, audience, report_id)) = await batches(db)
    assert (kind, audience, report_id) == ("room_followup", "report_rooms", report.id)
    followup = await cards.followup(followup_id)
    assert followup is not None and followup.text == "Thêm: 2 xe máy"
    assert [a.kind for a in followup.attachments] == ["voice"]
    # The filing's own attachments stay with the card, the follow-up's with the follow-up.
    assert [a.file_id for a in await cards.attachments(report.id)] == ["p1"]


async def test_filing_survives_a_new_process(db: Database, code: str) -> None:
    """The promise to the rooms was committed with the report: a fresh process over the same
    database (as after a crash right after filing) still finds it."""
    fresh = Database(db.url)
    try:
        found = await batches(fresh, "room_card")
    finally:
        await fresh.dispose()
    assert [item for _, item, _, _ in found] == [(await row(db, code)).id]

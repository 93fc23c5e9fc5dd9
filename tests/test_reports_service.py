"""Filing, "My reports", follow-ups, limits and erasure, through the service on a real database."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.services.report_codes import CODE_ALPHABET, CODE_LENGTH, outside_served_area, text_digest
from bot.services.reports import (
    Attachment,
    Blocked,
    Filed,
    MergedIntoEarlier,
    NewReport,
    RateLimited,
    Reports,
)
from bot.services.residents import Residents
from bot.storage.db import Database
from bot.storage.outbox import OutboxBatch
from bot.storage.reports import Report, ReportAttachment, ReportFollowup

RESIDENT = 4242
TEXT = "Có người lạ đột nhập nhà số 5 thôn Đông Xá lúc 2 giờ sáng"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def report(text: str = TEXT, **changes: object) -> NewReport:
    values: dict[str, object] = {
        "commune_code": 6994,
        "category": "theft",
        "urgent": False,
        "text": text,
        "anonymous": True,
    }
    values.update(changes)
    return NewReport(**values)  # type: ignore[arg-type]


@pytest.fixture
async def resident(db: Database) -> int:
    await Residents(db).get_or_create(RESIDENT, "vi")
    return RESIDENT


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def reports(db: Database, clock: Clock) -> Reports:
    return Reports(db, per_hour=3, clock=clock)


async def count(db: Database, table: type[object]) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_filing_stores_everything_and_queues_the_delivery(
    db: Database, reports: Reports, resident: int, clock: Clock
) -> None:
    photos = tuple(Attachment("photo", f"file-{i}", f"uniq-{i}") for i in range(3))
    result = await reports.file(
        resident,
        report(
            urgent=True,
            latitude=21.07,
            longitude=107.42,
            address="Chợ Cái Rồng",
            attachments=photos,
        ),
    )
    assert isinstance(result, Filed) and result.urgent
    assert len(result.code) == CODE_LENGTH and set(result.code) <= set(CODE_ALPHABET)
    async with db.transaction() as session:
        row = await session.scalar(select(Report).where(Report.code == result.code))
        assert row is not None
        assert (row.status, row.commune_code, row.category) == ("new", 6994, "theft")
        assert row.acknowledge_due_at == clock.now + timedelta(minutes=15)
        assert row.reporter_name is None and row.reporter_phone is None
        assert (row.latitude, row.longitude, row.address) == (21.07, 107.42, "Chợ Cái Rồng")
    assert await count(db, ReportAttachment) == 3
    assert await count(db, OutboxBatch) == 1


async def test_normal_report_is_due_for_acknowledgement_in_four_hours(
    db: Database, reports: Reports, resident: int, clock: Clock
) -> None:
    result = await reports.file(resident, report())
    assert isinstance(result, Filed)
    async with db.transaction() as session:
        row = await session.scalar(select(Report).where(Report.code == result.code))
        assert row is not None and row.acknowledge_due_at == clock.now + timedelta(hours=4)


async def test_codes_are_random_not_sequential(
    reports: Reports, resident: int, clock: Clock
) -> None:
    codes = []
    for i in range(3):
        result = await reports.file(resident, report(f"{TEXT} lần thứ {i}"))
        assert isinstance(result, Filed)
        codes.append(result.code)
    # Consecutive reports share no counter: their codes differ beyond the last characters.
    assert len({code[:4] for code in codes}) == 3


async def test_anonymous_report_keeps_no_name_or_phone(
    db: Database, reports: Reports, resident: int
) -> None:
    result = await reports.file(
        resident, report(anonymous=True, reporter_name="Nguyễn Văn A", reporter_phone="+8491")
    )
    assert isinstance(result, Filed)
    async with db.transaction() as session:
        row = await session.scalar(select(Report))
        assert row is not None and row.reporter_name is None and row.reporter_phone is None


async def test_named_report_keeps_what_was_shared(
    db: Database, reports: Reports, resident: int
) -> None:
    await reports.file(
        resident, report(anonymous=False, reporter_name="Nguyễn Văn A", reporter_phone="+8491")
    )
    async with db.transaction() as session:
        row = await session.scalar(select(Report))
        assert row is not None and (row.reporter_name, row.reporter_phone) == (
            "Nguyễn Văn A",
            "+8491",
        )


async def test_same_text_within_ten_minutes_becomes_a_followup(
    db: Database, reports: Reports, resident: int, clock: Clock
) -> None:
    first = await reports.file(resident, report())
    assert isinstance(first, Filed)
    clock.advance(timedelta(minutes=9))
    again = await reports.file(
        resident,
        report(
            "  co nguoi la dot nhap nha so 5 thon dong xa luc 2 gio sang!! ",
            attachments=(Attachment("photo", "f", "u"),),
        ),
    )
    assert again == MergedIntoEarlier(first.code)
    assert await count(db, Report) == 1
    assert await count(db, ReportFollowup) == 1
    assert await count(db, OutboxBatch) == 2
    page = await reports.mine(resident)
    assert [item.code for item in page.items] == [first.code]
    assert page.items[0].updated_at == clock.now


async def test_same_text_again_with_nothing_new_adds_nothing_and_posts_nothing(
    db: Database, reports: Reports, resident: int, clock: Clock
) -> None:
    first = await reports.file(resident, report())
    assert isinstance(first, Filed)
    assert await reports.recent_same_text(resident, report().text.upper()) == first.code
    clock.advance(timedelta(minutes=3))
    assert await reports.file(resident, report()) == MergedIntoEarlier(first.code, added=False)
    assert await count(db, ReportFollowup) == 0
    assert await count(db, OutboxBatch) == 1  # the card only: no empty follow-up for the room
    clock.advance(timedelta(minutes=8))
    assert await reports.recent_same_text(resident, report().text) is None


async def test_same_text_after_ten_minutes_is_a_new_report(
    db: Database, reports: Reports, resident: int, clock: Clock
) -> None:
    await reports.file(resident, report())
    clock.advance(timedelta(minutes=11))
    assert isinstance(await reports.file(resident, report()), Filed)
    assert await count(db, Report) == 2


async def test_same_text_from_someone_else_is_not_a_duplicate(
    db: Database, reports: Reports, resident: int
) -> None:
    await Residents(db).get_or_create(999, "vi")
    await reports.file(resident, report())
    assert isinstance(await reports.file(999, report()), Filed)


async def test_rate_limit_counts_the_last_hour_and_says_how_long_to_wait(
    reports: Reports, resident: int, clock: Clock
) -> None:
    for i in range(3):
        assert isinstance(await reports.file(resident, report(f"{TEXT} số {i}")), Filed)
        clock.advance(timedelta(minutes=10))
    assert await reports.may_file(resident) == RateLimited(timedelta(minutes=30))
    assert await reports.file(resident, report("Một vụ khác hẳn ở bến tàu")) == RateLimited(
        timedelta(minutes=30)
    )
    clock.advance(timedelta(minutes=30, seconds=1))
    assert await reports.may_file(resident) is None
    assert isinstance(await reports.file(resident, report("Một vụ khác hẳn ở bến tàu")), Filed)


async def test_a_duplicate_is_not_refused_by_the_rate_limit(
    reports: Reports, resident: int
) -> None:
    for i in range(3):
        await reports.file(resident, report(f"{TEXT} số {i}"))
    assert isinstance(await reports.file(resident, report(f"{TEXT} số 2")), MergedIntoEarlier)


async def test_blocked_resident_is_refused(db: Database, reports: Reports, resident: int) -> None:
    await Residents(db).block(resident, "spam")
    assert await reports.may_file(resident) == Blocked()
    assert await reports.file(resident, report()) == Blocked()
    assert await count(db, Report) == 0


async def test_my_reports_are_newest_first_and_paginated(
    db: Database, resident: int, clock: Clock
) -> None:
    reports = Reports(db, per_hour=100, clock=clock)
    codes = []
    for i in range(7):
        result = await reports.file(resident, report(f"{TEXT} — lần {i}"))
        assert isinstance(result, Filed)
        codes.append(result.code)
        clock.advance(timedelta(minutes=1))
    first = await reports.mine(resident, page=1, per_page=5)
    second = await reports.mine(resident, page=2, per_page=5)
    assert (first.page, first.pages, second.page) == (1, 2, 2)
    assert [i.code for i in first.items + second.items] == codes[::-1]
    assert (await reports.mine(resident, page=9, per_page=5)).page == 2


async def test_nobody_else_sees_or_extends_my_report(
    db: Database, reports: Reports, resident: int
) -> None:
    result = await reports.file(resident, report())
    assert isinstance(result, Filed)
    await Residents(db).get_or_create(999, "vi")
    assert (await reports.mine(999)).items == ()
    assert await reports.detail(999, result.code) is None
    assert await reports.add_followup(999, result.code, "xin thêm thông tin") is None
    assert await reports.detail(resident, "ZZZZZZZZ") is None


async def test_followup_appends_and_appears_in_the_timeline(
    db: Database, reports: Reports, resident: int, clock: Clock
) -> None:
    result = await reports.file(resident, report())
    assert isinstance(result, Filed)
    clock.advance(timedelta(hours=1))
    photo = Attachment("photo", "later", "later-u")
    summary = await reports.add_followup(resident, result.code.lower(), "Biển số 14B1-123", [photo])
    assert summary is not None and summary.updated_at == clock.now
    detail = await reports.detail(resident, result.code)
    assert detail is not None
    assert [entry.kind for entry in detail.timeline] == ["filed", "followup"]
    assert (detail.attachments, detail.followups) == (1, 1)
    assert await count(db, OutboxBatch) == 2
    with pytest.raises(ValueError):
        await reports.add_followup(resident, result.code, "   ")


async def test_erasure_unlinks_reports_and_forgets_shared_identity(
    db: Database, reports: Reports, resident: int
) -> None:
    await reports.file(resident, report())
    await reports.file(
        resident,
        report(
            "Một vụ khác hẳn ở bến tàu",
            anonymous=False,
            reporter_name="Nguyễn Văn A",
            reporter_phone="+8491",
        ),
    )
    assert await Residents(db).erase(resident)
    async with db.transaction() as session:
        rows = list(await session.scalars(select(Report)))
    assert len(rows) == 2
    assert all(r.reporter_id is None and r.reporter_name is None for r in rows)
    assert all(r.reporter_phone is None for r in rows)
    await Residents(db).get_or_create(resident, "vi")
    assert (await reports.mine(resident)).items == ()


def test_text_digest_ignores_accents_case_and_punctuation() -> None:
    assert text_digest("Trộm xe ở chợ!") == text_digest("  trom xe o CHO ")
    assert text_digest("Trộm xe ở chợ") != text_digest("Trộm xe ở bến")


@pytest.mark.parametrize(
    ("lat", "lon", "outside"),
    [(21.07, 107.42, False), (20.95, 107.08, False), (21.03, 105.85, True), (10.8, 106.6, True)],
)
def test_pins_outside_quang_ninh_are_flagged(lat: float, lon: float, outside: bool) -> None:
    assert outside_served_area(lat, lon, [22]) is outside


def test_other_provinces_use_vietnams_box() -> None:
    assert outside_served_area(21.03, 105.85, [1]) is False
    assert outside_served_area(48.85, 2.35, [1]) is True

"""Notice expiry: parsing a typed last day in local time, and editing a live notice."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.services.communes import CommuneDirectory
from bot.services.notices import NoticeDraft, NoticeKind, Notices, last_day, parse_expiry
from bot.services.scopes import Scope, ScopeKind
from bot.storage.db import Database

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)  # 10:00 on 15/06/2026 in Vietnam


def test_expiry_is_the_midnight_after_the_last_day_in_local_time() -> None:
    end = parse_expiry("31/12/2026", NOW, VIETNAM)
    assert end == datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    assert end is not None and last_day(end, VIETNAM) == date(2026, 12, 31)
    assert parse_expiry(" 31/12 ", NOW, VIETNAM) == end
    # Today is still ahead until midnight; a day gone this year means next year's.
    assert parse_expiry("15/06", NOW, VIETNAM) == datetime(2026, 6, 15, 17, 0, tzinfo=UTC)
    assert parse_expiry("14/06", NOW, VIETNAM) == datetime(2027, 6, 14, 17, 0, tzinfo=UTC)
    assert parse_expiry("29/02", NOW, VIETNAM) == datetime(2028, 2, 29, 17, 0, tzinfo=UTC)


def test_expiry_refuses_past_and_malformed_dates() -> None:
    for text in ("14/06/2026", "31/12/2020", "32/12", "31/13/2026", "mai", "", "18:30 25/12"):
        assert parse_expiry(text, NOW, VIETNAM) is None, text


async def test_edited_expiry_hides_and_shows_the_notice(db: Database) -> None:
    directory = CommuneDirectory([22])
    notices = Notices(db, directory)
    draft = NoticeDraft(
        NoticeKind.ANNOUNCEMENT,
        "Lịch tiếp dân",
        "Thứ năm.",
        "Công an",
        Scope(ScopeKind.COMMUNE, 6994),
    )
    notice = await notices.publish(draft, author=1)
    assert [n.id for n in (await notices.listing(6994)).items] == [notice.id]
    past = datetime(2020, 1, 1, tzinfo=UTC)
    edited = await notices.edit(notice.id, expires_at=past)
    assert edited is not None and edited.expires_at == past
    assert (await notices.listing(6994)).items == ()
    kept = await notices.edit(notice.id, title="Lịch mới")  # the expiry is kept
    assert kept is not None and kept.expires_at == past and kept.body == "Thứ năm."
    await notices.edit(notice.id, expires_at=None)
    assert [n.title for n in (await notices.listing(6994)).items] == ["Lịch mới"]
    await notices.withdraw(notice.id)
    assert await notices.edit(notice.id, expires_at=None) is None

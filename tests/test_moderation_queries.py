"""The queue, search, statistics and export — limited to the caller's communes, reporters
pseudonymised."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services.triage import Action, Actor
from bot.storage.db import Database
from bot.storage.models import utcnow
from tests.moderation_fixtures import (
    BA_CHE,
    REPORTER,
    ROOM_A,
    VAN_DON,
    World,
    file,
    moderator,
    post,
    world,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def w(db: Database) -> World:
    return world(db)


async def test_queue_search_and_stats(w: World) -> None:
    first = await file(w, text="Trộm xe máy ở chợ Cái Rồng sáng nay")
    second = await file(w, text="Đánh nhau ở bến tàu, có người bị thương", urgent=True)
    await file(w, commune=BA_CHE, text="Trộm chó ở thôn 2 xã Ba Chẽ")
    queries = w.moderation.queries
    page = await queries.queue([VAN_DON], per_page=1)
    assert (page.total, page.pages, page.items[0].code) == (2, 2, first)
    assert (await queries.queue([VAN_DON], page=2, per_page=1)).items[0].code == second
    assert [i.code for i in await queries.find([VAN_DON], "TROM XE may")] == [first]
    assert [i.code for i in await queries.find([VAN_DON], first.lower())] == [first]
    assert await queries.find([VAN_DON], "trộm chó") == []

    card = await post(w, first)
    roles = moderator(2001, VAN_DON)
    for action in (Action.TAKE, Action.RESOLVE):
        checked = await w.moderation.triage.check(roles, card.token, ROOM_A, 10, action)
        await w.moderation.triage.change(Actor(roles, "An"), checked, action)
    stats = await queries.stats([VAN_DON], utcnow() - timedelta(days=7))
    assert stats.total == 2
    assert stats.by_status == {"resolved": 1, "new": 1}
    assert stats.by_category == {"theft": 2}
    assert stats.median_acknowledge is not None and stats.median_resolve is not None
    assert sum(stats.per_day.values()) == 2
    assert (await queries.queue([VAN_DON])).total == 1


async def test_export_pseudonymises_anonymous_reporters(w: World) -> None:
    anonymous = await file(w)
    named = await file(w, reporter=5252, anonymous=False, text="Cháy rừng nhỏ ở đồi thông")
    rows = await w.moderation.queries.export(
        [VAN_DON], utcnow() - timedelta(days=1), utcnow() + timedelta(days=1)
    )
    by_code = {r["code"]: r for r in rows}
    state = await w.cards.state(anonymous)
    assert by_code[anonymous]["reporter"] == f"#{state.pseudonym}"
    assert str(REPORTER) not in " ".join(" ".join(r.values()) for r in rows)
    assert named in by_code


async def test_stats_count_every_day_of_the_period_in_the_local_time_zone(w: World) -> None:
    await file(w, text="Trộm xe máy ở chợ Cái Rồng sáng nay")
    now = utcnow()
    stats = await w.moderation.queries.stats([VAN_DON], now - timedelta(days=7), now, VIETNAM)
    days = list(stats.per_day)
    assert len(days) == 8, days  # the first, partial day and today included
    assert days == sorted(days)
    assert days[-1] == now.astimezone(VIETNAM).date().isoformat()
    assert sum(stats.per_day.values()) == 1 and stats.per_day[days[-1]] == 1
    assert list(stats.per_day.values()).count(0) == 7

"""Broadcasting a notice end to end against the fake Bot API with flood limits on: who gets it
(once), who does not, quiet hours, residents who blocked the bot, the author's progress message,
/broadcasts, and withdrawal deleting the delivered copies."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.handlers.common import BotContext
from bot.handlers.rooms.jobs import deadline_job
from bot.sending.limiter import Limits
from bot.services.roles import Grant, Role
from bot.storage.models import User, utcnow
from tests.fakebotapi.flood import FloodLimits
from tests.harness import Harness, Message, button_data, buttons, plain
from tests.outbox_view import rows
from tests.population import add_residents, resident_rows

VAN_DON, BA_CHE = 6994, 6970
MOD = 2001
RESIDENTS = 2000
BROADCAST_SECONDS = 120
NEIGHBOURS = 200
BLOCKED = 50
FIRST = 100_000  # Telegram ids of the residents of Vân Đồn: FIRST … FIRST + RESIDENTS - 1
NEIGHBOUR = 300_000
NO_WARNINGS, NIGHT_OWL = 400_001, 400_002
# Telegram's limits for one chat and one group, with the overall rate raised so that a test
# of two thousand deliveries takes seconds (bench/broadcast.py measures the real 30 a second).
FAST = FloodLimits(global_per_second=2000, global_burst=200, paid_per_second=4000, paid_burst=400)


@pytest.fixture
async def harness(harness: Harness) -> Harness:
    harness.api.set_flood_limits(FAST)
    harness.limits = Limits(overall_rate=1500, bulk_rate=1500)
    await harness.restart()
    return harness


async def residents(harness: Harness) -> None:
    """2,000 residents of Vân Đồn, 200 of Ba Chẽ, one who turned warnings off and one whose
    quiet hours cover the whole day but a minute."""
    api, now = harness.api, utcnow()
    local = now.astimezone(harness.settings.timezone)
    minute = local.hour * 60 + local.minute
    # Everyone's quiet hours are far from now (this test may run at any time of day)…
    quiet = {"quiet_start": (minute + 600) % 1440, "quiet_end": (minute + 660) % 1440}
    people = resident_rows(range(FIRST, FIRST + RESIDENTS), VAN_DON, now, **quiet)
    people += resident_rows(range(NEIGHBOUR, NEIGHBOUR + NEIGHBOURS), BA_CHE, now, **quiet)
    people += resident_rows([NO_WARNINGS], VAN_DON, now, **quiet, notify_warnings=False)
    # …but one resident's, which began this minute and last an hour.
    owl = {"quiet_start": minute, "quiet_end": (minute + 60) % 1440}
    people += resident_rows([NIGHT_OWL], VAN_DON, now, **owl)
    for row in people:
        api.add_user(row["telegram_id"], f"Cư dân {row['telegram_id']}", language_code="vi")
    await add_residents(harness.db, people)
    for n in range(BLOCKED):
        api.block_bot(FIRST + RESIDENTS - 1 - n)


async def publish_warning(harness: Harness, urgent: bool = False) -> Message:
    """A commune moderator publishes a warning through /notice; returns the message that
    confirms it (and then shows the sending's progress)."""
    harness.api.add_user(MOD, "Trung úy An", language_code="vi")
    services = harness.app.bot_data["services"]  # type: ignore[union-attr]
    await services.roles.grant(None, Grant(MOD, Role.MODERATOR, VAN_DON, None), None)
    start = await harness.say(MOD, "/notice")
    kinds = await harness.tap_and_settle(MOD, start, "Vân Đồn")
    await harness.tap_and_settle(MOD, kinds, "Cảnh báo")
    await harness.say(MOD, "Cảnh báo lừa đảo qua điện thoại")
    photo = await harness.say(MOD, "Không chuyển tiền cho người tự xưng là công an qua điện thoại.")
    expiry = await harness.tap(MOD, photo, "Bỏ qua ảnh")
    preview = await harness.tap(MOD, expiry, "Không có hạn")
    if urgent:
        preview = await harness.tap_and_settle(MOD, preview, "Đánh dấu khẩn")
    return await harness.tap(MOD, preview, "Đăng ngay")


def got_it(harness: Harness, chat_id: int) -> int:
    return sum(
        "Cảnh báo lừa đảo" in (m.get("text") or "") for m in harness.api.messages_to(chat_id)
    )


async def test_a_commune_warning_reaches_its_residents_once(harness: Harness) -> None:
    await residents(harness)
    progress = await publish_warning(harness)
    assert "Đã đăng" in plain(progress) and "Cảnh báo lừa đảo" in plain(progress)
    await harness.settle(BROADCAST_SECONDS)

    reached = [FIRST + n for n in range(RESIDENTS - BLOCKED)]
    assert [got_it(harness, uid) for uid in reached] == [1] * len(reached)
    assert not any(got_it(harness, NEIGHBOUR + n) for n in range(NEIGHBOURS))
    assert got_it(harness, NO_WARNINGS) == 0
    assert got_it(harness, NIGHT_OWL) == 0  # not urgent: waits for the end of quiet hours
    blocked = [FIRST + RESIDENTS - 1 - n for n in range(BLOCKED)]
    states = {chat: state for _, _, chat, state in await rows(harness.db, "notice")}
    assert {states[uid] for uid in blocked} == {"unreachable"}
    async with harness.db.transaction() as session:
        marked = await session.scalars(
            select(User.telegram_id).where(User.unreachable_at.is_not(None))
        )
        assert sorted(marked) == sorted(blocked)
    # The author saw the figures arrive: all but the blocked, one waiting for the morning.
    shown = plain(harness.current(progress))
    assert "Đã gửi 1.950 / 2.001" in shown and "50 không nhận được" in shown
    assert "1 chờ hết giờ yên tĩnh" in shown

    # When the night owl's quiet hours end, they get it too; then the sending is over.
    await harness.drain(utcnow() + timedelta(minutes=61))
    assert got_it(harness, NIGHT_OWL) == 1
    shown = plain(harness.current(progress))
    assert "Đã gửi 1.951 / 2.001" in shown and "đã xong" in shown
    assert buttons(harness.current(progress)) == []
    # No chat was sent more than Telegram allows, and nothing was refused for flooding.
    assert harness.api.flood_rejections == {"private": 0, "group": 0, "global": 0}

    listing = await harness.say(MOD, "/broadcasts")
    assert "Cảnh báo lừa đảo" in plain(listing) and "1.951 / 2.001" in plain(listing)


async def test_an_urgent_warning_goes_through_quiet_hours(harness: Harness) -> None:
    await residents(harness)
    await publish_warning(harness, urgent=True)
    await harness.settle(BROADCAST_SECONDS)
    assert got_it(harness, NIGHT_OWL) == 1


async def test_withdrawing_deletes_the_delivered_copies(harness: Harness) -> None:
    await residents(harness)
    progress = await publish_warning(harness)
    await harness.settle(BROADCAST_SECONDS)
    manage = await harness.say(MOD, "/notices")
    card = await harness.tap(MOD, manage, "Cảnh báo lừa đảo")
    harness.api.press(MOD, card, button_data(card, "Thu hồi"))
    await harness.settle(BROADCAST_SECONDS)
    withdrawn = harness.current(card)
    assert "1.950 bản đã gửi (dưới 48 giờ) đang được xóa" in plain(withdrawn)
    left = [
        m
        for uid in range(FIRST, FIRST + RESIDENTS)
        for m in harness.api.messages_to(uid, include_deleted=False)
        if "Cảnh báo lừa đảo" in (m.get("text") or "")
    ]
    assert left == []
    assert "đã thu hồi, xóa 1.950 bản đã gửi" in plain(harness.current(progress))


async def test_the_author_can_stop_what_is_still_pending(harness: Harness) -> None:
    await residents(harness)
    harness.limits = Limits(overall_rate=100, bulk_rate=100)
    await harness.restart()
    progress = await publish_warning(harness)
    assert "Dừng đợt gửi" in str(buttons(progress))
    stats = harness.api.state.stats
    sent_before = stats.requests_by_method.get("sendMessage", 0)
    await harness.api.state.notifier.wait_for(
        lambda: stats.requests_by_method.get("sendMessage", 0) > sent_before + 100, 60
    )
    harness.api.press(MOD, progress, button_data(progress, "Dừng đợt gửi"))
    await harness.settle(BROADCAST_SECONDS)
    stopped = harness.current(progress)
    answer = harness.api.callback_answers[-1]["text"]
    assert "Đã dừng" in answer
    sent = sum(got_it(harness, FIRST + n) for n in range(RESIDENTS))
    assert 0 < sent < RESIDENTS - BLOCKED
    assert "đã dừng" in plain(harness.current(stopped))


async def test_the_reminders_job_leaves_a_broadcast_to_the_sender(harness: Harness) -> None:
    """The moderators' reminders job runs every minute and a broadcast takes many (10,000
    residents at 30 a second): the job queues what is due and returns, or every run until the
    broadcast ended would be skipped, reminders and escalations with it."""
    await residents(harness)
    await publish_warning(harness)
    assert harness.app is not None
    await deadline_job(BotContext(harness.app))  # type: ignore[arg-type]
    reached = [FIRST + n for n in range(RESIDENTS - BLOCKED)]
    assert sum(got_it(harness, uid) for uid in reached) < len(reached)
    await harness.settle(BROADCAST_SECONDS)
    assert [got_it(harness, uid) for uid in reached] == [1] * len(reached)

"""The rate limiter's decisions, on a clock the test moves: when each request may go. No timing
is measured here; bench/interactive.py and bench/broadcast.py measure the real thing."""

import asyncio
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.sending.limiter import Limits, TelegramLimiter

PRIVATE, OTHER, GROUP = 1001, 1002, -100123


class Clock:
    """Time that passes only when someone sleeps; `hold()` makes sleepers wait for `release()`
    (to see what others may do meanwhile)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.gate: asyncio.Event | None = None
        self.sleeping: list[float] = []
        self.asleep = asyncio.Event()

    def __call__(self) -> float:
        return self.now

    def hold(self) -> None:
        self.gate = asyncio.Event()

    def release(self) -> None:
        assert self.gate is not None
        self.gate.set()
        self.gate = None

    async def sleep(self, seconds: float) -> None:
        self.sleeping.append(seconds)
        self.asleep.set()
        if self.gate is not None:
            await self.gate.wait()
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def limiter(clock: Clock, **limits: Any) -> TelegramLimiter:
    return TelegramLimiter(Limits(**limits), clock=clock, sleep=clock.sleep)


class Telegram:
    """Records when each call reached it; can answer 429 to chosen calls."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.calls: list[tuple[str, object, float]] = []
        self.refuse: list[tuple[str, object, float]] = []

    def call(self, method: str, chat: object) -> Any:
        async def callback() -> bool:
            for i, (m, c, wait) in enumerate(self.refuse):
                if (m, c) == (method, chat):
                    del self.refuse[i]
                    raise RetryAfter(int(wait))
            self.calls.append((method, chat, self.clock.now))
            return True

        return callback

    def times(self, chat: object) -> list[float]:
        return [at for _, c, at in self.calls if c == chat]


async def request(
    lim: TelegramLimiter, tg: Telegram, method: str, chat: object, **rate: bool
) -> object:
    data = {"chat_id": chat} if chat is not None else {}
    return await lim.process_request(tg.call(method, chat), (), {}, method, data, rate or None)


async def test_a_private_chat_gets_a_small_burst_then_one_a_second(clock: Clock) -> None:
    lim, tg = limiter(clock, private_burst=3, private_rate=1.0), Telegram(clock)
    for _ in range(5):
        await request(lim, tg, "sendMessage", PRIVATE)
    assert tg.times(PRIVATE) == pytest.approx([0, 0, 0, 1, 2])


async def test_a_group_gets_twenty_posts_in_any_minute(clock: Clock) -> None:
    lim, tg = limiter(clock, group_posts=20, group_window=60, margin=0.5), Telegram(clock)
    for _ in range(21):
        await request(lim, tg, "sendMessage", GROUP)
    times = tg.times(GROUP)
    assert times[:20] == [0] * 20 and times[20] == pytest.approx(60.5)
    # Edits count toward the chat's window too.
    await request(lim, tg, "editMessageText", GROUP)
    assert tg.times(GROUP)[-1] == pytest.approx(60.5)


async def test_button_answers_and_reads_are_never_delayed(clock: Clock) -> None:
    lim, tg = limiter(clock), Telegram(clock)
    tg.refuse.append(("sendMessage", PRIVATE, 50))
    clock.hold()
    task = asyncio.create_task(request(lim, tg, "sendMessage", PRIVATE))
    await clock.asleep.wait()
    assert clock.sleeping == [50]  # the message waits out Telegram's 50 seconds…
    await request(lim, tg, "answerCallbackQuery", None)
    await request(lim, tg, "getChat", PRIVATE)
    assert [(m, at) for m, _, at in tg.calls] == [("answerCallbackQuery", 0), ("getChat", 0)]
    clock.release()  # …while the press was answered at once
    await task
    assert tg.times(PRIVATE)[-1] == 50


async def test_a_429_pauses_only_the_chat_it_concerns(clock: Clock) -> None:
    lim, tg = limiter(clock), Telegram(clock)
    tg.refuse.append(("sendMessage", GROUP, 57))
    clock.hold()
    room = asyncio.create_task(request(lim, tg, "sendMessage", GROUP))
    await clock.asleep.wait()
    assert clock.sleeping == [57] and GROUP in lim.paused_chats()
    await request(lim, tg, "sendMessage", PRIVATE)
    assert tg.calls == [("sendMessage", PRIVATE, 0)]
    clock.release()
    await room
    assert tg.times(GROUP) == pytest.approx([57])
    assert lim.retry_afters == 1


async def test_a_429_on_bulk_work_pauses_the_bulk_sender_and_is_raised(clock: Clock) -> None:
    lim, tg = limiter(clock), Telegram(clock)
    tg.refuse.append(("sendMessage", PRIVATE, 5))
    with pytest.raises(RetryAfter):
        await request(lim, tg, "sendMessage", PRIVATE, bulk=True)
    assert lim.bulk_paused_for() == pytest.approx(5)
    assert PRIVATE in lim.paused_chats()
    await request(lim, tg, "sendMessage", OTHER)  # a reply to someone else: not paused
    assert tg.times(OTHER) == [0]
    await request(lim, tg, "sendMessage", OTHER + 1, bulk=True)
    assert tg.times(OTHER + 1) == pytest.approx([5])


async def test_bulk_work_keeps_its_rate_and_yields_to_replies(clock: Clock) -> None:
    lim, tg = limiter(clock, overall_rate=10, bulk_rate=10), Telegram(clock)
    for n in range(30):
        await request(lim, tg, "sendMessage", 5000 + n, bulk=True)
    bulk_times = [at for _, _, at in tg.calls]
    # Over the run, no more than the bulk rate (a bucket of 5 may go at once at the start).
    assert bulk_times[-1] == pytest.approx((30 - 5) / 10)
    # Replies take from the same budget without waiting; bulk work then waits longer.
    start = clock.now
    for n in range(10):
        await request(lim, tg, "sendMessage", 9000 + n)
    assert all(at == start for at in tg.times(9000))
    await request(lim, tg, "sendMessage", 6000, bulk=True)
    assert tg.times(6000)[0] - start == pytest.approx(1.1)


async def test_paid_broadcasts_have_their_own_budget(clock: Clock) -> None:
    lim, tg = limiter(clock, bulk_rate=30, paid_rate=1000), Telegram(clock)

    async def paid(chat: int) -> None:
        data = {"chat_id": chat, "allow_paid_broadcast": True}
        await lim.process_request(
            tg.call("sendMessage", chat), (), {}, "sendMessage", data, {"bulk": True}
        )

    for n in range(550):
        await paid(7000 + n)
    assert tg.calls[-1][2] == pytest.approx((550 - 50) / 1000)


async def test_answers_to_residents_who_just_wrote_do_not_slow_a_broadcast(clock: Clock) -> None:
    lim, tg = limiter(clock, overall_rate=10, bulk_rate=10), Telegram(clock)
    for n in range(5):
        await request(lim, tg, "sendMessage", 5000 + n, bulk=True)  # the bucket's 5 at once
    for n in range(20):
        lim.heard(9000 + n)
        await request(lim, tg, "sendMessage", 9000 + n)
    await request(lim, tg, "sendMessage", 6000, bulk=True)
    assert tg.times(6000) == pytest.approx([0.1])  # the bulk rate's next slot, no later
    # Chats that wrote a minute ago are not being answered any more: what the bot sends them
    # now takes from the overall budget, and the broadcast waits for it.
    clock.now += 60
    for n in range(10):
        await request(lim, tg, "sendMessage", 9000 + n)
    start = clock.now
    await request(lim, tg, "sendMessage", 6001, bulk=True)
    assert tg.times(6001)[0] - start == pytest.approx(0.6)

"""The webhook's recorder: calls arriving together are recorded in one write, each answered
once its update is committed, a repeat is not new, and a failed write fails its calls only."""

import asyncio
from collections.abc import Sequence

import pytest

from bot.receiving.webhook import Recorder
from bot.services.inbox import Incoming


class FakeInbox:
    def __init__(self) -> None:
        self.writes: list[list[int]] = []
        self.held: set[int] = set()
        self.fail_next = False
        self.gate = asyncio.Event()
        self.gate.set()

    async def receive(self, updates: Sequence[Incoming]) -> set[int]:
        ids = [u.update_id for u in updates]
        self.writes.append(ids)
        await self.gate.wait()
        if self.fail_next:
            self.fail_next = False
            raise OSError("database away")
        new = set(ids) - self.held
        self.held |= new
        return new


def _update(update_id: int) -> Incoming:
    return Incoming(update_id, 1, "message", {"update_id": update_id, "message": {}})


async def test_calls_arriving_during_a_write_go_in_the_next_one() -> None:
    inbox = FakeInbox()
    recorder = Recorder(inbox)  # type: ignore[arg-type]
    inbox.gate.clear()
    first = asyncio.create_task(recorder.record(_update(1)))
    await asyncio.sleep(0)
    rest = [asyncio.create_task(recorder.record(_update(n))) for n in (2, 3, 3)]
    await asyncio.sleep(0)
    assert not first.done()
    inbox.gate.set()
    assert await first is True
    assert await asyncio.gather(*rest) == [True, True, False]
    assert inbox.writes == [[1], [2, 3, 3]]
    assert await recorder.record(_update(2)) is False  # Telegram delivered it again


async def test_a_failed_write_fails_its_calls_and_the_next_calls_are_recorded() -> None:
    inbox = FakeInbox()
    recorder = Recorder(inbox)  # type: ignore[arg-type]
    inbox.fail_next = True
    with pytest.raises(OSError):
        await recorder.record(_update(1))
    assert await recorder.record(_update(1)) is True

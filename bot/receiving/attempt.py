"""Which attempt at its update the handler running now is: the error handler tells a resident
something went wrong only after the last one, not once per retry; and whether the update's
press may still be answered, which an earlier attempt (in any process) may have done."""

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Attempt:
    number: int
    last: int
    # Takes the one answer Telegram allows to the update's press, recorded in the inbox: true
    # for the first caller only, and only while Telegram still takes an answer.
    claim_answer: Callable[[], Awaitable[bool]] | None = None
    # False when the inbox knew no part of a paste held for the update's chat.
    paste_held: bool = True

    @property
    def is_last(self) -> bool:
        return self.number >= self.last


CURRENT: ContextVar[Attempt | None] = ContextVar("inbox_attempt", default=None)


def is_last_attempt() -> bool:
    """True outside the inbox (an update handled once) and on an update's last attempt."""
    attempt = CURRENT.get()
    return attempt is None or attempt.is_last


def paste_may_be_held() -> bool:
    """Whether a part of a long paste may be held for the chat of the update being handled
    (outside the inbox nothing says there is none)."""
    attempt = CURRENT.get()
    return attempt is None or attempt.paste_held


async def may_answer() -> bool:
    """Whether the press being handled may be answered now: not when this or an earlier
    attempt answered it, nor once Telegram would refuse. Outside the inbox an update is
    handled once."""
    attempt = CURRENT.get()
    if attempt is None or attempt.claim_answer is None:
        return True
    return await attempt.claim_answer()

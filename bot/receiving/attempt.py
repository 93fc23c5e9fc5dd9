"""Which attempt at its update the handler running now is: the error handler tells a resident
something went wrong only after the last one, not once per retry."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Attempt:
    number: int
    last: int

    @property
    def is_last(self) -> bool:
        return self.number >= self.last


CURRENT: ContextVar[Attempt | None] = ContextVar("inbox_attempt", default=None)


def is_last_attempt() -> bool:
    """True outside the inbox (an update handled once) and on an update's last attempt."""
    attempt = CURRENT.get()
    return attempt is None or attempt.is_last

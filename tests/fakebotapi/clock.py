"""The fake's notion of time: real time plus an offset that tests move forward.

Everything time-dependent in the fake reads this clock: message dates, edit dates, the 48-hour
deletion rule, join-request windows, invite-link expiry and flood-limit windows. ``advance()``
never sleeps; it shifts both the wall clock (``time()``/``now()``) and the monotonic clock
(``monotonic()``) by the same amount.
"""

from __future__ import annotations

import time


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0

    def time(self) -> float:
        """Unix time in seconds, as a float."""
        return time.time() + self.offset

    def now(self) -> int:
        """Unix time in whole seconds (what Telegram puts in ``date`` fields)."""
        return int(self.time())

    def monotonic(self) -> float:
        """A monotonic clock for rate windows; shifted by ``advance()`` like the wall clock."""
        return time.monotonic() + self.offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward")
        self.offset += seconds

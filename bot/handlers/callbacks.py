"""Callback data: a small typed value like `cm:s:6994`, packed and parsed only here.

Buttons are never trusted: the parts are validated by shape here and against the database by the
handler, so a forged or stale press gets a polite "this button is old" and changes nothing.
"""

import re
from dataclasses import dataclass

MAX_BYTES = 64
_PART = re.compile(r"^[A-Za-z0-9_\-]{0,40}$")


@dataclass(frozen=True)
class Callback:
    scope: str
    action: str
    args: tuple[str, ...] = ()

    def pack(self) -> str:
        data = ":".join((self.scope, self.action, *self.args))
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    def int_arg(self, index: int) -> int | None:
        try:
            return int(self.args[index])
        except (IndexError, ValueError):
            return None


def cb(scope: str, action: str, *args: object) -> str:
    return Callback(scope, action, tuple(str(arg) for arg in args)).pack()


def parse(data: str | None) -> Callback | None:
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 2 or not all(_PART.match(part) for part in parts):
        return None
    return Callback(parts[0], parts[1], tuple(parts[2:]))


def pattern(scope: str) -> str:
    """The regex a CallbackQueryHandler uses to receive one scope's buttons."""
    return rf"^{re.escape(scope)}:"

"""Hooks: how a lower feature calls a higher one without importing it. The higher feature
registers, in its `register`, what the lower one calls (`account/erasure.py`,
`account/unfinished.py`); the lower one calls them in the order they were registered."""

from collections.abc import Iterator
from typing import Any

from telegram.ext import Application


class Hooks[T]:
    def __init__(self) -> None:
        self._hooks: list[T] = []

    def register(self, hook: T) -> None:
        self._hooks.append(hook)

    def __iter__(self) -> Iterator[T]:
        return iter(self._hooks)


def hooks_of[H: Hooks[Any]](app: Application[Any, Any, Any, Any, Any, Any], kind: type[H]) -> H:
    """The application's hooks of this kind, made on first use."""
    hooks: H = app.bot_data.setdefault(kind.__name__, kind())
    return hooks

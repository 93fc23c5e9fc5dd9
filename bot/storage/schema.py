"""Every table module, imported in one place so migrations and tests see the whole schema.
A feature that adds a table module adds its import here."""

from bot.storage import (
    groups,
    inbox,
    information,
    matching,
    models,
    moderation,
    outbox,
    pastes,
    reports,
)
from bot.storage.models import Base

metadata = Base.metadata

__all__ = [
    "groups",
    "inbox",
    "information",
    "matching",
    "metadata",
    "models",
    "moderation",
    "outbox",
    "pastes",
    "reports",
]

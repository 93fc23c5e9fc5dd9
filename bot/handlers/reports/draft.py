"""The report being put together, as it is kept in the conversation state (JSON in the database),
so a restart at any step finds it exactly as it was."""

import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.services.reports import MAX_ATTACHMENTS, Attachment, NewReport

FLOW = "report"
STEPS = (
    "urgency",
    "category",
    "where",
    "where_commune",
    "describe",
    "media",
    "identity",
    "phone",
    "review",
)
EDITABLE = ("urgency", "category", "where", "describe", "media", "identity")
# Telegram keeps only this many album acknowledgements worth editing.
_KEPT_ACKS = 5


@dataclass
class Draft:
    """`id` goes into every button of this draft, so buttons of a discarded draft are stale."""

    id: str
    commune: int
    urgent: bool | None = None
    category: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    far: bool = False
    address: str | None = None
    text: str | None = None
    partial: str | None = None
    long_text: str | None = None
    attachments: list[dict[str, str]] = field(default_factory=list)
    acks: dict[str, int] = field(default_factory=dict)
    anonymous: bool | None = None
    name: str | None = None
    phone: str | None = None
    editing: bool = False

    @classmethod
    def new(cls, commune: int) -> "Draft":
        return cls(id=secrets.token_hex(3), commune=commune)

    @classmethod
    def load(cls, data: dict[str, Any]) -> "Draft | None":
        try:
            return cls(**data)
        except TypeError:
            return None

    def as_data(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def full(self) -> bool:
        return len(self.attachments) >= MAX_ATTACHMENTS

    def attach(self, item: Attachment) -> bool:
        """Keep an attachment; False when the report already carries the most it can."""
        if self.full:
            return False
        if any(a["file_unique_id"] == item.file_unique_id for a in self.attachments):
            return True
        self.attachments.append(asdict(item))
        return True

    def remember_ack(self, group: str, message_id: int) -> None:
        self.acks[group] = message_id
        for old in list(self.acks)[:-_KEPT_ACKS]:
            del self.acks[old]

    def ready(self) -> bool:
        return bool(self.text) and self.category is not None and self.anonymous is not None

    def to_new_report(self) -> NewReport:
        assert self.text is not None and self.category is not None
        return NewReport(
            commune_code=self.commune,
            category=self.category,
            urgent=bool(self.urgent),
            text=self.text,
            anonymous=self.anonymous is not False,
            latitude=self.latitude,
            longitude=self.longitude,
            location_outside=self.far,
            address=self.address,
            reporter_name=self.name,
            reporter_phone=self.phone,
            attachments=tuple(Attachment(**a) for a in self.attachments),
        )

"""The report being put together, as it is kept in the conversation state (JSON in the database),
so a restart at any step finds it exactly as it was."""

import secrets
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from bot.services.reports import MAX_ATTACHMENTS, Attachment, NewReport

FLOW = "report"
STEPS = (
    "urgency",
    "category",
    "where",
    "where_commune",
    "where_check",
    "describe",
    "duplicate",
    "media",
    "identity",
    "phone",
    "review",
)
EDITABLE = ("urgency", "category", "where", "describe", "media", "identity")


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
    anonymous: bool | None = None
    name: str | None = None
    phone: str | None = None
    editing: bool = False
    # The one acknowledgement of attachments, edited as files arrive, and the question it took
    # the "Done" button from.
    ack: int | None = None
    prompt: int | None = None
    # The reply keyboard the resident has now ("flow", "where", "phone"): inline questions need
    # the flow's Cancel and Back under them too.
    keys: str | None = None
    # A text typed at "where" that reads like a description, until the resident says which.
    pending: str | None = None
    # The report filed a few minutes ago with the same text.
    earlier: str | None = None

    @classmethod
    def new(cls, commune: int) -> "Draft":
        return cls(id=secrets.token_hex(3), commune=commune)

    @classmethod
    def load(cls, data: dict[str, Any]) -> "Draft | None":
        """A stored draft; one saved by an older version (fields since dropped) loads too."""
        known = {f.name for f in fields(cls)}
        try:
            return cls(**{k: v for k, v in data.items() if k in known})
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

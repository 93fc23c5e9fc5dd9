"""A notice being written with /notice, and a live notice's field being changed with /notices,
as they are kept in the conversation state (JSON in the database), so a restart at any step
finds them exactly as they were.

Both carry a token that goes into every button they show (`ns:ACTION:TOKEN:…`): a button of an
earlier /notice, a forged one or a second tap finds another token, or a step already passed."""

import dataclasses
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Self

from bot.services.conversations import State
from bot.services.notices import NoticeKind
from bot.services.scopes import Scope

FLOW = "notice"
COMPOSE_STEPS = (
    "scope",
    "commune",
    "kind",
    "title",
    "body",
    "photo",
    "expiry",
    "issuer",
    "preview",
    "schedule",
)
EDIT_STEP = "edit"


def new_token() -> str:
    return secrets.token_hex(4)


@dataclass(frozen=True)
class Compose:
    """What /notice has gathered so far; each step fills in one more field."""

    token: str = dataclasses.field(default_factory=new_token)
    scope: Scope | None = None
    kind: NoticeKind | None = None
    title: str = ""
    body: str = ""
    photo_file_id: str | None = None
    expires_at: datetime | None = None
    # Typed by the publisher in the preview; otherwise the unit's usual name.
    issuer: str | None = None
    # Reaches residents inside their quiet hours at once instead of in the morning.
    urgent: bool = False

    @classmethod
    def load(cls, data: dict[str, Any]) -> Self:
        """A stored draft, also one saved before the fields had these names."""
        expires = data.get("expires")
        return cls(
            token=str(data.get("token", data.get("n", ""))),
            scope=Scope.parse(data["scope"]) if data.get("scope") else None,
            kind=NoticeKind(data["kind"]) if data.get("kind") else None,
            title=str(data.get("title", "")),
            body=str(data.get("body", "")),
            photo_file_id=data.get("photo"),
            expires_at=datetime.fromisoformat(expires) if expires else None,
            issuer=data.get("issuer"),
            urgent=bool(data.get("urgent", data.get("u", False))),
        )

    def as_data(self) -> dict[str, Any]:
        """The fields filled in so far (a step yet to come leaves its field out)."""
        data = {
            "token": self.token,
            "scope": str(self.scope) if self.scope else None,
            "kind": self.kind.value if self.kind else None,
            "title": self.title,
            "body": self.body,
            "photo": self.photo_file_id,
            "expires": self.expires_at.isoformat() if self.expires_at else None,
            "issuer": self.issuer,
            "urgent": self.urgent,
        }
        return {key: value for key, value in data.items() if value not in (None, "", False)}

    def at(self, step: str, **changes: Any) -> State:
        """The conversation state at `step`, with `changes` made to the draft."""
        return State(FLOW, step, replace(self, **changes).as_data())


class EditField(StrEnum):
    """A field of a live notice /notices can change. The short values travel in callback data
    (buttons already sent carry them)."""

    TITLE = "t"
    BODY = "b"
    EXPIRY = "x"


@dataclass(frozen=True)
class Edit:
    """The notice and field whose new value /notices is waiting for."""

    notice_id: int
    field: EditField
    token: str = dataclasses.field(default_factory=new_token)

    @classmethod
    def load(cls, data: dict[str, Any]) -> Self | None:
        """A stored edit, also one saved before the fields had these names."""
        try:
            return cls(
                notice_id=int(data.get("notice_id", data.get("id"))),  # type: ignore[arg-type]
                field=EditField(data.get("field", EditField.BODY.value)),
                token=str(data.get("token", data.get("n", ""))),
            )
        except (TypeError, ValueError):
            return None

    def state(self) -> State:
        data = {"notice_id": self.notice_id, "field": self.field.value, "token": self.token}
        return State(FLOW, EDIT_STEP, data)


def token_of(state: State) -> str:
    """The token a state's buttons carry (a draft begun before tokens existed has none: its
    buttons carry an empty one)."""
    return str(state.data.get("token", state.data.get("n", "")))

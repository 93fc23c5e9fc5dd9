"""What moderators do to a report from its card, and who may do it.

Every press is checked here, server-side: the card's token must exist and belong to the chat
and message it was pressed in; the presser must moderate the report's commune (or administer its
province, or be a superadmin) — membership of the room counts for nothing; and the report must
still be in a state where the action applies. Status changes are conditional on the status the
moderator saw, so of two moderators pressing at once one wins and the other is told.
"""

from dataclasses import dataclass
from enum import StrEnum

from bot.services.cards import Cards, CardState, PostedCard
from bot.services.communes import CommuneDirectory
from bot.services.report_lifecycle import (
    ConcurrentChange,
    InvalidTransition,
    ReportLifecycle,
    StatusChange,
    UnknownReport,
)
from bot.services.reports import Status
from bot.services.roles import Roles, StaffRoles


class Action(StrEnum):
    TAKE = "tk"
    PROGRESS = "ip"
    RESOLVE = "rs"
    REJECT = "rj"
    DUPLICATE = "dp"
    TRANSFER = "tr"
    ESCALATE = "es"
    MESSAGE = "mg"
    TIMELINE = "tl"
    FULL_TEXT = "ft"
    BLOCK = "bl"


REASONS = ("spam", "insufficient", "not_competent", "false")
OPEN = frozenset({Status.NEW, Status.TRANSFERRED, Status.ACKNOWLEDGED, Status.IN_PROGRESS})
ANY = frozenset(Status)
APPLIES: dict[Action, frozenset[Status]] = {
    Action.TAKE: frozenset({Status.NEW, Status.TRANSFERRED}),
    Action.PROGRESS: frozenset({Status.NEW, Status.TRANSFERRED, Status.ACKNOWLEDGED}),
    Action.RESOLVE: OPEN,
    Action.REJECT: OPEN,
    Action.DUPLICATE: OPEN,
    Action.TRANSFER: OPEN,
    Action.ESCALATE: OPEN,
    Action.MESSAGE: ANY,
    Action.TIMELINE: ANY,
    Action.FULL_TEXT: ANY,
    Action.BLOCK: ANY,
}
TARGET: dict[Action, Status] = {
    Action.TAKE: Status.ACKNOWLEDGED,
    Action.PROGRESS: Status.IN_PROGRESS,
    Action.RESOLVE: Status.RESOLVED,
    Action.REJECT: Status.REJECTED,
    Action.DUPLICATE: Status.DUPLICATE,
    Action.TRANSFER: Status.TRANSFERRED,
}


class TriageRefused(Exception):
    """A polite no: `reason` is a stable code (stale, not-moderator, state, conflict,
    unreachable, blocked, same-commune, unknown-code, same-report), `status` the report's
    status."""

    def __init__(self, reason: str, status: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Checked:
    """A press that passed every check: the card, and the report as it is now."""

    card: PostedCard
    state: CardState


@dataclass(frozen=True)
class Actor:
    roles: StaffRoles
    name: str


class Triage:
    def __init__(
        self,
        roles: Roles,
        cards: Cards,
        lifecycle: ReportLifecycle,
        directory: CommuneDirectory,
    ) -> None:
        self.roles = roles
        self.cards = cards
        self.lifecycle = lifecycle
        self.directory = directory

    async def check(
        self,
        actor: StaffRoles,
        token: str,
        chat_id: int,
        message_id: int | None,
        action: Action,
    ) -> Checked:
        """A press on card `token`, made in `chat_id` on `message_id` (None: on a message the
        bot sent about the card in the same chat, such as the transfer choices)."""
        card = await self.cards.by_token(token)
        if card is None or card.chat_id != chat_id:
            raise TriageRefused("stale")
        if message_id is not None and card.message_id != message_id:
            raise TriageRefused("stale")
        state = await self.cards.state(card.code)
        self.authorize(actor, state.card.commune_code)
        status = Status(state.card.status)
        if status not in APPLIES[action] or (action is Action.ESCALATE and state.escalated):
            raise TriageRefused("state", status)
        if action in (Action.MESSAGE, Action.BLOCK) and not state.reachable:
            raise TriageRefused("unreachable", status)
        if action is Action.BLOCK and state.reporter_blocked:
            raise TriageRefused("blocked", status)
        return Checked(card, state)

    def authorize(self, actor: StaffRoles, commune_code: int) -> None:
        if not self.roles.can_moderate(actor, commune_code):
            raise TriageRefused("not-moderator")

    async def change(
        self,
        actor: Actor,
        checked: Checked,
        action: Action,
        *,
        reason: str | None = None,
        commune_code: int | None = None,
        note: str | None = None,
    ) -> StatusChange:
        """Apply a status action the moderator saw applying. `note` is internal."""
        state = checked.state
        if action is Action.REJECT and reason not in REASONS:
            raise TriageRefused("stale")
        if action is Action.TRANSFER:
            if commune_code is None or self.directory.get(commune_code) is None:
                raise TriageRefused("stale")
            if commune_code == state.card.commune_code:
                raise TriageRefused("same-commune")
        try:
            change = await self.lifecycle.change_status(
                state.card.code,
                TARGET[action],
                actor_telegram_id=actor.roles.telegram_id,
                actor_name=actor.name,
                expected=Status(state.card.status),
                reason=reason,
                commune_code=commune_code,
            )
        except ConcurrentChange as exc:
            raise TriageRefused("conflict", exc.status) from None
        except (InvalidTransition, UnknownReport):
            raise TriageRefused("state", state.card.status) from None
        if note:
            await self.lifecycle.internal_note(
                state.card.code, note, actor_telegram_id=actor.roles.telegram_id
            )
        return change

    async def escalate(self, actor: Actor, checked: Checked) -> None:
        raised = await self.lifecycle.escalate(
            checked.state.card.code,
            actor="moderator",
            actor_telegram_id=actor.roles.telegram_id,
            actor_name=actor.name,
        )
        if not raised:
            raise TriageRefused("conflict", checked.state.card.status)

    async def duplicate_of(self, actor: Actor, checked: Checked, original: str) -> StatusChange:
        """Mark as a duplicate of another report the moderator may see (same commune rules)."""
        code = checked.state.card.code
        try:
            other = await self.cards.state(original)
        except UnknownReport:
            raise TriageRefused("unknown-code") from None
        if other.card.code == code:
            raise TriageRefused("same-report")
        if not self.roles.can_moderate(actor.roles, other.card.commune_code):
            raise TriageRefused("unknown-code")
        return await self.change(actor, checked, Action.DUPLICATE, note=other.card.code)

"""Texts and keyboards of the moderator side: the report card, its buttons, the timeline.
Everything a user typed goes through tr() arguments or escape()."""

import hashlib
import json

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.callbacks import cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import category_label, commune_name, local_time
from bot.i18n import Html, escape
from bot.services.cards import CardState, PostedCard, StaffEvent
from bot.services.reporter_blocks import REASONS as BLOCK_REASONS
from bot.services.reports import Status
from bot.services.triage import APPLIES, REASONS, Action

SCOPE = "mc"
# The card must stay under Telegram's 4,096 characters with every other line at its longest.
CARD_TEXT = 2500
TIMELINE_LINES = 40
# Buttons that ask for a reason in place of the card's own: (their action, the labels' keys,
# the reasons). Back ("bk") returns to the card's buttons.
# What a card shows at once, and what waits behind "More…" (the `mo` button): officers take,
# answer and close reports many times a day, and mark duplicates or transfer rarely.
_MAIN = (
    (Action.TAKE, Action.PROGRESS, Action.RESOLVE),
    (Action.REJECT, Action.MESSAGE),
    (Action.FULL_TEXT,),
)
_MORE = ((Action.DUPLICATE, Action.TRANSFER), (Action.ESCALATE, Action.TIMELINE))
MORE = "mo"
_CHOICES = {
    "reject": ("rr", "rooms-reason", REASONS),
    "block": ("br", "rooms-block-reason", BLOCK_REASONS),
}


def reporter_line(context: BotContext, locale: str, state: CardState) -> Html:
    card = state.card
    if card.anonymous or not (card.reporter_name or card.reporter_phone):
        return tr(context, locale, "rooms-card-anonymous", alias=state.pseudonym)
    details = ", ".join(p for p in (card.reporter_name, card.reporter_phone) if p)
    return tr(context, locale, "rooms-card-named", reporter=details)


def card_text(
    context: BotContext, posted: PostedCard | None, state: CardState, locale: str
) -> Html:
    t, card = context.services.translator, state.card
    lines: list[str] = []
    if posted is not None and posted.kind == "alert":
        lines.append(t(locale, "rooms-card-alert"))
    if card.urgent:
        lines.append(t(locale, "rooms-card-urgent"))
    lines.append(t(locale, "rooms-card-title", code=card.code))
    lines.append(
        t(locale, "rooms-card-category", category=category_label(context, locale, card.category))
    )
    lines.append(t(locale, "rooms-card-commune", commune=commune_name(context, card.commune_code)))
    lines.append(t(locale, "rooms-card-time", time=local_time(context, card.created_at)))
    if card.address:
        lines.append(t(locale, "rooms-card-address", address=card.address))
    if card.latitude is not None:
        key = "rooms-card-pin-far" if card.location_outside else "rooms-card-pin"
        lines.append(t(locale, key))
    lines.append(reporter_line(context, locale, state))
    if state.attachments:
        lines.append(t(locale, "rooms-card-attachments", count=state.attachments))
    text = card.text
    if len(text) > CARD_TEXT:
        text = text[:CARD_TEXT] + "…"
    lines.append("")
    lines.append(escape(text))
    lines.append("")
    lines.append(status_line(context, locale, state))
    if state.escalated:
        lines.append(t(locale, "rooms-card-escalated"))
    if state.reporter_blocked:
        lines.append(t(locale, "rooms-card-blocked"))
    if posted is not None and posted.commune_code != card.commune_code:
        lines.append(
            t(locale, "rooms-card-moved", commune=commune_name(context, card.commune_code))
        )
    return Html("\n".join(lines))


def status_line(context: BotContext, locale: str, state: CardState) -> Html:
    t = context.services.translator
    status = t(locale, f"report-status-{state.card.status}")
    last = state.last_action
    if last is None or not last.actor_name:
        return t(locale, "rooms-card-status", status=status)
    return t(
        locale,
        "rooms-card-status-by",
        status=status,
        name=last.actor_name,
        time=local_time(context, last.at),
    )


def _button(context: BotContext, locale: str, action: Action, token: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        tr(context, locale, f"rooms-button-{action.value}"),
        callback_data=cb(SCOPE, action.value, token),
    )


def card_keyboard(
    context: BotContext, posted: PostedCard, state: CardState, mode: str = "main"
) -> InlineKeyboardMarkup | None:
    """The buttons that apply now. A card left behind by a transfer has none."""
    locale, token = posted.locale, posted.token
    if posted.commune_code != state.card.commune_code:
        return None
    if mode in _CHOICES:
        action, labels, reasons = _CHOICES[mode]
        rows = [
            [
                InlineKeyboardButton(
                    tr(context, locale, f"{labels}-{reason}"),
                    callback_data=cb(SCOPE, action, token, reason),
                )
            ]
            for reason in reasons
        ]
        rows.append([_extra(context, locale, "rooms-button-back", "bk", token)])
        return InlineKeyboardMarkup(rows)
    status = Status(state.card.status)

    def applies(action: Action) -> bool:
        if status not in APPLIES[action]:
            return False
        if action is Action.ESCALATE:
            return not state.escalated
        if action is Action.MESSAGE:
            return state.reachable
        if action is Action.BLOCK:
            return state.reachable and not state.reporter_blocked
        if action is Action.FULL_TEXT:
            return len(state.card.text) > CARD_TEXT
        return True

    if mode == "more":
        rows = [[_button(context, locale, a, token) for a in row if applies(a)] for row in _MORE]
        rows.append([_extra(context, locale, "rooms-button-back", "bk", token)])
        return InlineKeyboardMarkup([row for row in rows if row])
    rows = [[_button(context, locale, a, token) for a in row if applies(a)] for row in _MAIN]
    if any(applies(a) for row in _MORE for a in row):
        rows[-1].append(_extra(context, locale, "rooms-button-more", MORE, token))
    if applies(Action.BLOCK):
        rows.append([_button(context, locale, Action.BLOCK, token)])
    return InlineKeyboardMarkup([row for row in rows if row])


def _extra(
    context: BotContext, locale: str, key: str, action: str, token: str
) -> InlineKeyboardButton:
    return InlineKeyboardButton(tr(context, locale, key), callback_data=cb(SCOPE, action, token))


def digest(text: str, markup: InlineKeyboardMarkup | None) -> str:
    """What a message shows, to compare before editing (Telegram rejects identical edits)."""
    payload = json.dumps(
        [text, markup.to_dict() if markup else None], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def timeline_text(context: BotContext, locale: str, code: str, events: list[StaffEvent]) -> Html:
    t = context.services.translator
    lines: list[str] = [t(locale, "rooms-timeline-title", code=code)]
    for event in events[-TIMELINE_LINES:]:
        at = local_time(context, event.at)
        who = event.actor_name or t(locale, f"rooms-actor-{event.actor}")
        line: str
        if event.kind == "status" and event.to_status:
            line = t(
                locale,
                "rooms-timeline-status",
                at=at,
                who=who,
                status=t(locale, f"report-status-{event.to_status}"),
            )
            if event.reason:
                line += " — " + t(locale, f"rooms-reason-{event.reason}")
        else:
            line = t(locale, f"rooms-timeline-{event.kind}", at=at, who=who)
            if event.kind == "blocked" and event.reason:
                line += " — " + t(locale, f"rooms-block-reason-{event.reason}")
        if event.note:
            line += "\n    " + escape(event.note[:300])
        lines.append(line)
    return Html("\n".join(lines))

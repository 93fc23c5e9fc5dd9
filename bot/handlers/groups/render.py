"""Texts and keyboards of community groups: the card residents see, the leaders' and the
moderators' cards, lines of lists. Everything a user typed is escaped by the translator."""

from collections.abc import Mapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers.callbacks import cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name
from bot.i18n import Html
from bot.services.group_kinds import GroupKind
from bot.services.groups import GroupView

# Callback scopes: residents' buttons, leaders' buttons, moderators' buttons.
RESIDENT = "gr"
LEADER = "gl"
STAFF = "ga"
FLOW = "groups"
# Leaders named on the admin card (and given a dismiss button); more are counted.
LEADERS_SHOWN = 5


def button(label: str, scope: str, action: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=cb(scope, action, *args))


def display_name_of(update: Update) -> tuple[str, str | None]:
    user = update.effective_user
    assert user is not None
    return user.first_name, user.last_name


def kind_of(context: BotContext, group: GroupView) -> GroupKind | None:
    return context.services.group_kinds.get(group.kind)


def kind_label(context: BotContext, locale: str, key: str) -> str:
    kind = context.services.group_kinds.get(key)
    return f"{kind.icon} {kind.name(locale)}" if kind else key


def line(context: BotContext, locale: str, group: GroupView) -> str:
    """A group on a button: name, hamlet, members."""
    place = f" · {group.hamlet}" if group.hamlet else ""
    return f"{group.name[:40]}{place[:24]} · 👥 {group.members}"


def card(context: BotContext, locale: str, group: GroupView, standing: str | None) -> Html:
    """The group as a resident sees it, with where they stand (member, pending, leader)."""
    kind = kind_of(context, group)
    parts = [
        tr(
            context,
            locale,
            "group-card",
            icon=kind.icon if kind else "",
            name=group.name,
            kind=kind.name(locale) if kind else group.kind,
            place=", ".join(
                p for p in (group.hamlet, commune_name(context, group.commune_code)) if p
            ),
            members=group.members,
        )
    ]
    if group.description:
        parts.append(tr(context, locale, "group-card-description", text=group.description))
    if group.meeting:
        parts.append(tr(context, locale, "group-card-meeting", text=group.meeting))
    if group.contact:
        parts.append(tr(context, locale, "group-card-contact", text=group.contact))
    if kind is not None and kind.mediation:
        parts.append(tr(context, locale, "group-card-mediation"))
    if not group.active:
        parts.append(tr(context, locale, "group-card-archived"))
    elif standing is not None:
        parts.append(tr(context, locale, f"group-standing-{standing}"))
    return Html("\n".join(parts))


def card_keyboard(
    context: BotContext,
    locale: str,
    group: GroupView,
    standing: str | None,
    *,
    leads: bool,
    manages: bool,
) -> InlineKeyboardMarkup:
    def t(key: str) -> str:
        return tr(context, locale, key)

    rows: list[list[InlineKeyboardButton]] = []
    if group.active:
        if standing is None:
            rows.append([button(t("group-join"), RESIDENT, "j", group.id)])
            rows.append([button(t("group-join-message"), RESIDENT, "jm", group.id)])
        elif standing == "member":
            rows.append([button(t("group-notices"), RESIDENT, "n", group.id)])
            if group.chat_id is not None:
                rows.append([button(t("group-chat"), RESIDENT, "c", group.id)])
        kind = kind_of(context, group)
        if kind is not None and kind.mediation:
            rows.append([button(t("group-mediation"), RESIDENT, "m", group.id)])
        if standing in ("member", "pending"):
            rows.append([button(t(f"group-leave-{standing}"), RESIDENT, "l", group.id)])
        if leads:
            rows.append([button(t("group-leader-tools"), LEADER, "o", group.id)])
    if manages:
        rows.append([button(t("group-manage"), STAFF, "o", group.id)])
    rows.append([button(t("group-back"), RESIDENT, "h")])
    return InlineKeyboardMarkup(rows)


def leader_card(context: BotContext, locale: str, group: GroupView) -> Html:
    linked = "group-chat-linked" if group.chat_id is not None else "group-chat-unlinked"
    return tr(
        context,
        locale,
        "group-leader-card",
        name=group.name,
        members=group.members,
        pending=group.pending,
        chat=tr(context, locale, linked),
    )


def leader_keyboard(context: BotContext, locale: str, group: GroupView) -> InlineKeyboardMarkup:
    def t(key: str, **args: object) -> str:
        return tr(context, locale, key, **args)

    g = group.id
    return InlineKeyboardMarkup(
        [
            [button(t("group-requests", count=group.pending), LEADER, "rq", g)],
            [button(t("group-members"), LEADER, "mb", g, 0)],
            [button(t("group-post-notice"), LEADER, "nt", g)],
            [
                button(t("group-edit-description"), LEADER, "ed", g, "d"),
                button(t("group-edit-meeting"), LEADER, "ed", g, "m"),
            ],
            [
                button(t("group-edit-contact"), LEADER, "ed", g, "c"),
                button(t("group-link-chat"), LEADER, "ln", g),
            ],
            [button(t("group-story"), LEADER, "st", g)],
            [button(t("group-back-card"), RESIDENT, "o", g)],
        ]
    )


def person(telegram_id: int, name: str | None) -> str:
    """Someone the moderators appoint or dismiss: their name when the bot knows it, and always
    the Telegram id, which is what tells two people of one name apart."""
    return f"{name} ({telegram_id})" if name else str(telegram_id)


def staff_card(
    context: BotContext, locale: str, group: GroupView, names: Mapping[int, str] | None = None
) -> Html:
    names = names or {}
    shown = [person(t, names.get(t)) for t in group.leaders[:LEADERS_SHOWN]]
    more = len(group.leaders) - len(shown)
    leaders = ", ".join(shown + ([f"+{more}"] if more else [])) or tr(
        context, locale, "group-no-leader"
    )
    return tr(
        context,
        locale,
        "group-staff-card",
        id=group.id,
        name=group.name,
        kind=kind_label(context, locale, group.kind),
        commune=commune_name(context, group.commune_code),
        leaders=leaders,
        members=group.members,
        pending=group.pending,
        status=tr(context, locale, f"group-status-{group.status}"),
    )


def staff_keyboard(
    context: BotContext, locale: str, group: GroupView, names: Mapping[int, str] | None = None
) -> InlineKeyboardMarkup:
    names = names or {}

    def t(key: str) -> str:
        return tr(context, locale, key)

    g = group.id
    rows = []
    if group.active:
        rows.append([button(t("group-appoint"), STAFF, "ld", g)])
        rows += [
            [button(f"➖ {person(leader, names.get(leader))}", STAFF, "lr", g, leader)]
            for leader in group.leaders[:LEADERS_SHOWN]
        ]
        rows.append(
            [button(t("group-archive"), STAFF, "ar", g), button(t("group-merge"), STAFF, "mg", g)]
        )
    rows.append([button(t("group-back-card"), RESIDENT, "o", g)])
    return InlineKeyboardMarkup(rows)

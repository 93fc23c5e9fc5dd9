"""What every handler needs: the services, the current resident, their language, and the one
place that sends or edits messages without tripping over Telegram's quirks."""

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    InlineQueryResult,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    ExtBot,
    filters,
)

from bot.handlers.callbacks import Callback, parse, pattern
from bot.handlers.limits import shown_text
from bot.i18n import Html, locale_for
from bot.receiving.attempt import may_answer
from bot.sending.sender import Sender
from bot.services.container import Services
from bot.services.residents import Resident
from bot.services.roles import Refusal

log = logging.getLogger(__name__)

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context plus typed access to our services."""

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data["services"]
        return services

    @property
    def sender(self) -> "Sender":
        sender: Sender = self.application.bot_data["sender"]
        return sender


def send_soon(context: BotContext) -> None:
    """Something was queued in the outbox (a report card, a status notice, a broadcast): have
    it sent now rather than on the sender's next round."""
    context.sender.kick()


BotApplication = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def current_resident(update: Update, context: BotContext) -> Resident:
    """The resident behind this update, created on first contact in their Telegram language."""
    user = update.effective_user
    assert user is not None
    services = context.services
    locale = locale_for(user.language_code, services.settings.bot_default_locale)
    return await services.residents.get_or_create(user.id, locale)


async def user_locale(update: Update, context: BotContext) -> str:
    """The language to answer in, without creating a resident (groups, refusals)."""
    user = update.effective_user
    default = context.services.settings.bot_default_locale
    if user is None:
        return default
    resident = await context.services.residents.get(user.id)
    if resident is not None:
        return resident.locale
    return locale_for(user.language_code, default)


def tr(context: BotContext, locale: str, key: str, **args: object) -> Html:
    return context.services.translator(locale, key, **args)


async def send(
    context: BotContext,
    chat_id: int,
    text: str,
    reply_markup: Markup | None = None,
    reply_to: int | None = None,
) -> Message:
    return await context.bot.send_message(
        chat_id,
        text,
        reply_markup=reply_markup,
        reply_to_message_id=reply_to,
        allow_sending_without_reply=True if reply_to else None,
    )


async def reply(
    update: Update, context: BotContext, text: str, markup: Markup | None = None
) -> None:
    chat = update.effective_chat
    assert chat is not None
    await send(context, chat.id, text, markup)


async def too_long(update: Update, context: BotContext, locale: str, text: str, limit: int) -> bool:
    """Whether a typed text is over a step's limit, after telling the sender: nothing of it is
    kept, so nothing is lost without their knowing."""
    if len(text) <= limit:
        return False
    await reply(update, context, tr(context, locale, "text-too-long", length=len(text), max=limit))
    return True


def message_of(update: Update) -> Message:
    """The message an update carries (a step's or a command's: there always is one)."""
    message = update.effective_message
    assert message is not None
    return message


def typed_text(update: Update) -> str:
    """What a message says, without the white space around it."""
    message = update.effective_message
    return (message.text or "").strip() if message is not None else ""


async def typed(
    update: Update, context: BotContext, locale: str, empty: Html, limit: int
) -> str | None:
    """The text typed at a step; None (the step kept) once the resident was asked again for an
    empty one (`empty`) or told it is too long."""
    text = typed_text(update)
    if not text:
        await reply(update, context, empty)
        return None
    if await too_long(update, context, locale, text, limit):
        return None
    return text


@dataclass(frozen=True)
class View:
    """What a message shows: its text as Telegram displays it, and its inline buttons."""

    text: str
    buttons: dict[str, Any] | None

    @classmethod
    def of(cls, text: str, markup: InlineKeyboardMarkup | None) -> "View":
        return cls(text, markup.to_dict() if markup is not None else None)

    @classmethod
    def showing(cls, message: Message) -> "View":
        """What a message an update carries showed when Telegram sent the update."""
        return cls.of((message.text or message.caption or "").strip(), message.reply_markup)


class Shown:
    """What the bot last made its recent messages show. A press carries the message as it was
    when pressed, which a double tap has already made stale; Telegram rejects an edit that
    changes nothing, so every edit is compared with this first."""

    SIZE = 4096

    def __init__(self) -> None:
        self._views: OrderedDict[tuple[int, int], View] = OrderedDict()

    def get(self, key: tuple[int, int]) -> View | None:
        return self._views.get(key)

    def remember(self, key: tuple[int, int], view: View) -> None:
        self._views[key] = view
        self._views.move_to_end(key)
        while len(self._views) > self.SIZE:
            self._views.popitem(last=False)

    def sent(self, message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
        """A message just sent, which may be edited to show the same again."""
        self.remember((message.chat_id, message.message_id), View.of(shown_text(text), markup))


@dataclass
class Press:
    """The button press being handled: `button()` starts one per press and a context variable
    carries it to `answer`, `edit` and the error handler (PTB runs them in the press's task)."""

    query_id: str
    shown: Shown = field(repr=False)


_press: ContextVar[Press | None] = ContextVar("press", default=None)


def _press_of(query: CallbackQuery) -> Press | None:
    press = _press.get()
    return press if press is not None and press.query_id == query.id else None


def _showing(query: CallbackQuery) -> tuple[tuple[int, int], View | None]:
    """The pressed message and what it shows now, as far as the bot knows."""
    message = query.message
    assert message is not None
    key = (message.chat.id, message.message_id)
    press = _press_of(query)
    known = press.shown.get(key) if press is not None else None
    if known is None and isinstance(message, Message):
        known = View.showing(message)
    return key, known


def _remember(query: CallbackQuery, key: tuple[int, int], view: View) -> None:
    press = _press_of(query)
    if press is not None:
        press.shown.remember(key, view)


def shown_of(context: BotContext) -> Shown:
    shown: Shown = context.application.bot_data.setdefault(SHOWN, Shown())
    return shown


async def apply_edit(edit: Awaitable[object]) -> None:
    """Make an edit, and take Telegram's "message is not modified" as done: the callers
    compare first, so it only comes when Telegram tidied a text itself or a message changed
    where this process could not see (another process, or before a restart)."""
    try:
        await edit
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise
        log.debug("edit changed nothing: %s", exc.message)


async def edit_message(
    context: BotContext,
    chat_id: int,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    seen: Message | None = None,
) -> None:
    """Edit a message the bot sent earlier (not the one under a press), unless it already
    shows exactly that: as this process last set it, else as `seen` (the message as an
    update carried it, e.g. the prompt a reply answers) shows it."""
    shown, key = shown_of(context), (chat_id, message_id)
    wanted = View.of(shown_text(text), markup)
    known = shown.get(key)
    if known is None and seen is not None:
        known = View.showing(seen)
    if known == wanted:
        return
    await apply_edit(
        context.bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=message_id,
            reply_markup=markup,
        )
    )
    shown.remember(key, wanted)


async def edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit the message under a pressed button, unless it already shows exactly that. A press
    on a message that has no text to edit (a photo, or one gone: a forged press) gets the text
    as a new message instead."""
    query = update.callback_query
    assert query is not None and query.message is not None
    if not isinstance(query.message, Message) or query.message.text is None:
        await query.message.chat.send_message(text, reply_markup=markup)
        return
    key, now = _showing(query)
    wanted = View.of(shown_text(text), markup)
    if now == wanted:
        return
    await apply_edit(query.edit_message_text(text, reply_markup=markup))
    _remember(query, key, wanted)


async def answer(update: Update, text: str | None = None, alert: bool = False) -> bool:
    """Every button press must be answered, quickly, or the client shows a spinner — and only
    once, within Telegram's window: Telegram rejects a second or late answer. The inbox keeps
    the answer, so a retry of the press, in this process or another, knows of it. Says whether
    this call answered it."""
    query = update.callback_query
    assert query is not None
    if not await may_answer():
        return False
    try:
        await query.answer(text, show_alert=alert)
    except BadRequest as exc:
        # The press is older than Telegram keeps queries; the user already moved on.
        log.info("callback answer failed: %s", exc.message)
        return False
    return True


async def answer_inline(
    update: Update, results: Sequence[InlineQueryResult], **kwargs: Any
) -> bool:
    """Answer an inline query, as `answer` answers a press: once, and only within Telegram's
    window; an answer Telegram no longer takes is left out (the resident typed on long ago)."""
    query = update.inline_query
    assert query is not None
    if not await may_answer():
        return False
    try:
        await query.answer(results, **kwargs)
    except BadRequest as exc:
        log.info("inline answer failed: %s", exc.message)
        return False
    return True


async def clear_buttons(update: Update) -> None:
    """Take the buttons off the pressed message so it cannot be pressed again."""
    query = update.callback_query
    assert query is not None
    key, now = _showing(query)
    # Nothing to take off a message that is gone, or shows no buttons.
    if now is None or now.buttons is None:
        return
    await apply_edit(query.edit_message_reply_markup(None))
    _remember(query, key, View(now.text, None))


class Refused(Exception):
    """A press or a message that changes nothing: a stale, forged or repeated button, a step
    already passed, or something the user may not do (any more). Raised anywhere under
    `button()`, `command()`, a conversation step or a menu item, and answered once, there (or
    by the router), with the text `key` names: by default "this button is old". A service's
    `Refusal` raised there is answered the same way, as an alert (`Refused.of`). `locale`
    names the language when it is not the user's own (a room speaks the default one)."""

    def __init__(
        self,
        key: str = "button-stale",
        *,
        alert: bool = False,
        locale: str | None = None,
        **details: object,
    ):
        super().__init__(key)
        self.key, self.alert, self.locale, self.details = key, alert, locale, details

    @classmethod
    def of(cls, refusal: Refusal) -> "Refused":
        """A service's polite no, as its `refusal-…` sentence."""
        refused = cls(f"refusal-{refusal.reason}", alert=True)
        refused.details = refusal.details
        return refused

    async def tell(self, update: Update, context: BotContext) -> None:
        """On the press if it is not answered yet, else (and for a message) in the chat."""
        locale = self.locale or await user_locale(update, context)
        text = tr(context, locale, self.key, **self.details)
        if update.callback_query is None or not await answer(update, text, alert=self.alert):
            await reply(update, context, text)


async def answering_refusals(
    update: Update, context: BotContext, handling: Awaitable[None]
) -> None:
    """Run a handler's work; a `Refused` or a service's `Refusal` it raises is answered once."""
    try:
        await handling
    except Refused as refused:
        await refused.tell(update, context)
    except Refusal as refusal:
        await Refused.of(refusal).tell(update, context)


ButtonHandler = Callable[[Update, BotContext, Callback], Awaitable[None]]
CommandCallback = Callable[[Update, BotContext], Awaitable[None]]
SHOWN = "shown"  # in bot_data: the application's Shown


def button(handler: ButtonHandler) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """Adapt a handler that takes parsed callback data; malformed data is a stale button, and
    a handler that raises `Refused` (or a service's `Refusal`) has the press answered with its
    text."""

    async def run(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None
        _press.set(Press(query.id, shown_of(context)))
        data = parse(query.data)
        if data is None:
            await Refused().tell(update, context)
            return
        await answering_refusals(update, context, handler(update, context, data))

    return run


def command(handler: CommandCallback) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """Adapt a command's handler: a `Refused` or a service's `Refusal` it raises is answered in
    the chat."""

    async def run(update: Update, context: BotContext) -> None:
        await answering_refusals(update, context, handler(update, context))

    return run


Handlers = list[BaseHandler[Update, BotContext, None]]


def commands(
    table: Mapping[str, CommandCallback], only: filters.BaseFilter | None = None
) -> Handlers:
    """A feature's commands, by name, each answering refusals (`command()`); `only` narrows
    where they are heard (e.g. private chats)."""
    return [CommandHandler(name, command(handler), filters=only) for name, handler in table.items()]


def buttons(table: Mapping[str, ButtonHandler]) -> Handlers:
    """A feature's buttons, by callback scope, each through `button()`."""
    return [
        CallbackQueryHandler(button(handler), pattern=pattern(scope))
        for scope, handler in table.items()
    ]

"""Texts and keyboards of the report flow: each step's question, and the review summary."""

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.handlers.callbacks import cb
from bot.handlers.common import BotContext, Markup, tr
from bot.handlers.formatting import category_label, commune_name
from bot.handlers.reports.draft import EDITABLE, Draft
from bot.i18n import LOCALES, Html
from bot.services.communes import Commune
from bot.services.reports import MAX_ATTACHMENTS, TEXT_MAX, TEXT_MIN

SCOPE = "rp"
_SUMMARY_TEXT = 600


def _button(
    context: BotContext, locale: str, key: str, action: str, *args: object
) -> InlineKeyboardButton:
    return InlineKeyboardButton(tr(context, locale, key), callback_data=cb(SCOPE, action, *args))


def _inline(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(list(rows))


def is_label(context: BotContext, text: str, key: str) -> bool:
    """Whether a typed text is one of our reply-keyboard buttons, in any language."""
    cleaned = text.strip()
    return any(context.services.translator(locale, key) == cleaned for locale in LOCALES)


def question(context: BotContext, locale: str, step: str, draft: Draft) -> tuple[Html, Markup]:
    """The text and keyboard that ask for `step`."""
    return _QUESTIONS.get(step, _review)(context, locale, draft)


def _answers(
    context: BotContext,
    locale: str,
    draft: Draft,
    labels: str,
    action: str,
    answers: dict[str, str],
) -> InlineKeyboardMarkup:
    """A button a row for each answer: the label `{labels}-{name}`, pressed, sends its value."""
    return _inline(
        *(
            [_button(context, locale, f"{labels}-{name}", action, draft.id, value)]
            for name, value in answers.items()
        )
    )


def _urgency(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    keyboard = _answers(context, locale, draft, "report-urgency", "u", {"yes": "y", "no": "n"})
    return tr(context, locale, "report-urgency-ask"), keyboard


def _category(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    return tr(context, locale, "report-category-ask"), category_keyboard(context, locale, draft)


def _where(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    text = tr(context, locale, "report-where-ask", commune=commune_name(context, draft.commune))
    return text, where_keyboard(context, locale)


def _where_commune(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    back = _inline([_button(context, locale, "report-where-commune-back", "m", draft.id, "back")])
    return tr(context, locale, "report-where-commune-ask"), back


def _where_check(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    text = tr(context, locale, "report-where-check", text=_cut(draft.pending or "", 200))
    answers = {"address": "a", "describe": "d"}
    keyboard = _answers(context, locale, draft, "report-where-check", "w", answers)
    return text, keyboard


def _describe(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    text = tr(context, locale, "report-describe-ask", min=TEXT_MIN)
    return text, flow_keyboard(context, locale)


def _duplicate(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    text = tr(context, locale, "report-duplicate", code=draft.earlier or "")
    answers = {"add": "add", "rewrite": "new"}
    keyboard = _answers(context, locale, draft, "report-duplicate", "y", answers)
    return text, keyboard


def _media(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    text = tr(context, locale, "report-media-ask", max=MAX_ATTACHMENTS)
    return text, media_keyboard(context, locale, draft)


def _identity(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    answers = {"anonymous": "anon", "named": "named"}
    keyboard = _answers(context, locale, draft, "report-identity", "i", answers)
    return tr(context, locale, "report-identity-ask"), keyboard


def _phone(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    return tr(context, locale, "report-phone-ask"), phone_keyboard(context, locale)


def _review(context: BotContext, locale: str, draft: Draft) -> tuple[Html, Markup]:
    return summary(context, locale, draft), review_keyboard(context, locale, draft)


_QUESTIONS = {
    "urgency": _urgency,
    "category": _category,
    "where": _where,
    "where_commune": _where_commune,
    "where_check": _where_check,
    "describe": _describe,
    "duplicate": _duplicate,
    "media": _media,
    "identity": _identity,
    "phone": _phone,
    "review": _review,
}


def category_keyboard(context: BotContext, locale: str, draft: Draft) -> InlineKeyboardMarkup:
    """Two columns of short labels; "?" explains them (the descriptions)."""
    buttons = [
        InlineKeyboardButton(c.short(locale), callback_data=cb(SCOPE, "c", draft.id, c.key))
        for c in context.services.categories.all()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(context, locale, "report-category-explain", "h", draft.id)])
    return InlineKeyboardMarkup(rows)


def categories_explained(context: BotContext, locale: str) -> Html:
    lines = [tr(context, locale, "report-category-ask"), ""]
    lines += [
        tr(
            context,
            locale,
            "report-category-line",
            label=c.short(locale),
            description=c.description(locale),
        )
        for c in context.services.categories.all()
    ]
    return Html("\n".join(lines))


def flow_keyboard(context: BotContext, locale: str) -> ReplyKeyboardMarkup:
    """Under every step of the flow, whatever else the step shows."""
    return ReplyKeyboardMarkup(
        [_flow_row(context, locale)],
        resize_keyboard=True,
        is_persistent=True,
        input_field_placeholder=tr(context, locale, "report-flow-placeholder"),
    )


def _flow_row(context: BotContext, locale: str) -> list[KeyboardButton]:
    return [
        KeyboardButton(tr(context, locale, "report-flow-back")),
        KeyboardButton(tr(context, locale, "report-flow-cancel")),
    ]


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def commune_buttons(
    context: BotContext, locale: str, draft: Draft, communes: list[Commune]
) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(c.name, callback_data=cb(SCOPE, "m", draft.id, c.code))]
        for c in communes
    ]
    rows.append([_button(context, locale, "report-where-commune-back", "m", draft.id, "back")])
    return InlineKeyboardMarkup(rows)


def where_keyboard(context: BotContext, locale: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(tr(context, locale, "report-where-pin"), request_location=True)],
            [KeyboardButton(tr(context, locale, "report-where-change"))],
            [KeyboardButton(tr(context, locale, "report-where-continue"))],
            _flow_row(context, locale),
        ],
        resize_keyboard=True,
        is_persistent=True,
    )


def phone_keyboard(context: BotContext, locale: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(tr(context, locale, "report-phone-share"), request_contact=True)],
            [KeyboardButton(tr(context, locale, "report-phone-skip"))],
            _flow_row(context, locale),
        ],
        resize_keyboard=True,
        is_persistent=True,
    )


def media_keyboard(context: BotContext, locale: str, draft: Draft) -> InlineKeyboardMarkup:
    rows = [[_button(context, locale, "report-media-done", "d", draft.id)]]
    if draft.editing and draft.attachments:
        label = tr(context, locale, "report-media-clear", count=len(draft.attachments))
        rows.append([InlineKeyboardButton(label, callback_data=cb(SCOPE, "a", draft.id))])
    return InlineKeyboardMarkup(rows)


def trim_keyboard(context: BotContext, locale: str, draft: Draft) -> InlineKeyboardMarkup:
    label = tr(context, locale, "report-describe-trim", max=TEXT_MAX)
    return _inline([InlineKeyboardButton(label, callback_data=cb(SCOPE, "t", draft.id))])


def review_keyboard(context: BotContext, locale: str, draft: Draft) -> InlineKeyboardMarkup:
    return _inline(
        [_button(context, locale, "report-send", "s", draft.id)],
        [_button(context, locale, "report-edit", "e", draft.id)],
        [_button(context, locale, "report-cancel", "x", draft.id)],
    )


def parts_keyboard(context: BotContext, locale: str, draft: Draft) -> InlineKeyboardMarkup:
    rows = [
        [_button(context, locale, f"report-part-{part}", "p", draft.id, part)] for part in EDITABLE
    ]
    rows.append([_button(context, locale, "report-back", "p", draft.id, "back")])
    return InlineKeyboardMarkup(rows)


def discard_keyboard(context: BotContext, locale: str, draft: Draft) -> InlineKeyboardMarkup:
    return _inline(
        [_button(context, locale, "report-cancel-yes", "k", draft.id, "y")],
        [_button(context, locale, "report-cancel-no", "k", draft.id, "n")],
    )


def resume_keyboard(context: BotContext, locale: str, draft: Draft) -> InlineKeyboardMarkup:
    return _inline(
        [_button(context, locale, "report-draft-continue", "r", draft.id, "go")],
        [_button(context, locale, "report-draft-discard", "r", draft.id, "new")],
    )


def summary(context: BotContext, locale: str, draft: Draft) -> Html:
    none = tr(context, locale, "report-none")
    pin = none
    if draft.latitude is not None:
        pin = tr(context, locale, "report-pin-far" if draft.far else "report-pin-set")
    if draft.anonymous is not False:
        identity = tr(context, locale, "report-as-anonymous")
    elif draft.phone:
        identity = tr(
            context, locale, "report-as-named-phone", name=draft.name or "", phone=draft.phone
        )
    else:
        identity = tr(context, locale, "report-as-named", name=draft.name or "")
    category = context.services.categories.get(draft.category) if draft.category else None
    urgent = bool(draft.urgent) or (category is not None and category.urgent)
    text = _cut(draft.text or "", _SUMMARY_TEXT)
    return tr(
        context,
        locale,
        "report-review",
        urgent=tr(context, locale, "report-yes" if urgent else "report-no"),
        category=category_label(context, locale, draft.category),
        commune=commune_name(context, draft.commune),
        pin=pin,
        address=draft.address or none,
        text=text or none,
        attachments=len(draft.attachments),
        identity=identity,
    )

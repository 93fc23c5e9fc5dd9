"""The `ns` buttons of notices: a live notice's own (manage.py), and those of a /notice being
composed or an edit waiting for its value, each accepted only with the stored token and at the
step it belongs to; anything else is stale and changes nothing."""

from telegram import Update

from bot.handlers import common
from bot.handlers.callbacks import Callback
from bot.handlers.common import BotContext
from bot.handlers.information import compose, manage
from bot.handlers.information.draft import EDIT_STEP, FLOW, token_of
from bot.handlers.steps import pressed_state

# (action, the step it belongs to) → what it does. Any other pair is stale.
_FLOW_BUTTONS: dict[tuple[str, str], compose.ButtonStep] = {
    **compose.BUTTONS,
    ("nx", EDIT_STEP): manage.on_no_expiry,
}
CANCEL = "x"


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    if data.action in manage.ACTIONS:
        await manage.on_notice_button(update, context, data)
        return
    resident = await common.current_resident(update, context)
    token, args = (data.args[0], data.args[1:]) if data.args else (None, ())
    state = await pressed_state(context, resident.telegram_id, FLOW, token, token_of)
    if data.action == CANCEL:
        await compose.on_cancel(update, context, resident, state, args)
        return
    step = _FLOW_BUTTONS.get((data.action, state.step))
    if step is None:  # a second tap, or a button of a step already passed
        raise common.Refused()
    await step(update, context, resident, state, args)

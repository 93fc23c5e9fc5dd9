"""A bare python-telegram-bot echo bot, as its documentation shows one: the yardstick of
bench/interactive.py. `python -m bench.echo_bot URL TOKEN`"""

import sys

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


def main() -> None:
    url, token = sys.argv[1], sys.argv[2]
    application = (
        Application.builder()
        .token(token)
        .base_url(f"{url}/bot")
        .base_file_url(f"{url}/file/bot")
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(allowed_updates=Update.ALL_TYPES, timeout=1)


if __name__ == "__main__":
    main()

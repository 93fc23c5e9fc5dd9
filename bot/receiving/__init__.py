"""Receiving updates: long polling or a webhook writes each update to the inbox first; the
inbox worker hands them to the handlers, each chat's in order, across every process."""

# What the bot handles, asked of Telegram in getUpdates and setWebhook (a feature that handles
# another kind of update adds it here).
ALLOWED_UPDATES = (
    "message",
    "edited_message",
    "callback_query",
    "inline_query",
    "chat_join_request",
)

"""The domain: plain async code, no Telegram imports."""

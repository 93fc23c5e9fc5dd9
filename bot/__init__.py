"""Bình Yên: a Telegram bot for grassroots order and safety in Vietnamese communes."""

__version__ = "0.1.0"

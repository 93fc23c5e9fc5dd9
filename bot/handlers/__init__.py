"""Thin Telegram adapters: parse the update, call a service, render the answer."""

"""Leafing through a list: the pages a service reads and the buttons that move between them."""

from types import SimpleNamespace
from typing import cast

import pytest

from bot.handlers.common import BotContext
from bot.handlers.paging import page_buttons
from bot.i18n import Translator


@pytest.fixture(scope="module")
def context() -> BotContext:
    return cast(BotContext, SimpleNamespace(services=SimpleNamespace(translator=Translator())))


def _shown(context: BotContext, page: int, pages: int, first: int = 0) -> list[tuple[str, str]]:
    rows = page_buttons(context, "vi", page, pages, lambda n: f"x:{n}", first=first)
    assert len(rows) <= 1
    return [(b.text, str(b.callback_data)) for row in rows for b in row]


def test_a_single_page_has_no_buttons(context: BotContext) -> None:
    assert _shown(context, 0, 1) == []
    assert _shown(context, 1, 1, first=1) == []


def test_the_first_and_last_pages_lead_only_inwards(context: BotContext) -> None:
    assert _shown(context, 0, 3) == [("Sau ▶️", "x:1")]
    assert _shown(context, 2, 3) == [("◀️ Trước", "x:1")]
    assert _shown(context, 3, 3, first=1) == [("◀️ Trước", "x:2")]


def test_a_middle_page_leads_both_ways(context: BotContext) -> None:
    assert _shown(context, 2, 3, first=1) == [("◀️ Trước", "x:1"), ("Sau ▶️", "x:3")]

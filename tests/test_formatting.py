"""How the bot writes spans of time and moments, whichever feature shows them."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import cast
from zoneinfo import ZoneInfo

import pytest

from bot.handlers.common import BotContext
from bot.handlers.formatting import duration, local_date, local_time
from bot.i18n import Translator


@pytest.fixture(scope="module")
def context() -> BotContext:
    settings = SimpleNamespace(timezone=ZoneInfo("Asia/Ho_Chi_Minh"))
    services = SimpleNamespace(translator=Translator(), settings=settings)
    return cast(BotContext, SimpleNamespace(services=services))


@pytest.mark.parametrize(
    ("span", "shown"),
    [
        (timedelta(minutes=15), "15 phút"),
        (timedelta(hours=4), "4 giờ"),
        (timedelta(days=3), "3 ngày"),
        (timedelta(hours=2, minutes=5), "2 giờ 5 phút"),
        (None, "—"),
    ],
)
def test_a_span_is_written_in_its_largest_whole_unit(
    context: BotContext, span: timedelta | None, shown: str
) -> None:
    assert duration(context, "vi", span) == shown


def test_moments_are_written_in_the_bot_timezone(context: BotContext) -> None:
    late_evening_utc = datetime(2026, 12, 24, 18, 30, tzinfo=UTC)
    assert local_time(context, late_evening_utc) == "01:30 25/12/2026"
    assert local_date(context, late_evening_utc) == "25/12/2026"

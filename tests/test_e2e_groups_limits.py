"""Every field of a community group at its longest, with characters that grow when escaped, on
every surface that shows it, in both languages: Telegram must accept every call."""

import logging
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import pytest

from bot.i18n import LOCALES
from bot.services.group_membership import MESSAGE_MAX, REASON_MAX
from bot.services.group_posts import MEDIATION_MAX, NOTICE_MAX, STORY_MAX
from bot.services.groups import (
    CONTACT_MAX,
    DESCRIPTION_MAX,
    HAMLET_MAX,
    MEETING_MAX,
    NAME_MAX,
    GroupDraft,
    GroupView,
)
from bot.services.roles import Grant, Role
from bot.storage.db import Database
from bot.storage.models import utcnow
from tests.conftest import make_settings
from tests.fakebotapi import FakeBotAPI
from tests.group_fixtures import services_of
from tests.harness import Harness, Message, buttons, onboard
from tests.test_e2e_limits import long_text

RESIDENT, LEADER, MOD = 1001, 3001, 2001
ROOM, CHAT = -1001001, -1002002
VAN_DON = 6994
Translate = Callable[..., str]


@pytest.fixture(params=LOCALES)
async def limits(
    request: pytest.FixtureRequest, db: Database, fake_api: FakeBotAPI
) -> AsyncIterator[tuple[Harness, str]]:
    locale = request.param
    harness = Harness(fake_api, db, make_settings(db.url, fake_api.url, bot_default_locale=locale))
    await harness.start()
    yield harness, locale
    await harness.stop()


def _press(harness: Harness, user: int, message: Message, label: str) -> None:
    data = next(d for text, d in buttons(message) if label in text)
    harness.api.press(user, message, data)


async def _set_up(harness: Harness, locale: str) -> tuple[GroupView, GroupView]:
    api, services = harness.api, services_of(harness)
    long_name = ("Nguyễn Thị " + "Hoa" * 30)[:64]
    api.add_user(RESIDENT, long_name, last_name="Trần" * 16, language_code=locale)
    api.add_user(LEADER, "Tổ trưởng " + "Ba" * 30, language_code=locale)
    api.add_user(MOD, "Đại úy", language_code=locale)
    api.add_group(ROOM, "Phòng trực")
    api.add_member(ROOM, MOD)
    await services.roles.grant(None, Grant(MOD, Role.MODERATOR, VAN_DON, None), None)
    await services.rooms.link(None, ROOM, commune_code=VAN_DON)
    for kind in ("security_team", "mediation_team"):
        async with services.db.transaction() as session:
            await services.groups.save_in(
                session,
                GroupDraft(
                    kind=kind,
                    name=long_text(NAME_MAX, "Tổ "),
                    commune_code=VAN_DON,
                    hamlet=long_text(HAMLET_MAX, "Thôn "),
                    description=long_text(DESCRIPTION_MAX, "Giới thiệu "),
                    meeting=long_text(MEETING_MAX, "Họp "),
                    contact=long_text(CONTACT_MAX, "Liên hệ "),
                    key=kind,
                    leaders=(LEADER,),
                ),
                None,
            )
    security, mediation = (await services.groups.all())[:2]
    api.add_group(CHAT, "Chat")
    await services.groups.link_chat(LEADER, security.id, CHAT)
    await onboard(harness, RESIDENT)
    await onboard(harness, LEADER)
    return security, mediation


async def _join(harness: Harness, t: Translate) -> None:
    api = harness.api
    overview = await harness.say(RESIDENT, t("menu-groups"))
    assert buttons(overview)
    found = await harness.say(RESIDENT, long_text(100, "Tổ "))
    card = await harness.tap_and_settle(RESIDENT, found, buttons(found)[0][0])
    await harness.tap(RESIDENT, card, t("group-join-message"))
    waiter = api.wait_for_message(LEADER, lambda m: bool(buttons(m)))
    await harness.say(RESIDENT, long_text(MESSAGE_MAX, "Xin chào "))
    request = await waiter
    _press(harness, LEADER, request, t("group-approve"))
    await harness.settle()


async def _lead(harness: Harness, t: Translate) -> None:
    """The leader's card, the members page, a notice of the longest, a removal with a reason,
    a story with a photo."""
    api = harness.api
    leader_view = await harness.say(LEADER, t("menu-groups"))
    mine = await harness.tap_and_settle(LEADER, leader_view, "⭐")
    tools = await harness.tap_and_settle(LEADER, mine, t("group-leader-tools"))
    await harness.tap(LEADER, tools, t("group-post-notice"))
    api.send_text(LEADER, long_text(NOTICE_MAX, "Thông báo\n"))
    await harness.settle()
    await harness.drain(utcnow() + timedelta(days=1))
    members = await harness.tap_and_settle(LEADER, tools, t("group-members"))
    await harness.tap(LEADER, members, "➖")
    await harness.say(LEADER, long_text(REASON_MAX, "Lý do "))
    tools = await harness.tap_and_settle(LEADER, harness.current(members), t("group-back-card"))
    await harness.tap(LEADER, tools, t("group-story"))
    api.send_photo(LEADER, caption=long_text(STORY_MAX, "Chuyện tốt\n"))
    await harness.settle()


async def _mediate(harness: Harness, t: Translate, mediation: GroupView) -> None:
    api = harness.api
    await harness.say(RESIDENT, t("menu-groups"))
    search = await harness.say(RESIDENT, long_text(60, "Tổ "))
    assert f"gr:o:{mediation.id}" in [data for _, data in buttons(search)]
    api.press(RESIDENT, search, f"gr:o:{mediation.id}")
    await harness.settle()
    await harness.tap(RESIDENT, harness.current(search), t("group-mediation"))
    await harness.say(RESIDENT, long_text(MEDIATION_MAX, "Tranh chấp "))
    await harness.settle()


async def test_every_group_field_at_its_longest_is_accepted(
    limits: tuple[Harness, str], caplog: pytest.LogCaptureFixture
) -> None:
    harness, locale = limits
    caplog.set_level(logging.ERROR)
    api, services = harness.api, services_of(harness)

    def t(key: str, **args: object) -> str:
        return services.translator(locale, key, **args)

    _, mediation = await _set_up(harness, locale)
    await _join(harness, t)
    await _lead(harness, t)
    await _mediate(harness, t, mediation)
    assert await harness.say(MOD, "/groups")
    await harness.settle()
    room = [m.get("text") or m.get("caption") or "" for m in api.messages_to(ROOM)]
    assert len(room) == 3  # the story (photo, then its card) and the mediation record
    told = [m.get("text") or "" for m in api.messages_to(RESIDENT)]
    assert any(long_text(REASON_MAX, "Lý do ") in x for x in told)
    rejected = [str(r) for r in api.failed_requests() if r.method != "setMyCommands"]
    assert rejected == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert api.messages_to(MOD)[-1]["kind"] == "photo"  # the /groups chart

"""Every field a person can fill, at its longest, on every surface that shows it, in both
languages: Telegram must accept every call (4,096 characters a message, 1,024 a caption)."""

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.i18n import LOCALES
from bot.services.container import Services
from bot.services.roles import Grant, Role
from bot.storage.db import Database
from tests.conftest import make_settings
from tests.fakebotapi import FakeBotAPI
from tests.harness import Harness, Message, buttons, onboard, plain
from tests.test_e2e_rooms import services_of

RESIDENT, ADMIN = 1001, 2001
ROOM = -1001001
VAN_DON = 6994
# Characters that grow when escaped, and Vietnamese letters, in every long text.
PIECE = "Đêm <qua> & sáng nay, xóm 3 mất xe; "


def long_text(length: int, tag: str = "", piece: str = PIECE) -> str:
    text = (tag + piece * (length // len(piece) + 1))[:length]
    return text[:-1] + "." if text.endswith(" ") else text


def _library(length_claim: int, length_explanation: int) -> str:
    sources = "\n".join(
        f"      - https://congan.quangninh.gov.vn/{'tin-tuc/' * 60}{n}"[: 300 + 6] for n in range(5)
    )
    return f"""
factchecks:
  - id: max-factcheck
    claim: "{long_text(length_claim, "Tin đồn dài nhất ")}"
    verdict: false
    explanation: "{long_text(length_explanation, "Giải thích ")}"
    sources:
{sources}
    scope: province:22
    published: 2025-09-05
notices:
  - id: max-notice
    kind: warning
    title: "{long_text(200, "Tiêu đề ")}"
    body: "{long_text(3500, "Nội dung ")}"
    issuer: "{long_text(100, "Công an ")}"
    source: https://congan.quangninh.gov.vn/{"thong-bao/" * 19}
    scope: province:22
    published: 2025-09-05
"""


@pytest.fixture(params=LOCALES)
async def limits(
    request: pytest.FixtureRequest, db: Database, fake_api: FakeBotAPI
) -> AsyncIterator[tuple[Harness, str]]:
    locale = request.param
    harness = Harness(fake_api, db, make_settings(db.url, fake_api.url, bot_default_locale=locale))
    await harness.start()
    yield harness, locale
    await harness.stop()


class Walk:
    """The resident, a province admin and the commune's room, speaking one language."""

    def __init__(self, harness: Harness, locale: str) -> None:
        self.harness = harness
        self.api = harness.api
        self.locale = locale
        self.services: Services = services_of(harness)

    def t(self, key: str, **args: object) -> str:
        return self.services.translator(self.locale, key, **args)

    async def tap(self, user: int, message: Message, key: str, **args: object) -> Message:
        return await self.harness.tap(user, message, self.t(key, **args))

    async def settle_tap(self, user: int, message: Message, label: str) -> Message:
        return await self.harness.tap_and_settle(user, message, label)

    async def deliver(self) -> None:
        await self.harness.drain()
        await self.harness.settle()


async def _set_up(walk: Walk, tmp_path: Path) -> None:
    api, services = walk.api, walk.services
    api.add_user(
        RESIDENT, "Nguyễn Thị " + "Hoa" * 20, last_name="Trần" * 16, language_code=walk.locale
    )
    api.add_user(ADMIN, "Đại úy " + "Lê" * 28, language_code=walk.locale)
    api.add_group(ROOM, "Phòng trực Vân Đồn")
    api.add_member(ROOM, ADMIN)
    await services.roles.grant(None, Grant(ADMIN, Role.ADMIN, None, 22), None)
    await services.rooms.link(None, ROOM, commune_code=VAN_DON)
    library = tmp_path / "max.yaml"
    library.write_text(_library(2000, 3000), encoding="utf-8")
    imported = await services.content_files.import_file(library)
    assert imported.errors == []
    await onboard(walk.harness, RESIDENT)


async def _report_at_max(walk: Walk) -> Message:
    """A named report with every field at its longest; returns its card in the room."""
    h, user = walk.harness, RESIDENT
    waiter = walk.api.wait_for_message(user, lambda m: bool(buttons(m)))  # after the flow's line
    walk.api.send_text(user, walk.t("menu-report"))
    urgency = await waiter
    category = await walk.tap(user, urgency, "report-urgency-no")
    theft = walk.services.categories.get("theft")
    assert theft is not None
    await h.tap(user, category, theft.short(walk.locale))
    asked = await h.say(user, long_text(300, "Địa chỉ "))  # long: is it the address?
    await walk.tap(user, asked, "report-where-check-address")
    await h.say(user, walk.t("report-where-continue"))
    media = await h.say(user, long_text(3000, "Mô tả "))
    identity = await walk.tap(user, media, "report-media-done")
    phone = await walk.tap(user, identity, "report-identity-named")
    assert plain(phone)
    waiter = walk.api.wait_for_message(user, lambda m: bool(buttons(m)))
    walk.api.send_contact(user, "+84" + "9" * 29)
    review = await waiter
    filed = await walk.tap(user, review, "report-send")
    assert plain(filed)
    await walk.deliver()
    cards = [m for m in walk.api.messages_to(ROOM) if buttons(m)]
    assert cards, [plain(m) for m in walk.api.messages_to(ROOM)]
    return cards[-1]


async def _relay_at_max(walk: Walk, card: Message) -> None:
    api, h = walk.api, walk.harness
    for words in (long_text(4096, "Hỏi "), None):
        prompt = await walk.tap(ADMIN, h.current(card), "rooms-button-mg")
        waiter = api.wait_for_message(RESIDENT)
        if words is None:
            api.send_photo(ADMIN, caption=long_text(1024, "Ảnh "), chat_id=ROOM, reply_to=prompt)
        else:
            api.send_text(ADMIN, words, chat_id=ROOM, reply_to=prompt)
        relayed = await waiter
        await h.settle()
        answer_waiter = api.wait_for_message(ROOM)
        if words is None:
            api.send_photo(RESIDENT, caption=long_text(1024, "Đáp "), reply_to=relayed)
        else:
            api.send_text(RESIDENT, long_text(4096, "Đáp "), reply_to=relayed)
        await answer_waiter
        await h.settle()


async def _followup_at_max(walk: Walk) -> None:
    h = walk.harness
    listing = await h.say(RESIDENT, walk.t("menu-myreports"))
    detail = await walk.settle_tap(RESIDENT, listing, buttons(listing)[0][0])
    ask = await walk.tap(RESIDENT, detail, "myreport-add")
    received = await h.say(RESIDENT, long_text(3000, "Bổ sung "))
    await walk.tap(RESIDENT, received, "followup-send")
    await walk.deliver()
    listing = await h.say(RESIDENT, walk.t("menu-myreports"))
    await walk.settle_tap(RESIDENT, listing, buttons(listing)[0][0])
    assert plain(ask)


async def _card_buttons(walk: Walk, card: Message) -> None:
    h = walk.harness
    await walk.tap(ADMIN, h.current(card), "rooms-button-ft")
    await h.settle()
    more = await walk.settle_tap(ADMIN, h.current(card), walk.t("rooms-button-more"))
    await walk.tap(ADMIN, more, "rooms-button-tl")
    await walk.settle_tap(ADMIN, h.current(card), walk.t("rooms-button-back"))
    reasons = await walk.settle_tap(ADMIN, h.current(card), walk.t("rooms-button-rj"))
    await walk.settle_tap(ADMIN, reasons, walk.t("rooms-reason-false"))
    await walk.deliver()
    more = await walk.settle_tap(ADMIN, h.current(card), walk.t("rooms-button-more"))
    await walk.tap(ADMIN, more, "rooms-button-tl")
    listing = await h.say(RESIDENT, walk.t("menu-myreports"))
    await walk.settle_tap(RESIDENT, listing, buttons(listing)[0][0])


async def _rumor_at_max(walk: Walk) -> None:
    """A rumor nothing matches, at Telegram's longest, answered with the longest explanation."""
    h, api = walk.harness, walk.api
    await h.say(RESIDENT, walk.t("menu-rumor"))
    alert_waiter = api.wait_for_message(ROOM)
    await h.say(RESIDENT, long_text(4096, piece="qwzx <vbnm> & kjhy; "))
    alert = await alert_waiter
    opened = await h.tap(ADMIN, alert, walk.t("rumors-open"))
    assert plain(opened)
    queue = await h.say(ADMIN, "/rumors")
    request = await h.tap(ADMIN, queue, buttons(queue)[0][0])
    verdicts = await walk.settle_tap(ADMIN, request, walk.t("rumors-answer-new"))
    explain = await h.tap(ADMIN, verdicts, buttons(verdicts)[0][0])
    assert plain(explain)
    answered = api.wait_for_message(RESIDENT)
    await h.say(ADMIN, long_text(3000, "Giải thích "))
    await answered


async def _notice_at_max(walk: Walk) -> None:
    h = walk.harness
    start = await h.say(ADMIN, "/notice")
    kinds = await walk.settle_tap(ADMIN, start, buttons(start)[0][0])
    await walk.settle_tap(ADMIN, kinds, buttons(kinds)[0][0])
    await h.say(ADMIN, long_text(200, "Tiêu đề "))
    photo = await h.say(ADMIN, long_text(3500, "Nội dung "))
    expiry = await walk.tap(ADMIN, photo, "notice-skip-photo")
    preview = await walk.tap(ADMIN, expiry, "notice-no-expiry")
    issuer = await walk.tap(ADMIN, preview, "notice-change-issuer")
    assert plain(issuer)
    preview = await h.say(ADMIN, long_text(100, "Công an "))
    await walk.tap(ADMIN, preview, "notice-publish")
    manage = await h.say(ADMIN, "/notices")
    for label, _ in buttons(manage):
        await h.tap(ADMIN, manage, label)
    listing = await h.say(RESIDENT, walk.t("menu-info"))
    for label, data in buttons(listing):
        if data.startswith("nt:o:"):
            await h.tap(RESIDENT, listing, label)
            walk.api.inline_query(RESIDENT, f"nt:{data.split(':')[2]}")
    await h.settle()


async def _factcheck_at_max(walk: Walk) -> None:
    h, api = walk.harness, walk.api
    await h.say(RESIDENT, walk.t("menu-rumor"))
    await h.say(RESIDENT, long_text(2000, "Tin đồn dài nhất "))
    api.inline_query(RESIDENT, "fc:max-factcheck")
    api.inline_query(RESIDENT, "tin đồn dài nhất")
    card = await h.say(ADMIN, "/factcheck max-factcheck")
    await walk.settle_tap(ADMIN, card, buttons(card)[0][0])
    await h.drain()
    await h.settle()


async def test_every_field_at_its_longest_is_accepted_everywhere(
    limits: tuple[Harness, str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    harness, locale = limits
    walk = Walk(harness, locale)
    caplog.set_level(logging.ERROR)
    await _set_up(walk, tmp_path)
    card = await _report_at_max(walk)
    await _relay_at_max(walk, card)
    await _followup_at_max(walk)
    await _card_buttons(walk, card)
    await _rumor_at_max(walk)
    await _notice_at_max(walk)
    await _factcheck_at_max(walk)
    # The superadmin of the settings never opened the bot: their command list cannot be set.
    rejected = [str(r) for r in harness.api.failed_requests() if r.method != "setMyCommands"]
    assert rejected == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert harness.api.unanswered_callback_queries() == []
    assert len(harness.api.inline_answers) == 4

"""A fuzzer: the real bot, driven through the fake Bot API by several residents, a moderator
room and a province admin doing random but plausible things — commands, menu texts, presses on
any button the bot ever sent (stale ones too), forged callback data, stickers, photos, albums,
locations, contacts, huge pastes, edited messages, inline queries, a user blocking the bot,
injected 429s and 502s, deliveries and deadlines run at odd times, restarts; community groups
imported, one resident leading two of them.

It reports what must never happen: a traceback the bot logged (any record at ERROR), a call
Telegram rejected (every error answer of the fake, but the faults it was told to inject and the
403s of a user who blocked the bot), a press the bot never answered, and a bot that stops
answering.

    python -m tests.fuzz --actions 1500 --seeds 1,2,3 [--database-url postgresql+asyncpg://…]

The suite runs a short run on its database (tests/test_fuzz.py).
"""

import argparse
import asyncio
import logging
import random
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.handlers.common import BotContext
from bot.handlers.menu import MENU_ITEMS
from bot.handlers.rooms.jobs import run_deadlines
from bot.i18n import LOCALES
from bot.services.container import Services
from bot.services.reports import NewReport
from bot.services.roles import Grant, Role
from bot.storage.db import Database, scratch_postgres_database, upgrade
from bot.storage.models import utcnow
from tests.conftest import SUPERADMIN_ID, TEST_TOKEN, make_settings
from tests.fakebotapi import FakeBotAPI, RecordedRequest
from tests.group_fixtures import groups_file
from tests.harness import Harness, Message, buttons, onboard

RESIDENTS = (1001, 1002, 1003, 1004)
MODERATOR, ADMIN, OUTSIDER = 2001, 2002, 2003
# The rooms of Vân Đồn and Ba Chẽ (the residents' communes), and the province admins' room.
ROOMS = (-1001001, -1001002, -1001000)
STAFF = (MODERATOR, ADMIN, OUTSIDER)
COMMANDS = (
    "/start",
    "/help",
    "/report",
    "/myreports",
    "/settings",
    "/language",
    "/mydata",
    "/deleteme",
    "/cancel",
    "/notice",
    "/notices",
    "/rumors",
    "/factcheck example",
    "/queue",
    "/find xe",
    "/stats",
    "/export",
    "/report ZZZZ2222",
    "/unblockreporter ZZZZ2222",
    "/grant 1001 moderator 6994",
    "/roles",
    "/newgroup",
    "/groups",
    "/groupleader 3 1001",
    "/groupleader 3 1001 remove",
    "/linkgroup 3",
    "/nosuchcommand",
)
WORDS = (
    "van don",
    "ba che",
    "binh lieu",
    "xong",
    "ok",
    "➡️ Tiếp tục",
    "Có người lạ dò hỏi nhà vắng chủ ở xóm 3, đi xe máy không biển số.",
    "Nghe nói công an gọi điện yêu cầu chuyển tiền để điều tra, có thật không?",
    "Tin nhắn báo bị phạt nguội, bấm vào link để nộp phạt",
    "Mất xe đạp trước cổng trường lúc 7 giờ sáng nay & chưa tìm thấy <gấp>",
    "ko bit j het",
    "a",
    "31/12",
    "18:30 25/12",
    "<b>bold</b> & <i>",
    "😀" * 30,
    "\u200b",
    "Đêm qua có tiếng nổ lớn ở bãi xe",
    "thon 3",
    "hoa giai",
    "Tôi ở thôn 3, muốn tham gia tổ liên gia",
)
FORGED = (
    "x",
    "rp:s:zzzzzz",
    "mc:tk:notatoken",
    "mc:rr:notatoken:spam",
    "mc:br:notatoken:abuse",
    "cm:s:99999",
    "cm:p:22:999",
    "mr:o:ZZZZ2222",
    "ns:pub:deadbeef",
    "nt:o:999999",
    "ru:o:999999",
    "fc:v:1:f",
    "rl:a:notatoken",
    "dm:yes",
    "lg:fr",
    "st:nope",
    "pv:ok",
    "mq:p:0",
    "gr:o:999999",
    "gr:j:3",
    "gr:lc:3",
    "gl:o:3",
    "gl:ap:999999",
    "ga:ld:3",
    "ga:lr:3:1002",
    "ga:ar:3",
    "a" * 64,
)
SETTLE_SECONDS = 90.0
MAX_STUCK = 3  # a bot that stopped answering: the rest of the run would say nothing more
EXAMPLES = Path(__file__).parent.parent / "content" / "examples" / "information.yaml"
EXAMPLE_KEYS = ("example-ca-goi-chuyen-tien", "example-link-ho-tro", "example-phat-nguoi-sms")
PIECE = "Xe tải lạ đổ trộm chất thải xuống suối đầu thôn, mùi rất nặng & khó thở. "


@dataclass
class Findings:
    seed: int
    actions: int = 0
    tracebacks: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    stuck: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    reached: dict[str, int] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not (self.tracebacks or self.rejected or self.stuck or self.unanswered)

    def summary(self) -> str:
        reached = ", ".join(f"{count} {what}" for what, count in self.reached.items())
        return (
            f"seed {self.seed}: {self.actions} actions, {len(self.tracebacks)} tracebacks, "
            f"{len(self.rejected)} rejected calls, {len(self.unanswered)} unanswered presses, "
            f"{len(self.stuck)} times no answer" + (f" (reached: {reached})" if reached else "")
        )

    def details(self) -> str:
        lines: list[str] = []
        by_kind = Counter(what.split(" — ")[0] for what in self.rejected)
        for what, count in by_kind.most_common():
            first = next(r for r in self.rejected if r.startswith(what))
            lines.append(f"  rejected ×{count}: {what} (first {first.split(' — ')[1]})")
        for trace in dict.fromkeys(self.tracebacks):
            lines.append("  traceback: " + trace.replace("\n", "\n    "))
        lines += [f"  unanswered press: {what}" for what in self.unanswered]
        lines += [f"  no answer: {what}" for what in self.stuck]
        return "\n".join(lines)


class _Errors(logging.Handler):
    """Every record at ERROR or above, as the action that caused it and its traceback."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.found: list[str] = []
        self.action = ""

    def emit(self, record: logging.LogRecord) -> None:
        text = f"after {self.action}: {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            frames = traceback.extract_tb(error.__traceback__)
            ours = [f for f in frames if "/bot/" in f.filename] or frames[-1:]
            where = ", ".join(f"{Path(f.filename).name}:{f.lineno}" for f in ours[-3:])
            text += f"\n{type(error).__name__}: {error} ({where})"
        self.found.append(text)


@contextmanager
def _capturing() -> Iterator[_Errors]:
    errors = _Errors()
    root = logging.getLogger()
    level = root.level
    root.addHandler(errors)
    root.setLevel(min(level, logging.ERROR) if level else logging.ERROR)
    try:
        yield errors
    finally:
        root.removeHandler(errors)
        root.setLevel(level)


class Fuzzer:
    def __init__(self, harness: Harness, seed: int) -> None:
        self.harness = harness
        self.api = harness.api
        self.random = random.Random(seed)
        self.sent: dict[int, list[dict[str, Any]]] = {}
        self.seen_data: list[str] = []
        self.blocked: set[int] = set()
        self.blocked_once: set[int] = set()
        self.group_presses: Counter[str] = Counter()  # by action: "j" asks to join, "a" answers

    @property
    def services(self) -> Services:
        assert self.harness.app is not None
        services: Services = self.harness.app.bot_data["services"]
        return services

    @property
    def context(self) -> BotContext:
        assert self.harness.app is not None
        return BotContext(self.harness.app)

    # ---- the world -----------------------------------------------------------------------
    async def set_up(self) -> None:
        api, services = self.api, self.services
        for n, user in enumerate(RESIDENTS):
            locale = "en" if n % 3 == 2 else "vi"
            username = f"resident{n}" if n % 2 else None
            api.add_user(user, f"Cư dân {n}", username=username, language_code=locale)
        api.add_user(MODERATOR, "Trung úy An", language_code="vi")
        api.add_user(ADMIN, "Thiếu tá Bình", language_code="vi")
        api.add_user(OUTSIDER, "Người ngoài", language_code="vi")
        for room, title in zip(ROOMS, ("Vân Đồn", "Ba Chẽ", "Quảng Ninh"), strict=True):
            api.add_group(room, f"Phòng trực {title}")
            for user in STAFF:
                api.add_member(room, user)
        for commune in (6994, 6970):
            await services.roles.grant(None, Grant(MODERATOR, Role.MODERATOR, commune, None), None)
        await services.roles.grant(None, Grant(ADMIN, Role.ADMIN, None, 22), None)
        await services.rooms.link(None, ROOMS[0], commune_code=6994)
        await services.rooms.link(None, ROOMS[1], commune_code=6970)
        await services.rooms.link(None, ROOMS[2], province_code=22)
        examples = await services.content_files.import_file(EXAMPLES)
        assert examples.errors == [], examples.errors
        with tempfile.TemporaryDirectory() as folder:
            groups = await services.content_files.import_file(groups_file(Path(folder) / "g.yaml"))
        assert groups.errors == [], groups.errors
        # A resident leads two groups, one in each commune, so leaders' screens are reached.
        for group in await services.groups.all():
            if group.key in ("vd-tlg-3", "bc-tlg-1"):
                await services.groups.appoint(None, group.id, RESIDENTS[1])
        for user in RESIDENTS[:3]:
            await onboard(self.harness, user, self.random.choice(("van don", "ba che")))

    # ---- acting --------------------------------------------------------------------------
    def actions(self) -> list[tuple[int, Callable[[], Awaitable[str]]]]:
        return [
            (45, self.go_on),
            (10, self.press_a_button),
            (10, self.menu_text),
            (8, self.words),
            (6, self.command),
            (4, self.room_press),
            (3, self.room_reply),
            (3, self.room_command),
            (3, self.relay_answer),
            (3, self.forged_press),
            (2, self.double_press),
            (3, self.media),
            (2, self.album),
            (2, self.location),
            (1, self.contact),
            (1, self.sticker),
            (2, self.paste),
            (2, self.edit),
            (1, self.inline),
            (3, self.file_report),
            (4, self.groups),
            (4, self.staff_command),
            (3, self.deliver),
            (1, self.deadlines),
            (1, self.block_toggle),
            (1, self.fault),
            (1, self.restart),
        ]

    async def step(self) -> str:
        weights = [weight for weight, _ in self.actions()]
        action = self.random.choices([act for _, act in self.actions()], weights=weights)[0]
        return await action()

    def resident(self) -> int:
        """Someone writing to the bot in private: mostly residents, sometimes staff (who publish
        notices, answer rumors and edit fact-checks there)."""
        return self.random.choice((*RESIDENTS, *RESIDENTS, MODERATOR, ADMIN))

    def room(self) -> int:
        """A moderator room, the busier ones (those with cards) more often."""
        busy = [room for room in ROOMS if self._pressable(room)]
        return self.random.choice(busy if busy and self.random.random() < 0.8 else ROOMS)

    def remember(self, user: int, message: dict[str, Any]) -> None:
        self.sent.setdefault(user, []).append(message)

    def bot_messages(self, chat: int) -> list[Message]:
        found = [m for m in self.api.messages_to(chat) if not m["deleted"]]
        for message in found:
            self.seen_data += [data for _, data in buttons(message) if data]
        return found

    def _pressable(self, chat: int) -> list[tuple[Message, str]]:
        return [(m, data) for m in self.bot_messages(chat) for _, data in buttons(m) if data]

    async def press_a_button(self) -> str:
        user = self.resident()
        choices = self._pressable(user)
        if not choices:
            return await self.menu_text(user)
        # Mostly a button of the last few messages, as people go on with what they do; any
        # older one too.
        recent = choices[-4:] if self.random.random() < 0.7 else choices
        message, data = self.random.choice(recent)
        self.api.press(user, message, data)
        return f"{user} presses {data} on #{message['message_id']}"

    async def go_on(self) -> str:
        """Do what the bot's last message asks, as most people do: press one of its buttons,
        use its keyboard (a location, one's own number), or type something that fits."""
        user = self.resident()
        mine = self.bot_messages(user)
        last = mine[-1] if mine else None
        if last is None:
            self.api.send_text(user, "/start")
            return f"{user} starts"
        pressable = [data for _, data in buttons(last) if data]
        keyboard = [b for row in (last["reply_markup"] or {}).get("keyboard", []) for b in row]
        if pressable and self.random.random() < 0.85:
            # The first button is most often the way forward (not urgent, a category, Done,
            # Send, Publish…); people try others too.
            data = pressable[0] if self.random.random() < 0.6 else self.random.choice(pressable)
            self.api.press(user, last, data)
            return f"{user} goes on: presses {data}"
        if keyboard and self.random.random() < 0.6:
            button = self.random.choice(keyboard)
            if isinstance(button, dict) and button.get("request_location"):
                self.api.send_location(user, 21.07, 107.42)
                return f"{user} goes on: sends a location"
            if isinstance(button, dict) and button.get("request_contact"):
                self.api.send_contact(user, "+84 912 345 678")
                return f"{user} goes on: shares their number"
            label = button["text"] if isinstance(button, dict) else str(button)
            self.remember(user, self.api.send_text(user, label))
            return f"{user} goes on: {label!r}"
        text = self.random.choice(WORDS[6:] if self.random.random() < 0.7 else WORDS)
        self.remember(user, self.api.send_text(user, text))
        return f"{user} goes on: says {text[:30]!r}"

    async def double_press(self) -> str:
        user = self.resident()
        choices = self._pressable(user) + [
            (m, d) for m, d in self._pressable(self.room()) if user in STAFF
        ]
        if not choices:
            return await self.menu_text(user)
        message, data = self.random.choice(choices)
        self.api.press(user, message, data)
        self.api.press(user, message, data)
        return f"{user} presses {data} twice on #{message['message_id']}"

    async def forged_press(self) -> str:
        user = self.random.choice((*RESIDENTS, *STAFF))
        chat = user if user in RESIDENTS or self.random.random() < 0.5 else self.room()
        own = self.bot_messages(chat)
        target = self.random.choice(own) if own else 1
        pool = list(FORGED) + self.seen_data
        data = self.random.choice(pool)
        self.api.press(user, target, data, forge=True, chat_id=chat)
        return f"{user} forges {data!r} in {chat}"

    async def menu_text(self, user: int | None = None, item: str | None = None) -> str:
        user = user or self.resident()
        locale = self.random.choice(LOCALES)
        label = self.services.translator(locale, item or self.random.choice(MENU_ITEMS))
        self.remember(user, self.api.send_text(user, label))
        return f"{user} says menu {label!r}"

    async def groups(self) -> str:
        """Walk into the community groups as a resident does: open them, then a few steps by
        the buttons of the bot's last answer (a kind, a group, asking to join; as the leading
        resident, the requests and the answers to them), waiting for each answer."""
        user = self.random.choice(RESIDENTS[:2])
        walked = [await self.menu_text(user, "menu-groups")]
        for _ in range(self.random.randint(1, 4)):
            await _settle(self.harness)
            mine = self.bot_messages(user)
            found = [d for _, d in buttons(mine[-1]) if d and d.startswith(("gr:", "gl:"))]
            if not found:
                break
            onward = [d for d in found if d.split(":")[1] in ("o", "j", "rq", "a", "k")]
            data = self.random.choice(onward if onward and self.random.random() < 0.8 else found)
            self.api.press(user, mine[-1], data)
            walked.append(data)
            self.group_presses[data.split(":")[1]] += 1
        return f"{user} walks the groups: {' → '.join(walked)}"

    async def words(self) -> str:
        user = self.resident()
        text = self.random.choice(WORDS)
        self.remember(user, self.api.send_text(user, text))
        return f"{user} says {text[:30]!r}"

    async def command(self) -> str:
        user = self.random.choice((*RESIDENTS, MODERATOR, ADMIN))
        text = self.random.choice(COMMANDS)
        self.api.send_text(user, text)
        return f"{user} sends {text}"

    async def staff_command(self) -> str:
        """A moderator or an admin starts one of their private flows (go_on carries it on)."""
        user = self.random.choice((MODERATOR, ADMIN))
        key = self.random.choice(EXAMPLE_KEYS)
        text = self.random.choice(("/notice", "/notices", "/rumors", f"/factcheck {key}"))
        self.api.send_text(user, text)
        return f"{user} sends {text}"

    async def paste(self) -> str:
        """A long text, in the parts a Telegram client sends it in."""
        user = self.resident()
        length = self.random.choice((2600, 2999, 3001, 3500, 3600, 4096, 5000, 9000))
        for part in _parts(length):
            self.remember(user, self.api.send_text(user, part))
        return f"{user} pastes {length} characters"

    async def edit(self) -> str:
        user = self.resident()
        texts = [m for m in self.sent.get(user, []) if m.get("text")]
        if not texts:
            return await self.words()
        message = self.random.choice(texts)
        self.api.edit_text(user, message, message["text"] + " (sửa)")
        return f"{user} edits #{message['message_id']}"

    async def media(self) -> str:
        user = self.resident()
        kind = self.random.choice(("photo", "photo", "document", "voice", "video"))
        caption = self.random.choice((None, "Ảnh hiện trường", PIECE * 12))
        if kind == "photo":
            sent = self.api.send_photo(user, caption=caption)
        elif kind == "document":
            sent = self.api.send_document(user, caption=caption)
        elif kind == "voice":
            sent = self.api.send_voice(user)
        else:
            sent = self.api.send_video(user, caption=caption)
        self.remember(user, sent)
        return f"{user} sends a {kind}"

    async def album(self) -> str:
        user = self.resident()
        group = f"album-{self.random.getrandbits(32)}"
        count = self.random.randint(2, 4)
        for _ in range(count):
            self.api.send_photo(user, media_group_id=group)
        return f"{user} sends an album of {count}"

    async def location(self) -> str:
        user = self.resident()
        latitude, longitude = self.random.choice(((21.07, 107.42), (10.77, 106.70), (0.0, 0.0)))
        self.api.send_location(user, latitude, longitude)
        return f"{user} sends a location"

    async def contact(self) -> str:
        user = self.resident()
        own = self.random.random() < 0.7
        self.api.send_contact(user, "+84 912 345 678", own=own)
        return f"{user} shares a contact (own={own})"

    async def sticker(self) -> str:
        user = self.resident()
        self.api.send_sticker(user)
        return f"{user} sends a sticker"

    async def inline(self) -> str:
        user = self.resident()
        query = self.random.choice(("xe", "fc:nope", "nt:1", "lừa đảo chuyển tiền", ""))
        self.api.inline_query(user, query)
        return f"{user} inline {query!r}"

    async def relay_answer(self) -> str:
        """A resident replies to something the bot said (a relayed question, or anything)."""
        user = self.resident()
        mine = self.bot_messages(user)
        if not mine:
            return await self.words()
        relayed = [m for m in mine if any(d.startswith("rl:") for _, d in buttons(m))]
        target = self.random.choice(relayed or mine)
        if self.random.random() < 0.3:
            self.api.send_photo(user, caption="Ảnh đây", reply_to=target)
        else:
            self.api.send_text(user, "Biển số 14B1-234, xe Wave đỏ.", reply_to=target)
        return f"{user} replies to #{target['message_id']}"

    async def room_press(self) -> str:
        user, room = self.random.choice((*STAFF, MODERATOR)), self.room()
        choices = self._pressable(room)
        if not choices:
            return await self.room_command()
        message, data = self.random.choice(choices)
        self.api.press(user, message, data)
        return f"{user} presses {data} in {room}"

    async def room_reply(self) -> str:
        user, room = self.random.choice((MODERATOR, MODERATOR, ADMIN, OUTSIDER)), self.room()
        prompts = [m for m in self.bot_messages(room) if "force_reply" in (m["reply_markup"] or {})]
        targets = prompts or self.bot_messages(room)
        if not targets:
            return await self.room_command()
        target = self.random.choice(targets[-5:])
        roll = self.random.random()
        if roll < 0.2:
            self.api.send_photo(user, caption="Có phải xe này?", chat_id=room, reply_to=target)
        else:
            text = self.random.choice(("Bạn nhớ biển số xe không?", "ba che", "ZZZZ2222", "ok"))
            parts = _parts(self.random.choice((3000, 5000))) if roll > 0.85 else [text]
            self.api.send_text(user, parts[0], chat_id=room, reply_to=target)
            for part in parts[1:]:
                self.api.send_text(user, part, chat_id=room)
        return f"{user} replies in {room} to #{target['message_id']}"

    async def room_command(self) -> str:
        user = self.random.choice(STAFF)
        codes = await self._codes()
        text = self.random.choice(
            (
                "/queue",
                "/stats 7d",
                "/stats",
                "/export",
                "/find xe",
                f"/report {self.random.choice(codes) if codes else 'ZZZZ2222'}",
                "/rumors",
                "/linkroom 6994",
                "chào cả phòng",
            )
        )
        room = self.room()
        self.api.send_text(user, text, chat_id=room)
        return f"{user} in {room}: {text}"

    async def _codes(self) -> list[str]:
        from sqlalchemy import select

        from bot.storage.reports import Report

        async with self.harness.db.transaction() as session:
            return list(await session.scalars(select(Report.code)))

    async def file_report(self) -> str:
        """A report filed as the flow files it (the flow itself is walked by `go_on`), so the
        rooms always have work."""
        user = self.random.choice(RESIDENTS)
        resident = await self.services.residents.get(user)
        if resident is None or resident.home_commune_code is None:
            return await self.go_on()
        anonymous = self.random.random() < 0.7
        report = NewReport(
            resident.home_commune_code,
            self.random.choice(("theft", "drugs", "fraud", "fire", "dispute")),
            urgent=self.random.random() < 0.3,
            text=self.random.choice(WORDS[6:9]) + f" ({self.random.getrandbits(16)})",
            anonymous=anonymous,
            address=self.random.choice((None, "Ngõ 3, chợ Cái Rồng")),
            reporter_name=None if anonymous else "Cư dân",
            reporter_phone=None if anonymous else "+84 912 345 678",
        )
        result = await self.services.reports.file(user, report)
        return f"{user} files a report ({type(result).__name__})"

    async def deliver(self) -> str:
        await self.harness.drain()
        return "the outbox is delivered"

    async def deadlines(self) -> str:
        hours = self.random.choice((1, 5, 80))
        await run_deadlines(self.context, utcnow() + timedelta(hours=hours))
        return f"deadlines run {hours} h ahead"

    async def block_toggle(self) -> str:
        user = self.resident()
        if user in self.blocked:
            self.api.unblock_bot(user)
            self.blocked.discard(user)
            return f"{user} unblocks the bot"
        self.api.block_bot(user)
        self.blocked.add(user)
        self.blocked_once.add(user)
        return f"{user} blocks the bot"

    async def fault(self) -> str:
        """Telegram refuses the next call to a resident's chat (never the probe's)."""
        user = self.resident()
        method = self.random.choice(("sendMessage", "editMessageText", "sendPhoto"))
        if self.random.random() < 0.5:
            self.api.fail_with_429(method, retry_after=1, chat_id=user)
            return f"Telegram answers the next {method} to {user} with 429"
        self.api.fail_with(method, error_code=502, description="Bad Gateway", chat_id=user)
        return f"Telegram answers the next {method} to {user} with 502"

    async def restart(self) -> str:
        await self.harness.restart()
        return "the bot restarts"

    # ---- judging -------------------------------------------------------------------------
    def rejected(self, request: RecordedRequest) -> bool:
        if request.ok or request.note == "injected failure":
            return False
        blocked_user = request.error_code == 403 and request.chat_id in self.blocked_once
        return not blocked_user


async def _reached(db: Database) -> dict[str, int]:
    """How far the run got into the bot's features, to judge the run by."""
    from sqlalchemy import func, select

    from bot.storage.groups import GroupMember
    from bot.storage.information import Notice, RumorRequest
    from bot.storage.moderation import RelayMessage, ReportCard
    from bot.storage.reports import Report, ReportEvent, ReportFollowup

    counted = {
        "reports": select(func.count()).select_from(Report),
        "cards": select(func.count()).select_from(ReportCard),
        "follow-ups": select(func.count()).select_from(ReportFollowup),
        "status changes": select(func.count())
        .select_from(ReportEvent)
        .where(ReportEvent.kind == "status"),
        "relayed": select(func.count()).select_from(RelayMessage),
        "blocks": select(func.count())
        .select_from(ReportEvent)
        .where(ReportEvent.kind == "blocked"),
        "rumor requests": select(func.count()).select_from(RumorRequest),
        "notices": select(func.count()).select_from(Notice),
        "group members": select(func.count())
        .select_from(GroupMember)
        .where(GroupMember.status == "member"),
    }
    async with db.transaction() as session:
        return {what: int(await session.scalar(query) or 0) for what, query in counted.items()}


async def _settle(harness: Harness) -> None:
    """Every update so far handled, and what it queued sent. Generously timed: a room gets at
    most 20 messages a minute, so a burst there makes the bot wait, as Telegram wants."""
    try:
        await harness.settle(SETTLE_SECONDS)
    except TimeoutError:
        raise AssertionError(f"the bot did not settle within {SETTLE_SECONDS} s") from None


def _parts(length: int) -> list[str]:
    """A text of `length` characters as a Telegram client sends it: 4,096 a message."""
    text = (PIECE * (length // len(PIECE) + 1))[:length]
    return [text[start : start + 4096] for start in range(0, length, 4096)]


async def fuzz(api: FakeBotAPI, db: Database, seed: int, actions: int) -> Findings:
    """Drive the bot for `actions` random actions; what went wrong, in `Findings`."""
    findings = Findings(seed)
    settings = make_settings(db.url, api.url)
    harness = Harness(api, db, settings)
    # Cards go to the superadmin when no room fits; their command list is set on start.
    api.add_user(SUPERADMIN_ID, "Quản trị hệ thống", language_code="vi")
    with _capturing() as errors:
        await harness.start()
        fuzzer = Fuzzer(harness, seed)
        try:
            await fuzzer.set_up()
            await harness.settle()  # the probe's user exists from here on
            unanswered: set[str] = set()
            for number in range(1, actions + 1):
                errors.action = f"action {number}"
                calls = len(api.requests)
                what = await fuzzer.step()
                errors.action = f"action {number} ({what})"
                try:
                    await _settle(harness)
                except AssertionError as exc:
                    findings.stuck.append(f"{errors.action}: {str(exc).splitlines()[0]}")
                    if len(findings.stuck) >= MAX_STUCK:
                        break
                findings.rejected += [
                    f"{r.method}: {r.error_code} {r.description} — after {errors.action}"
                    for r in api.requests[calls:]
                    if fuzzer.rejected(r)
                ]
                findings.unanswered += [
                    f"{query} — after {errors.action}"
                    for query in api.unanswered_callback_queries()
                    if query not in unanswered
                ]
                unanswered.update(api.unanswered_callback_queries())
                findings.actions = number
            errors.action = "the last delivery"
            await harness.drain()
            await harness.settle()
            findings.reached = await _reached(db)
            # Rows of requests are gone once a resident leaves or erases their data: the
            # presses that asked and answered say how far the run got.
            findings.reached["asks to join"] = (
                fuzzer.group_presses["j"] + fuzzer.group_presses["jm"]
            )
            findings.reached["leaders' answers"] = fuzzer.group_presses["a"]
        finally:
            await harness.stop()
        findings.tracebacks = errors.found
    return findings


def _seed(database_url: str | None, seed: int, actions: int) -> Findings:
    """One run on a database of its own: a scratch one on the PostgreSQL server given, or a
    new SQLite file."""
    if database_url and database_url.startswith("postgresql"):
        with scratch_postgres_database(database_url, "binhyen_fuzz") as url:
            return asyncio.run(_run(url, seed, actions))
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/fuzz.db"
        upgrade(url)
        return asyncio.run(_run(url, seed, actions))


async def _run(url: str, seed: int, actions: int) -> Findings:
    api, db = FakeBotAPI(token=TEST_TOKEN), Database(url)
    await api.start()
    try:
        return await fuzz(api, db, seed, actions)
    finally:
        await db.dispose()
        await api.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--actions", type=int, default=1500)
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated, e.g. 1,2,3")
    parser.add_argument("--database-url", help="PostgreSQL server to run on (SQLite otherwise)")
    args = parser.parse_args(argv)
    # Records at ERROR are what the run looks for; they are reported, not printed as they come.
    logging.getLogger().setLevel(logging.ERROR)
    clean = True
    for seed in (int(s) for s in args.seeds.split(",") if s.strip()):
        findings = _seed(args.database_url, seed, args.actions)
        print(findings.summary(), flush=True)
        if not findings.clean:
            clean = False
            print(findings.details(), flush=True)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())

"""A broadcast survives kill -9: `binhyen run` is killed halfway through sending a notice, a new
process is started, and every resident still gets it; a second copy only for what was in
flight when the process died."""

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.services.communes import CommuneDirectory
from bot.services.notices import NoticeDraft, NoticeKind, Notices
from bot.services.scopes import Scope, ScopeKind
from bot.storage.db import Database
from tests.conftest import TEST_TOKEN
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.flood import FloodLimits
from tests.population import add_residents, resident_rows

ROOT = Path(__file__).parent.parent
VAN_DON = 6994
FIRST, RESIDENTS = 500_000, 1000
RATE = 100  # messages a second (paid broadcasts), so the run takes seconds
# At most what is sent in one marking interval plus what is in flight, with a wide margin.
IN_FLIGHT = RATE // 2


async def _start(fake: FakeBotAPI, database_url: str, folder: Path) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
    env.update(
        BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_URL=fake.url,
        DATABASE_URL=database_url,
        BOT_PAID_BROADCAST="true",
        BOT_BROADCAST_RATE=str(RATE),
        PYTHONPATH=str(ROOT),
    )
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


def _copies(fake: FakeBotAPI) -> list[int]:
    counts = fake.bot_message_counts()
    return [counts.get(FIRST + n, 0) for n in range(RESIDENTS)]


async def test_a_broadcast_resumes_after_kill_9(
    db: Database, fake_api: FakeBotAPI, tmp_path: Path
) -> None:
    fake_api.set_flood_limits(FloodLimits())
    for n in range(RESIDENTS):
        fake_api.add_user(FIRST + n, "Cư dân", language_code="vi")
    await add_residents(db, resident_rows(range(FIRST, FIRST + RESIDENTS), VAN_DON))
    draft = NoticeDraft(
        NoticeKind.WARNING,
        "Cảnh báo lừa đảo",
        "Không chuyển tiền cho người tự xưng là công an.",
        "Công an đặc khu Vân Đồn",
        Scope(ScopeKind.COMMUNE, VAN_DON),
    )
    first = await _start(fake_api, db.url, tmp_path)
    try:
        await fake_api.wait_until_polling(timeout=60)
        await Notices(db, CommuneDirectory([22])).publish(draft, 2001)
        await fake_api.state.notifier.wait_for(
            lambda: sum(1 for c in _copies(fake_api) if c) >= RESIDENTS // 3, 60
        )
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()
    at_kill = sum(1 for c in _copies(fake_api) if c)
    assert at_kill < RESIDENTS  # killed halfway, really

    second = await _start(fake_api, db.url, tmp_path)
    try:
        await fake_api.state.notifier.wait_for(lambda: 0 not in _copies(fake_api), 60)
    finally:
        second.send_signal(signal.SIGTERM)
        await second.wait()
    copies = _copies(fake_api)
    assert 0 not in copies  # nobody lost
    twice = sum(1 for c in copies if c > 1)
    assert twice <= IN_FLIGHT, f"{twice} residents got it twice"
    assert max(copies) <= 2

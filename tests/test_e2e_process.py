"""`binhyen run` as an operator starts it: a real process, polling the fake Bot API, stopped
with SIGTERM. The token must not appear in anything it prints."""

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.conftest import TEST_TOKEN
from tests.fakebotapi import FakeBotAPI
from tests.harness import buttons, keyboard_labels, plain

ROOT = Path(__file__).parent.parent
ALICE = 1001


async def test_run_serves_a_new_resident_and_stops_cleanly_on_sigterm(
    fake_api: FakeBotAPI, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
    env.update(
        BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_URL=fake_api.url,
        PYTHONPATH=str(ROOT),
    )
    fake_api.add_user(ALICE, "Alice", language_code="vi")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await fake_api.wait_until_polling(timeout=60)
        greeting_waiter = fake_api.wait_for_message(ALICE, timeout=30)
        fake_api.send_text(ALICE, "/start")
        greeting = await greeting_waiter
        assert "Bình Yên" in plain(greeting)

        ask_waiter = fake_api.wait_for_message(ALICE, timeout=30)
        fake_api.press(ALICE, greeting, buttons(greeting)[0][1])
        await ask_waiter
        matches_waiter = fake_api.wait_for_message(ALICE, timeout=30)
        fake_api.send_text(ALICE, "van don")
        matches = await matches_waiter
        assert buttons(matches)[0][0] == "Đặc khu Vân Đồn"
        menu_waiter = fake_api.wait_for_message(
            ALICE, lambda m: bool(keyboard_labels(m)), timeout=30
        )
        fake_api.press(ALICE, matches, buttons(matches)[0][1])
        await menu_waiter
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    log = output.decode()
    assert process.returncode == 0, log
    assert "Bình Yên starting" in log and "Bình Yên stopped" in log
    assert TEST_TOKEN not in log
    assert (tmp_path / "data" / "binhyen.db").is_file()

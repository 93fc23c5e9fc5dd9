"""The fake Bot API in a process of its own, for benchmarks: its work (and memory) is not the
bot's, and a benchmark drives it through its control API as residents would."""

import asyncio
import contextlib
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).parent.parent
TOKEN = "123456:AAF-fake-token-for-tests-only"


class FakeServer:
    def __init__(self, url: str, session: aiohttp.ClientSession, pid: int | None = None) -> None:
        self.url = url
        self.session = session
        self.pid = pid  # the fake's process, for the benchmarks' CPU figures

    async def get(self, route: str, **params: Any) -> Any:
        async with self.session.get(f"{self.url}/_control/{route}", params=params) as answer:
            return await answer.json()

    async def post(self, route: str, **body: Any) -> Any:
        async with self.session.post(f"{self.url}/_control/{route}", json=body) as answer:
            found = await answer.json()
            if not found.get("ok", False):
                raise RuntimeError(f"{route}: {found}")
            return found

    async def stats(self, chats: bool = False) -> dict[str, Any]:
        found: dict[str, Any] = await self.get("stats", chats=1 if chats else 0)
        return found

    async def wait(self, chat_id: int, after: int, seconds: float = 60) -> dict[str, Any] | None:
        """The bot's first message to `chat_id` after message `after`, or None."""
        found = await self.get("wait", chat_id=chat_id, after=after, timeout=seconds)
        message: dict[str, Any] | None = found.get("message")
        return message


@contextlib.asynccontextmanager
async def fake_server(
    *, flood_limits: bool, latency_ms: float = 0, lean: bool = True
) -> AsyncIterator[FakeServer]:
    args = [sys.executable, "-m", "tests.fakebotapi", "--port", "0", "--token", TOKEN]
    if flood_limits:
        args.append("--flood-limits")
    if lean:
        args.append("--lean")
    if latency_ms:
        args += ["--latency-ms", str(latency_ms)]
    process = await asyncio.create_subprocess_exec(
        *args, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        found = re.search(r"http://[\d.]+:\d+", line)
        if found is None:
            raise RuntimeError(f"the fake Bot API did not start: {line!r}")
        timeout = aiohttp.ClientTimeout(total=120)
        # Hundreds of residents wait for their replies at once: no cap on connections.
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
            yield FakeServer(found.group(0), session, process.pid)
    finally:
        if process.returncode is None:
            process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), 10)


def rss_mb() -> float:
    """This process's resident memory, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

"""Recording handled updates as done, several in one write, as soon as they are handled.

Between a handler's reply and the write that records its update as done lies the in-flight
window: a process killed inside it leaves an update that another process handles (and answers)
again. A busy process finishes many updates at once; one write each would queue them for the
database's few connections, and every update waiting in that queue is inside the window. Here
one write at a time takes everything that finished meanwhile, so an update waits for at most
the write before its own.
"""

import asyncio
import contextlib
import itertools
from collections.abc import Awaitable, Callable, Sequence

BATCH = 64  # a write of more would hold its transaction longer than it saves


class DoneRecorder:
    def __init__(
        self, write: Callable[[Sequence[int]], Awaitable[None]], *, batch: int = BATCH
    ) -> None:
        self._write = write
        self.batch = batch
        self._waiting: dict[int, asyncio.Future[None]] = {}
        self._writer: asyncio.Task[None] | None = None

    async def done(self, update_id: int) -> None:
        """Return once the update is recorded as done; raises what the write raised."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[update_id] = future
        if self._writer is None:
            self._writer = asyncio.create_task(self._drain(), name="inbox-done")
        await future

    async def close(self, patience: float) -> None:
        """Let the writes under way finish (a stopping process): what is handled is recorded."""
        writer = self._writer
        if writer is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(writer), patience)
        writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await writer

    async def _drain(self) -> None:
        try:
            while self._waiting:
                ids = list(itertools.islice(self._waiting, self.batch))
                futures = [self._waiting.pop(update_id) for update_id in ids]
                try:
                    await self._write(ids)
                except Exception as exc:
                    for future in futures:
                        if not future.done():
                            future.set_exception(exc)
                else:
                    for future in futures:
                        if not future.done():
                            future.set_result(None)
        finally:
            self._writer = None

"""Which process sends bulk work. Telegram's bulk rate is per token, so processes sharing one
must not each send at it: one of them holds a PostgreSQL advisory lock on a connection of its
own and is the bulk sender; when it dies its connection closes, the lock is free, and another
process takes over on its next try. With SQLite there is one process, always the sender.
"""

import logging
import time
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.db import Database

log = logging.getLogger(__name__)

# Any constant, the same in every process of a deployment.
LOCK_KEY = 0x42_696E_6859  # "BinhY"
# The sender asks on every pass; the database is asked at most this often (a process that died
# is replaced within about as long, which is soon enough for broadcasts and periodic work).
CHECK_EVERY = 1.0


class Leadership:
    def __init__(
        self,
        db: Database,
        key: int = LOCK_KEY,
        *,
        every: float = CHECK_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.key = key
        self.every = every
        self.clock = clock
        self._connection: AsyncConnection | None = None
        self._checked = float("-inf")
        self.is_leader = db.dialect != "postgresql"

    async def check(self) -> bool:
        """Keep or try to take the bulk sending (and the periodic work); True while this
        process holds it. Asks the database at most every `every` seconds."""
        if self.db.dialect != "postgresql":
            return True
        if self.clock() - self._checked < self.every:
            return self.is_leader
        self._checked = self.clock()
        try:
            if self._connection is None:
                self._connection = await self.db.engine.connect()
            if self.is_leader:
                await self._connection.execute(text("SELECT 1"))
                return True
            taken = await self._connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}
            )
            await self._connection.commit()
            if taken:
                log.info("this process now sends broadcasts")
            self.is_leader = bool(taken)
        except Exception as exc:
            if self.is_leader:
                log.warning("lost the broadcast sending role (%s)", type(exc).__name__)
            connection, self._connection = self._connection, None
            self.is_leader = False
            if connection is not None:
                await connection.invalidate()
        return self.is_leader

    async def release(self) -> None:
        """Give the role up. The lock belongs to the database session, and a pooled connection
        outlives `close()`, so unlock explicitly (or throw a broken connection away)."""
        connection, self._connection = self._connection, None
        leader = self.is_leader
        self._checked = float("-inf")
        if self.db.dialect == "postgresql":
            self.is_leader = False
        if connection is None:
            return
        try:
            if leader:
                await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
                await connection.commit()
            await connection.close()
        except Exception:
            log.debug("the leadership connection is gone", exc_info=True)
            await connection.invalidate()

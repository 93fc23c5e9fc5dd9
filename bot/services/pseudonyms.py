"""Reporter pseudonyms: "#K7Q2", stable per reporter and commune, shown to moderators instead of
anything that identifies the reporter.

A keyed HMAC of the reporter's internal id and the commune: without the server's secret nobody
can compute a pseudonym from an id, and two communes cannot link the same reporter by it. The
secret is random, made on first use and kept in the database, so operators configure nothing.
"""

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.services.report_codes import CODE_ALPHABET as ALPHABET
from bot.storage.db import Database
from bot.storage.moderation import AppSecret

SECRET_NAME = "reporter-pseudonym"
LENGTH = 4


class Pseudonyms:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._secret: bytes | None = None

    async def of(self, reporter_id: int | None, commune_code: int, fallback: str) -> str:
        """The pseudonym of a reporter in a commune. An erased reporter (no id any more) gets
        one derived from `fallback` (the report code), which leads to nobody."""
        subject = f"u:{reporter_id}" if reporter_id is not None else f"r:{fallback}"
        digest = hmac.new(await self._key(), f"{subject}:{commune_code}".encode(), hashlib.sha256)
        number = int.from_bytes(digest.digest()[:8], "big")
        chars = []
        for _ in range(LENGTH):
            number, index = divmod(number, len(ALPHABET))
            chars.append(ALPHABET[index])
        return "".join(chars)

    async def _key(self) -> bytes:
        if self._secret is None:
            self._secret = bytes.fromhex(await self._stored_or_new())
        return self._secret

    async def _stored_or_new(self) -> str:
        async with self.db.transaction() as session:
            value = await session.scalar(
                select(AppSecret.value).where(AppSecret.name == SECRET_NAME)
            )
            if value is not None:
                return value
        try:
            async with self.db.transaction() as session:
                session.add(AppSecret(name=SECRET_NAME, value=secrets.token_hex(32)))
        except IntegrityError:
            pass  # another process made it first; use theirs
        async with self.db.transaction() as session:
            stored = await session.scalar(
                select(AppSecret.value).where(AppSecret.name == SECRET_NAME)
            )
            assert stored is not None
            return stored

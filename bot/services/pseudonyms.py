"""Reporter pseudonyms: "#K7Q2", one per report, shown to moderators instead of anything that
identifies the reporter.

A tip line promises that one report cannot be tied to another, so the pseudonym belongs to the
report, not to the person: two reports of one resident carry two unrelated pseudonyms. It is a
keyed HMAC of the report's code: stable for that report (after a transfer, after the reporter
erased their data), and without the server's secret nobody can compute it from the code. The
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

    async def of(self, report_code: str) -> str:
        """The pseudonym of the reporter of this report, and of no other report."""
        digest = hmac.new(await self._key(), f"report:{report_code}".encode(), hashlib.sha256)
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

"""Blocking the reporter of a report, for abuse, without anyone learning who they are.

A moderator of the report's commune (or an admin, or a superadmin) blocks "whoever filed this
report": the hidden account is marked blocked (`users.blocked_at`, so they can file nothing
more) and the report's timeline records who did it and why; nothing about the reporter is
returned or shown. Province admins and superadmins undo it the same way, by the report's code.
"""

from enum import StrEnum

from bot.services.report_lifecycle import report_by_code
from bot.storage.db import Database
from bot.storage.models import User, utcnow
from bot.storage.reports import ReportEvent

REASONS = ("spam", "false", "abuse")


class BlockResult(StrEnum):
    DONE = "done"
    ALREADY = "already"  # blocked already (to block), or not blocked (to unblock)
    GONE = "gone"  # the reporter erased their data: there is nobody left to block


class ReporterBlocks:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def block(
        self, code: str, reason: str, *, actor_telegram_id: int | None, actor_name: str | None
    ) -> BlockResult:
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        return await self._set(code, reason, actor_telegram_id, actor_name)

    async def unblock(
        self, code: str, *, actor_telegram_id: int | None, actor_name: str | None
    ) -> BlockResult:
        return await self._set(code, None, actor_telegram_id, actor_name)

    async def _set(
        self,
        code: str,
        reason: str | None,
        actor_telegram_id: int | None,
        actor_name: str | None,
    ) -> BlockResult:
        async with self.db.transaction() as session:
            report = await report_by_code(session, code)
            user = await session.get(User, report.reporter_id) if report.reporter_id else None
            if user is None:
                return BlockResult.GONE
            if (user.blocked_at is not None) == (reason is not None):
                return BlockResult.ALREADY
            now = utcnow()
            user.blocked_at = now if reason is not None else None
            user.blocked_reason = f"{reason}, report {report.code}" if reason else None
            session.add(
                ReportEvent(
                    report_id=report.id,
                    kind="blocked" if reason is not None else "unblocked",
                    actor="moderator" if actor_telegram_id is not None else "system",
                    actor_telegram_id=actor_telegram_id,
                    actor_name=actor_name,
                    reason=reason,
                    visible_to_reporter=False,
                    created_at=now,
                )
            )
            return BlockResult.DONE

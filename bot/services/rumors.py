"""Rumors nobody's fact-check answered become requests for moderators: one request per rumor,
however many residents asked, and every asker hears the answer in their own language."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import matching
from bot.services.factchecks import FactChecks, FactCheckView
from bot.services.outbox import BatchSpec, queue
from bot.storage.db import Database
from bot.storage.information import RumorAsker, RumorRequest
from bot.storage.models import utcnow

# More askers than this are answered at the broadcast pace, not ahead of replies.
FEW_ASKERS = 5

# Two rumors are one when the shorter has this share of its content words in the other.
SAME_RUMOR = 0.8
MIN_WORDS_CONTAINED = 4
DEDUPE_WINDOW = 300
MAX_TEXT = 3500


class RequestStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    OUT_OF_SCOPE = "out_of_scope"


class OriginKind(StrEnum):
    """Where a forwarded rumor came from. A channel's title is public and kept; a person's name
    is not ours to keep, so for users only the kind is recorded."""

    CHANNEL = "channel"
    CHAT = "chat"
    USER = "user"
    HIDDEN_USER = "hidden_user"


@dataclass(frozen=True)
class Rumor:
    text: str
    photo_file_id: str | None = None
    photo_unique_id: str | None = None
    link: str | None = None
    origin_kind: OriginKind | None = None
    origin_title: str | None = None


@dataclass(frozen=True)
class RumorRequestView:
    id: int
    text: str
    status: RequestStatus
    askers: int
    photo_file_id: str | None
    link: str | None
    origin_kind: str | None
    origin_title: str | None
    province_code: int | None
    commune_code: int | None
    factcheck_id: int | None
    created_at: datetime
    last_asked_at: datetime


@dataclass(frozen=True)
class Asked:
    request: RumorRequestView
    created: bool
    repeated: bool


@dataclass(frozen=True)
class Notification:
    """An asker to tell: the fact-check that answers their rumor, or None (out of scope)."""

    request_id: int
    telegram_id: int
    locale: str
    factcheck: FactCheckView | None


def view(row: RumorRequest) -> RumorRequestView:
    return RumorRequestView(
        id=row.id,
        text=row.text,
        status=RequestStatus(row.status),
        askers=row.askers,
        photo_file_id=row.photo_file_id,
        link=row.link,
        origin_kind=row.origin_kind,
        origin_title=row.origin_title,
        province_code=row.province_code,
        commune_code=row.commune_code,
        factcheck_id=row.factcheck_id,
        created_at=row.created_at,
        last_asked_at=row.last_asked_at,
    )


def fingerprint(rumor: Rumor) -> tuple[str, set[str]]:
    """The same words in any order, spelling or teencode give the same print; a photo without
    words is known by the photo."""
    terms = matching.content_terms(matching.normalize(rumor.text))
    basis = " ".join(sorted(terms)) if terms else f"photo:{rumor.photo_unique_id or ''}"
    return hashlib.sha1(basis.encode()).hexdigest(), terms


def _similar(a: set[str], b: set[str]) -> float:
    """Share of the shorter rumor's words found in the other: residents add "thật không?" and
    the like around the same rumor. Very short texts must match whole."""
    if not a or not b:
        return 0.0
    shorter = min(len(a), len(b))
    if shorter < MIN_WORDS_CONTAINED:
        return len(a & b) / len(a | b)
    return len(a & b) / shorter


class Rumors:
    def __init__(self, db: Database, factchecks: FactChecks) -> None:
        self.db = db
        self.factchecks = factchecks

    async def ask(
        self,
        telegram_id: int,
        locale: str,
        rumor: Rumor,
        commune_code: int | None,
        province_code: int | None,
    ) -> Asked:
        """File the rumor for moderators, or add this resident to the request already open for
        it. Asking twice changes nothing."""
        print_, terms = fingerprint(rumor)
        async with self.db.transaction() as session:
            row = await self._same(session, print_, terms, province_code)
            created = row is None
            if row is None:
                row = RumorRequest(
                    fingerprint=print_,
                    text=rumor.text[:MAX_TEXT],
                    search_text=" ".join(matching.normalize(rumor.text))[:MAX_TEXT],
                    photo_file_id=rumor.photo_file_id,
                    link=rumor.link[:500] if rumor.link else None,
                    origin_kind=rumor.origin_kind.value if rumor.origin_kind else None,
                    origin_title=rumor.origin_title[:255] if rumor.origin_title else None,
                    province_code=province_code,
                    commune_code=commune_code,
                    status=RequestStatus.OPEN.value,
                    askers=0,
                )
                session.add(row)
                await session.flush()
            repeated = await session.scalar(
                select(RumorAsker.id).where(
                    RumorAsker.request_id == row.id, RumorAsker.telegram_id == telegram_id
                )
            )
            if repeated is None:
                session.add(
                    RumorAsker(
                        request_id=row.id,
                        telegram_id=telegram_id,
                        locale=locale,
                        commune_code=commune_code,
                        origin_kind=rumor.origin_kind.value if rumor.origin_kind else None,
                    )
                )
                row.askers += 1
                row.last_asked_at = utcnow()
            await session.flush()
            return Asked(view(row), created, repeated is not None)

    async def _same(
        self, session: AsyncSession, print_: str, terms: set[str], province: int | None
    ) -> RumorRequest | None:
        """An open request for this rumor: the same print, else one sharing most of its words."""
        open_here = (
            RumorRequest.status == RequestStatus.OPEN.value,
            RumorRequest.province_code == province
            if province is not None
            else RumorRequest.province_code.is_(None),
        )
        row = await session.scalar(
            select(RumorRequest).where(RumorRequest.fingerprint == print_, *open_here).limit(1)
        )
        if row is not None or not terms:
            return row
        recent = await session.scalars(
            select(RumorRequest)
            .where(*open_here)
            .order_by(RumorRequest.last_asked_at.desc())
            .limit(DEDUPE_WINDOW)
        )
        best, best_score = None, SAME_RUMOR
        for candidate in recent:
            score = _similar(terms, matching.content_terms(candidate.search_text.split()))
            if score >= best_score:
                best, best_score = candidate, score
        return best

    async def get(self, request_id: int) -> RumorRequestView | None:
        async with self.db.transaction() as session:
            row = await session.get(RumorRequest, request_id)
            return view(row) if row else None

    async def queue(
        self,
        communes: Sequence[int],
        provinces: Sequence[int],
        newest: bool = False,
        limit: int = 10,
        offset: int = 0,
    ) -> tuple[list[RumorRequestView], int]:
        """Open requests a moderator may answer: asked by residents of their communes, or in
        provinces they administer. Most-asked first, or newest first."""
        asked_here = exists().where(
            RumorAsker.request_id == RumorRequest.id,
            RumorAsker.commune_code.in_(list(communes) or [0]),
        )
        where = (
            RumorRequest.status == RequestStatus.OPEN.value,
            or_(asked_here, RumorRequest.province_code.in_(list(provinces) or [0])),
        )
        order = (
            (RumorRequest.last_asked_at.desc(), RumorRequest.id.desc())
            if newest
            else (RumorRequest.askers.desc(), RumorRequest.last_asked_at.desc())
        )
        async with self.db.transaction() as session:
            rows = list(await session.scalars(select(RumorRequest).where(*where).order_by(*order)))
        return [view(r) for r in rows[offset : offset + limit]], len(rows)

    async def may_answer(
        self, request_id: int, communes: Sequence[int], provinces: Sequence[int]
    ) -> bool:
        async with self.db.transaction() as session:
            row = await session.get(RumorRequest, request_id)
            if row is None:
                return False
            if row.province_code in provinces:
                return True
            found = await session.scalar(
                select(RumorAsker.id)
                .where(
                    RumorAsker.request_id == request_id,
                    RumorAsker.commune_code.in_(list(communes) or [0]),
                )
                .limit(1)
            )
            return found is not None

    async def answer(self, request_id: int, factcheck_id: int | None, moderator: int) -> int:
        """Close a request with a fact-check (None: out of scope) and queue the answer for every
        asker; returns how many will be told. A request already closed tells nobody again, so
        a double press notifies nobody twice. A few askers are answered as replies are; many,
        at the broadcast pace."""
        async with self.db.transaction() as session:
            row = await session.get(RumorRequest, request_id)
            if row is None or row.status != RequestStatus.OPEN.value:
                return 0
            row.status = (
                RequestStatus.ANSWERED.value if factcheck_id else RequestStatus.OUT_OF_SCOPE.value
            )
            row.factcheck_id = factcheck_id
            row.answered_at = utcnow()
            row.answered_by = moderator
            waiting = int(
                await session.scalar(
                    select(func.count()).where(
                        RumorAsker.request_id == request_id, RumorAsker.notified_at.is_(None)
                    )
                )
                or 0
            )
            spec = BatchSpec(
                "rumor_answer",
                request_id,
                "rumor_askers",
                request_id,
                bulk=waiting > FEW_ASKERS,
            )
            queue(session, spec)
            return waiting

    async def notification(self, request_id: int, telegram_id: int) -> Notification | None:
        """What to tell one asker of a closed request; None if there is nothing (still open,
        or already told)."""
        async with self.db.transaction() as session:
            found = (
                await session.execute(
                    select(RumorAsker, RumorRequest)
                    .join(RumorRequest, RumorRequest.id == RumorAsker.request_id)
                    .where(
                        RumorRequest.id == request_id,
                        RumorRequest.status != RequestStatus.OPEN.value,
                        RumorAsker.telegram_id == telegram_id,
                        RumorAsker.notified_at.is_(None),
                    )
                )
            ).first()
            if found is None:
                return None
            asker, request = found
            locale, factcheck_id = asker.locale, request.factcheck_id
        factcheck = await self.factchecks.get(factcheck_id) if factcheck_id else None
        return Notification(request_id, telegram_id, locale, factcheck)

    async def notified(self, request_id: int, telegram_id: int) -> None:
        async with self.db.transaction() as session:
            asker = await session.scalar(
                select(RumorAsker).where(
                    RumorAsker.request_id == request_id, RumorAsker.telegram_id == telegram_id
                )
            )
            if asker is not None:
                asker.notified_at = utcnow()

"""Triage through the service: who may do what where, every transition, two moderators at
once."""

import asyncio

import pytest
from sqlalchemy import select

from bot.services.reports import Status
from bot.services.roles import StaffRoles
from bot.services.triage import Action, Actor, TriageRefused
from bot.storage.db import Database
from bot.storage.reports import Report, ReportEvent
from tests.moderation_fixtures import (
    BA_CHE,
    ROOM_A,
    VAN_DON,
    World,
    file,
    moderator,
    post,
    world,
)
from tests.outbox_view import batches

QUANG_NINH = 22
ROLES = {
    "moderator-of-commune": moderator(2001, VAN_DON),
    "moderator-of-other-commune": moderator(2002, BA_CHE),
    "admin-of-province": StaffRoles(2003, admin_of=frozenset({QUANG_NINH})),
    "admin-of-other-province": StaffRoles(2004, admin_of=frozenset({1})),
    "superadmin": StaffRoles(900001, superadmin=True),
    "leader-of-commune": StaffRoles(2005, leader_of=frozenset({VAN_DON})),
    "resident": StaffRoles(2006),
}
ALLOWED = {"moderator-of-commune", "admin-of-province", "superadmin"}
STATUS_ACTIONS = (Action.TAKE, Action.PROGRESS, Action.RESOLVE)


@pytest.fixture
def w(db: Database) -> World:
    return world(db)


async def status_of(db: Database, code: str) -> str:
    async with db.transaction() as session:
        status = await session.scalar(select(Report.status).where(Report.code == code))
        assert status is not None
        return status


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("action", [a for a in Action])
async def test_authorization_matrix(w: World, role: str, action: Action) -> None:
    code = await file(w)
    card = await post(w, code)
    roles = ROLES[role]
    if role not in ALLOWED:
        with pytest.raises(TriageRefused) as refused:
            await w.moderation.triage.check(roles, card.token, ROOM_A, 10, action)
        assert refused.value.reason == "not-moderator"
        assert await status_of(w.db, code) == "new"
        return
    if action is Action.PROGRESS or action in (Action.TAKE,):
        checked = await w.moderation.triage.check(roles, card.token, ROOM_A, 10, action)
        await w.moderation.triage.change(Actor(roles, "An"), checked, action)
        assert await status_of(w.db, code) != "new"
    else:
        checked = await w.moderation.triage.check(roles, card.token, ROOM_A, 10, action)
        assert checked.state.card.code == code


async def test_forged_or_foreign_presses_are_stale(w: World) -> None:
    code = await file(w)
    card = await post(w, code)
    roles = ROLES["moderator-of-commune"]
    for token, chat, message in (
        ("nope-nope-no", ROOM_A, 10),
        (card.token, -2002, 10),  # the right token pressed in another chat
        (card.token, ROOM_A, 11),  # on another message
    ):
        with pytest.raises(TriageRefused) as refused:
            await w.moderation.triage.check(roles, token, chat, message, Action.TAKE)
        assert refused.value.reason == "stale"
    assert await status_of(w.db, code) == "new"


async def test_every_transition_and_what_no_longer_applies(w: World) -> None:
    triage, roles = w.moderation.triage, ROLES["moderator-of-commune"]
    actor = Actor(roles, "An")
    paths = {
        (Action.TAKE, Action.PROGRESS, Action.RESOLVE): "resolved",
        (Action.TAKE, Action.REJECT): "rejected",
        (Action.PROGRESS,): "in_progress",
        (Action.RESOLVE,): "resolved",
    }
    for n, (path, final) in enumerate(paths.items()):
        code = await file(w, text=f"Vụ việc số {n} ở thôn Đông, cần kiểm tra")
        card = await post(w, code, message_id=100 + n)
        for action in path:
            checked = await triage.check(roles, card.token, ROOM_A, 100 + n, action)
            reason = "spam" if action is Action.REJECT else None
            await triage.change(actor, checked, action, reason=reason)
        assert await status_of(w.db, code) == final
        # Closed: no status action applies any more.
        if final in ("resolved", "rejected"):
            for action in (*STATUS_ACTIONS, Action.TRANSFER, Action.ESCALATE):
                with pytest.raises(TriageRefused) as refused:
                    await triage.check(roles, card.token, ROOM_A, 100 + n, action)
                assert refused.value.reason == "state"


async def test_reject_needs_a_known_reason_and_tells_the_reporter_why(w: World) -> None:
    code = await file(w)
    card = await post(w, code)
    actor = Actor(ROLES["moderator-of-commune"], "An")
    checked = await w.moderation.triage.check(actor.roles, card.token, ROOM_A, 10, Action.REJECT)
    with pytest.raises(TriageRefused):
        await w.moderation.triage.change(actor, checked, Action.REJECT, reason="bogus")
    change = await w.moderation.triage.change(actor, checked, Action.REJECT, reason="insufficient")
    assert change.notice is not None and change.notice.reason == "insufficient"


async def test_two_moderators_at_once_one_wins(w: World) -> None:
    code = await file(w)
    card = await post(w, code)
    first, second = Actor(ROLES["moderator-of-commune"], "An"), Actor(ROLES["superadmin"], "Bình")
    checks = [
        await w.moderation.triage.check(a.roles, card.token, ROOM_A, 10, Action.TAKE)
        for a in (first, second)
    ]
    results = await asyncio.gather(
        *(
            w.moderation.triage.change(a, c, Action.TAKE)
            for a, c in zip((first, second), checks, strict=True)
        ),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, TriageRefused)]
    assert len(refused) == 1 and refused[0].reason == "conflict"
    assert refused[0].status == "acknowledged"
    async with w.db.transaction() as session:
        taken = list(
            await session.scalars(
                select(ReportEvent).where(ReportEvent.to_status == "acknowledged")
            )
        )
    assert len(taken) == 1


async def test_transfer_refiles_and_escalation_happens_once(w: World) -> None:
    code = await file(w)
    card = await post(w, code)
    actor = Actor(ROLES["moderator-of-commune"], "An")
    triage = w.moderation.triage
    checked = await triage.check(actor.roles, card.token, ROOM_A, 10, Action.ESCALATE)
    await triage.escalate(actor, checked)
    with pytest.raises(TriageRefused):
        await triage.check(actor.roles, card.token, ROOM_A, 10, Action.ESCALATE)
    checked = await triage.check(actor.roles, card.token, ROOM_A, 10, Action.TRANSFER)
    with pytest.raises(TriageRefused) as same:
        await triage.change(actor, checked, Action.TRANSFER, commune_code=VAN_DON)
    assert same.value.reason == "same-commune"
    await triage.change(actor, checked, Action.TRANSFER, commune_code=BA_CHE)
    assert await status_of(w.db, code) == Status.TRANSFERRED
    # The old commune's moderator can no longer act; the new commune's can.
    with pytest.raises(TriageRefused) as refused:
        await triage.check(actor.roles, card.token, ROOM_A, 10, Action.TAKE)
    assert refused.value.reason == "not-moderator"
    kinds = [kind for kind, _, _, _ in await batches(w.db) if kind.startswith("room_")]
    assert kinds == ["room_card", "room_alert", "room_card"]


async def test_duplicate_of_a_report_the_moderator_may_see(w: World) -> None:
    original = await file(w, text="Trộm xe máy ở chợ Cái Rồng sáng nay")
    other_commune = await file(w, commune=BA_CHE, text="Trộm chó ở thôn 2 xã Ba Chẽ")
    code = await file(w, text="Lại thấy trộm xe máy ở chợ Cái Rồng")
    card = await post(w, code)
    actor = Actor(ROLES["moderator-of-commune"], "An")
    triage = w.moderation.triage
    checked = await triage.check(actor.roles, card.token, ROOM_A, 10, Action.DUPLICATE)
    for bad, reason in (
        (code, "same-report"),
        (other_commune, "unknown-code"),
        ("ZZZZ", "unknown-code"),
    ):
        with pytest.raises(TriageRefused) as refused:
            await triage.duplicate_of(actor, checked, bad)
        assert refused.value.reason == reason
    await triage.duplicate_of(actor, checked, original.lower())
    assert await status_of(w.db, code) == "duplicate"

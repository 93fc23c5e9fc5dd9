"""Staff roles and the one place that decides who may do what where.

Everyone is a resident. On top of that: commune moderator (per commune), province admin (per
province), superadmin (from settings, not the database). A group leader leads one community
group: that is recorded with the group (`bot/services/groups.py`), not granted here.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import ColumnElement, delete, select

from bot.services.communes import CommuneDirectory
from bot.storage.db import Database
from bot.storage.models import RoleGrant


class Role(StrEnum):
    LEADER = "leader"
    MODERATOR = "moderator"
    ADMIN = "admin"


class Refusal(Exception):
    """A polite no. `reason` is a stable code, turned into a sentence in the user's language."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class Grant:
    telegram_id: int
    role: Role
    commune_code: int | None
    province_code: int | None


@dataclass(frozen=True)
class StaffRoles:
    telegram_id: int
    superadmin: bool = False
    moderator_of: frozenset[int] = field(default_factory=frozenset)
    admin_of: frozenset[int] = field(default_factory=frozenset)
    leader_of: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_staff(self) -> bool:
        return self.superadmin or bool(self.moderator_of or self.admin_of)


class Roles:
    def __init__(self, db: Database, directory: CommuneDirectory, superadmins: list[int]) -> None:
        self.db = db
        self.directory = directory
        self.superadmins = frozenset(superadmins)

    async def of(self, telegram_id: int) -> StaffRoles:
        async with self.db.transaction() as session:
            rows = (
                await session.execute(select(RoleGrant).where(RoleGrant.telegram_id == telegram_id))
            ).scalars()
            grants = [_grant(row) for row in rows]
        return StaffRoles(
            telegram_id=telegram_id,
            superadmin=telegram_id in self.superadmins,
            moderator_of=frozenset(
                g.commune_code for g in grants if g.role is Role.MODERATOR and g.commune_code
            ),
            admin_of=frozenset(
                g.province_code for g in grants if g.role is Role.ADMIN and g.province_code
            ),
            leader_of=frozenset(
                g.commune_code for g in grants if g.role is Role.LEADER and g.commune_code
            ),
        )

    def can_moderate(self, roles: StaffRoles, commune_code: int) -> bool:
        """Act on reports and notices of this commune."""
        if roles.superadmin or commune_code in roles.moderator_of:
            return True
        commune = self.directory.get(commune_code)
        return commune is not None and commune.province_code in roles.admin_of

    def can_administer_province(self, roles: StaffRoles, province_code: int) -> bool:
        return roles.superadmin or province_code in roles.admin_of

    def communes_moderated(self, roles: StaffRoles) -> list[int]:
        """Every commune whose reports this person may act on."""
        if roles.superadmin:
            return [c.code for c in self.directory.all()]
        codes = set(roles.moderator_of)
        for province in roles.admin_of:
            codes.update(c.code for c in self.directory.in_province(province))
        return sorted(codes)

    def check_grant(self, actor: StaffRoles | None, grant: Grant) -> None:
        """Raise Refusal unless `actor` may grant or revoke this. `None` is the operator's CLI."""
        self._check_scope(grant)
        if actor is None or actor.superadmin:
            return
        if grant.role is Role.ADMIN:
            raise Refusal("only-superadmin-grants-admin")
        assert grant.commune_code is not None
        commune = self.directory.get(grant.commune_code)
        assert commune is not None
        if commune.province_code not in actor.admin_of:
            raise Refusal("not-admin-of-province", province=commune.province_name)

    def _check_scope(self, grant: Grant) -> None:
        if grant.role is Role.LEADER:
            raise Refusal("leader-is-per-group")
        if grant.role is Role.ADMIN:
            if grant.province_code is None or grant.commune_code is not None:
                raise Refusal("admin-needs-province")
            if grant.province_code not in self.directory.province_codes:
                raise Refusal("province-not-served", province=grant.province_code)
            return
        if grant.commune_code is None or grant.province_code is not None:
            raise Refusal("role-needs-commune", role=grant.role.value)
        if self.directory.get(grant.commune_code) is None:
            raise Refusal("commune-not-served", commune=grant.commune_code)

    async def grant(self, actor: StaffRoles | None, grant: Grant, granted_by: int | None) -> bool:
        """Record a grant; False when it already existed."""
        self.check_grant(actor, grant)
        async with self.db.transaction() as session:
            if await session.scalar(select(RoleGrant.id).where(*_matching(grant))) is not None:
                return False
            session.add(
                RoleGrant(
                    telegram_id=grant.telegram_id,
                    role=grant.role.value,
                    commune_code=grant.commune_code,
                    province_code=grant.province_code,
                    granted_by=granted_by,
                )
            )
            return True

    async def revoke(self, actor: StaffRoles | None, grant: Grant) -> bool:
        """Remove a grant; False when there was none."""
        self.check_grant(actor, grant)
        async with self.db.transaction() as session:
            result = await session.execute(delete(RoleGrant).where(*_matching(grant)))
            return bool(getattr(result, "rowcount", 0))

    async def list(self, province_code: int | None = None) -> list[Grant]:
        async with self.db.transaction() as session:
            rows = (
                await session.execute(
                    select(RoleGrant).order_by(RoleGrant.role, RoleGrant.telegram_id)
                )
            ).scalars()
            grants = [_grant(row) for row in rows]
        if province_code is None:
            return grants
        return [g for g in grants if self.province_of(g) == province_code]

    def province_of(self, grant: Grant) -> int | None:
        if grant.province_code is not None:
            return grant.province_code
        commune = self.directory.get(grant.commune_code or 0)
        return commune.province_code if commune else None


def _grant(row: RoleGrant) -> Grant:
    return Grant(row.telegram_id, Role(row.role), row.commune_code, row.province_code)


def _matching(grant: Grant) -> list[ColumnElement[bool]]:
    return [
        RoleGrant.telegram_id == grant.telegram_id,
        RoleGrant.role == grant.role.value,
        RoleGrant.commune_code.is_(None)
        if grant.commune_code is None
        else RoleGrant.commune_code == grant.commune_code,
        RoleGrant.province_code.is_(None)
        if grant.province_code is None
        else RoleGrant.province_code == grant.province_code,
    ]

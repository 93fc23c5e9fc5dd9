"""Where a notice or fact-check applies: one commune, or a whole province; a notice may also go
to the members of one community group. Written `commune:6994` or `province:22` in content files
and callback data (group notices are made in Telegram only)."""

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.services.communes import CommuneDirectory
from bot.services.roles import Roles, StaffRoles

_SCOPE = re.compile(r"^(commune|province):(\d{1,6})$")


class ScopeKind(StrEnum):
    COMMUNE = "commune"
    PROVINCE = "province"
    GROUP = "group"


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    code: int

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.code}"

    @classmethod
    def parse(cls, value: str) -> "Scope":
        found = _SCOPE.match(value.strip())
        if found is None:
            raise ValueError("expected commune:CODE or province:CODE, e.g. province:22")
        return cls(ScopeKind(found.group(1)), int(found.group(2)))


def province_of(directory: CommuneDirectory, scope: Scope) -> int:
    """The province of a served scope; ValueError for places this deployment does not serve."""
    if scope.kind is ScopeKind.GROUP:
        raise ValueError("a group's notice takes the province of its group")
    if scope.kind is ScopeKind.PROVINCE:
        if scope.code not in directory.province_codes:
            raise ValueError(f"province {scope.code} is not served by this deployment")
        return scope.code
    commune = directory.get(scope.code)
    if commune is None:
        raise ValueError(f"commune {scope.code} is not served by this deployment")
    return commune.province_code


def scope_name(directory: CommuneDirectory, scope: Scope) -> str:
    if scope.kind is ScopeKind.PROVINCE:
        return directory.province_name(scope.code) or str(scope.code)
    commune = directory.get(scope.code)
    return commune.name if commune else str(scope.code)


def scopes_of(roles: Roles, directory: CommuneDirectory, staff: StaffRoles) -> list[Scope]:
    """The scopes offered when publishing: provinces they administer, then communes they
    moderate directly. (An admin may also publish to any commune of their province; the guided
    flow offers the province to keep the keyboard short.)"""
    provinces = [
        code for code in directory.province_codes if roles.can_administer_province(staff, code)
    ]
    communes = sorted(c for c in staff.moderator_of if directory.get(c) is not None)
    return [Scope(ScopeKind.PROVINCE, p) for p in provinces] + [
        Scope(ScopeKind.COMMUNE, c) for c in communes
    ]


def may_publish(roles: Roles, directory: CommuneDirectory, staff: StaffRoles, scope: Scope) -> bool:
    if scope.kind is ScopeKind.PROVINCE:
        return roles.can_administer_province(staff, scope.code)
    return directory.get(scope.code) is not None and roles.can_moderate(staff, scope.code)

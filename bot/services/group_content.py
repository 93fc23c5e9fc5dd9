"""The `groups:` list of a content file (`binhyen content import`): each entry validated with
its file, entry and field named, like fact-checks and notices."""

from pathlib import Path
from typing import Any

from pydantic import Field

from bot.services import groups
from bot.services.communes import CommuneDirectory
from bot.services.content_entries import KeyedEntry, section_entries
from bot.services.group_kinds import GroupKinds
from bot.services.groups import GroupDraft


class GroupEntry(KeyedEntry):
    kind: str
    name: str = Field(min_length=1, max_length=groups.NAME_MAX)
    commune: int
    hamlet: str | None = Field(default=None, max_length=groups.HAMLET_MAX)
    description: str = Field(default="", max_length=groups.DESCRIPTION_MAX)
    meeting: str | None = Field(default=None, max_length=groups.MEETING_MAX)
    contact: str | None = Field(default=None, max_length=groups.CONTACT_MAX)
    leaders: list[int] = Field(default_factory=list)

    def draft(self) -> GroupDraft:
        return GroupDraft(
            kind=self.kind,
            name=self.name,
            commune_code=self.commune,
            hamlet=self.hamlet or None,
            description=self.description,
            meeting=self.meeting or None,
            contact=self.contact or None,
            key=self.id,
            leaders=tuple(self.leaders),
        )


def group_entries(
    path: Path,
    items: Any,
    kinds: GroupKinds,
    directory: CommuneDirectory,
    errors: list[str],
) -> list[GroupEntry]:
    def check(entry: GroupEntry) -> list[str]:
        problems = []
        if kinds.get(entry.kind) is None:
            problems.append(f"kind: unknown kind {entry.kind!r}; one of {', '.join(kinds.keys())}")
        if directory.get(entry.commune) is None:
            problems.append(f"commune: {entry.commune} is not served by this deployment")
        return problems

    return section_entries(path, "groups", items, GroupEntry, check, errors)

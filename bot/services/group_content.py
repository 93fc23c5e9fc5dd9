"""The `groups:` list of a content file (`binhyen content import`): each entry validated with
its file, entry and field named, like fact-checks and notices."""

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.services import groups
from bot.services.communes import CommuneDirectory
from bot.services.group_kinds import GroupKinds
from bot.services.groups import GroupDraft

KEY_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"


class GroupEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=KEY_PATTERN)
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
    if items is None:
        return []
    if not isinstance(items, list):
        errors.append(f"{path}: 'groups' must be a list")
        return []
    entries: list[GroupEntry] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        label = f"{path}: groups entry {index}"
        if isinstance(item, dict) and "id" in item:
            label += f" (id {item['id']})"
        try:
            entry = GroupEntry.model_validate(item)
        except ValidationError as exc:
            for problem in exc.errors():
                where = ".".join(str(part) for part in problem["loc"]) or "entry"
                errors.append(f"{label}: {where}: {problem['msg']}")
            continue
        problems = []
        if kinds.get(entry.kind) is None:
            problems.append(f"kind: unknown kind {entry.kind!r}; one of {', '.join(kinds.keys())}")
        if directory.get(entry.commune) is None:
            problems.append(f"commune: {entry.commune} is not served by this deployment")
        if entry.id in seen:
            problems.append("id: used twice in this file")
        errors.extend(f"{label}: {problem}" for problem in problems)
        if not problems:
            seen.add(entry.id)
            entries.append(entry)
    return entries

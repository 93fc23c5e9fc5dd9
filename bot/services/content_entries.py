"""What every section of a content file shares: a list of entries, each with a stable id, each
checked whole, and every problem named by file, section, entry and field."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

KEY_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"


class KeyedEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=KEY_PATTERN)


def section_entries[T: KeyedEntry](
    path: Path,
    section: str,
    items: Any,
    model: type[T],
    check: Callable[[T], list[str]],
    errors: list[str],
) -> list[T]:
    """The valid entries of one section; each problem is added to `errors` as
    `FILE: SECTION entry N (id X): FIELD: message`. `check` adds the section's own rules."""
    if items is None:
        return []
    if not isinstance(items, list):
        errors.append(f"{path}: '{section}' must be a list")
        return []
    entries: list[T] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        label = f"{path}: {section} entry {index}"
        if isinstance(item, dict) and "id" in item:
            label += f" (id {item['id']})"
        try:
            entry = model.model_validate(item)
        except ValidationError as exc:
            for problem in exc.errors():
                where = ".".join(str(part) for part in problem["loc"]) or "entry"
                errors.append(f"{label}: {where}: {problem['msg']}")
            continue
        problems = check(entry)
        if entry.id in seen:
            problems.append("id: used twice in this file")
        errors.extend(f"{label}: {problem}" for problem in problems)
        if not problems:
            seen.add(entry.id)
            entries.append(entry)
    return entries

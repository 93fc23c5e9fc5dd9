"""Where the data files live: bundled inside the package when installed from a wheel, or the
repository's own content/ folder when running from a checkout."""

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def content_dir() -> Path:
    bundled = Path(__file__).parent / "content"
    if bundled.is_dir():
        return bundled
    return Path(__file__).parent.parent / "content"


def keyed_items(path: Path, section: str, what: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The items of a data file's section with their `key`, which may not be used twice."""
    seen: set[str] = set()
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))[section]:
        key = str(item["key"])
        if key in seen:
            raise ValueError(f"{path}: {what} {key!r} appears twice")
        seen.add(key)
        yield key, item


class Keyed[T]:
    """The entries of a data file by their key, in the file's order."""

    def __init__(self, entries: dict[str, T]) -> None:
        self._by_key = entries

    def get(self, key: str) -> T | None:
        return self._by_key.get(key)

    def all(self) -> list[T]:
        return list(self._by_key.values())

    def keys(self) -> list[str]:
        return list(self._by_key)

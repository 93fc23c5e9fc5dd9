"""The kinds of community group, read from content/group_kinds.yaml."""

from dataclasses import dataclass
from pathlib import Path

from bot.content import content_dir, keyed_items


@dataclass(frozen=True)
class GroupKind:
    key: str
    icon: str
    names: dict[str, str]
    descriptions: dict[str, str]
    mediation: bool = False

    def name(self, locale: str) -> str:
        return self.names.get(locale) or self.names["vi"]

    def description(self, locale: str) -> str:
        return self.descriptions.get(locale) or self.descriptions["vi"]


class GroupKinds:
    def __init__(self, path: Path | None = None) -> None:
        source = path or content_dir() / "group_kinds.yaml"
        self._by_key: dict[str, GroupKind] = {}
        for key, item in keyed_items(source, "kinds", "group kind"):
            self._by_key[key] = GroupKind(
                key=key,
                icon=str(item.get("icon", "")),
                names={loc: str(item[loc]) for loc in ("vi", "en")},
                descriptions={loc: str(item[f"{loc}_description"]) for loc in ("vi", "en")},
                mediation=bool(item.get("mediation", False)),
            )

    def get(self, key: str) -> GroupKind | None:
        return self._by_key.get(key)

    def all(self) -> list[GroupKind]:
        return list(self._by_key.values())

    def keys(self) -> list[str]:
        return list(self._by_key)

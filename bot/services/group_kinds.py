"""The kinds of community group, read from content/group_kinds.yaml."""

from dataclasses import dataclass
from pathlib import Path

from bot.content import Keyed, content_dir, keyed_items


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


class GroupKinds(Keyed[GroupKind]):
    def __init__(self, path: Path | None = None) -> None:
        source = path or content_dir() / "group_kinds.yaml"
        super().__init__(
            {
                key: GroupKind(
                    key=key,
                    icon=str(item.get("icon", "")),
                    names={loc: str(item[loc]) for loc in ("vi", "en")},
                    descriptions={loc: str(item[f"{loc}_description"]) for loc in ("vi", "en")},
                    mediation=bool(item.get("mediation", False)),
                )
                for key, item in keyed_items(source, "kinds", "group kind")
            }
        )

"""Report categories, read from content/categories.yaml."""

from dataclasses import dataclass
from pathlib import Path

from bot.content import Keyed, content_dir, keyed_items


@dataclass(frozen=True)
class Category:
    key: str
    urgent: bool
    labels: dict[str, str]
    descriptions: dict[str, str]
    shorts: dict[str, str]

    def label(self, locale: str) -> str:
        return self.labels.get(locale) or self.labels["vi"]

    def short(self, locale: str) -> str:
        """A label that fits a button in two columns on a small phone."""
        return self.shorts.get(locale) or self.label(locale)

    def description(self, locale: str) -> str:
        return self.descriptions.get(locale) or self.descriptions["vi"]


class Categories(Keyed[Category]):
    def __init__(self, path: Path | None = None) -> None:
        source = path or content_dir() / "categories.yaml"
        super().__init__(
            {
                key: Category(
                    key=key,
                    urgent=item.get("urgency", "normal") == "urgent",
                    labels={loc: item[loc]["label"] for loc in ("vi", "en")},
                    descriptions={loc: item[loc]["description"] for loc in ("vi", "en")},
                    shorts={loc: item[loc].get("short", "") for loc in ("vi", "en")},
                )
                for key, item in keyed_items(source, "categories", "category")
            }
        )

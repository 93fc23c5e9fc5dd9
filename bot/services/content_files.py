"""Fact-checks, notices and community groups as YAML files: `binhyen content import PATH` and
`content export`.

A file has top-level `factchecks:`, `notices:` and/or `groups:` lists. Each entry's `id` is its
stable key, so importing a file again updates entries in place. A file is validated whole before
anything is written, and written in one transaction: it imports completely or not at all.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BeforeValidator,
    Field,
    field_validator,
)

from bot.services import factchecks, notices
from bot.services.communes import CommuneDirectory
from bot.services.content_entries import KeyedEntry, section_entries
from bot.services.factchecks import FactCheckDraft, Verdict
from bot.services.group_content import GroupEntry, group_entries
from bot.services.group_kinds import GroupKinds
from bot.services.groups import Groups, GroupView
from bot.services.notices import NoticeDraft, NoticeKind
from bot.services.roles import Roles
from bot.services.scopes import Scope, province_of
from bot.storage.db import Database

# libyaml's loader when PyYAML was built with it: ten times faster on a 10,000-entry file.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SAFE_LOADER):  # type: ignore[valid-type,misc]
    """Safe YAML that leaves dates as text, for the entry to read: a date that does not exist
    (2025-13-45) is then reported with its entry and field instead of failing the whole read."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _when(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(0, 0), tzinfo=UTC)


def _day(value: object) -> object:
    """A day (2025-10-01) or a moment (2025-10-01T08:00:00+07:00), one problem if neither."""
    if not isinstance(value, str):
        return value
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(value.strip())
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a real date; write it as 2025-10-01")


Day = Annotated[date | datetime, BeforeValidator(_day)]


class _Entry(KeyedEntry):
    scope: str
    published: Day

    @field_validator("scope")
    @classmethod
    def _scope(cls, value: str) -> str:
        return str(Scope.parse(value))


class FactCheckEntry(_Entry):
    claim: str = Field(min_length=5, max_length=factchecks.CLAIM_MAX)
    verdict: Verdict
    explanation: str = Field(min_length=1, max_length=factchecks.EXPLANATION_MAX)
    sources: list[Annotated[str, Field(max_length=factchecks.SOURCE_MAX)]] = Field(
        default_factory=list, max_length=factchecks.SOURCES_MAX
    )
    tags: list[str] = Field(default_factory=list)

    @field_validator("verdict", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: object) -> object:
        # YAML reads a bare `verdict: false` as a boolean.
        return str(value).lower() if isinstance(value, bool) else value

    def draft(self) -> FactCheckDraft:
        return FactCheckDraft(
            key=self.id,
            claim=self.claim,
            verdict=self.verdict,
            explanation=self.explanation,
            scope=Scope.parse(self.scope),
            published_at=_when(self.published),
            sources=tuple(self.sources),
            tags=tuple(self.tags),
        )


class NoticeEntry(_Entry):
    kind: NoticeKind
    title: str = Field(min_length=1, max_length=notices.TITLE_MAX)
    body: str = Field(min_length=1, max_length=notices.BODY_MAX)
    issuer: str = Field(min_length=1, max_length=notices.ISSUER_MAX)
    source: str | None = Field(default=None, max_length=notices.SOURCE_MAX)
    expires: Day | None = None

    def draft(self) -> NoticeDraft:
        return NoticeDraft(
            key=self.id,
            kind=self.kind,
            title=self.title,
            body=self.body,
            issuer=self.issuer,
            scope=Scope.parse(self.scope),
            source_url=self.source,
            published_at=_when(self.published),
            expires_at=_when(self.expires) if self.expires else None,
        )


@dataclass
class FileReport:
    path: Path
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


SECTIONS = ("factchecks", "notices", "groups")


@dataclass
class Entries:
    facts: list[FactCheckEntry] = field(default_factory=list)
    news: list[NoticeEntry] = field(default_factory=list)
    groups: list[GroupEntry] = field(default_factory=list)


class ContentFiles:
    def __init__(
        self, db: Database, directory: CommuneDirectory, groups: Groups | None = None
    ) -> None:
        self.db = db
        self.directory = directory
        self.groups = groups or Groups(db, directory, Roles(db, directory, []), GroupKinds())

    def files(self, path: Path) -> list[Path]:
        if path.is_dir():
            return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        return [path]

    def validate(self, path: Path) -> tuple[Entries, list[str]]:
        """Every problem of a file, each naming the entry and field."""
        try:
            document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except UnicodeDecodeError as exc:
            return Entries(), [
                f"{path}: not UTF-8 text (at byte {exc.start + 1}); save it as UTF-8"
            ]
        except OSError as exc:
            return Entries(), [f"{path}: cannot read: {exc.strerror or exc}"]
        except yaml.YAMLError as exc:
            return Entries(), [f"{path}: not valid YAML: {' '.join(str(exc).split())}"]
        if not isinstance(document, dict) or not (document.keys() & set(SECTIONS)):
            return Entries(), [
                f"{path}: expected top-level 'factchecks:', 'notices:' and/or 'groups:' lists"
            ]
        errors = [
            f"{path}: unknown top-level key {key!r}" for key in document if key not in SECTIONS
        ]
        entries = Entries(
            self._entries(path, document, "factchecks", FactCheckEntry, errors),
            self._entries(path, document, "notices", NoticeEntry, errors),
            group_entries(path, document.get("groups"), self.groups.kinds, self.directory, errors),
        )
        return entries, errors

    def _entries[T: _Entry](
        self, path: Path, document: dict[str, Any], section: str, model: type[T], errors: list[str]
    ) -> list[T]:
        def check(entry: T) -> list[str]:
            try:
                province_of(self.directory, Scope.parse(entry.scope))
            except ValueError as exc:
                return [f"scope: {exc}"]
            return []

        return section_entries(path, section, document.get(section), model, check, errors)

    async def import_file(self, path: Path) -> FileReport:
        report = FileReport(path)
        entries, report.errors = self.validate(path)
        if report.errors:
            return report
        async with self.db.transaction() as session:
            drafts = [fact.draft() for fact in entries.facts]
            for saved in await factchecks.save_all_in(session, self.directory, drafts, None):
                report.created += saved.created
                report.updated += not saved.created
            for notice in entries.news:
                _, created = await notices.save_in(session, self.directory, notice.draft(), None)
                report.created += created
                report.updated += not created
            for group in entries.groups:
                created = await self.groups.save_in(session, group.draft(), None)
                report.created += created
                report.updated += not created
        return report


def export_document(
    facts: list[factchecks.FactCheckView],
    news: list[notices.NoticeView],
    community: Sequence[GroupView] = (),
) -> str:
    """Live entries in the import format, so an export can be edited and imported again. A
    group's leaders are people, not content: they stay out of the file."""
    document: dict[str, list[dict[str, Any]]] = {
        "factchecks": [
            _without_empty(
                {
                    "id": f.key,
                    "claim": f.claim,
                    "verdict": f.verdict.value,
                    "explanation": f.explanation,
                    "sources": list(f.sources),
                    "scope": str(f.scope),
                    "published": f.published_at.isoformat(),
                    "tags": list(f.tags),
                }
            )
            for f in facts
            if not f.withdrawn
        ],
        "notices": [
            _without_empty(
                {
                    "id": n.key or f"notice-{n.id}",
                    "kind": n.kind.value,
                    "title": n.title,
                    "body": n.body,
                    "issuer": n.issuer,
                    "source": n.source_url,
                    "scope": str(n.scope),
                    "published": n.published_at.isoformat(),
                    "expires": n.expires_at.isoformat() if n.expires_at else None,
                }
            )
            for n in news
            if not n.withdrawn
        ],
        "groups": [
            _without_empty(
                {
                    "id": g.key or f"group-{g.id}",
                    "kind": g.kind,
                    "name": g.name,
                    "commune": g.commune_code,
                    "hamlet": g.hamlet,
                    "description": g.description,
                    "meeting": g.meeting,
                    "contact": g.contact,
                }
            )
            for g in community
            if g.active
        ],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def _without_empty(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in (None, [], "")}

"""Everything the bot's handlers and the CLI call, built once from the settings."""

from dataclasses import dataclass
from datetime import timedelta

from bot.config import Settings
from bot.i18n import Translator
from bot.services.audiences import Audiences
from bot.services.categories import Categories
from bot.services.communes import CommuneDirectory
from bot.services.content_files import ContentFiles
from bot.services.conversations import Conversations
from bot.services.factchecks import FactChecks
from bot.services.group_audiences import GroupAudiences
from bot.services.group_kinds import GroupKinds
from bot.services.group_membership import Membership
from bot.services.group_posts import GroupPosts
from bot.services.groups import Groups
from bot.services.match_feedback import MatchFeedbackLog
from bot.services.moderation import Moderation, build_moderation
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.pastes import Pastes
from bot.services.report_lifecycle import ReportLifecycle
from bot.services.reports import DueWindows, Reports
from bot.services.residents import Residents
from bot.services.roles import Roles
from bot.services.rooms import Rooms
from bot.services.rumors import Rumors
from bot.storage.db import Database


@dataclass
class Services:
    settings: Settings
    db: Database
    translator: Translator
    directory: CommuneDirectory
    categories: Categories
    residents: Residents
    roles: Roles
    rooms: Rooms
    conversations: Conversations
    reports: Reports
    report_lifecycle: ReportLifecycle
    moderation: Moderation
    factchecks: FactChecks
    notices: Notices
    content_files: ContentFiles
    rumors: Rumors
    outbox: Outbox
    match_feedback: MatchFeedbackLog
    pastes: Pastes
    group_kinds: GroupKinds
    groups: Groups
    membership: Membership
    group_posts: GroupPosts


def build_services(settings: Settings, db: Database | None = None) -> Services:
    db = db or Database(settings.database_url)
    directory = CommuneDirectory(settings.bot_provinces)
    roles = Roles(db, directory, settings.bot_superadmins)
    factchecks = FactChecks(db, directory)
    windows = DueWindows(
        acknowledge_urgent=timedelta(minutes=settings.bot_ack_urgent_minutes),
        acknowledge_normal=timedelta(minutes=settings.bot_ack_normal_minutes),
        stale=timedelta(days=settings.bot_stale_days),
    )
    outbox = Outbox(db)
    Audiences(directory, settings.timezone, settings.bot_superadmins).register(outbox)
    GroupAudiences(directory, settings.timezone, settings.bot_superadmins).register(outbox)
    group_kinds = GroupKinds()
    groups = Groups(db, directory, roles, group_kinds)
    return Services(
        settings=settings,
        db=db,
        translator=Translator(),
        directory=directory,
        categories=Categories(),
        residents=Residents(db),
        roles=roles,
        rooms=Rooms(db, directory, roles),
        conversations=Conversations(db),
        reports=Reports(db, settings.bot_reports_per_hour, windows=windows),
        report_lifecycle=ReportLifecycle(db, windows),
        moderation=build_moderation(db, directory, roles, settings.bot_superadmins, windows),
        factchecks=factchecks,
        notices=Notices(db, directory, outbox),
        content_files=ContentFiles(db, directory, groups),
        rumors=Rumors(db, factchecks),
        outbox=outbox,
        match_feedback=MatchFeedbackLog(db),
        pastes=Pastes(db),
        group_kinds=group_kinds,
        groups=groups,
        membership=Membership(db, groups),
        group_posts=GroupPosts(db, directory, groups, group_kinds),
    )

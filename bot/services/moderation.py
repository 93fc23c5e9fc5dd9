"""The moderator-room services, built together: routing and the outbox, posted cards and
pseudonyms, triage, the relay with reporters, deadlines, the moderators' queries and blocking
reporters."""

from dataclasses import dataclass

from bot.services.cards import Cards
from bot.services.communes import CommuneDirectory
from bot.services.deadlines import DeadlinePolicy, Deadlines
from bot.services.moderation_queries import ModerationQueries
from bot.services.pseudonyms import Pseudonyms
from bot.services.relay import Relay
from bot.services.report_lifecycle import ReportLifecycle
from bot.services.reporter_blocks import ReporterBlocks
from bot.services.reports import DEFAULT_WINDOWS, DueWindows
from bot.services.roles import Roles
from bot.services.routing import Routing
from bot.services.triage import Triage
from bot.storage.db import Database


@dataclass(frozen=True)
class Moderation:
    routing: Routing
    cards: Cards
    triage: Triage
    relay: Relay
    deadlines: Deadlines
    queries: ModerationQueries
    blocks: ReporterBlocks


def build_moderation(
    db: Database,
    directory: CommuneDirectory,
    roles: Roles,
    superadmins: list[int],
    windows: DueWindows = DEFAULT_WINDOWS,
) -> Moderation:
    pseudonyms = Pseudonyms(db)
    cards = Cards(db, pseudonyms)
    return Moderation(
        routing=Routing(db, directory, superadmins),
        cards=cards,
        triage=Triage(roles, cards, ReportLifecycle(db, windows), directory),
        relay=Relay(db),
        deadlines=Deadlines(db, DeadlinePolicy.of(windows)),
        queries=ModerationQueries(db, pseudonyms),
        blocks=ReporterBlocks(db),
    )

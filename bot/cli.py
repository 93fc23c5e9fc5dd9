"""`binhyen` — run the bot and administer it from a shell."""

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import NoReturn

from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot import cli_broadcasts as broadcasts
from bot import cli_groups
from bot import cli_information as information
from bot.cli_information import CommandError
from bot.config import Settings, SettingsError, load_settings
from bot.logs import redact, setup_logging
from bot.services.communes import CommuneDirectory
from bot.services.container import Services, build_services
from bot.services.inbox import Inbox
from bot.services.match_feedback import Outcome
from bot.services.report_lifecycle import UnknownReport
from bot.services.reporter_blocks import BlockResult
from bot.services.roles import Grant, Refusal, Role
from bot.storage.db import UNAVAILABLE, DatabaseUnavailable, unavailable, upgrade

log = logging.getLogger("bot")

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, with its complaint on one line: the usage is one --help away."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("binhyen").strip()
        where = f"{command}: " if command else ""
        self.exit(EXIT_USAGE, f"binhyen: {where}{message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="binhyen", description="Bình Yên Telegram bot")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="apply pending migrations and receive updates")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="receive by webhook (BOT_WEBHOOK_URL, BOT_WEBHOOK_SECRET, BOT_LISTEN) "
        "instead of long polling",
    )

    db = sub.add_parser("db", help="database").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="apply pending migrations")

    roles = sub.add_parser("roles", help="staff roles").add_subparsers(dest="action", required=True)
    for action in ("grant", "revoke"):
        p = roles.add_parser(action)
        p.add_argument("--user", type=int, required=True, help="Telegram user id")
        p.add_argument("--role", choices=[r.value for r in Role], required=True)
        place = p.add_mutually_exclusive_group(required=True)
        place.add_argument("--commune", type=int, help="commune code (moderator)")
        place.add_argument("--province", type=int, help="province code (admin)")
    roles.add_parser("list")

    communes = sub.add_parser("communes", help="commune directory").add_subparsers(
        dest="action", required=True
    )
    communes.add_parser("search").add_argument("text", nargs="+")

    rooms = sub.add_parser("rooms", help="moderator rooms").add_subparsers(
        dest="action", required=True
    )
    link = rooms.add_parser("link")
    target = link.add_mutually_exclusive_group(required=True)
    target.add_argument("--commune", type=int)
    target.add_argument("--province", type=int)
    link.add_argument("--chat", type=int, required=True, help="Telegram chat id of the group")
    link.add_argument("--category", help="only reports of this category key")
    rooms.add_parser("list")

    users = sub.add_parser("users", help="residents").add_subparsers(dest="action", required=True)
    block = users.add_parser("block")
    block.add_argument("user", type=int)
    block.add_argument("--reason")
    users.add_parser("unblock").add_argument("user", type=int)
    users.add_parser(
        "unblock-reporter", help="unblock whoever filed report CODE, without showing who"
    ).add_argument("code")
    _information_parsers(sub)
    broadcasts = sub.add_parser("broadcasts", help="notices sent to many chats").add_subparsers(
        dest="action", required=True
    )
    listing = broadcasts.add_parser("list", help="recent broadcasts with their figures")
    listing.add_argument("--limit", type=int, default=20)
    broadcasts.add_parser("show", help="one broadcast in detail").add_argument("id", type=int)
    cli_groups.add_parsers(sub)
    inbox = sub.add_parser("inbox", help="updates received").add_subparsers(
        dest="action", required=True
    )
    inbox.add_parser("failed", help="updates parked after their last attempt")
    inbox.add_parser("retry", help="queue a parked update again").add_argument("id", type=int)
    return parser


def _information_parsers(sub: "argparse._SubParsersAction[_Parser]") -> None:
    content = sub.add_parser("content", help="fact-checks and notices as YAML").add_subparsers(
        dest="action", required=True
    )
    content.add_parser("import", help="import YAML files (or a folder of them)").add_argument(
        "path"
    )
    content.add_parser(
        "export", help="write live fact-checks, notices and groups as YAML"
    ).add_argument("path", help="file to write, or - for standard output")
    factchecks = sub.add_parser("factchecks", help="fact-check library").add_subparsers(
        dest="action", required=True
    )
    match = factchecks.add_parser("match", help="rank the library against a message")
    match.add_argument("text")
    match.add_argument("--json", action="store_true", help="machine-readable output")
    factchecks.add_parser(
        "reindex", help="normalise every claim again after the lexicon (content/matching) changed"
    )
    feedback = factchecks.add_parser(
        "feedback", help="residents' messages behind confirmations and refusals"
    )
    feedback.add_argument(
        "--outcome",
        action="append",
        choices=[o.value for o in Outcome],
        help="only these outcomes (repeatable; default: all but direct and suggested)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Every problem of the command line, the settings, the database or Telegram ends here as
    one line (never the token) and exit code 2."""
    args = _parser().parse_args(argv)
    try:
        return _command(args)
    except (SettingsError, DatabaseUnavailable, CommandError) as exc:
        print(f"binhyen: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _command(args: argparse.Namespace) -> int:
    settings = load_settings(require_token=args.command == "run")
    if args.command == "communes":
        return _communes_search(settings, args)
    if args.command == "run":
        return _run(settings, webhook=args.webhook)
    setup_logging(settings.secrets, logging.WARNING)
    upgrade(settings.database_url)
    if args.command == "db":
        print("database is up to date")
        return 0
    try:
        return asyncio.run(_admin(settings, args))
    except UNAVAILABLE as exc:
        raise unavailable(settings.database_url, exc) from exc


def _run(settings: Settings, *, webhook: bool) -> int:
    from bot.receiving.run import serve

    setup_logging(settings.secrets, fmt=settings.bot_log_format)
    if webhook:
        # Several workers share the database: migrations are run once, by `binhyen db upgrade`.
        settings.require_webhook()
        asyncio.run(_check_schema(settings))
    else:
        upgrade(settings.database_url)
    asyncio.run(_check_telegram(settings))
    log.info("Bình Yên starting; serving provinces %s", settings.bot_provinces)
    asyncio.run(serve(settings, webhook=webhook))
    log.info("Bình Yên stopped")
    return 0


async def _check_schema(settings: Settings) -> None:
    from bot.receiving.webhook import schema_current
    from bot.storage.db import Database

    logging.getLogger("alembic").setLevel(logging.WARNING)  # nothing to say about a read
    db = Database(settings.database_url)
    try:
        current = await schema_current(db)
    except UNAVAILABLE as exc:
        raise unavailable(settings.database_url, exc) from exc
    finally:
        await db.dispose()
    if not current:
        raise CommandError("the database is not up to date: run `binhyen db upgrade` first")


async def _check_telegram(settings: Settings) -> None:
    """Ask Telegram who the bot is before starting: a revoked token or an unreachable server is
    a line for the operator, not a traceback (PTB's exception would carry the token)."""
    api = settings.telegram_api_url
    bot = Bot(settings.token, base_url=f"{api}/bot", base_file_url=f"{api}/file/bot")
    try:
        async with bot:
            pass
    except InvalidToken:
        raise CommandError(
            f"{api} refused BOT_TOKEN: it was revoked or mistyped; get the bot's current token "
            "from @BotFather (/mybots → API Token)"
        ) from None
    except TelegramError as exc:
        reason = redact(exc.message, settings.secrets)
        raise CommandError(f"cannot reach Telegram at {api}: {reason}") from None


def _communes_search(settings: Settings, args: argparse.Namespace) -> int:
    directory = CommuneDirectory(settings.bot_provinces)
    query = " ".join(args.text)
    found = directory.search(query) or directory.suggest(query)
    for commune in found:
        print(f"{commune.code}\t{commune.name}\t{commune.province_name}")
    if not found:
        print(f"no commune matches {query!r}", file=sys.stderr)
        return 1
    return 0


async def _admin(settings: Settings, args: argparse.Namespace) -> int:
    services = build_services(settings)
    handlers: dict[tuple[str, str], Callable[[Services, argparse.Namespace], Awaitable[int]]] = {
        ("roles", "grant"): _roles_change,
        ("roles", "revoke"): _roles_change,
        ("roles", "list"): _roles_list,
        ("rooms", "link"): _rooms_link,
        ("rooms", "list"): _rooms_list,
        ("users", "block"): _users_block,
        ("users", "unblock"): _users_block,
        ("users", "unblock-reporter"): _users_unblock_reporter,
        ("content", "import"): information.content_import,
        ("content", "export"): information.content_export,
        ("factchecks", "match"): information.factchecks_match,
        ("broadcasts", "list"): broadcasts.broadcasts_list,
        ("broadcasts", "show"): broadcasts.broadcasts_show,
        ("inbox", "failed"): _inbox_failed,
        ("inbox", "retry"): _inbox_retry,
        ("factchecks", "reindex"): information.factchecks_reindex,
        ("factchecks", "feedback"): information.factchecks_feedback,
        **cli_groups.HANDLERS,
    }
    try:
        if args.command in ("content", "factchecks"):
            await services.factchecks.refresh_index()
        return await handlers[(args.command, args.action)](services, args)
    except Refusal as refusal:
        details = ", ".join(f"{k}={v}" for k, v in refusal.details.items())
        print(
            f"binhyen: refused: {refusal.reason}{' (' + details + ')' if details else ''}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    finally:
        await services.db.dispose()


async def _roles_change(services: Services, args: argparse.Namespace) -> int:
    grant = Grant(args.user, Role(args.role), args.commune, args.province)
    if args.action == "grant":
        changed = await services.roles.grant(None, grant, granted_by=None)
        print(f"granted {grant.role.value}" if changed else "already granted")
    else:
        changed = await services.roles.revoke(None, grant)
        print(f"revoked {grant.role.value}" if changed else "no such grant")
    return 0


async def _roles_list(services: Services, _: argparse.Namespace) -> int:
    for grant in await services.roles.list():
        place = _place(grant.commune_code, grant.province_code)
        print(f"{grant.telegram_id}\t{grant.role.value}\t{place}")
    for uid in services.settings.bot_superadmins:
        print(f"{uid}\tsuperadmin\t(BOT_SUPERADMINS)")
    return 0


async def _rooms_link(services: Services, args: argparse.Namespace) -> int:
    if args.category and services.categories.get(args.category) is None:
        keys = ", ".join(c.key for c in services.categories.all())
        print(f"binhyen: unknown category {args.category!r}; known: {keys}", file=sys.stderr)
        return EXIT_USAGE
    room, created = await services.rooms.link(
        None,
        args.chat,
        commune_code=args.commune,
        province_code=args.province,
        category=args.category,
    )
    where = _place(room.commune_code, room.province_code)
    category = f" for {room.category}" if room.category else ""
    print(f"{'linked' if created else 'already linked'}: chat {room.chat_id} → {where}{category}")
    return 0


def _place(commune_code: int | None, province_code: int | None) -> str:
    return f"commune {commune_code}" if commune_code else f"province {province_code}"


async def _rooms_list(services: Services, _: argparse.Namespace) -> int:
    for room in await services.rooms.all():
        where = _place(room.commune_code, room.province_code)
        print(f"{room.chat_id}\t{where}\t{room.category or '*'}\t{room.title or ''}")
    return 0


async def _users_block(services: Services, args: argparse.Namespace) -> int:
    if args.action == "block":
        await services.residents.block(args.user, args.reason)
        print(f"blocked {args.user}")
    elif await services.residents.unblock(args.user) is None:
        print(f"no such user {args.user}")
    else:
        print(f"unblocked {args.user}")
    return 0


async def _users_unblock_reporter(services: Services, args: argparse.Namespace) -> int:
    try:
        result = await services.moderation.blocks.unblock(
            args.code, actor_telegram_id=None, actor_name=None
        )
    except UnknownReport:
        raise CommandError(f"no report {args.code}") from None
    said = {
        BlockResult.DONE: "unblocked the reporter of",
        BlockResult.ALREADY: "nobody is blocked for",
        BlockResult.GONE: "the reporter erased their data:",
    }
    print(f"{said[result]} report {args.code.upper()}")
    return 0


async def _inbox_failed(services: Services, _: argparse.Namespace) -> int:
    parked = await Inbox(services.db).failed()
    if not parked:
        print("no failed updates")
    zone = services.settings.timezone
    for row in parked:
        when = row.received_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
        print(f"{row.update_id}\t{when}\t{row.kind}\t{row.attempts} attempts\t{row.error or ''}")
    return 0


async def _inbox_retry(services: Services, args: argparse.Namespace) -> int:
    if not await Inbox(services.db).retry(args.id):
        raise CommandError(f"no failed update {args.id} (see binhyen inbox failed)")
    print(f"update {args.id} queued again")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`binhyen groups list|leader add|leader remove`: community groups from a shell. Groups are
imported with `binhyen content import` (a `groups:` list)."""

import argparse
from typing import Any

from bot.services.container import Services
from bot.services.groups import GroupView

EXIT_UNKNOWN = 1


def add_parsers(sub: "argparse._SubParsersAction[Any]") -> None:
    groups = sub.add_parser("groups", help="community groups").add_subparsers(
        dest="action", required=True
    )
    listing = groups.add_parser("list", help="groups with kind, commune, leaders and members")
    listing.add_argument("--commune", type=int, help="only this commune (code)")
    leader = groups.add_parser("leader", help="appoint or dismiss a group's leader")
    leader.add_argument("change", choices=("add", "remove"))
    leader.add_argument("--group", type=int, required=True, help="group number (see list)")
    leader.add_argument("--user", type=int, required=True, help="Telegram user id")


def _line(services: Services, group: GroupView) -> str:
    commune = services.directory.get(group.commune_code)
    leaders = ",".join(str(t) for t in group.leaders) or "-"
    return "\t".join(
        (
            str(group.id),
            group.key or "-",
            group.kind,
            f"{group.commune_code} {commune.name if commune else ''}".strip(),
            group.name + (f" ({group.hamlet})" if group.hamlet else ""),
            f"leaders {leaders}",
            f"members {group.members}",
            group.status,
        )
    )


async def groups_list(services: Services, args: argparse.Namespace) -> int:
    found = await services.groups.all(args.commune)
    if not found:
        print("no groups")
    for group in found:
        print(_line(services, group))
    return 0


async def groups_leader(services: Services, args: argparse.Namespace) -> int:
    if args.change == "add":
        changed = await services.groups.appoint(None, args.group, args.user)
        print(f"{args.user} leads group {args.group}" if changed else "already a leader")
    else:
        changed = await services.groups.dismiss(None, args.group, args.user)
        print(f"{args.user} no longer leads group {args.group}" if changed else "not a leader")
    return 0


HANDLERS = {("groups", "list"): groups_list, ("groups", "leader"): groups_leader}

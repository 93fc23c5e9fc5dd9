"""`binhyen broadcasts list|show`: what went out to many chats, with the figures authors see in
Telegram (/broadcasts)."""

import argparse
import sys
from datetime import datetime

from bot.services.container import Services
from bot.services.outbox import Batch, Figures

EXIT_UNKNOWN = 1


async def _what(services: Services, batch: Batch) -> str:
    if batch.kind == "notice":
        notice = await services.notices.get(batch.item_id)
        if notice is not None:
            return f"notice {notice.id} “{notice.title}” ({notice.scope})"
    return f"{batch.kind} {batch.item_id}"


def _figures(figures: Figures) -> str:
    return (
        f"sent {figures.sent}/{figures.total}, not received {figures.not_received} "
        f"(unreachable {figures.unreachable}, failed {figures.failed}), "
        f"pending {figures.pending} (waiting for quiet hours {figures.waiting_quiet}), "
        f"cancelled {figures.cancelled}, deleted {figures.deleted}"
    )


async def broadcasts_list(services: Services, args: argparse.Namespace) -> int:
    outbox = services.outbox
    batches = await outbox.recent_broadcasts(limit=args.limit)
    if not batches:
        print("no broadcasts yet")
    for batch in batches:
        figures = await outbox.figures(batch.id)
        when = batch.created_at.astimezone(services.settings.timezone).strftime("%Y-%m-%d %H:%M")
        print(
            f"{batch.id}\t{when}\t{batch.status}\t{figures.sent}/{figures.total} sent\t"
            f"{figures.not_received} not received\t{figures.pending} pending\t"
            f"{await _what(services, batch)}"
        )
    return 0


async def broadcasts_show(services: Services, args: argparse.Namespace) -> int:
    outbox = services.outbox
    batch = await outbox.batch(args.id)
    if batch is None or not batch.bulk:
        print(f"binhyen: no broadcast {args.id}", file=sys.stderr)
        return EXIT_UNKNOWN
    figures = await outbox.figures(batch.id)
    zone = services.settings.timezone

    def at(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if moment else "—"

    print(f"broadcast {batch.id}: {await _what(services, batch)}")
    print(f"status: {batch.status}{' (urgent)' if batch.urgent else ''}")
    print(f"author: {batch.author_id or '—'}")
    print(
        f"created {at(batch.created_at)}, due {at(batch.due_at)}, "
        f"filled {at(batch.filled_at)}, finished {at(batch.finished_at)}"
    )
    print(_figures(figures))
    return 0

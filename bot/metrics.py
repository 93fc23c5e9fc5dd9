"""What an operator's Prometheus scrapes from `GET /metrics`.

Counters and the latency histogram are this process's own (Prometheus sums the workers);
queue depths and reports filed are read from the database at each scrape, so every worker
shows the deployment's figures. Labels carry kinds, categories and API methods only: never a
chat, a user or a text.
"""

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from telegram.error import RetryAfter, TelegramError

from bot.services.inbox import Inbox
from bot.storage.db import Database
from bot.storage.outbox import OutboxBatch, OutboxRow
from bot.storage.reports import Report

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class _DatabaseFigures(Collector):
    """The last figures read from the database, as metric families."""

    def __init__(self) -> None:
        self.inbox_pending = 0.0
        self.inbox_oldest = 0.0
        self.inbox_failed = 0.0
        self.outbox_pending: dict[str, float] = {"false": 0.0, "true": 0.0}
        self.broadcasts_open = 0.0
        self.reports: dict[str, float] = {}

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "binhyen_inbox_pending", "Updates received and not yet handled", self.inbox_pending
        )
        yield GaugeMetricFamily(
            "binhyen_inbox_oldest_pending_seconds",
            "Age of the oldest update not yet handled",
            self.inbox_oldest,
        )
        yield GaugeMetricFamily(
            "binhyen_inbox_failed", "Updates parked after their last attempt", self.inbox_failed
        )
        outbox = GaugeMetricFamily(
            "binhyen_outbox_pending", "Deliveries waiting to be sent", labels=["bulk"]
        )
        for bulk, count in sorted(self.outbox_pending.items()):
            outbox.add_metric([bulk], count)
        yield outbox
        yield GaugeMetricFamily(
            "binhyen_broadcasts_open", "Broadcasts still being sent", self.broadcasts_open
        )
        reports = CounterMetricFamily(
            "binhyen_reports_filed", "Reports filed, by category", labels=["category"]
        )
        for category, count in sorted(self.reports.items()):
            reports.add_metric([category], count)
        yield reports


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.received = Counter(
            "binhyen_updates_received", "Updates recorded in the inbox", ["kind"], registry=r
        )
        self.duplicates = Counter(
            "binhyen_updates_duplicate", "Updates received again and ignored", registry=r
        )
        self.processed = Counter(
            "binhyen_updates_processed", "Updates handled", ["kind"], registry=r
        )
        self.failed = Counter(
            "binhyen_updates_failed", "Failed attempts at handling an update", ["kind"], registry=r
        )
        self.parked = Counter(
            "binhyen_updates_parked",
            "Updates parked after their last attempt",
            ["kind"],
            registry=r,
        )
        self.latency = Histogram(
            "binhyen_update_handling_seconds",
            "Time from claiming an update to having handled it",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.retry_afters = Counter(
            "binhyen_telegram_429", "Flood-control answers (429) from Telegram", registry=r
        )
        self.api_errors = Counter(
            "binhyen_telegram_errors", "Errors answered by Telegram", ["method"], registry=r
        )
        self.invalid_webhook_calls = Counter(
            "binhyen_webhook_rejected", "Webhook calls refused", ["reason"], registry=r
        )
        self._figures = _DatabaseFigures()
        r.register(self._figures)

    def api_error(self, method: str, error: TelegramError) -> None:
        if isinstance(error, RetryAfter):
            self.retry_afters.inc()
        self.api_errors.labels(method[:40]).inc()

    async def refresh(self, db: Database, inbox: Inbox) -> None:
        """Read the deployment-wide figures from the database."""
        figures = self._figures
        depth = await inbox.depth()
        figures.inbox_pending = depth.pending
        figures.inbox_oldest = depth.oldest_pending_seconds
        figures.inbox_failed = depth.failed
        async with db.transaction() as session:
            rows = await session.execute(
                select(OutboxRow.bulk, func.count())
                .where(OutboxRow.state.in_(("pending", "sending")))
                .group_by(OutboxRow.bulk)
            )
            figures.outbox_pending = {"false": 0.0, "true": 0.0}
            for bulk, count in rows.all():
                figures.outbox_pending["true" if bulk else "false"] = float(count)
            figures.broadcasts_open = float(
                await session.scalar(
                    select(func.count()).where(
                        OutboxBatch.bulk.is_(True), OutboxBatch.finished_at.is_(None)
                    )
                )
                or 0
            )
            reports = await session.execute(
                select(Report.category, func.count()).group_by(Report.category)
            )
            figures.reports = {str(category): float(count) for category, count in reports.all()}

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

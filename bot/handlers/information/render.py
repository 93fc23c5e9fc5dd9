"""How verified information looks in a chat: fact-check and notice cards, verdict labels, and
the Share button (which opens inline mode with the item's key, see browse.on_inline)."""

from datetime import UTC, datetime, tzinfo

from telegram import InlineKeyboardButton

from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import local_date
from bot.handlers.formatting import local_time as local_time  # noqa: PLC0414 (re-exported)
from bot.handlers.limits import TEXT_LIMIT, fit, link
from bot.i18n import Html
from bot.services.factchecks import FactCheckView, Verdict
from bot.services.notices import NoticeKind, NoticeView, last_day

CLAIM_PREVIEW = 48
# The claim as a card quotes it; the whole claim is what matching reads.
CLAIM_SHOWN = 600
# A fact-check card is sent as it is or under one line ("Checked by the authorities:", a
# correction); a notice card with its expiry under it (/notices).
FACTCHECK_LIMIT = TEXT_LIMIT - 150
NOTICE_LIMIT = TEXT_LIMIT - 60
VERDICT_ICONS = {
    Verdict.FALSE: "❌",
    Verdict.MISLEADING: "⚠️",
    Verdict.TRUE: "✅",
    Verdict.UNVERIFIED: "❓",
    Verdict.OUT_OF_SCOPE: "➖",
}
NOTICE_ICONS = {
    NoticeKind.ANNOUNCEMENT: "📢",
    NoticeKind.WARNING: "⚠️",
    NoticeKind.POSITIVE: "🌟",
    NoticeKind.FACTCHECK: "🔎",
}


def parse_local_time(text: str, now: datetime, zone: tzinfo) -> datetime | None:
    """ "18:30 25/12" or "18:30 25/12/2026", Vietnam time; None unless in the future."""
    for pattern in ("%H:%M %d/%m/%Y", "%H:%M %d/%m"):
        try:
            parsed = datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        if pattern == "%H:%M %d/%m":
            parsed = parsed.replace(year=now.astimezone(zone).year)
        moment = parsed.replace(tzinfo=zone).astimezone(UTC)
        return moment if moment > now else None
    return None


def expiry_text(context: BotContext, locale: str, expires_at: datetime | None) -> Html:
    """Until when a notice is shown: its last local day, or "no expiry"."""
    if expires_at is None:
        return tr(context, locale, "notice-expiry-none")
    day = last_day(expires_at, context.services.settings.timezone)
    return tr(context, locale, "notice-expiry-until", date=day.strftime("%d/%m/%Y"))


def verdict_label(context: BotContext, locale: str, verdict: Verdict) -> Html:
    key = "verdict-" + verdict.value.replace("_", "-")
    return Html(f"{VERDICT_ICONS[verdict]} {tr(context, locale, key)}")


def preview(text: str, limit: int = CLAIM_PREVIEW) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def factcheck_card(context: BotContext, locale: str, factcheck: FactCheckView) -> Html:
    sources = Html(", ".join(link(source) for source in factcheck.sources))

    def render(explanation: str) -> str:
        text = tr(
            context,
            locale,
            "factcheck-card",
            verdict=verdict_label(context, locale, factcheck.verdict),
            claim=preview(factcheck.claim, CLAIM_SHOWN),
            explanation=explanation,
            date=local_date(context, factcheck.published_at),
        )
        if sources:
            text = Html(text + "\n" + tr(context, locale, "factcheck-sources", sources=sources))
        return text

    return fit(render, factcheck.explanation, FACTCHECK_LIMIT)


def notice_card(context: BotContext, locale: str, notice: NoticeView) -> Html:
    def render(body: str) -> str:
        text = tr(
            context,
            locale,
            "notice-card",
            icon=NOTICE_ICONS[notice.kind],
            title=notice.title,
            body=body,
            issuer=notice.issuer,
            date=local_date(context, notice.published_at),
        )
        if notice.source_url:
            source = link(notice.source_url)
            text = Html(text + "\n" + tr(context, locale, "notice-source", url=source))
        return text

    return fit(render, notice.body, NOTICE_LIMIT)


def share_button(context: BotContext, locale: str, query: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(tr(context, locale, "share"), switch_inline_query=query)


def factcheck_share_query(factcheck: FactCheckView) -> str:
    return f"fc:{factcheck.key}"


def notice_share_query(notice: NoticeView) -> str:
    return f"nt:{notice.id}"

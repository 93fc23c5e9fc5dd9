"""`/groups` for moderators and province admins, in a room or in private: active groups by kind
and by commune, groups without a leader, groups with requests waiting more than three days,
and a chart in the style of /stats."""

import io

from telegram import Update

from bot.handlers import common
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name
from bot.handlers.groups.render import kind_label
from bot.handlers.groups.staff import communes_managed
from bot.i18n import escape
from bot.services.groups import GroupStats

LISTED = 10


async def groups_command(update: Update, context: BotContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    locale = await common.user_locale(update, context)
    services = context.services
    communes = await communes_managed(update, context, locale, user.id)
    if not communes:
        return
    stats = await services.groups.stats(communes)
    await common.reply(update, context, _text(context, locale, stats))
    if stats.by_kind:
        png = _chart(context, locale, stats)
        await context.bot.send_photo(chat.id, png, filename="groups.png")


def _text(context: BotContext, locale: str, stats: GroupStats) -> str:
    total = sum(stats.by_kind.values())
    lines: list[str] = [tr(context, locale, "groups-stats-title", total=total)]
    lines += [f"• {escape(kind_label(context, locale, k))}: {n}" for k, n in stats.by_kind.items()]
    top = sorted(stats.by_commune.items(), key=lambda item: -item[1])[:LISTED]
    if len(stats.by_commune) > 1:
        lines.append(tr(context, locale, "groups-stats-communes"))
        lines += [f"• {escape(commune_name(context, c))}: {n}" for c, n in top]
    lines.append(tr(context, locale, "groups-stats-no-leader", count=len(stats.without_leader)))
    lines += [f"• #{g.id} {escape(g.name)}" for g in stats.without_leader[:LISTED]]
    lines.append(tr(context, locale, "groups-stats-old-requests", count=len(stats.old_requests)))
    lines += [f"• #{g.id} {escape(g.name)}: {n}" for g, n in stats.old_requests[:LISTED]]
    return "\n".join(lines)


def _chart(context: BotContext, locale: str, stats: GroupStats) -> bytes:
    # Imported here, as for /stats (rooms/charts.py): matplotlib is not needed to start the bot.
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(9, 3.6), dpi=100)
    left, right = figure.subplots(1, 2)
    # Kind names without their icons: the chart's font has no emoji.
    kinds = [context.services.group_kinds.get(k) for k in stats.by_kind]
    labels = [(kind.name(locale) if kind else "?")[:30] for kind in kinds]
    left.barh(labels[::-1], list(stats.by_kind.values())[::-1], color="#27ae60")
    left.set_title(tr(context, locale, "groups-stats-chart-kinds"), fontsize=10)
    top = sorted(stats.by_commune.items(), key=lambda item: -item[1])[:LISTED]
    names = [commune_name(context, c)[:18] for c, _ in top]
    right.bar(range(len(top)), [n for _, n in top], color="#2c3e50")
    right.set_xticks(range(len(top)), names, rotation=60, fontsize=7)
    right.set_title(tr(context, locale, "groups-stats-chart-communes"), fontsize=10)
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

"""The /stats chart: a small PNG made with matplotlib's Agg backend (no display needed).

matplotlib is imported when the first chart is drawn, not when the bot starts: it is half of
the installation and costs a second of start-up for a picture few commands need."""

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_DAY_LABELS = 15  # more dates than this under the bars cannot be read


@dataclass(frozen=True)
class ChartText:
    """The picture says what it shows, so it can be forwarded on its own."""

    title: str
    categories: str
    days: str


def draw(text: ChartText, by_category: dict[str, int], per_day: dict[str, int]) -> "Figure":
    """Reports by category and per day (every day of the period, zeros too), on whole-number
    axes. The caller closes the figure."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(9, 3.8), dpi=100)
    left, right = figure.subplots(1, 2)
    figure.suptitle(text.title, fontsize=11, fontweight="bold")
    labels = list(by_category)[:8]
    left.barh(labels[::-1], [by_category[k] for k in labels][::-1], color="#c0392b")
    left.set_title(text.categories, fontsize=10)
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    days = list(per_day)
    right.bar(range(len(days)), [per_day[d] for d in days], color="#2c3e50")
    step = max(1, -(-len(days) // _DAY_LABELS))
    shown = range(0, len(days), step)
    right.set_xticks(list(shown), [_day_month(days[i]) for i in shown], rotation=60, fontsize=7)
    right.set_xlim(-0.6, len(days) - 0.4)
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.set_ylim(bottom=0, top=max([1, *per_day.values()]) * 1.1)
    right.set_title(text.days, fontsize=10)
    figure.tight_layout()
    return figure


def stats_chart(text: ChartText, by_category: dict[str, int], per_day: dict[str, int]) -> bytes:
    figure = draw(text, by_category, per_day)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _day_month(iso_day: str) -> str:
    """2026-11-05 → 05/11, the way dates are written in Vietnam."""
    return f"{iso_day[8:10]}/{iso_day[5:7]}"

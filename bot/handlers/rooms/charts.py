"""The /stats chart: a small PNG made with matplotlib's Agg backend (no display needed)."""

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt


def stats_chart(
    title: str, by_category: dict[str, int], per_day: dict[str, int], day_label: str
) -> bytes:
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), dpi=100)
    try:
        labels = list(by_category)[:8]
        left.barh(labels[::-1], [by_category[k] for k in labels][::-1], color="#c0392b")
        left.set_title(title, fontsize=10)
        days = list(per_day)
        right.bar(range(len(days)), [per_day[d] for d in days], color="#2c3e50")
        right.set_xticks(range(len(days)), [d[5:] for d in days], rotation=60, fontsize=7)
        right.set_title(day_label, fontsize=10)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)

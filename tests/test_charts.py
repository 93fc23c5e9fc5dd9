"""The /stats picture: readable on its own when forwarded."""

import subprocess
import sys

from bot.handlers.rooms.charts import ChartText, draw, stats_chart


def test_matplotlib_is_imported_only_when_a_chart_is_drawn() -> None:
    code = "import bot.app, sys; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_counts_use_whole_numbers_and_every_day_is_drawn() -> None:
    per_day = {f"2026-11-{d:02d}": 0 for d in range(1, 31)}
    per_day["2026-11-15"] = 1
    text = ChartText("Đặc khu Vân Đồn — 30 ngày", "Theo loại", "Theo ngày")
    figure = draw(text, {"Trộm cắp": 1}, per_day)
    left, right = figure.axes
    assert figure.texts[0].get_text() == "Đặc khu Vân Đồn — 30 ngày"
    assert all(float(t).is_integer() for t in left.get_xticks())
    assert all(float(t).is_integer() for t in right.get_yticks())
    assert len(right.patches) == 30  # a bar, even of height 0, for every day
    assert stats_chart(text, {"Trộm cắp": 1}, per_day).startswith(b"\x89PNG")

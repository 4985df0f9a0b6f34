"""Axes a planner reads at a glance: local-time ticks, zoom windows, integer and money ticks, signed bars."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from dcep_tui import time_ticks, zoom_slice
from dcep_tui.page_explain import find_interval
from dcep_tui.plots import bars_text, integer_ticks, nice_ticks

CHICAGO = ZoneInfo("America/Chicago")


def _starts(first: datetime, n: int, minutes: int) -> list[datetime]:
    utc = first.astimezone(ZoneInfo("UTC"))
    return [(utc + timedelta(minutes=minutes * k)).astimezone(CHICAGO) for k in range(n)]


def test_day_ticks_every_three_hours_in_local_time():
    starts = _starts(datetime(2025, 8, 14, tzinfo=CHICAGO), 96, 15)
    hours = np.arange(96) * 0.25
    ticks = time_ticks(starts, hours)
    assert ticks[0] == (0.0, "08-14 00:00")
    assert [label for _, label in ticks[1:]] == ["03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00"]
    assert [h for h, _ in ticks] == [0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 18.0, 21.0]


def test_ticks_follow_the_local_clock_across_daylight_saving():
    # 2025-11-02 01:00 CDT falls back to 01:00 CST: local midnight of Nov 3 is 25 elapsed hours after Nov 2's
    starts = _starts(datetime(2025, 11, 1, tzinfo=CHICAGO), 3 * 24, 60)
    hours = np.arange(len(starts), dtype=float)
    ticks = dict((label, h) for h, label in time_ticks(starts, hours))
    assert ticks["11-02 00:00"] == 24.0 and ticks["11-03 00:00"] == 49.0
    assert ticks["12:00"] in (12.0, 37.0, 61.0)


def test_week_ticks_are_days_and_month_long_ticks_are_sparse():
    starts = _starts(datetime(2025, 8, 1, tzinfo=CHICAGO), 7 * 96, 15)
    labels = [label for _, label in time_ticks(starts, np.arange(len(starts)) * 0.25)]
    assert labels == ["Aug 01", "Aug 02", "Aug 03", "Aug 04", "Aug 05", "Aug 06", "Aug 07"]
    month = _starts(datetime(2025, 8, 1, tzinfo=CHICAGO), 31 * 24, 60)
    labels = [label for _, label in time_ticks(month, np.arange(len(month), dtype=float))]
    assert labels == ["Aug 01", "Aug 08", "Aug 15", "Aug 22", "Aug 29"]


def test_zoom_windows_cover_the_horizon():
    # 31 days at 15 min: 2976 intervals, 96 per day, 672 per week (5 windows, the last 2 days long)
    assert zoom_slice(2976, 0.25, "all", 3) == slice(0, 2976)
    assert zoom_slice(2976, 0.25, "day", 0) == slice(0, 96)
    assert zoom_slice(2976, 0.25, "day", 30) == slice(2880, 2976)
    assert zoom_slice(2976, 0.25, "day", 99) == slice(2880, 2976)
    assert zoom_slice(2976, 0.25, "week", 4) == slice(2688, 2976)


def test_jump_to_time_finds_the_interval():
    starts = _starts(datetime(2025, 8, 14, tzinfo=CHICAGO), 2 * 96, 15)
    assert find_interval(starts, "17:00") == 68
    assert find_interval(starts, "17:10") == 68
    assert find_interval(starts, "17:00", current=100) == 96 + 68
    assert find_interval(starts, "2025-08-15 00:15") == 97
    assert find_interval(starts, "2025-08-20 00:00") is None
    assert find_interval(starts, "noon") is None


def test_integer_and_nice_ticks():
    assert integer_ticks(4.0) == [0, 1, 2, 3, 4]
    assert integer_ticks(13.0) == [0, 3, 6, 9, 12, 15]
    # span 32,314 over 4 steps of at least 8,078.5: the next round step is 10,000
    assert nice_ticks(-24314.1, 8000.0) == [-30000.0, -20000.0, -10000.0, 0.0, 10000.0]
    assert nice_ticks(0.0, 1.0) == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_signed_bars_start_at_the_zero_line_and_stay_in_the_frame():
    text = bars_text("t", [("Fuel", -24000.0), ("REGUP", 8000.0), ("VOM", -6000.0)], width=60).plain
    lines = text.splitlines()
    rows = lines[1:4]
    zero = {row.index("│") for row in rows}
    assert len(zero) == 1  # one zero line
    (z,) = zero
    assert all(len(row) <= 60 for row in lines)
    fuel, regup, vom = rows
    # costs grow left of zero, revenues right; lengths proportional to the amounts (24k : 6k = 4 : 1)
    assert abs(fuel[:z].count("█") / 4 - vom[:z].count("█")) <= 0.5 and fuel[z + 1 :].count("█") == 0
    assert fuel[:z].count("█") == z - len("Fuel  ")  # the largest cost fills its side
    assert regup[:z].count("█") == 0 and regup[z + 1 :].count("█") > 0
    assert fuel.endswith("-$24,000.00") and regup.endswith("$8,000.00")
    assert lines[-1][z] == "0" and "-$24k" in lines[-1] and "$8k" in lines[-1]

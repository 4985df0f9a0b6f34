"""Shared helpers for the page data builders: time axis and ticks, zoom windows, column access, labelled series."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from dcep_opt import DispatchInputs, DispatchResult

FloatArray = NDArray[np.float64]

#: Zoom levels of the time plots: name -> window length in hours (None = the whole horizon).
ZOOM_HOURS: dict[str, float | None] = {"all": None, "week": 168.0, "day": 24.0}


@dataclass(frozen=True)
class Series:
    """One labelled line of a plot; ``values`` in the unit the plot's axis names."""

    label: str
    values: FloatArray


@dataclass(frozen=True)
class TimeAxis:
    """The x axis of the time plots: elapsed hours per interval and its labelled ticks in the case's zone.

    ``hours[k]`` is the start of interval k in hours since the horizon start; ``ticks`` are
    ``(hours, label)`` pairs at round local times (``08-14 06:00`` or ``Aug 14``).
    """

    hours: FloatArray
    ticks: list[tuple[float, str]]

    def window(self, sl: slice, starts: Sequence[datetime]) -> TimeAxis:
        """The axis of the intervals in ``sl`` (ticks recomputed for the shorter span)."""
        return TimeAxis(self.hours[sl], time_ticks(list(starts)[sl], self.hours[sl]))


def time_ticks(starts: Sequence[datetime], hours: FloatArray, max_ticks: int = 8) -> list[tuple[float, str]]:
    """Tick positions (elapsed hours) and labels at round local times of ``starts`` (aware datetimes).

    The step is the smallest of 1, 2, 3, 6, 12 h or 1, 2, 7, 14, 28 days giving at most ``max_ticks``
    ticks. Sub-day steps are labelled ``MM-DD HH:MM`` (``HH:MM`` after the first tick of a day);
    day steps ``Mon DD``.
    """
    if len(starts) == 0:
        return []
    span_h = float(hours[-1] - hours[0]) if len(hours) > 1 else 1.0
    steps_h = (1, 2, 3, 6, 12, 24, 48, 168, 336, 672)
    step_h = next((s for s in steps_h if span_h / s <= max_ticks), steps_h[-1])
    ticks: list[tuple[float, str]] = []
    last_day = None
    for t, when in enumerate(starts):
        if when.minute != 0 or when.second != 0:
            continue
        if step_h < 24:
            if when.hour % step_h:
                continue
            day = when.date()
            label = when.strftime("%H:%M") if day == last_day else when.strftime("%m-%d %H:%M")
            last_day = day
        else:
            if when.hour != 0:
                continue
            ordinal = when.date().toordinal()
            if (ordinal - starts[0].date().toordinal()) % (step_h // 24):
                continue
            label = when.strftime("%b %d")
        ticks.append((float(hours[t]), label))
    return ticks


def hours_axis(result: DispatchResult) -> FloatArray:
    """Elapsed hours at the start of every interval (the plots' x values)."""
    return np.arange(result.n_intervals, dtype=float) * result.interval_hours


def time_axis(result: DispatchResult, starts: Sequence[datetime]) -> TimeAxis:
    """Elapsed hours at the start of every interval, with ticks at round local times of ``starts``."""
    hours = hours_axis(result)
    return TimeAxis(hours, time_ticks(list(starts)[: result.n_intervals], hours))


def zoom_slice(n_intervals: int, interval_hours: float, zoom: str, index: int) -> slice:
    """Intervals of window ``index`` at zoom level ``zoom`` (see :data:`ZOOM_HOURS`), clamped to the horizon.

    Raises:
        KeyError: unknown zoom level.
    """
    window_h = ZOOM_HOURS[zoom]
    if window_h is None:
        return slice(0, n_intervals)
    per = max(1, round(window_h / interval_hours))
    n_windows = max(1, math.ceil(n_intervals / per))
    k = min(max(index, 0), n_windows - 1)
    return slice(k * per, min(n_intervals, (k + 1) * per))


def n_windows(n_intervals: int, interval_hours: float, zoom: str) -> int:
    """How many windows of level ``zoom`` cover the horizon."""
    window_h = ZOOM_HOURS[zoom]
    if window_h is None:
        return 1
    return max(1, math.ceil(n_intervals / max(1, round(window_h / interval_hours))))


def column(result: DispatchResult, name: str) -> FloatArray:
    """The named time-series column, or zeros when the schedule has no such column."""
    values = result.timeseries.get(name)
    return np.zeros(result.n_intervals) if values is None else np.asarray(values, dtype=float)


def fleet_output_mw(inputs: DispatchInputs, result: DispatchResult) -> FloatArray:
    """Generator output summed over fleets, MW per interval."""
    total = np.zeros(result.n_intervals)
    for fleet in inputs.fleets:
        total = total + column(result, f"gen_{fleet.name}_mw")
    return total


def bess_net_mw(result: DispatchResult) -> FloatArray:
    """Battery discharge minus charge, MW per interval (discharge positive)."""
    return column(result, "bess_discharge_mw") - column(result, "bess_charge_mw")


def served_load_mw(result: DispatchResult) -> FloatArray:
    """Demand served: total demand minus shed load and unserved critical load, MW per interval."""
    return column(result, "demand_total_mw") - column(result, "shed_total_mw") - column(result, "unserved_critical_mw")

"""ERCOT 4CP: next year's transmission charge follows the load in each summer month's peak interval.

The charge is ``rate_usd_per_kw_year * mean(kW demand in the four Jun-Sep coincident-peak
15-minute intervals)``; every MW drawn in one of those intervals therefore costs
``rate * 1000 / 4`` dollars a year. Before the fact, nobody knows which interval will be the peak:
a planner flags likely-peak windows with the chance that the month's peak falls in each, and the
optimiser sees the expected cost as an adder on grid import.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from dcep_models import CaseError, CaseIssue
from dcep_models.market import FourCP

#: Number of coincident peaks in the charge (June, July, August, September).
N_PEAKS = 4


def four_cp_charge_usd(demand_mw_at_peaks: Sequence[float], rate_usd_per_kw_year: float) -> float:
    """Annual transmission charge, $: rate ($/kW-year) times the mean of the four peak demands (MW -> kW).

    Raises:
        ValueError: not exactly four demands, or a negative rate.
    """
    if len(demand_mw_at_peaks) != N_PEAKS:
        raise ValueError(f"4CP needs the demand in {N_PEAKS} peak intervals, got {len(demand_mw_at_peaks)}")
    if rate_usd_per_kw_year < 0:
        raise ValueError(f"rate_usd_per_kw_year must be >= 0, got {rate_usd_per_kw_year}")
    return rate_usd_per_kw_year * 1000.0 * float(np.mean(demand_mw_at_peaks))


def demand_at(
    import_mw: Sequence[float], interval_starts: Sequence[datetime], interval_minutes: float, peaks: Sequence[datetime]
) -> list[float]:
    """Import (MW) in the dispatch interval that holds each peak instant (aware datetimes).

    Raises:
        ValueError: a peak outside the horizon, or series of different lengths.
    """
    if len(import_mw) != len(interval_starts):
        raise ValueError(f"{len(import_mw)} import values for {len(interval_starts)} intervals")
    step = timedelta(minutes=interval_minutes)
    out: list[float] = []
    for peak in peaks:
        # Compare in UTC: aware local datetimes add timedeltas on the wall clock.
        moment = peak.astimezone(UTC)
        hit = [k for k, s in enumerate(interval_starts) if s.astimezone(UTC) <= moment < s.astimezone(UTC) + step]
        if not hit:
            raise ValueError(f"peak {peak.isoformat()} is outside the horizon")
        out.append(float(import_mw[hit[0]]))
    return out


def import_adder_usd_per_mwh(
    spec: FourCP, interval_starts: Sequence[datetime], interval_minutes: float, timezone: str
) -> np.ndarray:
    """Expected 4CP cost of importing in each interval, $/MWh.

    A window with probability p spreads p uniformly over its length, so interval t carries the
    chance ``p * overlap_t / window_length`` of holding the month's peak, and the adder is
    ``rate * 1000 / 4 * chance / interval_hours`` (a MW held over the interval costs that much
    expected charge).

    Raises:
        CaseError: a window that ends at or before it starts (path ``market.four_cp...``).
    """
    zone = ZoneInfo(timezone)
    step = timedelta(minutes=interval_minutes)
    hours = interval_minutes / 60.0
    per_mw_peak = spec.rate_usd_per_kw_year * 1000.0 / N_PEAKS
    adder = np.zeros(len(interval_starts))
    issues: list[CaseIssue] = []
    for i, w in enumerate(spec.likely_peak_windows):
        w_start = (w.start if w.start.tzinfo else w.start.replace(tzinfo=zone)).astimezone(UTC)
        w_end = (w.end if w.end.tzinfo else w.end.replace(tzinfo=zone)).astimezone(UTC)
        length = (w_end - w_start).total_seconds()
        if length <= 0:
            issues.append(CaseIssue(f"market.four_cp.likely_peak_windows[{i}].end", "must be after start"))
            continue
        for k, local_start in enumerate(interval_starts):
            s = local_start.astimezone(UTC)
            overlap = (min(s + step, w_end) - max(s, w_start)).total_seconds()
            if overlap > 0:
                adder[k] += per_mw_peak * w.probability * overlap / length / hours
    if issues:
        raise CaseError(issues)
    return adder

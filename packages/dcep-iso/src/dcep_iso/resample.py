"""Put a price series on the case's intervals: average finer prices, repeat coarser ones."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from dcep_iso.price_csv import PriceDataError, RawSeries


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(int(seconds), UTC).isoformat()


def resample(raw: RawSeries, column: str, horizon_start_s: int, interval_s: int, n: int) -> np.ndarray:
    """Time-weighted average of ``raw[column]`` over each case interval.

    Case interval k is ``[horizon_start_s + k*interval_s, ... + interval_s)`` (UTC epoch seconds,
    elapsed time, so daylight-saving days need no special case). A finer source is averaged by
    overlap; a coarser source is repeated (its price holds over each case interval it covers).

    Raises:
        PriceDataError: the file does not cover the horizon, or has a gap or an overlap inside it
            (naming the rows on either side).
    """
    horizon_end_s = horizon_start_s + n * interval_s
    idx = np.flatnonzero((raw.end_s > horizon_start_s) & (raw.start_s < horizon_end_s))
    if idx.size:
        # A row just outside the horizon turns "does not cover" into the gap it really is.
        lo = idx[0] - 1 if idx[0] > 0 and raw.start_s[idx[0]] > horizon_start_s else idx[0]
        hi = idx[-1] + 1 if idx[-1] + 1 < raw.start_s.size and raw.end_s[idx[-1]] < horizon_end_s else idx[-1]
        idx = np.arange(lo, hi + 1)
    s = raw.start_s[idx]
    e = raw.end_s[idx]
    step_gap = s[1:] - e[:-1]
    bad = np.flatnonzero(step_gap != 0)
    if bad.size:
        i = int(bad[0])
        kind = "gap" if step_gap[i] > 0 else "overlap"
        raise PriceDataError(
            raw.field,
            raw.file,
            f"{kind} between row {int(raw.rows[idx[i]])} (ends {_iso(e[i])}) and this row (starts {_iso(s[i + 1])})",
            int(raw.rows[idx[i + 1]]),
        )
    if idx.size == 0 or s[0] > horizon_start_s or e[-1] < horizon_end_s:
        have = f"{_iso(raw.start_s[0])} to {_iso(raw.end_s[-1])}"
        raise PriceDataError(
            raw.field,
            raw.file,
            f"does not cover the horizon {_iso(horizon_start_s)} to {_iso(horizon_end_s)} (UTC); it covers {have}",
        )
    v = raw.values[column][idx]
    bounds = np.append(s, e[-1]).astype(float)
    cum = np.concatenate(([0.0], np.cumsum(v * (e - s))))
    edges = horizon_start_s + interval_s * np.arange(n + 1, dtype=float)
    integral = np.interp(edges, bounds, cum)
    return np.diff(integral) / interval_s

"""Missing intervals inside the horizon: refused, or filled by a stated rule and reported.

Rules (``prices.gaps``):
    ``refuse``   leave the series as read; :func:`dcep_iso.resample.resample` then raises naming the
                 rows on either side of the first gap.
    ``previous`` the last price before the gap holds until the next row starts.
    ``linear``   the gap is cut into pieces of the preceding row's length; each piece's price is
                 interpolated linearly in time between the mid-points of the rows on either side.
Gaps longer than ``max_gap_s`` are refused under every rule. Only gaps that overlap the horizon are
filled (a file that stops before the horizon ends is "does not cover", not a gap).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Literal

import numpy as np

from dcep_iso.price_csv import PriceDataError, RawSeries

GapRule = Literal["refuse", "previous", "linear"]
#: Gaps named one by one in a warning; further ones are counted.
MAX_GAPS_NAMED = 3


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(int(seconds), UTC).isoformat()


def find_gaps(raw: RawSeries, horizon_start_s: int, horizon_end_s: int) -> list[int]:
    """Indices i where row i ends before row i+1 starts and the gap overlaps the horizon."""
    gap_start, gap_end = raw.end_s[:-1], raw.start_s[1:]
    hit = (gap_end > gap_start) & (gap_end > horizon_start_s) & (gap_start < horizon_end_s)
    return [int(i) for i in np.flatnonzero(hit)]


def fill_gaps(
    raw: RawSeries, rule: GapRule, max_gap_s: float, horizon_start_s: int, horizon_end_s: int
) -> tuple[RawSeries, list[str]]:
    """The series with its gaps inside the horizon filled by ``rule``, and a warning naming them.

    Filled intervals carry the row number of the row before the gap.

    Raises:
        PriceDataError: a gap longer than ``max_gap_s`` (under a filling rule), naming its rows.
    """
    gaps = find_gaps(raw, horizon_start_s, horizon_end_s)
    if rule == "refuse" or not gaps:
        return raw, []
    for i in gaps:
        length = int(raw.start_s[i + 1] - raw.end_s[i])
        if length > max_gap_s:
            raise PriceDataError(
                raw.field,
                raw.file,
                f"gap of {length / 3600:g} h between row {int(raw.rows[i])} (ends {_iso(raw.end_s[i])}) and this "
                f"row (starts {_iso(raw.start_s[i + 1])}) is longer than prices.max_gap_hours "
                f"({max_gap_s / 3600:g} h); it is not filled",
                int(raw.rows[i + 1]),
            )
    starts, ends, rows = [raw.start_s], [raw.end_s], [raw.rows]
    values: dict[str, list[np.ndarray]] = {c: [v] for c, v in raw.values.items()}
    for i in gaps:
        lo, hi = int(raw.end_s[i]), int(raw.start_s[i + 1])
        if rule == "previous":
            s, e = np.array([lo]), np.array([hi])
        else:
            step = max(int(raw.end_s[i] - raw.start_s[i]), 1)
            s = np.arange(lo, hi, step, dtype=np.int64)
            e = np.minimum(s + step, hi)
        starts.append(s.astype(np.int64))
        ends.append(e.astype(np.int64))
        rows.append(np.full(s.size, raw.rows[i], dtype=np.int64))
        mid_before = (raw.start_s[i] + raw.end_s[i]) / 2.0
        mid_after = (raw.start_s[i + 1] + raw.end_s[i + 1]) / 2.0
        for c, v in raw.values.items():
            if rule == "previous":
                values[c].append(np.array([v[i]]))
            else:
                mids = (s + e) / 2.0
                values[c].append(np.interp(mids, [mid_before, mid_after], [v[i], v[i + 1]]))
    start_s = np.concatenate(starts)
    order = np.argsort(start_s, kind="stable")
    filled = replace(
        raw,
        start_s=start_s[order],
        end_s=np.concatenate(ends)[order],
        rows=np.concatenate(rows)[order],
        values={c: np.concatenate(parts)[order] for c, parts in values.items()},
    )
    hours = sum(float(raw.start_s[i + 1] - raw.end_s[i]) for i in gaps) / 3600.0
    named = "; ".join(
        f"{_iso(raw.end_s[i])} to {_iso(raw.start_s[i + 1])} (rows {int(raw.rows[i])}-{int(raw.rows[i + 1])})"
        for i in gaps[:MAX_GAPS_NAMED]
    )
    more = f" and {len(gaps) - MAX_GAPS_NAMED} more" if len(gaps) > MAX_GAPS_NAMED else ""
    how = "holding the previous price" if rule == "previous" else "linear interpolation"
    warning = f"{raw.file}: {len(gaps)} gap(s), {hours:g} h in all, filled by {how} (prices.gaps): {named}{more}"
    return filled, [warning]

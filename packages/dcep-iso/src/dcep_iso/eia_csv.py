"""Read EIA's wholesale-price layout: three metadata lines, then one wide row per interval.

EIA publishes ISO real-time LMPs as::

    ISONE Hourly Real-Time Locational Marginal Prices ($/megawatt) for Hubs     <- title
    Hourly real-time locational marginal prices for ISO-NE                      <- subtitle
    Source: EIA collected from ISONE                                            <- source
    UTC Timestamp (Interval Ending),Local Timestamp ... (Interval Beginning),...,Internal Hub LMP,...

Intervals are placed by the ``UTC Timestamp (Interval Ending)`` column (naive, UTC by its name);
each lasts the file's cadence (the most common spacing of the endings, checked against the title's
"Hourly" / "N-Minute"). The local columns are ignored: they are prevailing local time except MISO's
(fixed EST), and the UTC column already says when each interval ended. Prices are one column per
location, ``"<location> LMP"`` (and its congestion, energy and loss parts). Missing rows are gaps
(EIA leaves them out); :mod:`dcep_iso.gaps` fills them by the case's rule or refuses them.
"""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from dcep_iso.price_csv import RawSeries, _Err, _number, _parse_time, assemble_series, modal_step_s

#: The column that places every EIA row in time.
EIA_END_COLUMN = "UTC Timestamp (Interval Ending)"
#: Lines before the header.
EIA_METADATA_LINES = 3
#: Suffix of a location's LMP column.
LMP_SUFFIX = " LMP"
_UTC_ZONE = ZoneInfo("UTC")


def is_eia_layout(records: list[list[str]]) -> bool:
    """True when line 4 is a header holding EIA's UTC interval-ending column and line 3 names the source."""
    if len(records) <= EIA_METADATA_LINES:
        return False
    header = [h.strip() for h in records[EIA_METADATA_LINES]]
    source = ",".join(records[EIA_METADATA_LINES - 1])
    return EIA_END_COLUMN in header and "EIA" in source


def title_step_s(title: str) -> int | None:
    """Cadence stated by the title line: "Hourly" -> 3600 s, "15-Minute" -> 900 s; None if unstated."""
    if re.search(r"\bhourly\b", title, re.IGNORECASE):
        return 3600
    hit = re.search(r"\b(\d+)-minute\b", title, re.IGNORECASE)
    return int(hit.group(1)) * 60 if hit else None


def _lmp_locations(header: list[str]) -> list[str]:
    return [h[: -len(LMP_SUFFIX)] for h in header if h.endswith(LMP_SUFFIX)]


def _choose_columns(header: list[str], value_columns: list[str] | None, location: str | None, err: _Err) -> list[str]:
    line = EIA_METADATA_LINES + 1
    if value_columns is not None:
        missing = [c for c in value_columns if c not in header]
        if missing:
            lmp = [h for h in header if h.endswith(LMP_SUFFIX)]
            raise err(f"missing column(s) {missing}; LMP columns: {lmp}", line)
        return value_columns
    places = _lmp_locations(header)
    if location is not None:
        hits = [p for p in places if p.strip().upper() == location.strip().upper()]
        if not hits:
            raise err(f"location {location!r} not in the file; its LMP locations: {', '.join(places)}", line)
        return [hits[0] + LMP_SUFFIX]
    if len(places) == 1:
        return [places[0] + LMP_SUFFIX]
    raise err(
        f"holds {len(places)} locations ({', '.join(places)}); choose one with prices.location "
        f"or name the column in prices.energy_column",
        line,
    )


def read_eia_records(
    file: Path,
    field: str,
    records: list[list[str]],
    value_columns: list[str] | None,
    location: str | None,
    err: _Err,
) -> RawSeries:
    """Price intervals from the rows of an EIA file (see the module docstring).

    Row numbers are file lines (the header is line 4). ``value_columns`` are exact header names;
    without them ``location`` picks ``"<location> LMP"`` (or the only LMP column).

    Raises:
        PriceDataError: unknown columns or location, bad cells, duplicate endings, a cadence that
            disagrees with the title, a row count that does not match the header.
    """
    header = [h.strip() for h in records[EIA_METADATA_LINES]]
    cols = _choose_columns(header, value_columns, location, err)
    idx = {h: i for i, h in enumerate(header)}
    first_line = EIA_METADATA_LINES + 2
    lines = [(n, rec) for n, rec in enumerate(records[EIA_METADATA_LINES + 1 :], start=first_line) if any(rec)]
    if not lines:
        raise err("no data rows")
    ends: list[int] = []
    rows: list[int] = []
    vals: dict[str, list[float]] = {c: [] for c in cols}
    for n, rec in lines:
        if len(rec) != len(header):
            raise err(f"has {len(rec)} cells, header has {len(header)}", n)
        # the column's name says UTC: naive cells are UTC (no case setting needed or allowed to differ)
        ends.append(_parse_time(rec[idx[EIA_END_COLUMN]], _UTC_ZONE, None, err, n, EIA_END_COLUMN, "utc"))
        rows.append(n)
        for c in cols:
            vals[c].append(_number(rec[idx[c]], err, n, c))
    if len(ends) < 2:
        raise err("one row: cannot tell the interval length")
    step = modal_step_s(np.asarray(ends, dtype=np.int64))
    stated = title_step_s(",".join(records[0]))
    if stated is not None and stated != step:
        raise err(f"rows are {step // 60} min apart but the title says {stated // 60} min intervals", 1)
    starts = [e - step for e in ends]
    return assemble_series(file, field, starts, ends, rows, vals, err)

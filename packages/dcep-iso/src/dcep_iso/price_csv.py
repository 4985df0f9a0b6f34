"""Read price CSVs (gridstatus layout, plain ``timestamp,price``, or EIA's) into checked interval series.

Every problem raises :class:`PriceDataError` naming the file, the row (1-based line number in the
file, header = line 1; line 4 in EIA's layout, after its three metadata lines) and the reason.
Files ending ``.gz`` are read through gzip.

Naive times (no UTC offset) are read as the case says (``naive="utc"`` or ``"local"``); without a
setting they are an error, except in a column whose name says UTC (``interval_start_utc``, EIA's
``UTC Timestamp (Interval Ending)``), read as UTC.
"""

from __future__ import annotations

import csv
import gzip
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Literal
from zoneinfo import ZoneInfo

import numpy as np

from dcep_iso.products import normalise_product_key
from dcep_models import CaseError, CaseIssue

START_COLUMNS = ("Interval Start", "interval_start_utc", "interval_start", "timestamp", "time", "datetime")
END_COLUMNS = ("Interval End", "interval_end_utc", "interval_end")
LOCATION_COLUMNS = ("Location", "settlement_point", "Settlement Location", "Settlement Point", "node", "Reserve Zone")
ENERGY_COLUMNS = ("SPP", "LMP", "price", "price_usd_per_mwh", "Settlement Point Price")
#: How a naive time is read: as UTC, as local time in the case's zone, or (None) not at all.
NaiveRule = Literal["utc", "local"] | None
#: Columns of a gridstatus file that are never prices.
NON_PRICE_COLUMNS = (*START_COLUMNS, *END_COLUMNS, *LOCATION_COLUMNS, "Time", "Market", "Location Type", "Interval")


class PriceDataError(CaseError):
    """A price file is unreadable, inconsistent, or does not cover the horizon."""

    def __init__(self, field: str, file: Path | str, reason: str, row: int | None = None) -> None:
        where = f"{file}" + (f", row {row}" if row is not None else "")
        self.file = str(file)
        self.row = row
        super().__init__([CaseIssue(field, f"{where}: {reason}")])


@dataclass(frozen=True)
class RawSeries:
    """Price intervals read from one file, sorted, for one location.

    ``start_s`` / ``end_s`` are UTC epoch seconds; ``rows`` the file line of each interval;
    ``values`` one array per price column.
    """

    file: Path
    field: str
    start_s: np.ndarray
    end_s: np.ndarray
    rows: np.ndarray
    values: dict[str, np.ndarray]


def _find(header: list[str], candidates: tuple[str, ...]) -> str | None:
    by_key = {normalise_product_key(h): h for h in header}
    for c in candidates:
        hit = by_key.get(normalise_product_key(c))
        if hit is not None:
            return hit
    return None


def says_utc(column: str) -> bool:
    """True when a column's name declares its times UTC (``interval_start_utc``, ``UTC Timestamp``)."""
    return re.search(r"(^|[^a-z])utc([^a-z]|$)", column.lower()) is not None


def naive_rule_for(column: str, naive: NaiveRule, err: _Err) -> NaiveRule:
    """How naive times of ``column`` are read: UTC if its name says so, else the case's rule.

    Raises:
        PriceDataError: the case says ``local`` for a column whose name says UTC.
    """
    if says_utc(column):
        if naive == "local":
            raise err(f"prices.timestamps is 'local' but column {column!r} says its times are UTC", 1)
        return "utc"
    return naive


def _parse_time(
    text: str, zone: ZoneInfo, prev_s: int | None, err: _Err, row: int, col: str, naive: NaiveRule = "local"
) -> int:
    """UTC epoch seconds of one timestamp cell (offset-aware, ``Z``, or naive read by ``naive``)."""
    raw = text.strip()
    if not raw:
        raise err(f"empty {col!r} cell", row)
    try:
        stamp = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise err(f"{col!r} is not an ISO 8601 time: {raw!r}", row) from None
    if stamp.tzinfo is not None:
        return int(stamp.timestamp())
    if naive is None:
        raise err(
            f"{col!r} holds a time without a UTC offset ({raw!r}); say how to read such times with "
            f'prices.timestamps = "utc" or "local" (local = {zone.key})',
            row,
        )
    if naive == "utc":
        return int(stamp.replace(tzinfo=UTC).timestamp())
    # Naive local time: a repeated wall-clock hour (DST fall-back) is read as the second pass
    # when the first reading would step back in time.
    first = stamp.replace(tzinfo=zone, fold=0)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != stamp:
        raise err(f"{raw!r} does not exist in {zone.key} (skipped by daylight saving)", row)
    first_s = int(first.timestamp())
    second_s = int(stamp.replace(tzinfo=zone, fold=1).timestamp())
    if first_s != second_s and prev_s is not None and first_s <= prev_s:
        return second_s
    return first_s


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(int(seconds), UTC).isoformat()


class _Err:
    """Makes PriceDataErrors for one file and case field."""

    def __init__(self, field: str, file: Path) -> None:
        self.field = field
        self.file = file

    def __call__(self, reason: str, row: int | None = None) -> PriceDataError:
        return PriceDataError(self.field, self.file, reason, row)


def _number(text: str, err: _Err, row: int, col: str) -> float:
    raw = text.strip()
    if not raw:
        raise err(f"empty {col!r} cell", row)
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        raise err(f"{col!r} is not a number: {raw!r}", row) from None
    if not math.isfinite(value):
        raise err(f"{col!r} is not a finite number: {raw!r}", row)
    return value


def _open_text(file: Path) -> IO[str]:
    """The file as text (gzip when it ends ``.gz``), BOM stripped."""
    if file.suffix.lower() == ".gz":
        return gzip.open(file, "rt", newline="", encoding="utf-8-sig")
    return file.open(newline="", encoding="utf-8-sig")


def read_price_csv(
    file: Path,
    field: str,
    value_columns: list[str] | None,
    timezone: str,
    location: str | None = None,
    naive: NaiveRule = "local",
) -> RawSeries:
    """Read one price file (gridstatus, ``timestamp,price`` or EIA layout; ``.gz`` allowed).

    Args:
        file: CSV path.
        field: the case field that named the file (``prices.energy_csv``), for error paths.
        value_columns: price columns to read (exact header names); None reads every column that
            is not a time, location or market column (EIA layout: the ``location``'s LMP column).
        timezone: IANA zone for naive local timestamps.
        location: keep rows of this location (case-insensitive); required when the file holds several.
            In EIA's wide layout it picks the column ``"<location> LMP"``.
        naive: how to read times without a UTC offset (``"utc"``, ``"local"``, or None: an error),
            except in columns whose name says UTC (read as UTC).

    Raises:
        PriceDataError: missing file or columns, bad cells, naive times with no rule, duplicate
            intervals, several locations without a choice, an unknown location.
    """
    err = _Err(field, file)
    try:
        handle = _open_text(file)
    except OSError as exc:
        raise err(f"cannot open: {exc.strerror or exc}") from None
    try:
        with handle:
            records = list(csv.reader(handle))
    except (UnicodeDecodeError, EOFError, gzip.BadGzipFile):
        raise err("not UTF-8 text (save the file as UTF-8 CSV)") from None
    except csv.Error as exc:
        raise err(f"not a readable CSV: {exc}") from None
    except OSError as exc:
        raise err(f"cannot read: {exc}") from None
    from dcep_iso.eia_csv import is_eia_layout, read_eia_records  # eia_csv builds on this module

    if is_eia_layout(records):
        return read_eia_records(file, field, records, value_columns, location, err)
    header = records[0] if records else None
    if not header:
        raise err("empty file (no header)")
    header = [h.strip() for h in header]
    start_col = _find(header, START_COLUMNS)
    if start_col is None:
        raise err(f"no interval-start column; expected one of {list(START_COLUMNS)}, found {header}", 1)
    end_col = _find(header, END_COLUMNS)
    loc_col = _find(header, LOCATION_COLUMNS)
    skip = {normalise_product_key(c) for c in NON_PRICE_COLUMNS}
    priced = [h for h in header if normalise_product_key(h) not in skip]
    cols = value_columns if value_columns is not None else priced
    missing = [c for c in cols if c not in header]
    if missing:
        raise err(f"missing column(s) {missing}; found {header}", 1)
    if not cols:
        raise err(f"no price columns; found {header}", 1)
    idx = {h: i for i, h in enumerate(header)}
    lines = [(n, rec) for n, rec in enumerate(records[1:], start=2) if any(rec)]
    if not lines:
        raise err("no data rows")
    for n, rec in lines:
        if len(rec) != len(header):
            raise err(f"has {len(rec)} cells, header has {len(header)}", n)
    if loc_col is not None:
        names = sorted({rec[idx[loc_col]].strip() for _, rec in lines})
        if location is not None:
            wanted = {n for n in names if n.upper() == location.strip().upper()}
            if not wanted:
                shown = ", ".join(names[:20]) + (" ..." if len(names) > 20 else "")
                raise err(f"location {location!r} not in the file; it holds: {shown}")
            lines = [(n, rec) for n, rec in lines if rec[idx[loc_col]].strip() in wanted]
        elif len(names) > 1:
            shown = ", ".join(names[:20]) + (" ..." if len(names) > 20 else "")
            raise err(f"holds {len(names)} locations ({shown}); choose one with prices.location")
    start_rule = naive_rule_for(start_col, naive, err)
    end_rule = naive_rule_for(end_col, naive, err) if end_col else None
    zone = ZoneInfo(timezone)
    starts: list[int] = []
    ends: list[int] = []
    rows: list[int] = []
    vals: dict[str, list[float]] = {c: [] for c in cols}
    prev: int | None = None
    prev_end: int | None = None
    for n, rec in lines:
        start = _parse_time(rec[idx[start_col]], zone, prev, err, n, start_col, start_rule)
        if end_col:
            end = _parse_time(rec[idx[end_col]], zone, prev_end, err, n, end_col, end_rule)
            if end <= start:
                raise err(f"interval ends ({_iso(end)}) at or before it starts ({_iso(start)})", n)
            ends.append(end)
            prev_end = end
        prev = start
        starts.append(start)
        rows.append(n)
        for c in cols:
            vals[c].append(_number(rec[idx[c]], err, n, c))
    return assemble_series(file, field, starts, ends if end_col else None, rows, vals, err)


def modal_step_s(stamps_s: np.ndarray) -> int:
    """The most common spacing of sorted epoch-second stamps (a file's cadence despite gaps), s."""
    diffs = np.diff(np.sort(stamps_s))
    values, counts = np.unique(diffs, return_counts=True)
    return int(values[np.argmax(counts)])


def assemble_series(
    file: Path,
    field: str,
    starts: list[int],
    ends: list[int] | None,
    rows: list[int],
    vals: dict[str, list[float]],
    err: _Err,
) -> RawSeries:
    """Sort parsed intervals by start, refuse duplicates, and infer ends when the file gives none.

    Without ends, each interval lasts the file's most common spacing (or up to the next start).

    Raises:
        PriceDataError: two rows start at the same time; one row and no ends.
    """
    start_s = np.array(starts, dtype=np.int64)
    order = np.argsort(start_s, kind="stable")
    start_s = start_s[order]
    row_arr = np.array(rows, dtype=np.int64)[order]
    dup = np.flatnonzero(np.diff(start_s) == 0)
    if dup.size:
        i = int(dup[0])
        raise err(f"duplicate interval starting {_iso(start_s[i])} (also row {int(row_arr[i])})", int(row_arr[i + 1]))
    if ends is not None:
        end_s = np.array(ends, dtype=np.int64)[order]
    else:
        if start_s.size < 2:
            raise err("one row and no interval-end column: cannot tell the interval length")
        step = modal_step_s(start_s)
        end_s = np.minimum(np.append(start_s[1:], start_s[-1] + step), start_s + step)
    return RawSeries(
        file=file,
        field=field,
        start_s=start_s,
        end_s=end_s,
        rows=row_arr,
        values={c: np.asarray(v, dtype=float)[order] for c, v in vals.items()},
    )

"""Hostile price files: garbage, truncated rows, wrong columns, bad cells, duplicate and missing times.

Whatever the file holds, building the case's prices either succeeds with finite prices on every
interval or raises a CaseError subclass whose message names the file; never another exception.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcep_iso import PriceDataError, build_price_series, read_price_csv
from dcep_models import CaseError, parse_case

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)

CASE: dict[str, Any] = {
    "name": "hostile prices",
    "iso": "ERCOT",
    "time": {"start": "2025-08-14T00:00:00", "timezone": "America/Chicago", "horizon_hours": 2, "interval_minutes": 15},
    "topology": {"poi": {"max_import_mw": 20, "max_export_mw": 10, "rating_mva": 25}},
    "resources": {
        "bess": {"power_mw": 10, "energy_mwh": 40},
        "loads": [{"name": "it", "kind": "critical", "power_mw": 8}],
    },
    "reliability": {"ride_through_minutes": 15},
    "prices": {"energy_csv": "prices.csv", "timestamps": "local"},
}

# 15-min stamps from 23:00 the day before to 03:00 (the horizon is 00:00-02:00 local)
_STAMPS = [f"2025-08-13T23:{m:02d}:00" for m in (0, 15, 30, 45)] + [
    f"2025-08-14T{h:02d}:{m:02d}:00" for h in range(3) for m in (0, 15, 30, 45)
]
_cells = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["", "nan", "inf", "-inf", "abc", "1,234.5", " 35 ", "1e999", "NULL", '"quoted"', "35;36"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
)
_time_cells = st.one_of(
    st.sampled_from(_STAMPS),
    st.sampled_from(["", "yesterday", "2025-02-30T00:00:00", "2025-08-14T25:00:00", "2025-08-14T00:00:00Z"]),
    st.text(max_size=12),
)
_headers = st.sampled_from(
    [
        ["timestamp", "price"],
        ["Interval Start", "Interval End", "Location", "SPP"],
        ["interval_start_utc", "LMP"],
        ["time", "price", "extra"],
        ["price"],
        ["timestamp"],
        ["when", "what"],
        [],
    ]
)


def _csv_line(cells: list[str]) -> str:
    return ",".join(cells)


@st.composite
def price_files(draw: st.DrawFn) -> str:
    """A price CSV with a plausible or broken header and rows with plausible or broken cells."""
    header = draw(_headers)
    lines = [_csv_line(header)]
    for _ in range(draw(st.integers(0, 14))):
        row: list[str] = []
        for name in header:
            if name.lower() in ("timestamp", "interval start", "interval_start_utc", "time"):
                row.append(draw(_time_cells))
            elif name == "Interval End":
                row.append(draw(st.sampled_from([*_STAMPS, ""])))
            elif name == "Location":
                row.append(draw(st.sampled_from(["HB_HOUSTON", "HB_NORTH", ""])))
            else:
                row.append(draw(_cells))
        cut = draw(st.sampled_from(["keep", "keep", "keep", "truncate", "extend"]))
        if cut == "truncate" and row:
            row = row[: draw(st.integers(0, len(row) - 1))]
        elif cut == "extend":
            row.append(draw(_cells))
        lines.append(_csv_line(row))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


def _build(folder: Path, text: str | bytes) -> Any:
    """Write the price file next to a case and build the case's prices (or return the error)."""
    target = folder / "prices.csv"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    try:
        case = parse_case(copy.deepcopy(CASE), base_dir=folder)
        return build_price_series(case)
    except CaseError as exc:
        return exc


def _check(outcome: Any, folder: Path) -> None:
    if isinstance(outcome, CaseError):
        assert str(folder / "prices.csv") in str(outcome), str(outcome)
        assert all(issue.path and issue.reason for issue in outcome.issues)
    else:
        prices = outcome.energy_usd_per_mwh
        assert prices.shape == (8,) and np.all(np.isfinite(prices))


@SETTINGS
@given(price_files())
def test_hostile_price_csv_builds_or_names_the_file(tmp_path, text):
    _check(_build(tmp_path, text), tmp_path)


@SETTINGS
@given(st.binary(max_size=300))
def test_byte_garbage_price_file_is_a_case_error_naming_the_file(tmp_path, raw):
    outcome = _build(tmp_path, raw)
    assert isinstance(outcome, CaseError)
    _check(outcome, tmp_path)


def _good_rows() -> list[str]:
    return [f"{s},{30 + i}" for i, s in enumerate(_STAMPS)]


@pytest.mark.parametrize(
    ("lines", "needle"),
    [
        (["timestamp,price", *_good_rows()[:5], *_good_rows()[6:]], "gap"),  # 00:00 missing
        (["timestamp,price", *_good_rows(), _good_rows()[6]], "duplicate"),
        (["timestamp,price", *_good_rows()[:6], "2025-08-14T00:30:00,abc", *_good_rows()[7:]], "not a number"),
        (["timestamp,price", *_good_rows()[:6], "2025-08-14T00:30:00", *_good_rows()[7:]], "cells"),
        (["when,what", *_good_rows()], "interval-start column"),
        (["timestamp,price"], "no data rows"),
        ([], "empty file"),
        (["timestamp,price", "2025-08-14T00:00:00," + "9" * 200_000], "not a readable CSV"),  # csv field limit
    ],
)
def test_named_price_file_faults(tmp_path, lines, needle):
    outcome = _build(tmp_path, "\n".join(lines) + "\n")
    assert isinstance(outcome, PriceDataError), outcome
    assert needle in str(outcome)
    _check(outcome, tmp_path)


def test_missing_price_file_is_named(tmp_path):
    with pytest.raises(CaseError) as info:
        parse_case(copy.deepcopy(CASE), base_dir=tmp_path)
    assert info.value.issues[0].path == "prices.energy_csv"
    assert str(tmp_path / "prices.csv") in str(info.value)


def test_latin1_price_file_is_a_price_data_error(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_bytes("timestamp,price\n2025-08-14T00:00:00,caf\xe9\n".encode("latin-1"))
    with pytest.raises(PriceDataError) as info:
        read_price_csv(path, "prices.energy_csv", None, "America/Chicago")
    assert str(path) in str(info.value)


# EIA's layout: three metadata lines, a header with the UTC interval-ending column, wide LMP columns.
# Horizon 00:00-02:00 CDT = 05:00-07:00 UTC; hourly rows end 04:00 .. 08:00 UTC.
_EIA_HEAD = [
    "ERCOT Hourly Real-Time Locational Marginal Prices ($/megawatt) for Hubs",
    "Hourly real-time locational marginal prices for ERCOT",
    "Source: EIA collected from ERCOT",
    "UTC Timestamp (Interval Ending),Local Timestamp Central Time (Interval Beginning),North LMP",
]
_EIA_ENDS = [f"2025-08-14 {h:02d}:00:00" for h in range(4, 9)]


@st.composite
def eia_files(draw: st.DrawFn) -> str:
    """An EIA file whose metadata, header, times, cells and row lengths may each be broken."""
    head = list(_EIA_HEAD)
    if draw(st.booleans()):
        k = draw(st.integers(0, 3))
        head[k] = draw(st.sampled_from(["", "Source: EIA", "x,y", _EIA_HEAD[3].replace("UTC", "GMT")]))
    lines = list(head)
    for end in draw(st.lists(st.sampled_from(_EIA_ENDS), min_size=0, max_size=7)):
        row = [draw(st.one_of(st.just(end), _time_cells)), "x", draw(_cells)]
        if draw(st.integers(0, 5)) == 0:
            row = row[: draw(st.integers(0, 2))]
        lines.append(_csv_line(row))
    return "\n".join(lines) + "\n"


@SETTINGS
@given(eia_files(), st.sampled_from(["refuse", "previous", "linear"]))
def test_hostile_eia_file_builds_or_names_the_file(tmp_path, text, gaps):
    target = tmp_path / "prices.csv"
    target.write_text(text, encoding="utf-8")
    data = copy.deepcopy(CASE)
    data["prices"] = {"energy_csv": "prices.csv", "gaps": gaps}
    try:
        outcome: Any = build_price_series(parse_case(data, base_dir=tmp_path))
    except CaseError as exc:
        outcome = exc
    _check(outcome, tmp_path)

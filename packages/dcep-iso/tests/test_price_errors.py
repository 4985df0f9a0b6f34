"""Bad price files: every error names the file, the row and the problem."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dcep_iso import PriceDataError, build_price_series
from dcep_models import CaseError

CT = ZoneInfo("America/Chicago")
GS = ["Interval Start", "Interval End", "Location", "LMP"]


def _rows(n: int, minutes: int = 60, location: str = "HUB") -> list[list[object]]:
    t0 = datetime(2025, 8, 14, tzinfo=CT)
    step = timedelta(minutes=minutes)
    return [
        [(t0 + k * step).isoformat(sep=" "), (t0 + (k + 1) * step).isoformat(sep=" "), location, 30 + k]
        for k in range(n)
    ]


def _error(tmp_path, make_case, write_csv, rows, header=GS, **prices) -> PriceDataError:
    write_csv(tmp_path / "bad.csv", header, rows)
    case = make_case(tmp_path, prices={"energy_csv": "bad.csv", **prices})
    with pytest.raises(PriceDataError) as info:
        build_price_series(case)
    assert isinstance(info.value, CaseError)
    assert info.value.issues[0].path == "prices.energy_csv"
    assert "bad.csv" in str(info.value)
    return info.value


def test_gap_names_the_rows(tmp_path, make_case, write_csv):
    rows = _rows(3)
    del rows[1]  # 01:00-02:00 missing; rows are lines 2 and 3
    err = _error(tmp_path, make_case, write_csv, rows)
    assert err.row == 3
    assert "gap between row 2" in str(err)


def test_duplicate_interval(tmp_path, make_case, write_csv):
    rows = _rows(2)
    rows.insert(1, list(rows[0]))
    err = _error(tmp_path, make_case, write_csv, rows)
    assert err.row == 3 and "duplicate interval" in str(err) and "row 2" in str(err)


def test_non_numeric_cell(tmp_path, make_case, write_csv):
    rows = _rows(2)
    rows[1][3] = "n/a"
    err = _error(tmp_path, make_case, write_csv, rows)
    assert err.row == 3 and "'LMP' is not a number: 'n/a'" in str(err)


def test_empty_and_infinite_cells(tmp_path, make_case, write_csv):
    rows = _rows(2)
    rows[0][3] = ""
    assert "empty 'LMP' cell" in str(_error(tmp_path, make_case, write_csv, rows))
    rows[0][3] = "inf"
    assert "not a finite number" in str(_error(tmp_path, make_case, write_csv, rows))


def test_file_too_short_for_the_horizon(tmp_path, make_case, write_csv):
    err = _error(tmp_path, make_case, write_csv, _rows(1))
    assert "does not cover the horizon" in str(err)
    assert "2025-08-14T05:00:00+00:00 to 2025-08-14T07:00:00+00:00" in str(err)


def test_bad_timestamp(tmp_path, make_case, write_csv):
    rows = _rows(2)
    rows[1][0] = "14/08/2025 01:00"
    err = _error(tmp_path, make_case, write_csv, rows)
    assert err.row == 3 and "not an ISO 8601 time" in str(err)


def test_nonexistent_local_time(tmp_path, make_case, write_csv):
    rows = [["2025-03-09 01:00:00", 1.0], ["2025-03-09 02:30:00", 2.0]]
    err = _error(tmp_path, make_case, write_csv, rows, header=["timestamp", "price"], timestamps="local")
    assert err.row == 3 and "does not exist in America/Chicago" in str(err)


def test_naive_times_need_the_case_to_say_how(tmp_path, make_case, write_csv):
    rows = [["2025-08-14 00:00:00", 1.0], ["2025-08-14 01:00:00", 2.0]]
    err = _error(tmp_path, make_case, write_csv, rows, header=["timestamp", "price"])
    assert err.row == 2 and "without a UTC offset" in str(err) and "prices.timestamps" in str(err)


def test_local_rule_contradicting_a_utc_column_is_refused(tmp_path, make_case, write_csv):
    rows = [["2025-08-14 05:00:00", 1.0], ["2025-08-14 06:00:00", 2.0]]
    err = _error(tmp_path, make_case, write_csv, rows, header=["interval_start_utc", "price"], timestamps="local")
    assert "says its times are UTC" in str(err)


def test_several_locations_need_a_choice(tmp_path, make_case, write_csv):
    err = _error(tmp_path, make_case, write_csv, _rows(2, location="A") + _rows(2, location="B"))
    assert "holds 2 locations (A, B)" in str(err) and "prices.location" in str(err)


def test_missing_columns(tmp_path, make_case, write_csv):
    err = _error(tmp_path, make_case, write_csv, [["x", "1"]], header=["when", "LMP"])
    assert err.row == 1 and "no interval-start column" in str(err)


def test_missing_file_is_a_case_error(tmp_path, make_case):
    case = make_case(None, prices={"energy_csv": str(tmp_path / "nowhere.csv")})
    with pytest.raises(PriceDataError, match="cannot open"):
        build_price_series(case)

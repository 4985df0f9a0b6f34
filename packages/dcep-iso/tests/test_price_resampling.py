"""Price CSVs on the case's intervals: averaging, repeating, time zones and daylight-saving days."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from dcep_iso import build_price_series

CT = ZoneInfo("America/Chicago")
GS = ["Interval Start", "Interval End", "Location", "LMP"]


def _gs_rows(start_local: datetime, minutes: int, prices: list[float], location: str = "HUB") -> list[list[object]]:
    """gridstatus rows stepping in elapsed time from an aware local start."""
    rows = []
    t = start_local.astimezone(ZoneInfo("UTC"))
    for p in prices:
        s, e = t.astimezone(CT), (t + timedelta(minutes=minutes)).astimezone(CT)
        rows.append([s.isoformat(sep=" "), e.isoformat(sep=" "), location, p])
        t += timedelta(minutes=minutes)
    return rows


def test_five_minute_prices_are_averaged(tmp_path, make_case, write_csv):
    prices = [float(k) for k in range(24)]  # 2 h of 5-min prices 0..23
    write_csv(tmp_path / "e.csv", GS, _gs_rows(datetime(2025, 8, 14, tzinfo=CT), 5, prices))
    case = make_case(tmp_path, prices={"energy_csv": "e.csv"})
    got = build_price_series(case).energy_usd_per_mwh
    # 15-min interval k averages prices 3k, 3k+1, 3k+2 -> 3k+1.
    np.testing.assert_allclose(got, [1, 4, 7, 10, 13, 16, 19, 22])


def test_hourly_prices_are_repeated(tmp_path, make_case, write_csv):
    write_csv(tmp_path / "e.csv", GS, _gs_rows(datetime(2025, 8, 14, tzinfo=CT), 60, [40.0, -5.0, 99.0]))
    case = make_case(tmp_path, prices={"energy_csv": "e.csv"})
    got = build_price_series(case).energy_usd_per_mwh
    np.testing.assert_allclose(got, [40.0] * 4 + [-5.0] * 4)


def test_unaligned_source_is_time_weighted(tmp_path, make_case, write_csv):
    # 20-min source prices 10, 20, 30, ... from 00:00; case 15-min from 00:00 for 1 h.
    write_csv(tmp_path / "e.csv", GS, _gs_rows(datetime(2025, 8, 14, tzinfo=CT), 20, [10.0, 20.0, 30.0, 40.0]))
    case = make_case(tmp_path, prices={"energy_csv": "e.csv"}, time={"horizon_hours": 1})
    got = build_price_series(case).energy_usd_per_mwh
    # [0,15): 10; [15,30): 5 min at 10 + 10 min at 20; [30,45): 10 min at 20 + 5 at 30; [45,60): 30.
    np.testing.assert_allclose(got, [10.0, (5 * 10 + 10 * 20) / 15, (10 * 20 + 5 * 30) / 15, 30.0])


def test_case_start_inside_the_file_and_other_zone(tmp_path, make_case, write_csv):
    # File in Central time; case starts at 02:00 Eastern = 01:00 Central.
    write_csv(tmp_path / "e.csv", GS, _gs_rows(datetime(2025, 8, 14, tzinfo=CT), 60, [1.0, 2.0, 3.0, 4.0]))
    case = make_case(
        tmp_path,
        prices={"energy_csv": "e.csv"},
        time={"start": "2025-08-14T02:00:00", "timezone": "America/New_York", "horizon_hours": 1},
    )
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, [2.0] * 4)


def test_spring_forward_day_has_92_quarter_hours(tmp_path, make_case, write_csv):
    prices = [float(k) for k in range(92)]
    write_csv(tmp_path / "e.csv", GS, _gs_rows(datetime(2025, 3, 9, tzinfo=CT), 15, prices))
    case = make_case(
        tmp_path, prices={"energy_csv": "e.csv"}, time={"start": "2025-03-09T00:00:00", "horizon_hours": 23}
    )
    series = build_price_series(case)
    np.testing.assert_allclose(series.energy_usd_per_mwh, prices)
    # 01:45 CST is followed by 03:00 CDT.
    assert series.interval_starts[8].hour == 2 - 1 + 2 and series.interval_starts[7].strftime("%H:%M") == "01:45"


def test_fall_back_day_has_100_quarter_hours(tmp_path, make_case, write_csv):
    prices = [float(k) for k in range(100)]
    write_csv(tmp_path / "e.csv", GS, _gs_rows(datetime(2024, 11, 3, tzinfo=CT), 15, prices))
    case = make_case(
        tmp_path, prices={"energy_csv": "e.csv"}, time={"start": "2024-11-03T00:00:00", "horizon_hours": 25}
    )
    series = build_price_series(case)
    np.testing.assert_allclose(series.energy_usd_per_mwh, prices)
    assert [s.strftime("%H:%M") for s in series.interval_starts[4:12]].count("01:00") == 2


def test_plain_naive_local_file_across_fall_back(tmp_path, make_case, write_csv):
    # Naive local times repeat 01:00-01:45; the second pass is the CST hour.
    stamps = [f"2024-11-03 00:{m:02d}:00" for m in (0, 15, 30, 45)]
    stamps += [f"2024-11-03 01:{m:02d}:00" for m in (0, 15, 30, 45)] * 2
    stamps += [f"2024-11-03 02:{m:02d}:00" for m in (0, 15, 30, 45)]
    prices = [float(k) for k in range(len(stamps))]
    write_csv(tmp_path / "p.csv", ["timestamp", "price"], list(zip(stamps, prices, strict=True)))
    case = make_case(
        tmp_path,
        prices={"energy_csv": "p.csv", "timestamps": "local"},
        time={"start": "2024-11-03T00:00:00", "horizon_hours": 4},
    )
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, prices)


def test_plain_utc_file(tmp_path, make_case, write_csv):
    # 05:00Z = 00:00 CDT on 14 Aug 2025.
    rows = [[f"2025-08-14T{h:02d}:00:00Z", 10.0 * h] for h in range(5, 8)]
    write_csv(tmp_path / "p.csv", ["timestamp", "price"], rows)
    case = make_case(tmp_path, prices={"energy_csv": "p.csv"})
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, [50.0] * 4 + [60.0] * 4)


def test_location_is_selected(tmp_path, make_case, write_csv):
    start = datetime(2025, 8, 14, tzinfo=CT)
    rows = _gs_rows(start, 60, [1.0, 2.0], "HB_NORTH") + _gs_rows(start, 60, [7.0, 8.0], "HB_WEST")
    write_csv(tmp_path / "e.csv", GS, rows)
    case = make_case(tmp_path, prices={"energy_csv": "e.csv", "location": "hb_west"})
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, [7.0] * 4 + [8.0] * 4)

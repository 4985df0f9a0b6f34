"""EIA's layout, naive-UTC files, gzip, and the gap rules, on small hand-made files."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta

import numpy as np
import pytest

from dcep_iso import PriceDataError, build_price_series

EIA_META = [
    "ERCOT Hourly Real-Time Locational Marginal Prices ($/megawatt) for Hubs",
    "Hourly real-time locational marginal prices for ERCOT",
    "Source: EIA collected from ERCOT",
]
EIA_HEADER = (
    "UTC Timestamp (Interval Ending),Local Timestamp Central Time (Interval Beginning),"
    "Local Timestamp Central Time (Interval Ending),Local Date,Hour Number,North LMP,West LMP,North (Loss)"
)


def _eia_file(path, hours_ending_utc: list[int], title: str = EIA_META[0]) -> None:
    """Hourly rows ending at the given UTC hours of 14 Aug 2025: North = 10*h, West = 100 + h."""
    lines = [title, *EIA_META[1:], EIA_HEADER]
    for h in hours_ending_utc:
        end = datetime(2025, 8, 14) + timedelta(hours=h)
        lines.append(f"{end:%Y-%m-%d %H:%M:%S},x,x,x,1,{10.0 * h},{100.0 + h},0.1")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# The horizon is 00:00-02:00 CDT on 14 Aug 2025 = 05:00-07:00 UTC: rows ending 06:00 and 07:00.


def test_eia_rows_are_placed_by_their_utc_interval_end(tmp_path, make_case):
    _eia_file(tmp_path / "eia.csv", [5, 6, 7, 8])
    case = make_case(tmp_path, prices={"energy_csv": "eia.csv", "location": "north"})
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, [60.0] * 4 + [70.0] * 4)
    case = make_case(tmp_path, prices={"energy_csv": "eia.csv", "energy_column": "West LMP"})
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, [106.0] * 4 + [107.0] * 4)


def test_eia_needs_a_location_when_it_holds_several(tmp_path, make_case):
    _eia_file(tmp_path / "eia.csv", [5, 6, 7, 8])
    with pytest.raises(PriceDataError, match=r"holds 2 locations \(North, West\)"):
        build_price_series(make_case(tmp_path, prices={"energy_csv": "eia.csv"}))
    with pytest.raises(PriceDataError, match="location 'Houston' not in the file"):
        build_price_series(make_case(tmp_path, prices={"energy_csv": "eia.csv", "location": "Houston"}))


def test_eia_cadence_must_agree_with_its_title(tmp_path, make_case):
    _eia_file(tmp_path / "eia.csv", [5, 6, 7, 8], title="ERCOT 15-Minute Real-Time LMPs for Hubs")
    with pytest.raises(PriceDataError, match="60 min apart but the title says 15 min") as info:
        build_price_series(make_case(tmp_path, prices={"energy_csv": "eia.csv", "location": "North"}))
    assert info.value.row == 1


def test_eia_gap_is_refused_by_default_and_names_rows(tmp_path, make_case):
    _eia_file(tmp_path / "eia.csv", [5, 7, 8])  # the hour ending 06:00 UTC is missing
    case = make_case(tmp_path, prices={"energy_csv": "eia.csv", "location": "North"})
    with pytest.raises(PriceDataError, match="gap between row 5") as info:
        build_price_series(case)
    assert info.value.row == 6


def test_gap_held_at_the_previous_price_and_reported(tmp_path, make_case):
    _eia_file(tmp_path / "eia.csv", [5, 7, 8])
    case = make_case(tmp_path, prices={"energy_csv": "eia.csv", "location": "North", "gaps": "previous"})
    series = build_price_series(case)
    # 04:00-05:00 UTC (50) holds through the missing 05:00-06:00; then 06:00-07:00 (70)
    np.testing.assert_allclose(series.energy_usd_per_mwh, [50.0] * 4 + [70.0] * 4)
    assert any("1 gap(s), 1 h in all, filled by holding the previous price" in w for w in series.warnings)


def test_gap_interpolated_linearly_between_mid_points(tmp_path, make_case):
    _eia_file(tmp_path / "eia.csv", [4, 5, 8, 9])  # 05:00-07:00 UTC missing: two hourly pieces
    case = make_case(tmp_path, prices={"energy_csv": "eia.csv", "location": "North", "gaps": "linear"})
    series = build_price_series(case)
    # mid-points 04:30 (50) and 07:30 (80): pieces centred 05:30 and 06:30 get 60 and 70
    np.testing.assert_allclose(series.energy_usd_per_mwh, [60.0] * 4 + [70.0] * 4)


def test_gap_longer_than_the_limit_is_refused(tmp_path, make_case):
    _eia_file(tmp_path / "eia.csv", [4, 5, 8, 9])
    prices = {"energy_csv": "eia.csv", "location": "North", "gaps": "previous", "max_gap_hours": 1.5}
    with pytest.raises(PriceDataError, match=r"gap of 2 h .* longer than prices.max_gap_hours \(1.5 h\)"):
        build_price_series(make_case(tmp_path, prices=prices))


def test_naive_utc_file_read_as_utc_when_the_case_says_so(tmp_path, make_case, write_csv):
    rows = [[f"2025-08-14 {h:02d}:00:00", 10.0 * h] for h in range(4, 9)]
    write_csv(tmp_path / "p.csv", ["datetime", "price"], rows)
    case = make_case(tmp_path, prices={"energy_csv": "p.csv", "timestamps": "utc"})
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, [50.0] * 4 + [60.0] * 4)
    local = make_case(tmp_path, prices={"energy_csv": "p.csv", "timestamps": "local"})
    with pytest.raises(PriceDataError, match="does not cover the horizon"):
        build_price_series(local)  # 04:00-08:00 CDT does not hold 00:00-02:00 CDT


def test_column_named_utc_is_utc_without_a_setting(tmp_path, make_case, write_csv):
    # before, naive interval_start_utc cells were silently read as local time
    rows = [[f"2025-08-14 {h:02d}:00:00", 10.0 * h] for h in range(4, 9)]
    write_csv(tmp_path / "p.csv", ["interval_start_utc", "price"], rows)
    case = make_case(tmp_path, prices={"energy_csv": "p.csv"})
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, [50.0] * 4 + [60.0] * 4)


def test_gzipped_file_with_as_columns(tmp_path, make_case):
    lines = ["datetime,node,SP15,RegUp,RegDown,Spin,NonSpin"]
    lines += [f"2025-08-14 {h:02d}:00:00,TH_SP15,40,{h},{2 * h},{3 * h},{4 * h}" for h in range(6, 10)]
    with gzip.open(tmp_path / "as.csv.gz", "wt") as f:
        f.write("\n".join(lines) + "\n")
    case = make_case(
        tmp_path,
        iso="CAISO",
        time={"start": "2025-08-14T00:00:00", "timezone": "America/Los_Angeles"},
        prices={"as_csv": "as.csv.gz", "timestamps": "utc"},
    )
    series = build_price_series(case)
    # 00:00-02:00 PDT = 07:00-09:00 UTC
    assert series.as_usd_per_mw_h["REGDN"].tolist() == [14.0] * 4 + [16.0] * 4
    assert series.as_usd_per_mw_h["NSPIN"].tolist() == [28.0] * 4 + [32.0] * 4
    assert any("'SP15' is not a CAISO product" in w for w in series.warnings)

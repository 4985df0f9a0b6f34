"""build_price_series: synthetic energy, AS prices per market, caps flagged, 4CP adder."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from dcep_iso import build_price_series, demand_at, four_cp_charge_usd
from dcep_models import CaseError

CT = ZoneInfo("America/Chicago")
AS_HEADER = [
    "Interval Start",
    "Interval End",
    "Market",
    "Regulation Up",
    "Regulation Down",
    "ERCOT Contingency Reserve Service",
    "Non-Spinning Reserves",
    "Responsive Reserves",
]


def _as_rows(hours: int) -> list[list[object]]:
    t0 = datetime(2025, 8, 14, tzinfo=CT)
    return [
        [
            (t0 + timedelta(hours=h)).isoformat(sep=" "),
            (t0 + timedelta(hours=h + 1)).isoformat(sep=" "),
            "DAM",
            10 + h,
            5 + h,
            2.5,
            1.0,
            3.0,
        ]
        for h in range(hours)
    ]


def test_synthetic_energy_by_local_hour(make_case):
    case = make_case(
        prices={
            "base_price_usd_per_mwh": 40,
            "peak_hours": [1],
            "peak_multiplier": 3,
            "offpeak_hours": [0],
            "offpeak_multiplier": 0.5,
        },
    )
    series = build_price_series(case)
    np.testing.assert_allclose(series.energy_usd_per_mwh, [20.0] * 4 + [120.0] * 4)
    assert series.import_adder_usd_per_mwh.tolist() == [0.0] * 8
    assert series.energy_source == "synthetic"


def test_gridstatus_as_columns_map_to_products(tmp_path, make_case, write_csv):
    write_csv(tmp_path / "as.csv", AS_HEADER, _as_rows(2))
    case = make_case(tmp_path, prices={"as_csv": "as.csv", "as_prices_usd_per_mw_h": {"REGUP": 99.0}})
    series = build_price_series(case)
    assert set(series.as_usd_per_mw_h) == {"REGUP", "REGDN", "ECRS", "NSPIN", "RRS"}
    np.testing.assert_allclose(series.as_usd_per_mw_h["REGUP"], [10.0] * 4 + [11.0] * 4)
    np.testing.assert_allclose(series.as_usd_per_mw_h["ECRS"], [2.5] * 8)
    assert any("replaces the flat REGUP price" in w for w in series.warnings)


def test_moving_markets_keeps_only_offered_products(make_case):
    flat = {"REGUP": 12.0, "REGDN": 8.0, "RRS": 10.0, "ECRS": 9.62, "NSPIN": 4.0, "SPIN": 6.0}
    ercot = build_price_series(make_case(prices={"as_prices_usd_per_mw_h": flat}))
    caiso = build_price_series(make_case(iso="CAISO", prices={"as_prices_usd_per_mw_h": flat}))
    pjm = build_price_series(make_case(iso="PJM", prices={"as_prices_usd_per_mw_h": flat}))
    assert set(ercot.as_usd_per_mw_h) == {"REGUP", "REGDN", "RRS", "ECRS", "NSPIN"}
    assert set(caiso.as_usd_per_mw_h) == {"REGUP", "REGDN", "NSPIN", "SPIN"}
    assert set(pjm.as_usd_per_mw_h) == {"NSPIN", "SPIN"}
    assert any("PJM has no such product; ignored" in w and "REGUP" in w for w in pjm.warnings)


def test_offered_product_without_price_is_an_error(make_case):
    case = make_case(prices={"as_prices_usd_per_mw_h": {"REGUP": 5.0}}, market={"offered_products": ["REGUP", "RRS"]})
    with pytest.raises(CaseError, match=r"market.offered_products: no price given for \['RRS'\]"):
        build_price_series(case)


def test_prices_above_the_cap_are_flagged_with_rows(tmp_path, make_case, write_csv):
    t0 = datetime(2025, 8, 14, tzinfo=CT)
    rows = [
        [(t0 + timedelta(hours=h)).isoformat(sep=" "), (t0 + timedelta(hours=h + 1)).isoformat(sep=" "), "HB", p]
        for h, p in enumerate([25.0, 9000.0, -400.0])
    ]
    write_csv(tmp_path / "e.csv", ["Interval Start", "Interval End", "Location", "SPP"], rows)
    series = build_price_series(make_case(tmp_path, prices={"energy_csv": "e.csv"}))
    # Row 4 (02:00-03:00) lies outside the 2-h horizon and is not flagged.
    assert len(series.warnings) == 1
    w = series.warnings[0]
    assert "1 'SPP' value(s) outside the market's range [-250, 5000]" in w and "row 3 = 9000" in w
    assert series.energy_usd_per_mwh[4] == 9000.0  # kept, but reported


def test_four_cp_adder_by_hand(make_case):
    market = {
        "four_cp": {
            "rate_usd_per_kw_year": 60.0,
            "likely_peak_windows": [{"start": "2025-08-14T00:30:00", "end": "2025-08-14T01:30:00", "probability": 0.4}],
        }
    }
    series = build_price_series(make_case(market=market))
    # Each MW in a peak costs 60 * 1000 / 4 = 15,000 $/yr. The 1-h window holds four 15-min intervals,
    # each with chance 0.4 / 4 = 0.1: 1,500 $ per MW, over 0.25 h -> 6,000 $/MWh.
    expected = [0, 0, 6000, 6000, 6000, 6000, 0, 0]
    np.testing.assert_allclose(series.import_adder_usd_per_mwh, expected)


def test_four_cp_is_ignored_outside_ercot(make_case):
    market = {
        "four_cp": {
            "rate_usd_per_kw_year": 60.0,
            "likely_peak_windows": [{"start": "2025-08-14T00:30:00", "end": "2025-08-14T01:30:00"}],
        }
    }
    series = build_price_series(make_case(iso="MISO", market=market))
    assert not series.import_adder_usd_per_mwh.any()
    assert any("4CP is an ERCOT charge" in w for w in series.warnings)


def test_four_cp_window_must_end_after_it_starts(make_case):
    market = {
        "four_cp": {
            "rate_usd_per_kw_year": 60.0,
            "likely_peak_windows": [{"start": "2025-08-14T01:30:00", "end": "2025-08-14T01:30:00"}],
        }
    }
    with pytest.raises(CaseError, match=r"likely_peak_windows\[0\].end: must be after start"):
        build_price_series(make_case(market=market))


def test_four_cp_charge():
    # 55 $/kW-yr on a mean 4CP demand of 45 MW = 45,000 kW -> 2,475,000 $/yr.
    assert four_cp_charge_usd([40, 45, 50, 45], 55.0) == pytest.approx(2_475_000.0)
    with pytest.raises(ValueError, match="4 peak intervals"):
        four_cp_charge_usd([40, 45], 55.0)
    starts = [datetime(2025, 8, 14, 16, tzinfo=CT) + timedelta(minutes=15 * k) for k in range(4)]
    peaks = [datetime(2025, 8, 14, 16, 20, tzinfo=CT), datetime(2025, 8, 14, 16, 45, tzinfo=CT)]
    assert demand_at([10, 20, 30, 40], starts, 15, peaks) == [20.0, 40.0]


def test_four_cp_on_the_fall_back_day_uses_elapsed_time(make_case):
    # 3 Nov 2024: 01:00-02:00 happens twice. A window over the second (CST) 01:00-01:30 covers two
    # quarter-hours of elapsed time, intervals 8 and 9 (00:00 CDT + 2 h), not the first pass (4, 5).
    market = {
        "four_cp": {
            "rate_usd_per_kw_year": 40.0,
            "likely_peak_windows": [
                {"start": "2024-11-03T01:00:00-06:00", "end": "2024-11-03T01:30:00-06:00", "probability": 1.0}
            ],
        }
    }
    case = make_case(market=market, time={"start": "2024-11-03T00:00:00", "horizon_hours": 4})
    adder = build_price_series(case).import_adder_usd_per_mwh
    # 40 * 1000 / 4 * (1 / 2) / 0.25 = 20,000 $/MWh in each of the two quarter-hours.
    assert np.flatnonzero(adder).tolist() == [8, 9]
    np.testing.assert_allclose(adder[[8, 9]], 20_000.0)
    case_starts = case.time.interval_starts()
    peak = datetime(2024, 11, 3, 1, 20, tzinfo=ZoneInfo("America/Chicago")).replace(fold=1)
    assert demand_at(list(range(16)), case_starts, 15, [peak]) == [9.0]

"""dcep-iso on the shipped cases: real ERCOT prices, DST days, SPP reserves, and one case moved
across all seven markets and solved by dcep-opt."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from dcep_iso import adapter_for_case, build_price_series, get_iso_adapter
from dcep_models import load_case, parse_case

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"
DATA = CASES / "data"
MARKETS = ["ERCOT", "CAISO", "PJM", "MISO", "NYISO", "ISO-NE", "SPP"]


def _file_prices(path: Path, column: str, day: str) -> list[float]:
    """Prices of one local day, read with the csv module alone (independent of dcep-iso)."""
    with path.open() as f:
        return [float(r[column]) for r in csv.DictReader(f) if r["Interval Start"].startswith(day)]


def _case_dict(name: str) -> dict:
    import json

    return json.loads((CASES / name).read_text())


def test_real_ercot_day_equals_the_file():
    case = load_case(CASES / "ercot_50mw_real_2025-08-14.json")
    series = build_price_series(case)
    expected = _file_prices(DATA / "ercot" / "hb_hubavg_rtm_15min_2025-08.csv", "SPP", "2025-08-14")
    assert len(expected) == 96
    np.testing.assert_allclose(series.energy_usd_per_mwh, expected)
    assert series.warnings == []


def test_real_hourly_day_ahead_is_repeated_per_quarter_hour():
    data = _case_dict("ercot_50mw_real_2025-08-14.json")
    data["prices"]["energy_csv"] = "data/ercot/hb_hubavg_dam_hourly_2025-08.csv"
    case = parse_case(data, base_dir=CASES)
    hourly = _file_prices(DATA / "ercot" / "hb_hubavg_dam_hourly_2025-08.csv", "SPP", "2025-08-14")
    np.testing.assert_allclose(build_price_series(case).energy_usd_per_mwh, np.repeat(hourly, 4))


@pytest.mark.parametrize(("day", "hours", "n"), [("2025-03-09", 23, 92), ("2024-11-03", 25, 100)])
def test_real_daylight_saving_days(day, hours, n):
    data = _case_dict("ercot_50mw_real_2025-08-14.json")
    data["time"].update({"start": f"{day}T00:00:00", "horizon_hours": hours})
    data["prices"]["energy_csv"] = f"data/ercot/hb_hubavg_rtm_15min_{day}.csv"
    case = parse_case(data, base_dir=CASES)
    series = build_price_series(case)
    expected = _file_prices(DATA / "ercot" / f"hb_hubavg_rtm_15min_{day}.csv", "SPP", day)
    assert case.time.n_intervals == len(expected) == n
    np.testing.assert_allclose(series.energy_usd_per_mwh, expected)
    assert series.interval_starts[-1].strftime("%Y-%m-%d %H:%M") == f"{day} 23:45"


def test_scarcity_day_and_four_cp_adder():
    case = load_case(CASES / "ercot_50mw_4cp_2024-08-20.json")
    series = build_price_series(case)
    # the day's prices read from the file independently: equal throughout, the peak at 19:30 CDT and
    # below the $5,000 HCAP (so nothing was capped)
    expected = _file_prices(DATA / "ercot" / "hb_hubavg_rtm_15min_2024-08.csv", "SPP", "2024-08-20")
    np.testing.assert_allclose(series.energy_usd_per_mwh, expected)
    peak = int(np.argmax(expected))
    assert series.interval_starts[peak].strftime("%H:%M") == "19:30" and max(expected) < 5000.0
    assert series.warnings == []
    # 55 $/kW-yr * 1000 / 4 peaks * 0.5 chance / 8 quarter-hours / 0.25 h = 3,437.5 $/MWh, 16:00-18:00 only.
    flagged = [
        s.strftime("%H:%M")
        for s, a in zip(series.interval_starts, series.import_adder_usd_per_mwh, strict=True)
        if a > 0
    ]
    assert flagged[0] == "16:00" and flagged[-1] == "17:45" and len(flagged) == 8
    assert series.import_adder_usd_per_mwh.max() == pytest.approx(3437.5)


def test_spp_real_reserve_prices():
    case = load_case(CASES / "spp_50mw_2022-02-02.json")
    series = build_price_series(case)
    with (DATA / "spp" / "da_mcp_reserves_2022-02-02.csv").open() as f:
        zone1 = [r for r in csv.DictReader(f) if r["Reserve Zone"] == "1"]
    assert len(zone1) == 24
    np.testing.assert_allclose(series.as_usd_per_mw_h["REGUP"], np.repeat([float(r["RegUP"]) for r in zone1], 4))
    np.testing.assert_allclose(series.as_usd_per_mw_h["SUPP"], np.repeat([float(r["Supp"]) for r in zone1], 4))
    assert set(series.as_usd_per_mw_h) == {"REGUP", "REGDN", "SPIN", "SUPP"}


# Durations the markets' rules give on 14 Aug 2025, typed from reference/iso-markets.md and the
# adapters' documented defaults (ERCOT pre-RTC+B: ECRS 2 h, Non-Spin 4 h).
UNION_PRICES = {
    "REGUP": 9.0,
    "REGDN": 6.0,
    "REG": 14.0,
    "RRS": 8.0,
    "ECRS": 7.0,
    "NSPIN": 3.0,
    "SPIN": 5.0,
    "SUPP": 1.0,
    "SR30": 1.5,
}


@pytest.mark.parametrize("iso", MARKETS)
def test_one_case_moved_across_all_seven_markets_solves(iso):
    from dcep_opt import prepare_inputs, solve_dispatch

    data = _case_dict("ercot_50mw_real_2025-08-14.json")
    data["iso"] = iso
    data["time"]["horizon_hours"] = 6
    data["prices"]["as_prices_usd_per_mw_h"] = UNION_PRICES
    case = parse_case(data, base_dir=CASES)
    adapter = adapter_for_case(case)
    sold = {p.name for p in adapter.as_products} & set(UNION_PRICES)
    inputs = prepare_inputs(case)
    assert {p.name for p in inputs.products} == sold
    result = solve_dispatch(inputs, diagnose=False).result
    assert result.solver.status == "optimal"
    ts = result.timeseries
    h = case.time.interval_hours
    # AS revenue recomputed from the awards and the flat prices typed above.
    revenue = sum(float(np.sum(ts[f"reserve_{k}_mw"])) * UNION_PRICES[k] * h for k in sold)
    assert result.economics.as_revenue_usd == pytest.approx(revenue, rel=1e-6, abs=1e-6)
    # Stacked energy backing: battery up awards (with their market's durations) sit above the floor.
    b = case.resources.bess
    soc = np.asarray(ts["bess_soc_mwh"])
    soc_start = np.concatenate(([b.soc_initial_frac * b.energy_mwh], soc[:-1]))
    need = np.zeros_like(soc)
    for k in sold:
        rule = get_iso_adapter(iso, datetime(2025, 8, 14).date()).get_product(k)
        if (rule.direction == "up" or rule.symmetric) and f"reserve_{k}_bess_mw" in ts:
            need += np.asarray(ts[f"reserve_{k}_bess_mw"]) * rule.duration_hours / b.discharge_efficiency
    floor = b.soc_reserve_frac * b.energy_mwh
    assert np.all(np.minimum(soc, soc_start) - floor + 1e-6 >= need)

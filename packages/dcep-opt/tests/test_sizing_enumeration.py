"""Sizing by enumeration on cases whose best size is known by hand."""

from __future__ import annotations

from typing import Any

import pytest

from dcep_models import CaseError, SizingSpec, parse_case
from dcep_opt.studies._sizing import annual_costs_usd, enumerate_candidates, run_sizing, sizing_table


def sizing_case(peak_multiplier: float, energy_capex: float, energies: list[float]) -> dict[str, Any]:
    """10 MW flat critical load, 24 h at 1 h, lossless 10 MW battery; $30/MWh, x peak_multiplier in 12-23 h.

    Ride-through 15 min of 10 MW from a floor at 25 % above soc_min 5 % needs 0.2 E >= 2.5 MWh: E >= 12.5.
    """
    return {
        "name": "sizing by hand",
        "iso": "GENERIC",
        "time": {"start": "2025-01-01T00:00:00", "timezone": "UTC", "horizon_hours": 24, "interval_minutes": 60},
        "topology": {"poi": {"max_import_mw": 100, "max_export_mw": 100, "rating_mva": 200, "min_power_factor": 0.9}},
        "resources": {
            "bess": {
                "power_mw": 10,
                "energy_mwh": 20,
                "charge_efficiency": 1.0,
                "discharge_efficiency": 1.0,
                "degradation_cost_usd_per_mwh": 0.0,
            },
            "loads": [{"name": "it", "kind": "critical", "power_mw": 10, "power_factor": 1.0}],
        },
        "reliability": {"ride_through_minutes": 15, "generator_redundancy": "N"},
        "prices": {
            "base_price_usd_per_mwh": 30.0,
            "peak_hours": list(range(12, 24)),
            "peak_multiplier": peak_multiplier,
        },
        "sizing": {
            "bess_energy_mwh": energies,
            "bess_energy_capex_usd_per_kwh_yr": energy_capex,
            "bess_power_capex_usd_per_kw_yr": 5.0,
            "bess_fixed_om_usd_per_kw_yr": 2.0,
        },
    }


def test_flat_prices_pick_the_smallest_battery_that_meets_the_ride_through_floor() -> None:
    case = parse_case(sizing_case(1.0, 3.0, [10.0, 15.0, 20.0, 40.0]))
    result = run_sizing(case, serial=True)
    table = sizing_table(result)
    assert [r["bess_energy_mwh"] for r in table] == [15.0, 20.0, 40.0, 10.0]
    assert result.best is not None and result.best.candidate.bess_energy_mwh == 15.0
    rejected = result.ranked[-1]
    assert "invalid" in rejected.rejected and "soc_reserve_frac" in rejected.rejected
    # arbitrage earns nothing: every battery has the same annual net value, the load bought at $30 all year
    for r in result.ranked[:3]:
        assert r.annual_net_value_usd == pytest.approx(-10 * 24 * 30 * 365, abs=1e-3)
        # the grid-only baseline buys the same load at the same price: the design is worth minus its cost
        assert r.annual_baseline_net_value_usd == pytest.approx(-10 * 24 * 30 * 365)
        assert r.annual_value_over_baseline_usd == pytest.approx(
            -(r.annual_capex_usd + r.annual_fixed_om_usd), abs=1e-3
        )
    # capex 15 MWh * 1000 * $3 + 10 MW * 1000 * $5, fixed O&M 10 MW * 1000 * $2
    assert result.best.annual_capex_usd == pytest.approx(45_000 + 50_000)
    assert result.best.annual_fixed_om_usd == pytest.approx(20_000)
    assert result.best.annual_objective_usd == pytest.approx(-2_628_000 - 115_000, abs=1e-3)
    # lossless and flat: cycling is a tie, so the SOC may move anywhere between the floor (25 %) and its start
    # (50 %): ride-through between (0.25 - 0.05) * 15 / 10 * 60 = 18 and (0.5 - 0.05) * 15 / 10 * 60 = 40.5 min
    assert 18.0 - 1e-6 <= result.best.min_ride_through_min <= 40.5 + 1e-6


@pytest.mark.parametrize(("energy_capex", "winner"), [(1.0, 40.0), (20.0, 20.0)])
def test_two_price_day_winner_and_margin_match_hand_arbitrage(energy_capex: float, winner: float) -> None:
    # $30 then $90: the battery moves (0.95 - 0.5) E a day from cheap to dear hours, earning 0.45 E * 60 $/day;
    # 20 extra MWh earn 365 * 0.45 * 20 * 60 = $197,100 a year against 20,000 kWh * capex
    case = parse_case(sizing_case(3.0, energy_capex, [20.0, 40.0]))
    result = run_sizing(case, serial=True)
    assert result.best is not None and result.best.candidate.bess_energy_mwh == winner
    by_size = {r.candidate.bess_energy_mwh: r for r in result.ranked}
    margin = by_size[40.0].annual_objective_usd - by_size[20.0].annual_objective_usd
    assert margin == pytest.approx(365 * 0.45 * 20 * 60 - 20_000 * energy_capex, abs=1e-3)
    assert by_size[20.0].annual_net_value_usd == pytest.approx(365 * (-(3600 + 10800) + 0.45 * 20 * 60), abs=1e-3)


def test_representative_periods_scale_to_a_year() -> None:
    data = sizing_case(3.0, 1.0, [20.0])
    data["sizing"]["representative_periods"] = [
        {"start": "2025-01-06T00:00:00", "hours": 24},
        {"start": "2025-07-07T00:00:00", "hours": 24, "weight": 100},
    ]
    result = run_sizing(parse_case(data), serial=True)
    assert result.period_weights == [8760 / 48, 100]
    daily = -(3600 + 10800) + 0.45 * 20 * 60
    assert result.best is not None
    assert result.best.annual_net_value_usd == pytest.approx(daily * (8760 / 48 + 100), abs=1e-3)


def test_candidates_enumerate_ranges_and_reject_unknown_fleets() -> None:
    data = sizing_case(1.0, 1.0, [20.0])
    data["sizing"]["bess_power_mw"] = {"start": 10, "stop": 20, "step": 5}
    case = parse_case(data)
    cands = enumerate_candidates(case)
    assert [(c.bess_power_mw, c.bess_energy_mwh) for c in cands] == [(10.0, 20.0), (15.0, 20.0), (20.0, 20.0)]
    capex, om = annual_costs_usd(case, case.sizing, cands[1])
    assert (capex, om) == pytest.approx((20_000 * 1.0 + 15_000 * 5.0, 15_000 * 2.0))
    with pytest.raises(CaseError, match="no generator fleet"):
        enumerate_candidates(case, SizingSpec(generator_counts={"gas": [1, 2]}))
    with pytest.raises(CaseError, match="no sizing section"):
        data.pop("sizing")
        enumerate_candidates(parse_case(data))


def test_generator_count_sizing_rejects_the_short_fleet_and_picks_the_cheapest_adequate_one() -> None:
    # 10 MW critical, 4 MW import cap: gas (5 MW units at $50/MWh) must make 6 MW all day -> 2 units;
    # 1 unit leaves 1 MW x 24 h short while the battery holds at most (0.5 - 0.05) * 20 = 9 MWh: >= 15 MWh unserved
    data = sizing_case(1.0, 1.0, [20.0])
    data["topology"]["poi"]["max_import_mw"] = 4
    data["reliability"]["generator_redundancy"] = "N"
    data["resources"]["generators"] = [
        {
            "name": "gas",
            "count": 2,
            "p_max_mw": 5,
            "p_min_mw": 0,
            "heat_rate_mmbtu_per_mwh": 10,
            "fuel_price_usd_per_mmbtu": 4,
            "vom_usd_per_mwh": 10,
            "start_cost_usd": 0,
            "start_time_min": 0,
            "min_up_hours": 1,
            "min_down_hours": 1,
        }
    ]
    data["sizing"]["generator_counts"] = {"gas": [1, 2, 3]}
    data["sizing"]["generator_capex_usd_per_kw_yr"] = 10.0
    result = run_sizing(parse_case(data), serial=True)
    by_units = {dict(r.candidate.generator_counts)["gas"]: r for r in result.ranked}
    assert result.best is by_units[2]
    assert by_units[2].annual_net_value_usd == pytest.approx(-365 * (4 * 24 * 30 + 6 * 24 * 50), abs=1e-3)
    assert by_units[3].annual_objective_usd == pytest.approx(by_units[2].annual_objective_usd - 5_000 * 10.0)
    assert by_units[1].rejected and by_units[1].unserved_mwh >= 15.0 - 1e-6
    with pytest.raises(ValueError, match="counts >= 1"):
        SizingSpec(generator_counts={"gas": [0, 1]})

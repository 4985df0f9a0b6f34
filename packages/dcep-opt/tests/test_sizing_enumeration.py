"""Sizing by enumeration on cases whose best size is known by hand; time-limited candidates ranked by bound."""

from __future__ import annotations

from typing import Any

import pytest

from dcep_models import CaseError, SizingSpec, parse_case
from dcep_opt import SolveOptions, enumeration_agreement, run_cosizing
from dcep_opt.studies._sizing import (
    Candidate,
    CandidateResult,
    annual_costs_usd,
    candidate_overrides,
    enumerate_candidates,
    rank_candidates,
    run_sizing,
    score_candidate,
    sizing_table,
)


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


def _row(status: str, termination: str, net: float | None, bound: float | None, gap: float | None, **over: Any):
    row: dict[str, Any] = {
        "status": status,
        "termination": termination,
        "net_value_usd": net,
        "best_bound_usd": bound,
        "mip_gap": gap,
        "unserved_mwh": 0.0,
        "min_ride_through_min": 30.0,
        "ride_through_ok": True,
        "n_plus_1_ok": True,
        "baseline_net_value_usd": -500.0,
    }
    row.update(over)
    return row


def _scored(label_mw: float, rows: list[dict[str, Any]], weights: list[float], capex: float) -> CandidateResult:
    res = CandidateResult(Candidate(label_mw, 2 * label_mw), None, capex, 0.0, period_rows=rows)
    score_candidate(res, rows, weights)
    return res


def test_time_limited_candidates_are_ranked_by_bound_never_rejected() -> None:
    w = [10.0, 20.0]
    # A: both periods optimal -> accepted, objective 10*(-100) + 20*(-200) - 1000 = -6000
    a = _scored(1, [_row("optimal", "optimal", -100, -100, 0.0), _row("optimal", "optimal", -200, -200, 0.0)], w, 1000)
    # B: period 1 stopped by its limit WITHOUT a schedule: time-limited, bound 10*(-90) + 20*(-150) - 1000 = -4900
    b = _scored(
        2, [_row("optimal", "optimal", -90, -90, 0.0), _row("no solution", "time limit", None, -150, None)], w, 1000
    )
    # C: an incumbent with a 25 % gap: accepted at its incumbent, bound shown, gap noted
    c = _scored(
        3, [_row("feasible", "time limit", -100, -80, 0.25), _row("optimal", "optimal", -200, -200, 0.0)], w, 1500
    )
    # D: a time-limited incumbent with unserved load: unresolved (the optimum may serve it), not rejected
    d = _scored(
        4,
        [_row("feasible", "time limit", -100, -50, 0.5, unserved_mwh=2.0), _row("optimal", "optimal", -1, -1, 0)],
        w,
        0,
    )
    # E: an OPTIMAL period with unserved load is a proven failure: rejected
    e = _scored(
        5, [_row("optimal", "optimal", -100, -100, 0.0, unserved_mwh=2.0), _row("optimal", "optimal", -1, -1, 0)], w, 0
    )
    # F: infeasible is a real rejection
    f = _scored(6, [_row("infeasible", "infeasible", None, None, None), _row("optimal", "optimal", -1, -1, 0)], w, 0)
    assert [r.status for r in (a, b, c, d, e, f)] == [
        "accepted", "time-limited", "accepted", "time-limited", "rejected", "rejected"
    ]  # fmt: skip
    assert a.annual_objective_usd == pytest.approx(-6000.0) and a.max_period_gap == 0.0
    assert b.annual_objective_usd is None and b.annual_bound_objective_usd == pytest.approx(-4900.0)
    assert "time limit (period 1)" in b.unresolved and b.max_period_gap is None
    assert c.annual_objective_usd == pytest.approx(10 * -100 + 20 * -200 - 1500)
    assert c.annual_bound_objective_usd == pytest.approx(10 * -80 + 20 * -200 - 1500)
    assert c.max_period_gap == 0.25 and "gap 25.00 %" in c.notes[0]
    assert "unserved" in d.unresolved and d.annual_bound_objective_usd == pytest.approx(10 * -50 + 20 * -1)
    assert "unserved critical load (period 0)" in e.rejected and "infeasible" in f.rejected
    ranked = rank_candidates([f, e, d, c, b, a], w)
    # accepted by objective (A -6000 > C -6500), then time-limited by bound (D -520 > B -4900), then rejected
    assert [r.candidate.bess_power_mw for r in ranked.ranked] == [1, 3, 4, 2, 6, 5]
    assert ranked.best is a
    # B's and D's bounds beat A's objective: the ranking says it could change with more time
    assert len(ranked.warnings) == 2 and any("BESS 2 MW" in w for w in ranked.warnings)
    table = sizing_table(ranked)
    assert [row["status"] for row in table][:4] == ["accepted", "accepted", "time-limited", "time-limited"]
    assert table[2]["annual_bound_objective_usd"] == pytest.approx(-520.0)


def test_a_candidate_without_a_schedule_in_its_time_limit_is_resolved_by_the_longer_retry() -> None:
    data = sizing_case(3.0, 1.0, [20.0, 40.0])
    data["solver"] = {"time_limit_s": 0.001}
    result = run_sizing(parse_case(data), serial=True, retry_time_factor=100_000.0)
    # same answer as with an ample limit (test_two_price_day_winner_and_margin_match_hand_arbitrage)
    assert [r.status for r in result.ranked] == ["accepted", "accepted"]
    assert result.best is not None and result.best.candidate.bess_energy_mwh == 40.0
    daily = -(3600 + 10800) + 0.45 * 40 * 60
    assert result.best.annual_net_value_usd == pytest.approx(365 * daily, abs=1e-3)
    never = run_sizing(parse_case(data), serial=True, retry_time_factor=0.0)
    # with no retry nothing is rejected: each is either solved within 1 ms or listed as time-limited
    assert all(r.status in ("accepted", "time-limited") for r in never.ranked)


def test_a_sized_battery_scales_its_pcs() -> None:
    data = sizing_case(1.0, 1.0, [20.0])
    case = parse_case(data)  # no pcs_mva: the PCS rating is the battery power, so it follows the candidate
    assert "resources.bess.pcs_mva" not in candidate_overrides(case, Candidate(15.0, 20.0))
    data["resources"]["bess"]["pcs_mva"] = 12.0  # 1.2 MVA per MW of a 10 MW battery
    over = candidate_overrides(parse_case(data), Candidate(15.0, 20.0))
    assert over["resources.bess.pcs_mva"] == pytest.approx(18.0)


@pytest.mark.parametrize("energy_capex", [1.0, 20.0])
def test_cosized_milp_and_enumeration_pick_the_same_battery(energy_capex: float) -> None:
    # value is linear in E (0.45 E x $60 a day against E x capex): the MILP's continuous optimum sits on a
    # grid end, the one enumeration picks, and both score it alike (same periods, same cost function)
    case = parse_case(sizing_case(3.0, energy_capex, [20.0, 40.0]))
    milp = run_cosizing(case, options=SolveOptions(mip_gap=0.0))
    enum = run_sizing(case, serial=True)
    assert milp.status == "optimal" and enum.best is not None
    assert milp.candidate(case) == enum.best.candidate
    assert milp.objective_usd == pytest.approx(enum.best.annual_objective_usd, abs=1e-3)
    agree = enumeration_agreement(case, milp.candidate(case), enum)
    assert agree.same and agree.difference_usd == pytest.approx(0.0, abs=1e-3)


def test_cosized_generator_count_is_the_cheapest_adequate_fleet() -> None:
    # the case of test_generator_count_sizing_rejects_the_short_fleet...: 2 units carry the 6 MW the POI cannot
    data = sizing_case(1.0, 1.0, [20.0])
    data["topology"]["poi"]["max_import_mw"] = 4
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
    case = parse_case(data)
    milp = run_cosizing(case, options=SolveOptions(mip_gap=0.0))
    enum = run_sizing(case, serial=True)
    assert milp.design == {"gen:gas": 2.0}
    assert enum.best is not None and milp.candidate(case) == enum.best.candidate
    assert milp.objective_usd == pytest.approx(enum.best.annual_objective_usd, abs=1e-3)


def test_cosized_poi_and_battery_power_against_hand_arithmetic() -> None:
    # flat $30 prices: storage earns nothing, so the MILP buys the least battery power the ride-through allows
    # (10 MW for 10 MW critical load) and the least POI that carries the 10 MW load (10 MW; the box is 8..20,
    # 8 would leave 2 MW unserved at VoLL); enumeration over the grid agrees
    data = sizing_case(1.0, 1.0, [20.0])
    data["sizing"]["bess_power_mw"] = [8.0, 12.0, 16.0]
    data["sizing"]["poi_import_mw"] = [8.0, 10.0, 20.0]
    data["sizing"]["poi_capex_usd_per_kw_yr"] = 3.0
    case = parse_case(data)
    milp = run_cosizing(case, options=SolveOptions(mip_gap=0.0))
    assert milp.design["bess_power_mw"] == pytest.approx(10.0)
    assert milp.design["poi_import_mw"] == pytest.approx(10.0)
    assert any("ride-through" in n for n in milp.notes)
    # cost: 10 MW x ($5 + $2)/kW-yr + 20 MWh x $1/kWh-yr + 10 MW x $3/kW-yr
    assert milp.annual_cost_usd == pytest.approx(70_000 + 20_000 + 30_000)
    assert milp.objective_usd == pytest.approx(-10 * 24 * 30 * 365 - 120_000, abs=1e-2)
    enum = run_sizing(case, serial=True)
    assert enum.best is not None
    assert (enum.best.candidate.bess_power_mw, enum.best.candidate.poi_import_mw) == (12.0, 10.0)
    agree = enumeration_agreement(case, milp.candidate(case), enum)
    # 10 MW is off the grid (8 fails the ride-through): the MILP saves 2 MW x $7/kW-yr over the best grid point
    assert not agree.same and agree.difference_usd == pytest.approx(-14_000.0, abs=1e-2)


def test_cosized_slopes_reused_across_days_give_the_one_day_answer() -> None:
    # three identical days, each its own representative (weight 1): the slopes read on day 0 are reused on
    # day 1 and recomputed (and compared) on day 2; the year is the same as from one day
    one = parse_case(sizing_case(3.0, 1.0, [20.0, 40.0]))
    data = sizing_case(3.0, 1.0, [20.0, 40.0])
    data["time"]["horizon_hours"] = 72
    three = parse_case(data)
    a = run_cosizing(one, options=SolveOptions(mip_gap=0.0))
    b = run_cosizing(three, options=SolveOptions(mip_gap=0.0))
    assert [w for _d, w, _x in b.days] == [1.0, 1.0, 1.0]
    assert b.design == a.design == {"bess_energy_mwh": 40.0}
    assert b.objective_usd == pytest.approx(a.objective_usd, abs=1e-3)

"""Market rules by date inside a horizon, and the per-product award cap (issue 8)."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest

from dcep_models import CaseError, parse_case
from dcep_opt import ReserveProduct, prepare_inputs, solve_dispatch

_CASE: dict[str, Any] = {
    "name": "rule change",
    "iso": "ERCOT",
    "time": {
        "start": "2025-12-04T00:00:00",
        "timezone": "America/Chicago",
        "horizon_hours": 48,
        "interval_minutes": 60,
    },
    "topology": {"poi": {"max_import_mw": 60, "max_export_mw": 20, "rating_mva": 75}},
    "resources": {
        "bess": {"power_mw": 25, "energy_mwh": 100, "soc_reserve_frac": 0.25},
        "loads": [{"name": "it", "kind": "critical", "power_mw": 10}],
    },
    "reliability": {"ride_through_minutes": 15, "generator_redundancy": "N"},
    "prices": {"base_price_usd_per_mwh": 35, "as_prices_usd_per_mw_h": {"REGUP": 12.0, "RRS": 10.0}},
}


def test_a_horizon_across_ercots_rule_change_takes_each_days_durations() -> None:
    # ERCOT's RTC+B (5 Dec 2025): REGUP and RRS durations 1 h -> 0.5 h (dcep-iso's ercot.toml versions)
    inputs = prepare_inputs(parse_case(copy.deepcopy(_CASE)))
    for name in ("REGUP", "RRS"):
        prod = next(p for p in inputs.products if p.name == name)
        np.testing.assert_allclose(prod.durations_h(48), [1.0] * 24 + [0.5] * 24)
        assert prod.duration_at(23) == 1.0 and prod.duration_at(24) == 0.5
    one_day = copy.deepcopy(_CASE)
    one_day["time"]["horizon_hours"] = 24  # inside one day: a single duration, no per-interval array
    assert all(p.duration_by_interval_h is None for p in prepare_inputs(parse_case(one_day)).products)


def test_the_model_backs_each_interval_with_its_own_duration(make_inputs, make_battery) -> None:
    # SOC 35 MWh = SOC max (no charging), floor 25: 10 MWh above the floor, eta_dis 0.95. REGUP at $100/MW-h
    # with a 1 h duration in interval 0 and 0.5 h in interval 1: awards 10 * 0.95 / 1 = 9.5 MW and
    # 10 * 0.95 / 0.5 = 19 MW (the inverter allows 25). With a 5 MW cap on the product: 5 MW in both.
    b = make_battery(soc_initial_mwh=35.0, soc_max_mwh=35.0, soc_final_min_mwh=35.0)
    prod = ReserveProduct("REGUP", "up", 1.0, np.full(2, 100.0), duration_by_interval_h=np.array([1.0, 0.5]))
    r = solve_dispatch(make_inputs([35.0, 35.0], battery=b, products=(prod,))).result
    np.testing.assert_allclose(r.timeseries["reserve_REGUP_bess_mw"], [9.5, 19.0], atol=1e-6)
    capped = ReserveProduct(
        "REGUP", "up", 1.0, np.full(2, 100.0), duration_by_interval_h=np.array([1.0, 0.5]), max_award_mw=5.0
    )
    r = solve_dispatch(make_inputs([35.0, 35.0], battery=b, products=(capped,))).result
    np.testing.assert_allclose(r.timeseries["reserve_REGUP_bess_mw"], [5.0, 5.0], atol=1e-6)


def test_no_award_where_the_day_does_not_offer_the_product(make_inputs, make_battery) -> None:
    b = make_battery(soc_initial_mwh=35.0, soc_max_mwh=35.0, soc_final_min_mwh=35.0)
    prod = ReserveProduct("NEW", "up", 1.0, np.full(2, 100.0), offered_by_interval=np.array([False, True]))
    r = solve_dispatch(make_inputs([35.0, 35.0], battery=b, products=(prod,))).result
    np.testing.assert_allclose(r.timeseries["reserve_NEW_bess_mw"], [0.0, 9.5], atol=1e-6)


def test_award_cap_from_the_case_and_its_errors() -> None:
    case = copy.deepcopy(_CASE)
    case["time"]["horizon_hours"] = 24
    case["market"] = {"max_award_mw": {"Reg Up": 3.0}}  # an alias of REGUP in ercot.toml
    inputs = prepare_inputs(parse_case(case))
    assert next(p for p in inputs.products if p.name == "REGUP").max_award_mw == 3.0
    r = solve_dispatch(inputs).result
    assert r.timeseries["reserve_REGUP_mw"].max() <= 3.0 + 1e-9
    case["market"] = {"max_award_mw": {"NOPE": 3.0}}
    with pytest.raises(CaseError) as err:
        prepare_inputs(parse_case(case))
    assert err.value.issues[0].path == "market.max_award_mw.NOPE"

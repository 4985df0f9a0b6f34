"""Every shipped case file validates, and the default case matches the seed's example."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcep_models import load_case

CASES = sorted((Path(__file__).parents[1] / "cases").glob("*.json"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_shipped_case_validates(path):
    case = load_case(path)
    assert case.time.n_intervals * case.time.interval_minutes == case.time.horizon_hours * 60


def test_default_case_is_the_seed_example():
    case = load_case(Path(__file__).parents[1] / "cases" / "ercot_50mw.json")
    assert case.iso == "ERCOT"
    assert case.time.n_intervals == 96
    bess = case.resources.bess
    assert (bess.power_mw, bess.energy_mwh) == (25, 100)
    assert sum(g.fleet_p_max_mw for g in case.resources.generators) == 60
    assert sum(g.count for g in case.resources.generators) == 4
    poi = case.topology.poi
    assert (poi.max_import_mw, poi.max_export_mw, poi.rating_mva, poi.min_power_factor) == (60, 20, 75, 0.95)
    assert sum(load.power_mw for load in case.resources.loads) == 50
    assert case.reliability.ride_through_minutes == 15
    assert case.reliability.voll_usd_per_mwh == 50_000
    assert case.prices.base_price_usd_per_mwh == 35
    assert case.prices.peak_hours == [7, 8, 9, 17, 18, 19, 20]

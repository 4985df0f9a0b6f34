"""Start-up sequencing (issue 8): a per-fleet limit on units starting in one interval, in the MILP and in the
outage simulation. Hand-derived expectations."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import FleetInputs, GridInputs, simulate_outage, solve_dispatch


def _fleet(limit: int | None) -> FleetInputs:
    # four 10 MW units, all offline at the start, no start time, no minimum output or times
    return FleetInputs(
        name="gas", count=4, p_max_mw=10.0, fuel_usd_per_mwh=30.0, start_time_min=0.0, max_starts_per_interval=limit
    )


def test_one_start_per_interval_leaves_load_unserved_while_units_come_up(make_inputs) -> None:
    # Islanded, 40 MW critical load for 4 h: one unit may start per hour, so 1, 2, 3, 4 units run and
    # 30 + 20 + 10 + 0 = 60 MWh stay unserved. Without the limit all four start at once: nothing unserved.
    grid = GridInputs(max_import_mw=0.0, max_export_mw=0.0, poi_mva=100.0)
    limited = solve_dispatch(make_inputs([50.0] * 4, critical_mw=40.0, grid=grid, fleets=(_fleet(1),))).result
    assert limited.solver.status == "optimal"
    np.testing.assert_allclose(limited.timeseries["gen_gas_units_online"], [1, 2, 3, 4])
    assert limited.timeseries["gen_gas_starts"].max() <= 1
    assert limited.reliability.unserved_mwh == pytest.approx(60.0, abs=1e-6)
    free = solve_dispatch(make_inputs([50.0] * 4, critical_mw=40.0, grid=grid, fleets=(_fleet(None),))).result
    assert free.reliability.unserved_mwh == pytest.approx(0.0, abs=1e-9)


def _idle_result(n: int, units_online: float = 0.0) -> dict[str, np.ndarray]:
    return {
        "demand_critical_mw": np.full(n, 30.0),
        "gen_gas_units_online": np.full(n, units_online),
        "gen_gas_starts": np.zeros(n),
        "gen_gas_stops": np.zeros(n),
    }


def test_outage_starts_offline_units_in_batches(make_inputs, make_battery) -> None:
    # 30 MW critical, three 15 MW units offline, start time 10 min, 15 min intervals, one start per interval:
    # the units come at 10, 25 and 40 min (unlimited: all three at 10 min). A battery with 7 MWh usable
    # (eta 0.95, 6.65 MWh deliverable) bridges 30 MW for 10 min (5 MWh), then 15 MW until it is empty:
    # 1.65 MWh / 15 MW = 6.6 min, so the outage is carried 16.6 min. Unlimited, it carries the whole hour.
    from dcep_opt.studies._outage import _units_at

    def fleet(limit: int | None) -> FleetInputs:
        return FleetInputs(
            name="gas", count=3, p_max_mw=15.0, start_time_min=10.0, start_intervals=1, max_starts_per_interval=limit
        )

    bat = make_battery(soc_min_mwh=0.0, floor_mwh=0.0, soc_initial_mwh=7.0, soc_final_min_mwh=0.0, power_mw=30.0)
    out = {}
    for limit in (1, None):
        inp = make_inputs([30.0] * 4, critical_mw=30.0, fleets=(fleet(limit),), interval_hours=0.25, battery=bat)
        blocks, synced = _units_at(inp, _idle_result(4), 0)
        assert synced == 0
        out[limit] = [(b.available_after_min, b.power_mw, b.units) for b in blocks]
        run = simulate_outage(np.full(4, 30.0), 15.0, 60.0, 7.0, bat, blocks)
        out[(limit, "min")] = run.minutes
    assert out[1] == [(10.0, 15.0, 1), (25.0, 15.0, 1), (40.0, 15.0, 1)]
    assert out[None] == [(10.0, 45.0, 3)]
    assert out[(1, "min")] == pytest.approx(10.0 + (7.0 * 0.95 - 5.0) / 15.0 * 60.0, abs=1e-9)
    assert out[(None, "min")] == pytest.approx(60.0)

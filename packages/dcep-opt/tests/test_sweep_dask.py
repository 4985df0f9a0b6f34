"""Scenario sweeps: overrides by dotted path, bad rows as errors, Dask equal to a serial loop."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from dcep_models import CaseError, apply_overrides, parse_case, parse_path, set_by_path
from dcep_opt.studies._sweep import (
    TIMING_COLUMNS,
    grid_overrides,
    parse_set_option,
    rows_to_csv,
    run_sweep,
)


def tiny_case(energy_mwh: float = 20.0, base_price: float = 30.0) -> dict[str, Any]:
    """10 MW flat critical load for 24 h at 1 h, lossless 10 MW battery, prices $base (0-11 h), 3x (12-23 h)."""
    return {
        "name": "tiny",
        "iso": "GENERIC",
        "time": {"start": "2025-01-01T00:00:00", "timezone": "UTC", "horizon_hours": 24, "interval_minutes": 60},
        "topology": {"poi": {"max_import_mw": 100, "max_export_mw": 100, "rating_mva": 200, "min_power_factor": 0.9}},
        "resources": {
            "bess": {
                "power_mw": 10,
                "energy_mwh": energy_mwh,
                "pcs_mva": 10,
                "charge_efficiency": 1.0,
                "discharge_efficiency": 1.0,
                "degradation_cost_usd_per_mwh": 0.0,
            },
            "loads": [{"name": "it", "kind": "critical", "power_mw": 10, "power_factor": 1.0}],
        },
        "reliability": {"ride_through_minutes": 15, "generator_redundancy": "N"},
        "prices": {"base_price_usd_per_mwh": base_price, "peak_hours": list(range(12, 24)), "peak_multiplier": 3.0},
    }


def hand_net_value_usd(energy_mwh: float, base_price: float) -> float:
    """Load bought at 12 h x base + 12 h x 3 base; the battery moves (0.95 - 0.5) E from cheap to dear hours."""
    load_cost = 10.0 * 12 * base_price + 10.0 * 12 * 3 * base_price
    return -load_cost + 0.45 * energy_mwh * (3 * base_price - base_price)


SCENARIOS = [
    {"resources.bess.energy_mwh": 20.0, "prices.base_price_usd_per_mwh": 30.0},
    {"resources.bess.energy_mwh": 40.0, "prices.base_price_usd_per_mwh": 30.0},
    {"resources.bess.energy_mwh": 40.0, "prices.base_price_usd_per_mwh": 50.0},
    {"resources.bess.energy_mwh": -5.0},  # invalid: a row error, not a crash
]


def _deterministic(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in TIMING_COLUMNS} for row in rows]


def test_parse_path_and_set_by_path_with_list_indices() -> None:
    assert parse_path("resources.generators[0].count") == ["resources", "generators", 0, "count"]
    data = {"resources": {"generators": [{"count": 4}, {"count": 2}]}}
    set_by_path(data, "resources.generators[1].count", 3)
    assert data["resources"]["generators"][1]["count"] == 3
    with pytest.raises(CaseError, match=r"resources.generators\[2\]: index out of range"):
        set_by_path(data, "resources.generators[2].count", 1)
    with pytest.raises(CaseError, match="no such field"):
        set_by_path(data, "resources.bess.energy_mwh", 1)
    with pytest.raises(CaseError):
        parse_path("[0].x")


def test_set_option_and_grid_are_the_cartesian_product() -> None:
    sets = [parse_set_option("resources.bess.energy_mwh=50,100,200"), parse_set_option("prices.x=30,abc")]
    assert sets[0] == ("resources.bess.energy_mwh", [50, 100, 200])
    grid = grid_overrides(sets)
    assert len(grid) == 6
    assert grid[0] == {"resources.bess.energy_mwh": 50, "prices.x": 30}
    assert grid[-1] == {"resources.bess.energy_mwh": 200, "prices.x": "abc"}
    with pytest.raises(CaseError):
        parse_set_option("resources.bess.energy_mwh")


def test_overrides_validate_and_rebuild_the_case() -> None:
    case = apply_overrides(tiny_case(), {"resources.bess.energy_mwh": 80, "time.horizon_hours": 48}, None)
    assert case.resources.bess is not None and case.resources.bess.energy_mwh == 80
    assert case.time.n_intervals == 48
    with pytest.raises(CaseError, match=r"resources\.bess\.energy_mwh"):
        apply_overrides(tiny_case(), {"resources.bess.energy_mwh": -1}, None)


def test_serial_sweep_rows_match_hand_arbitrage_and_report_bad_rows() -> None:
    rows = run_sweep(parse_case(tiny_case()), SCENARIOS, serial=True)
    assert [r["scenario"] for r in rows] == [0, 1, 2, 3]
    for row, sc in zip(rows[:3], SCENARIOS[:3], strict=True):
        assert row["status"] == "optimal" and row["error"] == ""
        expected = hand_net_value_usd(sc["resources.bess.energy_mwh"], sc["prices.base_price_usd_per_mwh"])
        assert row["net_value_usd"] == pytest.approx(expected, abs=1e-6)
        assert row["objective_usd"] == pytest.approx(expected, abs=1e-4)
        assert row["unserved_mwh"] == pytest.approx(0.0, abs=1e-9)
    bad = rows[3]
    assert bad["status"] == "invalid"
    assert "resources.bess.energy_mwh" in bad["error"] and "greater than 0" in bad["error"]
    text = rows_to_csv(rows)
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["scenario", "resources.bess.energy_mwh", "prices.base_price_usd_per_mwh"]
    assert len(text.splitlines()) == 5


def test_embedded_local_cluster_equals_serial_loop() -> None:
    case = parse_case(tiny_case())
    serial = run_sweep(case, SCENARIOS, serial=True)
    seen: list[tuple[int, int]] = []
    on_dask = run_sweep(case, SCENARIOS, n_workers=2, progress=lambda d, t: seen.append((d, t)))
    assert _deterministic(on_dask) == _deterministic(serial)
    assert seen[-1] == (4, 4) and len(seen) == 4


def test_sweep_against_a_separately_started_scheduler_address() -> None:
    import dask.distributed as distributed  # dcep-opt[dask]: installed in every session testing dcep-opt

    case = parse_case(tiny_case())
    scenarios = SCENARIOS[:2]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        rows = run_sweep(case, scenarios, scheduler=cluster.scheduler_address)
    assert _deterministic(rows) == _deterministic(run_sweep(case, scenarios, serial=True))
    assert rows[1]["net_value_usd"] == pytest.approx(hand_net_value_usd(40.0, 30.0), abs=1e-6)

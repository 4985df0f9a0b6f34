"""The overview screen shows the case's figures, including the ride-through at the floor."""

from __future__ import annotations

import asyncio
import json

import pytest

from dcep_models import parse_case
from dcep_tui import main, make_app, overview_rows, ride_through_minutes_at_floor

CASE = {
    "name": "tui",
    "iso": "ERCOT",
    "time": {"start": "2025-08-14T00:00:00", "horizon_hours": 4, "interval_minutes": 15},
    "topology": {
        "poi": {"max_import_mw": 60, "max_export_mw": 20, "rating_mva": 75},
        "transformers": [{"rating_mva": 80, "count": 2, "redundancy": "N+1"}],
    },
    "resources": {
        "bess": {"power_mw": 25, "energy_mwh": 100, "soc_reserve_frac": 0.25, "soc_min_frac": 0.05},
        "generators": [{"name": "gas", "count": 4, "p_max_mw": 15, "start_time_min": 10}],
        "loads": [{"name": "it", "kind": "critical", "power_mw": 20}],
    },
    "prices": {"base_price_usd_per_mwh": 35},
}


def test_ride_through_at_floor_by_hand():
    # (0.25 - 0.05) * 100 MWh * 0.95 = 19 MWh over 20 MW = 0.95 h = 57 min
    assert ride_through_minutes_at_floor(parse_case(CASE)) == pytest.approx(57.0)


def test_overview_rows_cover_firm_transformer_and_guarantee():
    values = {row.label: row.value for row in overview_rows(parse_case(CASE))}
    assert "firm 80 MVA" in values["T1"]
    assert values["Ride-through"] == "57.0 min at floor (need 15)"


def test_app_mounts_overview_table(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    app = make_app(str(path))

    async def run() -> int:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return app.query_one("#overview").row_count

    assert asyncio.run(run()) == len(overview_rows(parse_case(CASE)))


def test_bad_case_exits_2(tmp_path, capsys):
    assert main([str(tmp_path / "missing.json")]) == 2
    assert "case file not found" in capsys.readouterr().err

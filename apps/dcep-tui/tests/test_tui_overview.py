"""The overview screen shows the case's figures, including the ride-through at the floor."""

from __future__ import annotations

import asyncio

import pytest

from dcep_models import parse_case
from dcep_tui import main, make_app, overview_rows, ride_through_minutes_at_floor


def test_ride_through_at_floor_by_hand(small_case):
    # (0.25 - 0.05) * 100 MWh * 0.95 = 19 MWh over 20 MW = 0.95 h = 57 min
    assert ride_through_minutes_at_floor(parse_case(small_case)) == pytest.approx(57.0)


def test_overview_rows_cover_firm_transformer_and_guarantee(small_case):
    values = {row.label: row.value for row in overview_rows(parse_case(small_case))}
    assert "firm 80 MVA" in values["T1"]
    assert values["Ride-through"] == "57.0 min at floor (need 15)"


def test_app_mounts_overview_table(small_case, small_case_path):
    app = make_app(small_case_path)

    async def run() -> int:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return app.query_one("#overview").row_count

    assert asyncio.run(run()) == len(overview_rows(parse_case(small_case)))


def test_bad_case_exits_2(tmp_path, capsys):
    assert main([str(tmp_path / "missing.json")]) == 2
    assert "case file not found" in capsys.readouterr().err

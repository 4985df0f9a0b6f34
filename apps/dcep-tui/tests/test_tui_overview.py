"""The overview screen shows the run's headline and the case's figures, including the ride-through at the floor."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from dcep_models import parse_case
from dcep_opt import ReliabilitySummary
from dcep_tui import headline, main, make_app, overview_rows, ride_through_minutes_at_floor
from dcep_tui.page_overview import solver_line


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


def test_headline_by_hand(hand_run):
    rel = ReliabilitySummary(
        unserved_mwh=1.0,
        curtailed_mwh=0.0,
        floor_draw_mwh=0.0,
        min_ride_through_min=40.0,
        ride_through_required_min=15.0,
        ride_through_ok=True,
        n_plus_1_ok=False,
        redundancy="N+1",
    )
    out = replace(hand_run, result=replace(hand_run.result, reliability=rel))
    rows = {row.label: (row.value, row.ok) for row in headline(out)}
    # net value by hand in test_cumulative_net_value_by_hand; the grid-only baseline buys 20 MW for 0.5 h
    # at $20, $50 and $100: $1,700, so the microgrid is worth -50,780 + 1,700 = -$49,080.00 over it
    assert rows["Net value"] == ("-$50,780.00", None)
    assert rows["Value over baseline"] == ("-$49,080.00 (baseline grid only: -$1,700.00)", False)
    assert rows["Unserved critical energy"] == ("1.000 MWh", False)
    assert rows["AC screen"] == ("not run", None)
    assert rows["Ride-through"] == ("OK (min 40.0 min, need 15)", True)
    assert rows["Redundancy N+1"] == ("VIOLATED", False)
    # SOC from 20 MWh to 24.75 - 10 x 0.5 / 0.95 = 19.49 MWh of 40
    assert rows["SOC initial -> final"] == ("20.0 -> 19.5 MWh (50% -> 49%)", None)


def test_solver_line_reports_the_ac_loop(hand_run):
    facts = replace(hand_run.result.solver, ac_rounds=2, ac_violations=1, objective_usd=-10602.124)
    out = replace(hand_run, result=replace(hand_run.result, solver=facts))
    line = solver_line(out, timings=False)
    assert line == (
        "Solver: optimal (optimal), objective -$10,602.12, MIP gap n/a, 0 variables / 0 rows, "
        "AC loop 2 rounds (1 interval still violating)"
    )
    assert "AC loop" not in solver_line(hand_run, timings=False)

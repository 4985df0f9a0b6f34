"""Pilot tests: solve a small case in the worker, switch pages with keys 1-6, read the numbers shown."""

from __future__ import annotations

import asyncio
import math
import re

import numpy as np
import pytest
from textual.widgets import DataTable, Select, Static, TabbedContent

from dcep_explain import DualsError
from dcep_models import parse_case
from dcep_tui import DcepApp, make_app, run_case
from dcep_tui.plots import SeriesPlot
from dcep_tui.sensitivity import PriceScenario


def _text(app: DcepApp, selector: str) -> str:
    return str(app.query_one(selector, Static).content)


def test_six_pages_show_the_solved_numbers(small_case_path):
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["status"] = _text(app, "#status")
            tabs = app.query_one("#pages", TabbedContent)
            for key, tab in zip(
                "123456", ["overview", "electrical", "timeline", "reliability", "economics", "explain"], strict=True
            ):
                await pilot.press(key)
                await pilot.pause()
                seen[f"tab{key}"] = tabs.active == f"tab-{tab}"
            await pilot.press("1")
            await pilot.pause()
            overview = app.query_one("#overview", DataTable)
            seen["ride"] = next(
                r[2] for r in (overview.get_row_at(i) for i in range(overview.row_count)) if r[1] == "Ride-through"
            )
            seen["run_summary"] = _text(app, "#run-summary")
            seen["electrical"] = _text(app, "#electrical-warnings")
            seen["ac"] = _text(app, "#ac-screening")
            timeline = app.query_one("#timeline-table", DataTable)
            seen["rows"] = timeline.row_count
            seen["first_price"] = timeline.get_row_at(0)[1]
            seen["last_price"] = timeline.get_row_at(timeline.row_count - 1)[1]
            seen["totals"] = _text(app, "#timeline-totals")
            summary = app.query_one("#reliability-summary", DataTable)
            seen["reliability"] = {summary.get_row_at(i)[0]: summary.get_row_at(i)[1] for i in range(summary.row_count)}
            seen["net"] = _text(app, "#net-value")
            seen["cumulative_end"] = float(app.query_one("#plot-cumulative", SeriesPlot).series[0].values[-1])
            await pilot.press("6")
            await pilot.pause()
            seen["facts0"] = _text(app, "#explain-facts")
            app.query_one("#explain-intervals", DataTable).focus()
            await pilot.press("down")
            await pilot.pause()
            seen["facts1"] = _text(app, "#explain-facts")
            seen["source"] = _text(app, "#explain-source")
            seen["families"] = app.query_one("#explain-families", DataTable).row_count
            seen["headline"] = str(app.query_one("#headline", Static).render())

    asyncio.run(run())
    out = app.run_output
    assert out is not None and out.result.economics is not None and out.result.reliability is not None
    ts = out.result.timeseries
    assert seen["status"].startswith("optimal: 16 intervals")
    assert all(seen[f"tab{k}"] for k in "123456")
    # (0.25 - 0.05) * 100 MWh * 0.95 / 20 MW * 60 = 57 min
    assert seen["ride"] == "57.0 min at floor (need 15)"
    assert "Solver: optimal" in str(seen["run_summary"])
    peak_mva = float(np.max(np.hypot(ts["grid_net_import_mw"], ts["grid_q_mvar"])))
    # the POI's 75 MVA is the optimiser's limit here (2 x 80 MVA N+1 at v_min 0.95 = 76 MVA is larger)
    assert f"Peak exchange {peak_mva:.2f} MVA = {peak_mva / 75:.1%} of the poi-mva limit 75.00 MVA" in str(
        seen["electrical"]
    )
    assert str(seen["ac"]).startswith("AC screening (dcep-topology)")
    assert out.screening is not None
    # every AC violation kind is listed with its number of intervals, counted here from the violations
    by_kind: dict[str, set[int]] = {}
    for v in out.screening.violations:
        by_kind.setdefault(v.kind, set()).add(v.interval)
    shown = dict(re.findall(r"(\w+) in (\d+) intervals", str(seen["electrical"]).split("AC screening violations:")[1]))
    assert {k: int(n) for k, n in shown.items()} == {k: len(t) for k, t in by_kind.items()}
    # 4 h at 15 min; off-peak 35 x 0.5 at 00:00, peak 35 x 3 at 03:45
    assert (seen["rows"], seen["first_price"], seen["last_price"]) == (16, "17.50", "105.00")
    imported_mwh = float(np.sum(ts["grid_import_mw"]) * 0.25)
    assert f"imported {imported_mwh:,.2f}" in str(seen["totals"])
    rel = out.result.reliability
    assert seen["reliability"]["Unserved critical energy"] == "0.000 MWh"
    ride = re.fullmatch(r"([\d.]+) min \(need 15 min\)", seen["reliability"]["Minimum ride-through"])
    assert ride is not None and float(ride.group(1)) == pytest.approx(rel.min_ride_through_min, abs=0.051)
    # the net value shown is HiGHS's objective to the cent, minus sign before the dollar sign
    objective = out.result.solver.objective_usd
    assert objective is not None
    shown_net = re.fullmatch(r"Net value: (-?)\$([\d,]+\.\d\d)  \(base prices\)", str(seen["net"]))
    assert shown_net is not None
    assert float(shown_net.group(1) + shown_net.group(2).replace(",", "")) == pytest.approx(objective, abs=0.006)
    assert seen["cumulative_end"] == pytest.approx(objective, abs=1e-3)
    assert "Net value" in str(seen["headline"]) and "Ride-through              OK" in str(seen["headline"])
    assert "Interval 0 (2025-08-14T00:00:00" in str(seen["facts0"]) and "LMP $17.50/MWh" in str(seen["facts0"])
    assert str(seen["facts1"]).startswith("Interval 1 (")
    # dcep-explain's narratives follow the facts; its family table lists the binding families
    assert out.explanation is not None and "binding limits and narratives from dcep-explain" in str(seen["source"])
    first_narrative = out.explanation.narratives(1)[0]
    assert f"[{first_narrative.subject} {first_narrative.decision}] {first_narrative.text}" in str(seen["facts1"])
    assert seen["families"] == len(out.explanation.family_table()) > 0
    assert math.isfinite(peak_mva)


def test_infeasible_case_shows_its_diagnosis(infeasible_case_path):
    app = make_app(infeasible_case_path)
    seen: dict[str, str] = {}

    async def run() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("5")
            await pilot.pause()
            seen["status"] = _text(app, "#status")
            seen["net"] = _text(app, "#net-value")
            seen["notes"] = " ".join(str(n.message) for n in app._notifications)

    asyncio.run(run())
    assert seen["status"].startswith("No schedule: solver status infeasible")
    assert "n1-cover" in seen["status"] and "n1-cover" in seen["net"] and "n1-cover" in seen["notes"]


def test_solve_error_is_notified_not_raised(small_case_path, monkeypatch):
    def boom(*_args: object, **_kwargs: object) -> None:
        raise ValueError("prices missing")

    monkeypatch.setattr("dcep_tui.app.run_case", boom)
    app = make_app(small_case_path)
    seen: dict[str, str] = {}

    async def run() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["status"] = _text(app, "#status")
            seen["notes"] = " ".join(str(n.message) for n in app._notifications)

    asyncio.run(run())
    assert seen["status"] == "solve failed: ValueError: prices missing"
    assert "prices missing" in seen["notes"]


def test_failed_explanation_says_binding_limits_are_unknown(small_case_path, monkeypatch):
    def fails(_solved: object) -> None:
        raise DualsError("fixed LP not optimal")

    monkeypatch.setattr("dcep_tui.run.explain_dispatch", fails)
    app = make_app(small_case_path)
    seen: dict[str, str] = {}

    async def run() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("6")
            await pilot.pause()
            seen["source"] = _text(app, "#explain-source")
            seen["facts"] = _text(app, "#explain-facts")
            await pilot.press("2")
            await pilot.pause()
            seen["electrical"] = _text(app, "#electrical-warnings")

    asyncio.run(run())
    assert "binding limits unavailable (dcep-explain failed: DualsError: fixed LP not optimal)" in seen["source"]
    assert "LMP $17.50/MWh" in seen["facts"] and "Binding: unknown" in seen["facts"]
    assert seen["electrical"].startswith("Binding limits unavailable (dcep-explain failed: DualsError")


def test_price_sensitivity_resolves_at_scaled_prices(small_case_path, small_case):
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("5")
            await pilot.pause()
            app.query_one("#energy-scale", Select).value = 2.0
            app.query_one("#as-scale", Select).value = 0.0
            await pilot.click("#resolve")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["net"] = _text(app, "#net-value")
            await pilot.press("3")  # the dispatch page draws the new run when it is shown
            await pilot.pause()
            seen["first_price"] = app.query_one("#timeline-table", DataTable).get_row_at(0)[1]

    asyncio.run(run())
    out = app.run_output
    assert out is not None and out.result.economics is not None
    assert out.scenario == PriceScenario(2.0, 0.0)
    # off-peak 35 x 0.5 x 2; no AS revenue at AS x0
    assert seen["first_price"] == "35.00"
    assert out.result.economics.as_revenue_usd == 0.0
    independent = run_case(parse_case(small_case), screen=False, explain=False, scenario=PriceScenario(2.0, 0.0))
    objective = independent.result.solver.objective_usd
    assert objective is not None
    shown = re.fullmatch(r"Net value: (-?)\$([\d,]+\.\d\d)  \(energy x2, AS x0\)", str(seen["net"]))
    assert shown is not None
    assert float(shown.group(1) + shown.group(2).replace(",", "")) == pytest.approx(objective, abs=0.006)

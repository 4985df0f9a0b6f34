"""Keys work from every widget: pages 1-6 from a dropdown or a table, Esc back to the page, `r` reloads the
file from disk, `o` opens another case, the explainer jumps to a typed time, the dispatch page zooms."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Select, Static, TabbedContent

from dcep_cli.report import SECTION_IDS
from dcep_tui import DcepApp, make_app
from dcep_tui.page_explain import ExplainPage
from dcep_tui.picker import CasePicker, CaseTree
from dcep_tui.plots import SeriesPlot


def _active(app: DcepApp) -> str:
    return app.query_one("#pages", TabbedContent).active


def test_page_keys_work_from_the_economics_dropdown_and_the_explainer_table(small_case_path):
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("5")
            app.query_one("#energy-scale", Select).focus()
            await pilot.pause()
            seen["focus5"] = app.focused.id if app.focused else None
            await pilot.press("1")
            await pilot.pause()
            seen["after_dropdown"] = _active(app)
            await pilot.press("5")
            app.query_one("#as-scale", Select).focus()
            await pilot.press("enter")  # the dropdown is open
            await pilot.pause()
            seen["expanded"] = app.query_one("#as-scale", Select).expanded
            await pilot.press("3")
            await pilot.pause()
            seen["after_open_dropdown"] = _active(app)
            await pilot.press("6")
            app.query_one("#explain-intervals", DataTable).focus()
            await pilot.press("down")
            await pilot.press("2")
            await pilot.pause()
            seen["after_table"] = _active(app)
            await pilot.press("6")
            app.query_one("#explain-intervals", DataTable).focus()
            await pilot.press("escape")
            await pilot.pause()
            seen["escape_focus"] = app.focused

    asyncio.run(run())
    assert seen["focus5"] == "energy-scale"
    assert seen["after_dropdown"] == "tab-overview"
    assert seen["expanded"] is True and seen["after_open_dropdown"] == "tab-timeline"
    assert seen["after_table"] == "tab-electrical"
    assert isinstance(seen["escape_focus"], ExplainPage)


def test_jump_to_time_types_digits_without_switching_pages(small_case_path):
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("6")
            app.query_one("#explain-jump", Input).focus()
            await pilot.press(*"01:30", "enter")
            await pilot.pause()
            seen["tab"] = _active(app)
            seen["row"] = app.query_one("#explain-intervals", DataTable).cursor_row
            seen["facts"] = str(app.query_one("#explain-facts", Static).content)

    asyncio.run(run())
    # 01:30 at 15-minute intervals from midnight is interval 6
    assert seen["tab"] == "tab-explain" and seen["row"] == 6
    assert str(seen["facts"]).startswith("Interval 6 (2025-08-14T01:30:00")


def _edit(path: str, **changes: Any) -> None:
    case = json.loads(Path(path).read_text())
    case.update(changes)
    Path(path).write_text(json.dumps(case))


def test_r_reloads_the_case_file_from_disk(small_case_path, small_case):
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            first = app.run_output
            prices = dict(small_case["prices"], base_price_usd_per_mwh=70)
            _edit(small_case_path, name="tui edited", prices=prices)
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["title"] = str(app.query_one("#title", Static).content)
            await pilot.press("3")  # a page out of view draws the new run when it is shown
            await pilot.pause()
            seen["first_price"] = app.query_one("#timeline-table", DataTable).get_row_at(0)[1]
            seen["replaced"] = app.run_output is not first
            kept = app.run_output
            Path(small_case_path).write_text('{"name": ')
            await pilot.press("1", "r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["status"] = str(app.query_one("#status", Static).content)
            seen["kept"] = app.run_output is kept
            seen["title_after_error"] = str(app.query_one("#title", Static).content)

    asyncio.run(run())
    # off-peak hours 0-1 at 0.5 x the edited base price of $70
    assert seen["title"] == "System overview: tui edited" and seen["first_price"] == "35.00" and seen["replaced"]
    assert str(seen["status"]).startswith(f"solve failed: {small_case_path}: ")
    assert seen["kept"] and seen["title_after_error"] == "System overview: tui edited"


def test_o_opens_another_case_from_a_file_picker(small_case_path, small_case):
    folder = Path(small_case_path).parent
    (folder / "zz_other.json").write_text(json.dumps(dict(small_case, name="other case")))
    (folder / "notes.txt").write_text("not a case")
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("o")
            await pilot.pause()
            seen["picker"] = isinstance(app.screen, CasePicker)
            tree = app.screen.query_one(CaseTree)
            for _ in range(50):  # the tree lists the folder in a worker
                await pilot.pause(0.05)
                if tree.root.children:
                    break
            seen["listed"] = [str(node.label) for node in tree.root.children]
            await pilot.press("1")  # page keys stay out of the dialog
            seen["still_picker"] = isinstance(app.screen, CasePicker)
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["title"] = str(app.query_one("#title", Static).content)
            seen["status"] = str(app.query_one("#status", Static).content)

    asyncio.run(run())
    assert seen["picker"] and seen["still_picker"]
    assert seen["listed"] == ["case.json", "zz_other.json"]
    assert seen["title"] == "System overview: other case"
    assert str(seen["status"]).startswith("optimal: 16 intervals solved")
    assert app.case_path == folder / "zz_other.json"


def test_dispatch_and_reliability_pages_zoom_to_a_day_on_long_horizons(tmp_path, small_case):
    case = dict(small_case, time={"start": "2025-08-14T00:00:00", "horizon_hours": 48, "interval_minutes": 60})
    path = tmp_path / "two_days.json"
    path.write_text(json.dumps(case))
    app = make_app(str(path))
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("3")
            await pilot.pause()
            seen["all"] = len(app.query_one("#plot-price", SeriesPlot).series[0].values)
            await pilot.press("z", "z", "right_square_bracket")
            await pilot.pause()
            seen["day2"] = len(app.query_one("#plot-price", SeriesPlot).series[0].values)
            seen["window"] = str(app.query_one("#timeline-window", Static).content)
            await pilot.press("z")
            await pilot.pause()
            seen["zoom"] = app.query_one("#page-timeline").zoom
            await pilot.press("4", "z", "z")
            await pilot.pause()
            seen["reliability_day1"] = len(app.query_one("#plot-ride", SeriesPlot).series[0].values)
            seen["reliability_window"] = str(app.query_one("#reliability-window", Static).content)

    asyncio.run(run())
    assert (seen["all"], seen["day2"]) == (48, 24)
    assert str(seen["window"]).startswith("Showing day 2 of 2: 2025-08-15 00:00 to 2025-08-15 23:00 CDT")
    assert seen["zoom"] == "all"
    assert seen["reliability_day1"] == 24
    assert str(seen["reliability_window"]).startswith("Showing day 1 of 2: 2025-08-14 00:00 to 2025-08-14 23:00 CDT")


def test_h_writes_the_html_report_beside_the_case(small_case_path):
    case_bytes = Path(small_case_path).read_bytes()
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("6")
            app.query_one("#explain-intervals", DataTable).focus()
            await pilot.press("h")  # from a focused table, like every app key
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["notes"] = " ".join(str(n.message) for n in app._notifications)

    asyncio.run(run())
    report = Path(small_case_path).with_name("case_report.html")
    assert app.report_written == report and f"HTML report written to {report}" in str(seen["notes"])
    html = report.read_text()
    assert html.lstrip().lower().startswith("<!doctype html") and "</html>" in html
    assert all(f'id="{section}"' in html for section in SECTION_IDS)
    assert Path(small_case_path).read_bytes() == case_bytes  # the input is untouched


def test_c_prices_reliability_on_the_reliability_page(small_case_path):
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("4")
            app.query_one("#reserve-table", DataTable).focus()
            await pilot.press("c")
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = app.query_one("#reliability-costs", DataTable)
            seen["rows"] = [table.get_row_at(i) for i in range(table.row_count)]
            seen["note"] = str(app.query_one("#cost-note", Static).content)
            seen["report"] = app.query_one("#page-reliability").cost_report

    asyncio.run(run())
    report = seen["report"]
    assert report is not None and str(seen["note"]).startswith("What reliability costs")
    rows = {row[0]: row for row in seen["rows"]}
    # SMALL_CASE promises a 15-minute floor, N+1 and (by default) an end SOC: each is priced
    assert set(rows) == {"ride-through floor", "N+1 redundancy", "end-of-horizon SOC"}
    for promise in report.promises:
        if promise.cost_usd is None:
            continue
        # relaxing a promise never lowers the optimum (up to the MIP gap of 1e-4 of |net value|)
        assert promise.cost_usd >= -1e-3 * max(1.0, abs(promise.net_value_usd or 0.0))
        shown = rows[promise.promise][3]
        assert float(shown.replace("$", "").replace(",", "")) == pytest.approx(promise.cost_usd, abs=0.006)


def test_pages_out_of_view_draw_the_run_when_shown(small_case_path):
    app = make_app(small_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["before"] = app.query_one("#timeline-table", DataTable).row_count
            await pilot.press("3")
            await pilot.pause()
            seen["after"] = app.query_one("#timeline-table", DataTable).row_count

    asyncio.run(run())
    # the dispatch page waits for its first showing, then holds one row per interval (4 h at 15 min)
    assert (seen["before"], seen["after"]) == (0, 16)

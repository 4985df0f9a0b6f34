"""Page 3, dispatch timeline: price, battery, generators, grid, supply stack vs load, and the interval table.

Long horizons zoom: `z` cycles whole horizon / week / day, `[` and `]` step the window.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from dcep_tui.page_base import ResultPage
from dcep_tui.plots import SeriesPlot
from dcep_tui.run import RunOutput
from dcep_tui.series import ZOOM_HOURS, Series, n_windows, time_axis, zoom_slice
from dcep_tui.timeline_data import INTERVAL_COLUMNS, energy_totals_mwh, interval_rows, timeline_data

ZOOMS = tuple(ZOOM_HOURS)


def window_series(series: list[Series], sl: slice) -> list[Series]:
    """The same series cut to the intervals of ``sl``."""
    return [replace(s, values=s.values[sl]) for s in series]


class TimelinePage(ResultPage):
    """Energy totals, seven plots over the zoom window, and one table row per interval."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("z", "zoom", "Zoom all/week/day"),
        Binding("left_square_bracket", "step(-1)", "Earlier"),
        Binding("right_square_bracket", "step(1)", "Later"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run_output: RunOutput | None = None
        self.zoom = "all"
        self.window = 0

    def compose(self) -> ComposeResult:
        yield Static("Dispatch timeline: waiting for the solve", id="timeline-totals", markup=False)
        yield Static("", id="timeline-window", markup=False)
        yield SeriesPlot("Energy price signal", "$/MWh", id="plot-price")
        yield SeriesPlot("Supply stack (grid import, BESS discharge, generation) vs served load", "MW", id="plot-stack")
        yield SeriesPlot("BESS charge / discharge", "MW", id="plot-bess")
        yield SeriesPlot("BESS SOC vs reserve floor", "MWh", id="plot-soc")
        yield SeriesPlot("Generator output", "MW", id="plot-gen")
        yield SeriesPlot("Generator units online", "units", id="plot-units")
        yield SeriesPlot("Grid import / export", "MW", id="plot-grid")
        yield DataTable(id="timeline-table", zebra_stripes=True, cursor_type="row")

    def show_run(self, out: RunOutput) -> None:
        """Fill the page from a run with a schedule (the zoom starts at the whole horizon)."""
        self.run_output = out
        self.zoom, self.window = "all", 0
        totals = energy_totals_mwh(out.inputs, out.result)
        self.query_one("#timeline-totals", Static).update(
            "Energy over the horizon (MWh): " + ", ".join(f"{k} {v:,.2f}" for k, v in totals.items())
        )
        table = self.query_one("#timeline-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*INTERVAL_COLUMNS)
        table.add_rows(interval_rows(out.inputs, out.result))
        self.draw()

    def draw(self) -> None:
        """Draw the plots over the current zoom window."""
        out = self.run_output
        if out is None:
            return
        result = out.result
        n, h = result.n_intervals, result.interval_hours
        sl = zoom_slice(n, h, self.zoom, self.window)
        starts = out.case.time.interval_starts()
        axis = time_axis(result, starts).window(sl, starts[:n])
        total = n_windows(n, h, self.zoom)
        where = "whole horizon" if self.zoom == "all" else f"{self.zoom} {self.window + 1} of {total}"
        first, last = starts[sl.start], starts[sl.stop - 1]
        self.query_one("#timeline-window", Static).update(
            f"Showing {where}: {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M} {first:%Z}"
            + ("  (z zoom, [ ] step)" if n * h > 24 else "")
        )
        data = timeline_data(out.inputs, result)
        self.query_one("#plot-price", SeriesPlot).show_series(axis, window_series([data.price], sl))
        self.query_one("#plot-stack", SeriesPlot).show_stack(
            axis, window_series(data.supply_stack, sl), window_series([data.served_load], sl)[0]
        )
        self.query_one("#plot-bess", SeriesPlot).show_series(axis, window_series(data.battery, sl))
        self.query_one("#plot-soc", SeriesPlot).show_series(axis, window_series(data.soc, sl))
        self.query_one("#plot-gen", SeriesPlot).show_series(axis, window_series(data.generators, sl))
        self.query_one("#plot-units", SeriesPlot).show_series(axis, window_series(data.units_online, sl), integer=True)
        self.query_one("#plot-grid", SeriesPlot).show_series(axis, window_series(data.grid, sl))

    def action_zoom(self) -> None:
        """Cycle the zoom: whole horizon, week, day (window 1)."""
        self.zoom = ZOOMS[(ZOOMS.index(self.zoom) + 1) % len(ZOOMS)]
        self.window = 0
        self.draw()

    def action_step(self, delta: int) -> None:
        """Move the zoom window earlier (-1) or later (+1), within the horizon."""
        out = self.run_output
        if out is None:
            return
        total = n_windows(out.result.n_intervals, out.result.interval_hours, self.zoom)
        self.window = min(max(self.window + delta, 0), total - 1)
        self.draw()

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.run_output = None
        self.query_one("#timeline-totals", Static).update(text)

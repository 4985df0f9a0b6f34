"""Page 3, dispatch timeline: price, battery, generators, grid, supply stack vs load, and the interval table.

Long horizons zoom: `z` cycles whole horizon / week / day, `[` and `]` step the window.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from dcep_tui.page_base import ZoomPage, window_series
from dcep_tui.plots import SeriesPlot
from dcep_tui.run import RunOutput
from dcep_tui.timeline_data import INTERVAL_COLUMNS, energy_totals_mwh, interval_rows, timeline_data


class TimelinePage(ZoomPage):
    """Energy totals, seven plots over the zoom window, and one table row per interval."""

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
        self.zoom, self.window_index = "all", 0
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
        sl, axis, line = self.window()
        self.query_one("#timeline-window", Static).update(line)
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

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.run_output = None
        self.query_one("#timeline-totals", Static).update(text)

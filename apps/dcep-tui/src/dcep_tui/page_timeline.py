"""Page 3, dispatch timeline: price, battery, generators, grid, load vs supply, and the interval table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from dcep_tui.plots import SeriesPlot
from dcep_tui.run import RunOutput
from dcep_tui.timeline_data import INTERVAL_COLUMNS, energy_totals_mwh, interval_rows, timeline_data


class TimelinePage(VerticalScroll):
    """Energy totals, seven plots, and one table row per interval."""

    def compose(self) -> ComposeResult:
        yield Static("Dispatch timeline: waiting for the solve", id="timeline-totals", markup=False)
        yield SeriesPlot("Energy price signal", "$/MWh", id="plot-price")
        yield SeriesPlot("BESS charge / discharge", "MW", id="plot-bess")
        yield SeriesPlot("BESS SOC vs reserve floor", "MWh", id="plot-soc")
        yield SeriesPlot("Generator output", "MW", id="plot-gen")
        yield SeriesPlot("Generator units online", "units", id="plot-units")
        yield SeriesPlot("Grid import / export", "MW", id="plot-grid")
        yield SeriesPlot("Load vs supply stack", "MW", id="plot-stack")
        yield DataTable(id="timeline-table", zebra_stripes=True, cursor_type="row")

    def show_run(self, out: RunOutput) -> None:
        """Fill the page from a run with a schedule."""
        data = timeline_data(out.inputs, out.result)
        totals = energy_totals_mwh(out.inputs, out.result)
        self.query_one("#timeline-totals", Static).update(
            "Energy over the horizon (MWh): " + ", ".join(f"{k} {v:,.2f}" for k, v in totals.items())
        )
        self.query_one("#plot-price", SeriesPlot).show_series(data.hours, [data.price])
        self.query_one("#plot-bess", SeriesPlot).show_series(data.hours, data.battery)
        self.query_one("#plot-soc", SeriesPlot).show_series(data.hours, data.soc)
        self.query_one("#plot-gen", SeriesPlot).show_series(data.hours, data.generators)
        self.query_one("#plot-units", SeriesPlot).show_series(data.hours, data.units_online)
        self.query_one("#plot-grid", SeriesPlot).show_series(data.hours, data.grid)
        self.query_one("#plot-stack", SeriesPlot).show_series(data.hours, data.supply_stack)
        table = self.query_one("#timeline-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*INTERVAL_COLUMNS)
        table.add_rows(interval_rows(out.inputs, out.result))

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.query_one("#timeline-totals", Static).update(text)

"""Page 4, reliability and reserves: summary, SOC vs floor, ride-through, load served, reserves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from dcep_tui.page_base import ResultPage
from dcep_tui.plots import SeriesPlot
from dcep_tui.reliability_data import reliability_data
from dcep_tui.run import RunOutput
from dcep_tui.series import time_axis


class ReliabilityPage(ResultPage):
    """Summary table, three plots, unserved-energy flags and the reserve table."""

    def compose(self) -> ComposeResult:
        yield DataTable(id="reliability-summary", cursor_type="row")
        yield Static("Reliability: waiting for the solve", id="unserved-flags", markup=False)
        yield SeriesPlot("SOC vs reserve floor", "MWh", id="plot-rel-soc")
        yield SeriesPlot("Ride-through from the SOC", "minutes", id="plot-ride")
        yield SeriesPlot("Critical vs non-critical load served", "MW", id="plot-served")
        yield DataTable(id="reserve-table", zebra_stripes=True, cursor_type="row")

    def show_run(self, out: RunOutput) -> None:
        """Fill the page from a run with a schedule."""
        data = reliability_data(out.inputs, out.result)
        summary = self.query_one("#reliability-summary", DataTable)
        summary.clear(columns=True)
        summary.add_columns("Reliability", "Value")
        summary.add_rows(data.summary)
        flags = self.query_one("#unserved-flags", Static)
        if data.unserved_intervals:
            head = f"! Unserved critical load in {len(data.unserved_intervals)} intervals: "
            flags.update(head + ", ".join(f"{start} {mw:.2f} MW" for start, mw in data.unserved_intervals[:6]))
        else:
            flags.update("No unserved critical load in any interval.")
        axis = time_axis(out.result, out.case.time.interval_starts())
        self.query_one("#plot-rel-soc", SeriesPlot).show_series(axis, data.soc)
        required = out.result.reliability.ride_through_required_min if out.result.reliability else 0.0
        self.query_one("#plot-ride", SeriesPlot).show_series(axis, [data.ride_through], [("required", required)])
        self.query_one("#plot-served", SeriesPlot).show_series(axis, data.load_served)
        table = self.query_one("#reserve-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Product", "Mean MW", "Max MW", "MW-h", "Mean MW by provider")
        for row in data.reserves:
            providers = ", ".join(f"{k} {v:.2f}" for k, v in row.mean_by_provider_mw.items() if abs(v) > 1e-9)
            table.add_row(row.product, f"{row.mean_mw:.2f}", f"{row.max_mw:.2f}", f"{row.mw_h:.2f}", providers or "-")

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.query_one("#unserved-flags", Static).update(text)

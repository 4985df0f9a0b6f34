"""Page 4, reliability and reserves: summary, SOC vs floor, ride-through, load served (zoomable), reserves,
and what each reliability promise costs (`c`)."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from dcep_explain import ReliabilityCostReport, reliability_costs
from dcep_models import format_usd
from dcep_opt import SolveOptions
from dcep_tui.page_base import ZoomPage, window_series
from dcep_tui.plots import SeriesPlot
from dcep_tui.reliability_data import reliability_data
from dcep_tui.run import RunOutput


def cost_rows(report: ReliabilityCostReport) -> list[tuple[str, ...]]:
    """One row per promise: promise, setting, relaxed to, cost over the horizon, per year, per unit, marginal."""
    rows: list[tuple[str, ...]] = []
    for p in report.promises:
        cost = "n/a" if p.cost_usd is None else format_usd(p.cost_usd)
        annual = "n/a" if p.annual_cost_usd is None else format_usd(p.annual_cost_usd)
        per_unit = "-" if p.per_unit_usd is None else f"{format_usd(p.per_unit_usd)} per {p.unit}"
        marginal = "-" if p.marginal_usd is None else f"{format_usd(p.marginal_usd)} per {p.marginal_unit}"
        rows.append((p.promise, p.setting, p.relaxed_to, cost, annual, per_unit, marginal))
    return rows


class ReliabilityPage(ZoomPage):
    """Summary table, three plots, unserved-energy flags, the reserve table; `c` prices each reliability
    promise (dcep-explain's ``reliability_costs``: one re-solve per promise, in a worker)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("c", "price_reliability", "Price reliability")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cost_report: ReliabilityCostReport | None = None

    def compose(self) -> ComposeResult:
        yield DataTable(id="reliability-summary", cursor_type="row")
        yield Static("Reliability: waiting for the solve", id="unserved-flags", markup=False)
        yield Static("", id="reliability-window", markup=False)
        yield SeriesPlot("SOC vs reserve floor", "MWh", id="plot-rel-soc")
        yield SeriesPlot("Ride-through from the SOC", "minutes", id="plot-ride")
        yield SeriesPlot("Critical vs non-critical load served", "MW", id="plot-served")
        yield DataTable(id="reserve-table", zebra_stripes=True, cursor_type="row")
        yield Static("Press c to price each reliability promise (one re-solve each).", id="cost-note", markup=False)
        yield DataTable(id="reliability-costs", zebra_stripes=True, cursor_type="row")

    def show_run(self, out: RunOutput) -> None:
        """Fill the page from a run with a schedule."""
        self.run_output, self.cost_report = out, None
        self.zoom, self.window_index = "all", 0
        self.query_one("#reliability-costs", DataTable).clear(columns=True)
        self.query_one("#cost-note", Static).update("Press c to price each reliability promise (one re-solve each).")
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
        self.draw()
        table = self.query_one("#reserve-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Product", "Mean MW", "Max MW", "MW-h", "Mean MW by provider")
        for row in data.reserves:
            providers = ", ".join(f"{k} {v:.2f}" for k, v in row.mean_by_provider_mw.items() if abs(v) > 1e-9)
            table.add_row(row.product, f"{row.mean_mw:.2f}", f"{row.max_mw:.2f}", f"{row.mw_h:.2f}", providers or "-")

    def draw(self) -> None:
        """The three time plots over the current zoom window."""
        out = self.run_output
        if out is None:
            return
        sl, axis, line = self.window()
        self.query_one("#reliability-window", Static).update(line)
        data = reliability_data(out.inputs, out.result)
        self.query_one("#plot-rel-soc", SeriesPlot).show_series(axis, window_series(data.soc, sl))
        required = out.result.reliability.ride_through_required_min if out.result.reliability else 0.0
        ride = window_series([data.ride_through], sl)
        self.query_one("#plot-ride", SeriesPlot).show_series(axis, ride, [("required", required)])
        self.query_one("#plot-served", SeriesPlot).show_series(axis, window_series(data.load_served, sl))

    def action_price_reliability(self) -> None:
        """`c`: price the run's reliability promises in a worker (the page stays usable)."""
        out = self.run_output
        if out is None:
            return
        self.query_one("#cost-note", Static).update("Pricing reliability: one re-solve per promise ...")
        self.price_reliability(out)

    @work(thread=True, exclusive=True, group="reliability-cost")
    def price_reliability(self, out: RunOutput) -> None:
        """Run dcep-explain's reliability_costs off the UI thread and show the table."""
        try:
            report = reliability_costs(out.inputs, SolveOptions.from_case(out.case.solver), base=out.solved)
        except Exception as exc:  # shown, never a crash
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.show_costs_failed, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_costs, out, report)

    def show_costs(self, out: RunOutput, report: ReliabilityCostReport) -> None:
        """The promises' prices (only if the page still shows that run)."""
        if out is not self.run_output:
            return
        self.cost_report = report
        table = self.query_one("#reliability-costs", DataTable)
        table.clear(columns=True)
        table.add_columns("Promise", "As given", "Relaxed to", "Cost (horizon)", "Per year", "Per unit", "Marginal")
        table.add_rows(cost_rows(report))
        head = "What reliability costs (net value relaxed - as given, re-solved; marginal from the duals)"
        self.query_one("#cost-note", Static).update("; ".join([head, *report.warnings]))

    def show_costs_failed(self, message: str) -> None:
        """Pricing failed: say why."""
        self.query_one("#cost-note", Static).update(f"Pricing reliability failed: {message}")

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.run_output = None
        self.query_one("#unserved-flags", Static).update(text)

"""Page 5, economics: net value, revenue and cost stacks, cumulative value over time."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, DataTable, Label, Select, Static

from dcep_models import format_usd
from dcep_tui.economics_data import economics_data, lifetime_lines
from dcep_tui.page_base import ResultPage
from dcep_tui.plots import SeriesPlot, SignedBars
from dcep_tui.run import RunOutput
from dcep_tui.sensitivity import AS_SCALES, ENERGY_SCALES, PriceScenario
from dcep_tui.series import time_axis


class EconomicsPage(ResultPage):
    """Price-sensitivity toggles, net value line, the line-item table, the stack bars and the cumulative curve."""

    DEFAULT_CSS = """
    EconomicsPage #sensitivity { height: 3; }
    EconomicsPage #sensitivity Label { padding: 1 1 0 0; }
    EconomicsPage #sensitivity Select { width: 20; }
    """

    @dataclass
    class ScenarioChosen(Message):
        """The user asked for a re-solve at scaled prices."""

        scenario: PriceScenario

    def compose(self) -> ComposeResult:
        with Horizontal(id="sensitivity"):
            yield Label("Sensitivity:")
            yield Select(
                [(f"energy x{v:g}", v) for v in ENERGY_SCALES],
                value=1.0,
                allow_blank=False,
                id="energy-scale",
                type_to_search=False,
            )
            yield Select(
                [(f"AS x{v:g}", v) for v in AS_SCALES],
                value=1.0,
                allow_blank=False,
                id="as-scale",
                type_to_search=False,  # digits stay page keys while the list is open
            )
            yield Button("Re-solve", id="resolve", variant="primary")
        yield Static("Economics: waiting for the solve", id="net-value", markup=False)
        yield Static("", id="baseline", markup=False)
        yield Static("", id="lifetime", markup=False)
        yield DataTable(id="economics-table", zebra_stripes=True, cursor_type="row")
        yield SignedBars("Revenue (+) and cost (-) by line, USD", id="plot-stack-usd")
        yield SeriesPlot("Cumulative net value", "USD", id="plot-cumulative")

    def show_run(self, out: RunOutput) -> None:
        """Fill the page from a run with a schedule."""
        data = economics_data(out.inputs, out.result)
        if data is None:
            self.show_message(f"No economics: solver status {out.result.solver.status}")
            return
        self.query_one("#net-value", Static).update(
            f"Net value: {format_usd(data.net_value_usd)}  ({out.scenario.label})"
        )
        table = self.query_one("#economics-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Kind", "Line", "USD")
        for label, value in data.revenues:
            table.add_row("revenue", label, format_usd(value))
        for label, value in data.costs:
            table.add_row("cost", label, format_usd(-value))
        table.add_row("net", "Net value", format_usd(data.net_value_usd))
        baseline = self.query_one("#baseline", Static)
        econ = out.result.economics
        if econ is not None and econ.baseline is not None and econ.value_over_baseline_usd is not None:
            base = econ.baseline
            table.add_row("baseline", f"Baseline net value ({base.name})", format_usd(base.net_value_usd))
            table.add_row("net", "Value over baseline", format_usd(econ.value_over_baseline_usd))
            baseline.update(
                f"Value over baseline: {format_usd(econ.value_over_baseline_usd)}; baseline = {base.definition}"
            )
        else:
            baseline.update("")
        lifetime = self.query_one("#lifetime", Static)
        lifetime.update("\n".join(lifetime_lines(out)))
        lifetime.display = out.case.finance is not None
        lines = [(label, value) for label, value in data.revenues] + [(label, -value) for label, value in data.costs]
        lines = [(label, value) for label, value in lines if abs(value) > 0.005]
        self.query_one("#plot-stack-usd", SignedBars).show_bars(lines)
        axis = time_axis(out.result, out.case.time.interval_starts())
        self.query_one("#plot-cumulative", SeriesPlot).show_series(axis, [data.cumulative], money=True)

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.query_one("#net-value", Static).update(text)

    @on(Button.Pressed, "#resolve")
    def _resolve(self) -> None:
        energy = self.query_one("#energy-scale", Select).value
        as_scale = self.query_one("#as-scale", Select).value
        if isinstance(energy, float) and isinstance(as_scale, float):
            self.post_message(self.ScenarioChosen(PriceScenario(energy, as_scale)))

"""Page 6, decision explainer: pick an interval, read its decisions, prices, SOC and binding limits."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from dcep_tui.explain_data import binding_frequency, binding_limits, interval_facts
from dcep_tui.run import RunOutput
from dcep_tui.series import bess_net_mw, column


class ExplainPage(VerticalScroll):
    """Interval picker (a table) on the left, the selected interval's facts and the binding frequency."""

    DEFAULT_CSS = """
    ExplainPage #explain-row { height: 30; }
    ExplainPage #explain-intervals { width: 52; }
    ExplainPage #explain-facts-box { width: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run_output: RunOutput | None = None

    def compose(self) -> ComposeResult:
        yield Static("Decision explainer: waiting for the solve", id="explain-source", markup=False)
        with Horizontal(id="explain-row"):
            yield DataTable(id="explain-intervals", zebra_stripes=True, cursor_type="row")
            with VerticalScroll(id="explain-facts-box"):
                yield Static("", id="explain-facts", markup=False)
        yield DataTable(id="binding-frequency", cursor_type="row")
        yield DataTable(id="explain-families", cursor_type="row")

    def show_run(self, out: RunOutput) -> None:
        """Fill the interval table and the binding frequency; explain the first interval."""
        self.run_output = out
        inputs, result = out.inputs, out.result
        if out.explanation is not None:
            source = "Facts read from the schedule, then dcep-explain's narratives (fixed-LP duals)."
        else:
            source = f"Facts read from the schedule only (no dcep-explain narratives: {out.explain_error})."
        self.query_one("#explain-source", Static).update(source + " Move the cursor to pick an interval.")
        table = self.query_one("#explain-intervals", DataTable)
        table.clear(columns=True)
        table.add_columns("#", "Start", "LMP", "BESS MW", "Binding")
        price = column(result, "energy_price_usd_per_mwh")
        bess = bess_net_mw(result)
        for t in range(result.n_intervals):
            start = result.interval_starts[t][5:16].replace("T", " ")
            n_bind = len(binding_limits(inputs, result, t))
            table.add_row(str(t), start, f"{price[t]:.2f}", f"{bess[t]:.2f}", str(n_bind), key=str(t))
        freq = self.query_one("#binding-frequency", DataTable)
        freq.clear(columns=True)
        freq.add_columns("Binding limit", "Intervals", "Share")
        for name, count in binding_frequency(inputs, result):
            freq.add_row(name, str(count), f"{count / max(result.n_intervals, 1):.0%}")
        families = self.query_one("#explain-families", DataTable)
        families.clear(columns=True)
        families.display = out.explanation is not None
        if out.explanation is not None:
            families.add_columns("Binding family (dcep-explain)", "Intervals", "Max $/MWh", "Meaning")
            for fam in out.explanation.family_table():
                families.add_row(fam.name, str(fam.intervals), f"{fam.max_value_usd_per_mwh:.2f}", fam.meaning)
        self.explain(0)

    def explain(self, t: int) -> None:
        """Show the facts of interval ``t``."""
        if self.run_output is None or not 0 <= t < self.run_output.result.n_intervals:
            return
        out = self.run_output
        lines = interval_facts(out.inputs, out.result, t)
        if out.explanation is not None:
            lines.append("")
            lines.append("dcep-explain:")
            try:
                lines += [f"[{n.subject} {n.decision}] {n.text}" for n in out.explanation.narratives(t)]
            except Exception as exc:  # a narrative bug must not take the page down
                lines.append(f"narratives failed: {type(exc).__name__}: {exc}")
        self.query_one("#explain-facts", Static).update(Text("\n".join(lines)))

    @on(DataTable.RowHighlighted, "#explain-intervals")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.explain(event.cursor_row)

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.run_output = None
        self.query_one("#explain-source", Static).update(text)

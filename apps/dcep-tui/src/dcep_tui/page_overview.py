"""Page 1, system overview: the case's figures and, once solved, the run's solver facts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from dcep_models import Case
from dcep_tui.overview import overview_rows
from dcep_tui.run import RunOutput


def solver_line(out: RunOutput) -> str:
    """One line on how the solve went: status, termination, objective, gap, time."""
    s = out.result.solver
    obj = "n/a" if s.objective_usd is None else f"${s.objective_usd:,.2f}"
    gap = "n/a" if s.mip_gap is None else f"{s.mip_gap:.2%}"
    return (
        f"Solver: {s.status} ({s.termination}), objective {obj}, MIP gap {gap}, "
        f"{s.n_variables} variables / {s.n_constraints} rows, build {s.build_s:.2f} s + solve {s.solve_s:.2f} s"
    )


class OverviewPage(VerticalScroll):
    """Case title, the overview table and the run summary."""

    def __init__(self, case: Case, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.case = case

    def compose(self) -> ComposeResult:
        yield Static(f"System overview: {self.case.name}", id="title", markup=False)
        yield DataTable(id="overview", zebra_stripes=True, cursor_type="row")
        yield Static("Solver: not run yet", id="run-summary", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#overview", DataTable)
        table.add_columns("Section", "Item", "Value")
        for row in overview_rows(self.case):
            table.add_row(row.section, row.label, row.value)

    def show_run(self, out: RunOutput) -> None:
        """Show the run's solver facts (and warnings of the input preparation)."""
        lines = [solver_line(out)] + [f"warning: {w}" for w in out.result.warnings]
        if out.result.diagnosis is not None:
            lines.append(f"diagnosis: {out.result.diagnosis.message}")
        self.query_one("#run-summary", Static).update("\n".join(lines))

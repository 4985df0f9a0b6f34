"""Page 1, system overview: the run's headline first, then the case's figures and the solver facts."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from dcep_models import Case, format_usd, plural
from dcep_tui.overview import Headline, headline, overview_rows
from dcep_tui.page_base import ResultPage, no_schedule_message
from dcep_tui.run import RunOutput


def solver_line(out: RunOutput, timings: bool = True) -> str:
    """One line on how the solve went: status, termination, objective, gap, size, the AC loop's rounds when
    the solve ran one (dcep-opt's SolverFacts), and (``timings``) time."""
    s = out.result.solver
    obj = "n/a" if s.objective_usd is None else format_usd(s.objective_usd)
    gap = "n/a" if s.mip_gap is None else f"{s.mip_gap:.2%}"
    line = (
        f"Solver: {s.status} ({s.termination}), objective {obj}, MIP gap {gap}, "
        f"{s.n_variables} variables / {s.n_constraints} rows"
    )
    if s.ac_rounds:
        left = "n/a" if s.ac_violations is None else plural(s.ac_violations, "interval")
        line += f", AC loop {plural(s.ac_rounds, 'round')} ({left} still violating)"
    return line + (f", build {s.build_s:.2f} s + solve {s.solve_s:.2f} s" if timings else "")


def headline_text(rows: list[Headline]) -> Text:
    """The headline as two-column text, verdicts coloured (green OK, red violated)."""
    text = Text()
    width = max((len(r.label) for r in rows), default=0)
    for i, row in enumerate(rows):
        style = "" if row.ok is None else ("bold green" if row.ok else "bold red")
        text.append(f"{row.label:<{width}}  ", style="bold")
        text.append(row.value, style=style)
        if i < len(rows) - 1:
            text.append("\n")
    return text


class OverviewPage(ResultPage):
    """Headline of the run, case title, the overview table and the solver facts."""

    DEFAULT_CSS = """
    OverviewPage #headline { padding: 0 1; margin-bottom: 1; }
    OverviewPage #overview { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Solving: the headline follows the run.", id="headline", markup=False)
        yield Static("System overview", id="title", markup=False)
        yield DataTable(id="overview", zebra_stripes=True, cursor_type="row")
        yield Static("Solver: not run yet", id="run-summary", markup=False)

    def show_case(self, case: Case) -> None:
        """Fill the table with the case's figures."""
        self.query_one("#title", Static).update(f"System overview: {case.name}")
        table = self.query_one("#overview", DataTable)
        table.clear(columns=True)
        table.add_columns("Section", "Item", "Value")
        for row in overview_rows(case):
            table.add_row(row.section, row.label, row.value)

    def show_run(self, out: RunOutput) -> None:
        """Headline and solver facts (with the input preparation's warnings)."""
        self.query_one("#headline", Static).update(headline_text(headline(out)))
        self._summary(out)

    def show_no_schedule(self, out: RunOutput) -> None:
        """No schedule: the headline says why; the solver facts stay."""
        self.show_message(no_schedule_message(out))
        self._summary(out)

    def show_message(self, text: str) -> None:
        """The headline says ``text`` (in red: there is no schedule)."""
        self.query_one("#headline", Static).update(Text(text, style="bold red"))

    def _summary(self, out: RunOutput) -> None:
        timings = bool(getattr(self.app, "show_timings", True))
        lines = [solver_line(out, timings)] + [f"warning: {w}" for w in out.result.warnings]
        if out.result.diagnosis is not None:
            lines.append(f"diagnosis: {out.result.diagnosis.message}")
        self.query_one("#run-summary", Static).update("\n".join(lines))

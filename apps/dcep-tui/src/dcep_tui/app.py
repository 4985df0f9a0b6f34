"""`dcep-tui`: the Textual terminal UI of one case, six pages (keys 1-6), solved in a worker thread."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import ClassVar, Protocol

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, LoadingIndicator, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from dcep_models import Case, CaseError, load_case
from dcep_tui.page_economics import EconomicsPage
from dcep_tui.page_electrical import ElectricalPage
from dcep_tui.page_explain import ExplainPage
from dcep_tui.page_overview import OverviewPage
from dcep_tui.page_reliability import ReliabilityPage
from dcep_tui.page_timeline import TimelinePage
from dcep_tui.run import RunOutput, run_case
from dcep_tui.sensitivity import PriceScenario

PAGES = (
    ("tab-overview", "1 Overview"),
    ("tab-electrical", "2 Electrical"),
    ("tab-timeline", "3 Dispatch"),
    ("tab-reliability", "4 Reliability"),
    ("tab-economics", "5 Economics"),
    ("tab-explain", "6 Explainer"),
)


class ResultPage(Protocol):
    """A page filled from a run (pages 2-6)."""

    def show_run(self, out: RunOutput) -> None: ...

    def show_message(self, text: str) -> None: ...


def no_schedule_message(out: RunOutput) -> str:
    """What the pages say when the solve produced no schedule (with the infeasibility diagnosis)."""
    s = out.result.solver
    text = f"No schedule: solver status {s.status} ({s.termination})."
    if out.result.diagnosis is not None:
        text += f" Diagnosis: {out.result.diagnosis.message}"
    return text


class DcepApp(App[None]):
    """The dcep terminal UI for one case."""

    TITLE = "dcep"
    CSS = """
    #statusbar { height: 1; }
    #spinner { width: 8; height: 1; min-height: 1; }
    #status { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("r", "solve", "Re-solve"),
        *[Binding(str(i + 1), f"show_page('{page}')", label, show=False) for i, (page, label) in enumerate(PAGES)],
    ]

    def __init__(self, case: Case, solve_on_mount: bool = True) -> None:
        super().__init__()
        self.case = case
        self.solve_on_mount = solve_on_mount
        self.run_output: RunOutput | None = None
        self.scenario = PriceScenario()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="statusbar"):
            yield LoadingIndicator(id="spinner")
            yield Static("ready", id="status", markup=False)
        with TabbedContent(initial="tab-overview", id="pages"):
            with TabPane(PAGES[0][1], id="tab-overview"):
                yield OverviewPage(self.case, id="page-overview")
            with TabPane(PAGES[1][1], id="tab-electrical"):
                yield ElectricalPage(id="page-electrical")
            with TabPane(PAGES[2][1], id="tab-timeline"):
                yield TimelinePage(id="page-timeline")
            with TabPane(PAGES[3][1], id="tab-reliability"):
                yield ReliabilityPage(id="page-reliability")
            with TabPane(PAGES[4][1], id="tab-economics"):
                yield EconomicsPage(id="page-economics")
            with TabPane(PAGES[5][1], id="tab-explain"):
                yield ExplainPage(id="page-explain")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#spinner").display = False
        if self.solve_on_mount:
            self.action_solve()

    def action_show_page(self, page: str) -> None:
        """Switch to a page by its id (keys 1-6)."""
        self.query_one("#pages", TabbedContent).active = page

    def action_solve(self) -> None:
        """Start (or restart) the solve in the worker thread."""
        self.query_one("#spinner").display = True
        self.set_status("solving ...")
        self.solve_case()

    def set_status(self, text: str) -> None:
        """Update the status line."""
        self.query_one("#status", Static).update(text)

    @work(thread=True, exclusive=True, group="solve")
    def solve_case(self) -> None:
        """Solve and screen the case off the UI thread; hand the output (or the error) back to it."""
        try:
            say = lambda msg: self.call_from_thread(self.set_status, msg)  # noqa: E731
            out = run_case(self.case, progress=say, scenario=self.scenario)
        except Exception as exc:  # shown, never a crash: the UI stays usable with the overview
            if not get_current_worker().is_cancelled:
                self.call_from_thread(self.solve_failed, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:  # a newer solve (re-solve, scenario) replaced this one
            self.call_from_thread(self.show_output, out)

    @on(EconomicsPage.ScenarioChosen)
    def _scenario_chosen(self, message: EconomicsPage.ScenarioChosen) -> None:
        self.scenario = message.scenario
        self.action_solve()

    def solve_failed(self, message: str) -> None:
        """Show a failed solve."""
        self.query_one("#spinner").display = False
        self.set_status(f"solve failed: {message}")
        self.notify(message, title="Solve failed", severity="error", timeout=10)

    def show_output(self, out: RunOutput) -> None:
        """Fill every page from the run."""
        self.run_output = out
        self.query_one("#spinner").display = False
        self.query_one(OverviewPage).show_run(out)
        pages: list[ResultPage] = [
            self.query_one(ElectricalPage),
            self.query_one(TimelinePage),
            self.query_one(ReliabilityPage),
            self.query_one(EconomicsPage),
            self.query_one(ExplainPage),
        ]
        s = out.result.solver
        if not s.has_solution:
            message = no_schedule_message(out)
            for page in pages:
                page.show_message(message)
            self.set_status(message)
            self.notify(message, title=f"Case {s.status}", severity="error", timeout=10)
            return
        for page in pages:
            page.show_run(out)
        screen = (
            "AC screen skipped" if out.screening is None else f"AC screen: {len(out.screening.violations)} violations"
        )
        self.set_status(
            f"{s.status}: {out.result.n_intervals} intervals solved in {s.solve_s:.2f} s "
            f"({out.scenario.label}); {screen}"
        )
        if out.screening_error:
            self.notify(out.screening_error, title="AC screening failed", severity="warning")


def make_app(case_path: str, solve_on_mount: bool = True) -> DcepApp:
    """Build the app for a case file (shared by the CLI entry point and the tests).

    Raises:
        CaseError: the case file is missing or invalid.
    """
    return DcepApp(load_case(case_path), solve_on_mount=solve_on_mount)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``dcep-tui CASE``; bad input exits 2 without a traceback."""
    parser = argparse.ArgumentParser(prog="dcep-tui", description="dcep terminal UI")
    parser.add_argument("case", help="case JSON file")
    args = parser.parse_args(argv)
    try:
        app = make_app(args.case)
    except CaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app.run()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

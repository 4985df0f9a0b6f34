"""`dcep-tui`: the Textual terminal UI of one case, six pages (keys 1-6), solved in a worker thread.

The app owns the case, the worker and the status line; pages are told what happened through the
:class:`~dcep_tui.page_base.CaseLoaded` and :class:`~dcep_tui.page_base.RunFinished` messages.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Header, Input, LoadingIndicator, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from dcep_models import Case, CaseError, load_case
from dcep_tui.page_base import CaseLoaded, ResultPage, RunFinished, no_schedule_message
from dcep_tui.page_economics import EconomicsPage
from dcep_tui.page_electrical import ElectricalPage
from dcep_tui.page_explain import ExplainPage
from dcep_tui.page_overview import OverviewPage
from dcep_tui.page_reliability import ReliabilityPage
from dcep_tui.page_timeline import TimelinePage
from dcep_tui.picker import CasePicker
from dcep_tui.report import report_path, write_report
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

#: Actions of the app-level keys that must work from every widget but never steal typing in an Input.
GLOBAL_ACTIONS = frozenset({"show_page", "reload", "open_case", "report", "quit"})


class DcepApp(App[None]):
    """The dcep terminal UI for one case.

    ``case_path`` is where `r` reloads the case from (None: the case was given in memory, `r`
    re-solves it as is); ``show_timings`` False leaves solve times out of the status line and the
    overview (deterministic snapshots).
    """

    TITLE = "dcep"
    CSS = """
    #statusbar { height: auto; max-height: 4; }
    #spinner { width: 8; height: 1; min-height: 1; }
    #status { width: 1fr; height: auto; }
    #pages { height: 1fr; }
    #pages > ContentSwitcher { height: 1fr; }
    #pages TabPane { height: 1fr; padding: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", priority=True),
        Binding("r", "reload", "Reload + solve", priority=True),
        Binding("o", "open_case", "Open case", priority=True),
        Binding("h", "report", "HTML report", priority=True),
        Binding("escape", "focus_page", "Page", show=False),
        *[
            Binding(str(i + 1), f"show_page('{page}')", label, show=False, priority=True)
            for i, (page, label) in enumerate(PAGES)
        ],
    ]

    def __init__(
        self,
        case: Case,
        solve_on_mount: bool = True,
        case_path: str | Path | None = None,
        show_timings: bool = True,
    ) -> None:
        super().__init__()
        self.case = case
        self.case_path = None if case_path is None else Path(case_path)
        self.solve_on_mount = solve_on_mount
        self.show_timings = show_timings
        self.run_output: RunOutput | None = None
        self.scenario = PriceScenario()
        self.solve_started_s: float | None = None
        self.last_run_wall_s: float | None = None
        self.report_written: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="statusbar"):
            yield LoadingIndicator(id="spinner")
            yield Static("ready", id="status", markup=False)
        with TabbedContent(initial="tab-overview", id="pages"):
            with TabPane(PAGES[0][1], id="tab-overview"):
                yield OverviewPage(id="page-overview")
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
        self.sub_title = self.case.name
        self._broadcast(lambda: CaseLoaded(self.case))
        if self.solve_on_mount:
            self.action_solve()

    def _broadcast(self, message: Callable[[], Message]) -> None:
        """Post a fresh message from ``message()`` to every page (a message has one recipient)."""
        for page in self.query(ResultPage):
            page.post_message(message())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Page and app keys stay out of the way of typing (an Input) and of a dialog (the case picker)."""
        if action in GLOBAL_ACTIONS and action != "quit" and self.screen is not self.screen_stack[0]:
            return False
        return not (action in GLOBAL_ACTIONS and isinstance(self.focused, Input))

    def action_show_page(self, page: str) -> None:
        """Switch to a page by its id (keys 1-6) and give it the focus."""
        self.query_one("#pages", TabbedContent).active = page
        self.action_focus_page()

    def action_focus_page(self) -> None:
        """Esc: take the focus out of a table or dropdown and give it to the page (arrows scroll it)."""
        active = self.query_one("#pages", TabbedContent).active
        pane = self.query_one(f"#{active}", TabPane)
        for page in pane.query(ResultPage):
            self.set_focus(page)

    def action_solve(self) -> None:
        """Start (or restart) the solve of the case in memory in the worker thread."""
        self._start(reload=False)

    def action_reload(self) -> None:
        """`r`: read the case file again from disk (edits included) and solve it."""
        self._start(reload=self.case_path is not None)

    def action_open_case(self) -> None:
        """`o`: pick another case file (a file picker over the case's folder, normally ``cases/``)."""
        folder = self.case_path.parent if self.case_path is not None else Path.cwd()
        self.push_screen(CasePicker(folder), self._case_picked)

    def action_report(self) -> None:
        """`h`: write the run on screen as the HTML report (beside the case file) in a worker thread."""
        if self.run_output is None:
            self.notify("Nothing to report yet: the solve has not finished.", severity="warning")
            return
        self.write_report_file(self.run_output, report_path(self.case_path, self.case.name))

    @work(thread=True, exclusive=True, group="report")
    def write_report_file(self, out: RunOutput, path: Path) -> None:
        """Render and write the report off the UI thread; say where it went (or why not)."""
        try:
            written = write_report(out, path, self.case_path)
        except OSError as exc:
            self.call_from_thread(self.notify, f"{path}: {exc}", title="Report not written", severity="error")
            return
        self.call_from_thread(self.notify, f"HTML report written to {written}", title="Report")
        self.report_written = written

    def _case_picked(self, path: Path | None) -> None:
        if path is None:
            return
        self.case_path = path
        self._start(reload=True)

    def _start(self, reload: bool) -> None:
        self.solve_started_s = time.perf_counter()
        self.query_one("#spinner").display = True
        self.set_status("reading the case file ..." if reload else "solving ...")
        self.solve_case(reload)

    def set_status(self, text: str) -> None:
        """Update the status line."""
        self.query_one("#status", Static).update(text)

    @work(thread=True, exclusive=True, group="solve")
    def solve_case(self, reload: bool = False) -> None:
        """Load (when ``reload``), solve and screen the case off the UI thread; hand the output back to it."""
        worker = get_current_worker()
        say = lambda msg: self.call_from_thread(self.set_status, msg)  # noqa: E731
        case = self.case
        if reload and self.case_path is not None:
            try:
                case = load_case(self.case_path)
            except CaseError as exc:  # the case on screen stays; the user fixes the file and presses r
                if not worker.is_cancelled:
                    self.call_from_thread(self.solve_failed, f"{self.case_path}: {exc}")
                return
            self.call_from_thread(self.case_loaded, case)
        try:
            out = run_case(case, progress=say, scenario=self.scenario)
        except Exception as exc:  # shown, never a crash: the UI stays usable with the overview
            if not worker.is_cancelled:
                self.call_from_thread(self.solve_failed, f"{type(exc).__name__}: {exc}")
            return
        if not worker.is_cancelled:  # a newer solve (re-solve, scenario) replaced this one
            self.call_from_thread(self.show_output, out)

    def case_loaded(self, case: Case) -> None:
        """A case came from disk: remember it and tell the pages."""
        self.case = case
        self.sub_title = case.name
        self._broadcast(lambda: CaseLoaded(case))

    @on(EconomicsPage.ScenarioChosen)
    def _scenario_chosen(self, message: EconomicsPage.ScenarioChosen) -> None:
        self.scenario = message.scenario
        self.action_solve()

    def solve_failed(self, message: str) -> None:
        """Show a failed load or solve."""
        self.query_one("#spinner").display = False
        self.set_status(f"solve failed: {message}")
        self.notify(message, title="Solve failed", severity="error", timeout=10)

    def show_output(self, out: RunOutput) -> None:
        """Tell every page about the run; the status line says how it went."""
        self.run_output = out
        self.query_one("#spinner").display = False
        self._broadcast(lambda: RunFinished(out))
        s = out.result.solver
        if not s.has_solution:
            message = no_schedule_message(out)
            self.set_status(message)
            self.notify(message, title=f"Case {s.status}", severity="error", timeout=10)
            return
        screen = (
            "AC screen skipped" if out.screening is None else f"AC screen: {len(out.screening.violations)} violations"
        )
        took = f" in {s.solve_s:.2f} s" if self.show_timings else ""
        self.set_status(f"{s.status}: {out.result.n_intervals} intervals solved{took} ({out.scenario.label}); {screen}")
        if out.screening_error:
            self.notify(out.screening_error, title="AC screening failed", severity="warning")
        if self.solve_started_s is not None:
            started = self.solve_started_s
            self.call_after_refresh(lambda: setattr(self, "last_run_wall_s", time.perf_counter() - started))


def make_app(case_path: str | Path, solve_on_mount: bool = True, show_timings: bool = True) -> DcepApp:
    """Build the app for a case file (shared by the CLI entry point and the tests); `r` reloads that file.

    Raises:
        CaseError: the case file is missing or invalid.
    """
    return DcepApp(load_case(case_path), solve_on_mount=solve_on_mount, case_path=case_path, show_timings=show_timings)


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

"""What every page shares: the messages the app broadcasts (case loaded, run finished) and the page base class.

The app knows no page's API: it posts :class:`CaseLoaded` and :class:`RunFinished` to every
:class:`ResultPage`, and each page decides what to draw from them.
"""

from __future__ import annotations

from textual import on
from textual.containers import VerticalScroll
from textual.message import Message

from dcep_models import Case
from dcep_tui.run import RunOutput


def no_schedule_message(out: RunOutput) -> str:
    """What the pages say when the solve produced no schedule (with the infeasibility diagnosis)."""
    s = out.result.solver
    text = f"No schedule: solver status {s.status} ({s.termination})."
    if out.result.diagnosis is not None:
        text += f" Diagnosis: {out.result.diagnosis.message}"
    return text


class CaseLoaded(Message, bubble=False):
    """A case was loaded (at start, by `r` from disk, or by `o` from the picker); no run of it yet."""

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case


class RunFinished(Message, bubble=False):
    """A run (solve, explanation, AC screen) of the current case finished; ``out`` may have no schedule."""

    def __init__(self, out: RunOutput) -> None:
        super().__init__()
        self.out = out


class ResultPage(VerticalScroll):
    """A page drawn from runs: :meth:`show_run` when the run has a schedule, else :meth:`show_message`."""

    @on(RunFinished)
    def _run_finished(self, message: RunFinished) -> None:
        out = message.out
        if out.result.solver.has_solution:
            self.show_run(out)
        else:
            self.show_no_schedule(out)

    @on(CaseLoaded)
    def _case_loaded(self, message: CaseLoaded) -> None:
        self.show_case(message.case)

    def show_case(self, case: Case) -> None:
        """A new case is loaded (pages that show case figures override this)."""

    def show_run(self, out: RunOutput) -> None:
        """Fill the page from a run with a schedule."""
        raise NotImplementedError

    def show_no_schedule(self, out: RunOutput) -> None:
        """The run has no schedule: by default the page says why (status and diagnosis)."""
        self.show_message(no_schedule_message(out))

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        raise NotImplementedError

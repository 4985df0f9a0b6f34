"""What every page shares: the messages the app broadcasts (case loaded, run finished) and the page base class.

The app knows no page's API: it posts :class:`CaseLoaded` and :class:`RunFinished` to every
:class:`ResultPage`, and each page decides what to draw from them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget

from dcep_models import Case
from dcep_tui.run import RunOutput
from dcep_tui.series import ZOOM_HOURS, Series, TimeAxis, n_windows, time_axis, zoom_slice

ZOOMS = tuple(ZOOM_HOURS)


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
    """A page drawn from runs: :meth:`show_run` when the run has a schedule, else :meth:`show_message`.

    A page out of view keeps the run and draws it when it is shown (the page on screen redraws first
    after `r`, the others only when the user goes to them).
    """

    _pending: RunOutput | None = None

    @on(RunFinished)
    def _run_finished(self, message: RunFinished) -> None:
        if self._in_view():
            self._pending = None
            self._draw(message.out)
        else:
            self._pending = message.out

    def _in_view(self) -> bool:
        return all(node.display for node in self.ancestors_with_self if isinstance(node, Widget))

    def on_show(self) -> None:
        """Draw the run that arrived while the page was out of view."""
        out, self._pending = self._pending, None
        if out is not None:
            self._draw(out)

    def _draw(self, out: RunOutput) -> None:
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


class ZoomPage(ResultPage):
    """A page of time plots that zooms on long horizons: `z` cycles whole horizon / week / day, `[` `]` step.

    Subclasses draw in :meth:`draw` from ``self.run_output`` over :meth:`window`'s intervals and axis.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("z", "zoom", "Zoom all/week/day"),
        Binding("left_square_bracket", "step(-1)", "Earlier"),
        Binding("right_square_bracket", "step(1)", "Later"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run_output: RunOutput | None = None
        self.zoom = "all"
        self.window_index = 0

    def window(self) -> tuple[slice, TimeAxis, str]:
        """The intervals shown, their dated axis, and a line saying which window it is.

        Raises:
            RuntimeError: no run to show.
        """
        out = self.run_output
        if out is None:
            raise RuntimeError("no run to show")
        result = out.result
        n, h = result.n_intervals, result.interval_hours
        sl = zoom_slice(n, h, self.zoom, self.window_index)
        starts = out.case.time.interval_starts()[:n]
        axis = time_axis(result, starts).window(sl, starts)
        total = n_windows(n, h, self.zoom)
        where = "whole horizon" if self.zoom == "all" else f"{self.zoom} {self.window_index + 1} of {total}"
        first, last = starts[sl.start], starts[sl.stop - 1]
        line = f"Showing {where}: {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M} {first:%Z}"
        return sl, axis, line + ("  (z zoom, [ ] step)" if n * h > 24 else "")

    def draw(self) -> None:
        """Draw the plots over the current window (subclasses)."""

    def action_zoom(self) -> None:
        """Cycle the zoom: whole horizon, week, day (window 1)."""
        self.zoom = ZOOMS[(ZOOMS.index(self.zoom) + 1) % len(ZOOMS)]
        self.window_index = 0
        if self.run_output is not None:
            self.draw()

    def action_step(self, delta: int) -> None:
        """Move the zoom window earlier (-1) or later (+1), within the horizon."""
        out = self.run_output
        if out is None:
            return
        total = n_windows(out.result.n_intervals, out.result.interval_hours, self.zoom)
        self.window_index = min(max(self.window_index + delta, 0), total - 1)
        self.draw()


def window_series(series: list[Series], sl: slice) -> list[Series]:
    """The same series cut to the intervals of ``sl``."""
    return [replace(s, values=s.values[sl]) for s in series]

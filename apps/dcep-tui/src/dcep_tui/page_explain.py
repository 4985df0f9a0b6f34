"""Page 6, decision explainer: pick an interval (table or jump-to-time), read its decisions and binding limits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Static

from dcep_tui.explain_data import binding_at, interval_facts
from dcep_tui.page_base import ResultPage
from dcep_tui.run import RunOutput
from dcep_tui.series import bess_net_mw, column


def find_interval(starts: Sequence[datetime], text: str, current: int = 0) -> int | None:
    """The interval holding local time ``text`` (``HH:MM`` on the day of interval ``current``, or
    ``YYYY-MM-DD HH:MM``); None when the text is not a time or falls outside the horizon."""
    text = text.strip().replace("T", " ")
    if not starts:
        return None
    zone = starts[0].tzinfo
    try:
        if len(text) <= 5:
            day = starts[min(max(current, 0), len(starts) - 1)].date()
            when = datetime.combine(day, time.fromisoformat(text), tzinfo=zone)
        else:
            when = datetime.fromisoformat(text)
            when = when.replace(tzinfo=zone) if when.tzinfo is None else when
    except ValueError:
        return None
    step = starts[1] - starts[0] if len(starts) > 1 else None
    for t, start in enumerate(starts):
        end = starts[t + 1] if t + 1 < len(starts) else (start + step if step is not None else start)
        if start <= when < end or when == start:
            return t
    return None


class ExplainPage(ResultPage):
    """Interval table and jump-to-time on the left, the interval's facts on the right, dcep-explain's families."""

    DEFAULT_CSS = """
    ExplainPage #explain-row { height: 1fr; min-height: 12; }
    ExplainPage #explain-left { width: 46; }
    ExplainPage #explain-jump { height: 3; }
    ExplainPage #explain-intervals { height: 1fr; }
    ExplainPage #explain-facts-box { width: 1fr; padding: 0 1; }
    ExplainPage #explain-families { height: auto; max-height: 10; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run_output: RunOutput | None = None

    def compose(self) -> ComposeResult:
        yield Static("Decision explainer: waiting for the solve", id="explain-source", markup=False)
        with Horizontal(id="explain-row"):
            with Vertical(id="explain-left"):
                yield Input(placeholder="jump to time: HH:MM or YYYY-MM-DD HH:MM", id="explain-jump")
                yield DataTable(id="explain-intervals", zebra_stripes=True, cursor_type="row")
            with VerticalScroll(id="explain-facts-box"):
                yield Static("", id="explain-facts", markup=False)
        yield DataTable(id="explain-families", cursor_type="row")

    def show_run(self, out: RunOutput) -> None:
        """Fill the interval table and dcep-explain's family table; explain the first interval."""
        self.run_output = out
        result, explanation = out.result, out.explanation
        if explanation is not None:
            source = "Facts read from the schedule, binding limits and narratives from dcep-explain (fixed-LP duals)."
        else:
            source = (
                f"Facts read from the schedule; binding limits unavailable (dcep-explain failed: {out.explain_error})."
            )
        self.query_one("#explain-source", Static).update(source + " Pick an interval in the table or jump to a time.")
        table = self.query_one("#explain-intervals", DataTable)
        table.clear(columns=True)
        table.add_columns("#", "Start", "LMP", "BESS MW", "Binding")
        price = column(result, "energy_price_usd_per_mwh")
        bess = bess_net_mw(result)
        starts = out.case.time.interval_starts()
        for t in range(result.n_intervals):
            n_bind = "?" if explanation is None else str(len({lim.name for lim in binding_at(explanation, t)}))
            when = f"{starts[t]:%m-%d %H:%M}"
            table.add_row(str(t), when, f"{price[t]:.2f}", f"{bess[t]:.2f}", n_bind, key=str(t))
        families = self.query_one("#explain-families", DataTable)
        families.clear(columns=True)
        families.display = explanation is not None
        if explanation is not None:
            families.add_columns("Binding family (dcep-explain)", "Intervals", "Share", "Max $/MWh", "Meaning")
            n = max(result.n_intervals, 1)
            for fam in explanation.family_table():
                families.add_row(
                    fam.name,
                    str(fam.intervals),
                    f"{fam.intervals / n:.0%}",
                    f"{fam.max_value_usd_per_mwh:.2f}",
                    fam.meaning,
                )
        self.explain(0)

    def explain(self, t: int) -> None:
        """Show the facts of interval ``t``."""
        if self.run_output is None or not 0 <= t < self.run_output.result.n_intervals:
            return
        out = self.run_output
        lines = interval_facts(out.inputs, out.result, t, out.explanation)
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

    @on(Input.Submitted, "#explain-jump")
    def _jump(self, event: Input.Submitted) -> None:
        out = self.run_output
        if out is None:
            return
        table = self.query_one("#explain-intervals", DataTable)
        starts = out.case.time.interval_starts()[: out.result.n_intervals]
        t = find_interval(starts, event.value, table.cursor_row)
        if t is None:
            self.notify(f"{event.value!r} is not a time in the horizon (HH:MM or YYYY-MM-DD HH:MM)", severity="warning")
            return
        table.move_cursor(row=t)
        table.focus()
        self.explain(t)

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.run_output = None
        self.query_one("#explain-source", Static).update(text)

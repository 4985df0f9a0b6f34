"""Page 2, electrical feasibility: binding limits (dcep-explain) beside the P-Q envelope, then loading plots."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from dcep_tui.electrical_data import ElectricalData, electrical_data, rating_text
from dcep_tui.page_base import ResultPage
from dcep_tui.plots import SeriesPlot
from dcep_tui.run import RunOutput
from dcep_tui.series import time_axis


def warning_lines(out: RunOutput, data: ElectricalData) -> list[str]:
    """The page's first lines: binding electrical limits with the optimiser's ratings, peak loading, AC summary."""
    n = out.result.n_intervals
    if data.binding is None:
        lines = [f"Binding limits unavailable (dcep-explain failed: {data.binding_error})."]
    elif not data.binding:
        lines = ["No POI, transformer or inverter limit binds in any interval (dcep-explain)."]
    else:
        lines = ["Binding electrical limits (dcep-explain, fixed-LP):"]
        for fam in data.binding:
            rating = rating_text(out.inputs, fam.name)
            at = f" ({rating})" if rating else ""
            lines.append(f"  ! {fam.name}{at}: {fam.meaning}, {fam.intervals} of {n} intervals")
    peak = float(data.poi_s_mva.max(initial=0.0))
    lines.append(
        f"Peak exchange {peak:.2f} MVA = {peak / data.limit_mva:.1%} of the {data.limit_family} limit "
        f"{data.limit_mva:.2f} MVA (POI rating {data.poi_rating_mva:g} MVA)"
    )
    if out.screening is not None:
        counts = out.screening.counts()
        summary = ", ".join(f"{kind} in {k} intervals" for kind, k in sorted(counts.items())) or "none"
        lines.append(f"AC screening violations: {summary}")
    return lines


class ElectricalPage(ResultPage):
    """Binding limits and the P-Q envelope side by side, transformer and PCS loading, AC screening lines."""

    DEFAULT_CSS = """
    ElectricalPage #electrical-top { height: auto; }
    ElectricalPage #electrical-warnings { width: 1fr; padding: 0 1; }
    ElectricalPage #poi-envelope { width: 46; height: 20; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="electrical-top"):
            yield Static("Electrical feasibility: waiting for the solve", id="electrical-warnings", markup=False)
            yield SeriesPlot("POI P-Q envelope", "Q MVAr", id="poi-envelope")
        yield SeriesPlot("Transformer loading vs the optimiser's limit", "%", id="trafo-loading")
        yield SeriesPlot("BESS PCS loading vs MVA rating", "% of MVA", id="pcs-loading")
        yield Static("", id="ac-screening", markup=False)

    def show_run(self, out: RunOutput) -> None:
        """Fill the page from a run with a schedule."""
        data = electrical_data(out)
        self.query_one("#electrical-warnings", Static).update("\n".join(warning_lines(out, data)))
        g = out.inputs.grid
        self.query_one("#poi-envelope", SeriesPlot).show_envelope(
            data.poi_p_mw,
            data.poi_q_mvar,
            data.limit_mva,
            f"{data.limit_family} {data.limit_mva:.1f} MVA",
            g.max_import_mw,
            g.max_export_mw,
            g.min_power_factor,
        )
        axis = time_axis(out.result, out.case.time.interval_starts())
        trafo = self.query_one("#trafo-loading", SeriesPlot)
        trafo.display = bool(data.transformer)
        if data.transformer:
            trafo.show_series(axis, data.transformer, [("limit", 100.0)])
        pcs = self.query_one("#pcs-loading", SeriesPlot)
        pcs.display = data.pcs is not None
        if data.pcs is not None:
            pcs.show_series(axis, [data.pcs], [("limit", 100.0)])
        ac = ["AC screening (dcep-topology):"] + [f"  {line}" for line in data.ac_violations]
        if out.screening is not None and out.screening.ok:
            ac = ["AC screening (dcep-topology): no violation in any interval."]
        self.query_one("#ac-screening", Static).update("\n".join(ac))

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.query_one("#electrical-warnings", Static).update(text)

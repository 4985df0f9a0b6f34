"""Page 2, electrical feasibility: POI envelope, transformer and PCS loading, binding-limit warnings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from dcep_tui.electrical_data import electrical_data, mva_circle
from dcep_tui.plots import SeriesPlot
from dcep_tui.run import RunOutput


class ElectricalPage(VerticalScroll):
    """Warnings first, then the plots, then the AC screening's violations."""

    def compose(self) -> ComposeResult:
        yield Static("Electrical feasibility: waiting for the solve", id="electrical-warnings", markup=False)
        yield SeriesPlot("POI operating envelope (P vs Q, MVA circle)", "Q MVAr", id="poi-envelope")
        yield SeriesPlot("Transformer loading vs firm rating", "% of firm", id="trafo-loading")
        yield SeriesPlot("BESS PCS loading vs MVA rating", "% of MVA", id="pcs-loading")
        yield Static("", id="ac-screening", markup=False)

    def show_run(self, out: RunOutput) -> None:
        """Fill the page from a run with a schedule."""
        data = electrical_data(out)
        warn = ["Binding limits (linear model):"] + [f"  ! {w}" for w in data.warnings]
        if not data.warnings:
            warn = ["No POI, transformer or PCS limit binds in any interval (linear model)."]
        if out.screening is not None:
            counts = out.screening.counts()
            summary = ", ".join(f"{kind} in {n} intervals" for kind, n in sorted(counts.items())) or "none"
            warn.append(f"AC screening violations: {summary} (details below)")
        warn.append(
            f"Peak POI apparent power {float(data.poi_s_mva.max(initial=0.0)):.2f} MVA of {data.poi_rating_mva:g}"
        )
        self.query_one("#electrical-warnings", Static).update("\n".join(warn))
        cx, cy = mva_circle(data.poi_rating_mva)
        self.query_one("#poi-envelope", SeriesPlot).show_scatter(
            data.poi_p_mw, data.poi_q_mvar, "POI P,Q (import +)", ("rating", cx, cy)
        )
        self.query_one("#trafo-loading", SeriesPlot).show_series(data.hours, data.transformer, [("limit", 100.0)])
        pcs = self.query_one("#pcs-loading", SeriesPlot)
        pcs.display = data.pcs is not None
        if data.pcs is not None:
            pcs.show_series(data.hours, [data.pcs], [("limit", 100.0)])
        ac = ["AC screening (dcep-topology):"] + [f"  {line}" for line in data.ac_violations]
        if out.screening is not None and out.screening.ok:
            ac = ["AC screening (dcep-topology): no violation in any interval."]
        self.query_one("#ac-screening", Static).update("\n".join(ac))

    def show_message(self, text: str) -> None:
        """No schedule: say why."""
        self.query_one("#electrical-warnings", Static).update(text)

"""Tightenings the AC loop feeds back into the grid rows (plain data, no PuLP).

The linear model already holds the transformers' P and Q losses at the bottom of the voltage band
(conservative by construction); where the AC screen still finds a limit broken (a voltage below the
band, a model built without losses), the runner's AC loop tightens that limit in EVERY interval by
the largest excess the screen measured and re-solves (see dcep_opt._acloop). Uniform, because a
per-interval cut only moves the flow to the neighbouring intervals; multiplicative for the PF cone,
because a constant MVAr cut would force a minimum import at zero flow.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AcMargins:
    """Reductions of the POI import and export caps (MW), the MVA polygon's right-hand side (MVA) and
    the PF cone's ratio ``tan(acos(pf))`` (dimensionless), in every interval. Zero = the plain model."""

    import_mw: float = 0.0
    export_mw: float = 0.0
    s_mva: float = 0.0
    pf_ratio: float = 0.0

    @property
    def any(self) -> bool:
        """Some limit is tightened."""
        return bool(self.import_mw or self.export_mw or self.s_mva or self.pf_ratio)

"""Electrical feasibility (seed page 2): POI envelope, transformer and PCS loading, binding warnings.

The linear figures come from the optimiser's own P and Q; the AC figures from the dcep-topology
screening of the same schedule. MVA limits are linearised by inscribed polygons, so a limit counts
as binding from ``AT_LIMIT_FRAC`` of its rating (a 16-gon's flats sit at cos(pi/16) = 98.1 %).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from dcep_opt._results import FloatArray
from dcep_tui.run import RunOutput
from dcep_tui.series import Series, bess_net_mw, column, hours_axis

AT_LIMIT_FRAC = 0.98
MW_TOL = 1e-3


@dataclass(frozen=True)
class ElectricalData:
    """Loading series (percent of the limit named in each label) and the binding-limit warnings."""

    hours: FloatArray
    poi_p_mw: FloatArray
    poi_q_mvar: FloatArray
    poi_s_mva: FloatArray
    poi_rating_mva: float
    transformer: list[Series]  # percent of firm rating: linear, then AC per group
    pcs: Series | None  # percent of PCS MVA
    warnings: list[str]
    ac_violations: list[str]


def _count(mask: NDArray[np.bool_]) -> int:
    return int(np.count_nonzero(mask))


def _binding_warnings(
    out: RunOutput, poi_s: FloatArray, trafo_pct: FloatArray, pcs_pct: FloatArray | None
) -> list[str]:
    """One line per limit that binds in at least one interval, with the number of intervals."""
    case, result = out.case, out.result
    poi = case.topology.poi
    checks = [
        (
            "POI import at cap",
            column(result, "grid_import_mw") >= poi.max_import_mw - MW_TOL,
            f"{poi.max_import_mw:g} MW",
        ),
        (
            "POI export at cap",
            column(result, "grid_export_mw") >= poi.max_export_mw - MW_TOL,
            f"{poi.max_export_mw:g} MW",
        ),
        ("POI apparent power at rating", poi_s >= AT_LIMIT_FRAC * poi.rating_mva, f"{poi.rating_mva:g} MVA"),
        ("Transformer at firm rating", trafo_pct >= AT_LIMIT_FRAC * 100.0, "firm MVA"),
    ]
    battery = out.inputs.battery
    if pcs_pct is not None and battery is not None:
        checks.append(("BESS PCS at MVA rating", pcs_pct >= AT_LIMIT_FRAC * 100.0, f"{battery.pcs_mva:g} MVA"))
    n = result.n_intervals
    return [f"{label} ({limit}) in {_count(mask)} of {n} intervals" for label, mask, limit in checks if _count(mask)]


def electrical_data(out: RunOutput) -> ElectricalData:
    """Loading and binding limits of a run's schedule (linear, and AC when screened)."""
    case, result = out.case, out.result
    p = column(result, "grid_net_import_mw")
    q = column(result, "grid_q_mvar")
    s = np.hypot(p, q)
    firm_mva = sum(tr.firm_mva for tr in case.topology.transformers)
    trafo_lin = s / firm_mva * 100.0 if firm_mva > 0 else np.zeros_like(s)
    transformer = [Series("linear % of firm", trafo_lin)]
    ac_violations: list[str] = []
    report = out.screening
    if report is not None:
        for j, name in enumerate(report.trafo_names):
            group = next((tr for tr in case.topology.transformers if tr.name == name), None)
            if group is None or group.firm_mva <= 0:
                continue
            installed = group.count * group.rating_mva
            transformer.append(
                Series(f"AC {name} % of firm", report.trafo_loading_percent[:, j] * installed / group.firm_mva)
            )
        ac_violations = [f"{kind}: {count} intervals" for kind, count in sorted(report.counts().items())]
        ac_violations += [str(v) for v in report.violations[:8]]
    elif out.screening_error:
        ac_violations = [f"AC screening failed: {out.screening_error}"]
    pcs: Series | None = None
    pcs_pct: FloatArray | None = None
    bess = out.inputs.battery
    if bess is not None and bess.pcs_mva > 0:
        pcs_pct = np.hypot(bess_net_mw(result), column(result, "bess_q_mvar")) / bess.pcs_mva * 100.0
        pcs = Series("PCS % of MVA", pcs_pct)
    return ElectricalData(
        hours=hours_axis(result),
        poi_p_mw=p,
        poi_q_mvar=q,
        poi_s_mva=s,
        poi_rating_mva=case.topology.poi.rating_mva,
        transformer=transformer,
        pcs=pcs,
        warnings=_binding_warnings(out, s, trafo_lin, pcs_pct),
        ac_violations=ac_violations,
    )


def mva_circle(rating_mva: float, points: int = 73) -> tuple[FloatArray, FloatArray]:
    """P and Q of the MVA circle of ``rating_mva`` (the POI envelope's outline), closed."""
    angle = np.linspace(0.0, 2.0 * np.pi, points)
    return rating_mva * np.cos(angle), rating_mva * np.sin(angle)

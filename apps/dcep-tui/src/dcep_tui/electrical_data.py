"""Electrical feasibility (seed page 2): POI envelope, transformer and PCS loading, binding limits.

Every rating is the optimiser's own (:class:`dcep_opt.GridInputs`, :class:`dcep_opt.BatteryInputs`):
the transformers' linear limit is ``firm x v_min`` (loading is a current), the POI's its MVA rating.
Which limits bind, and in how many intervals, is dcep-explain's answer (fixed-LP slack and duals),
never a threshold guessed here. The AC figures come from the dcep-topology screening of the schedule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcep_explain import DispatchExplanation, FamilyBinding
from dcep_opt import FAMILIES, DispatchInputs
from dcep_tui.run import RunOutput
from dcep_tui.series import FloatArray, Series, bess_net_mw, column, hours_axis

#: Components whose every limit is electrical; other components' limits count when set in MVA or MVAr.
ELECTRICAL_COMPONENTS = frozenset({"poi", "xfmr"})
ELECTRICAL_UNITS = frozenset({"MVA", "MVAr"})


@dataclass(frozen=True)
class ElectricalData:
    """Loading series (percent of the limit named in each label) and the binding electrical limits.

    ``binding`` holds dcep-explain's families (None when the explanation failed: ``binding_error``
    says why).
    """

    hours: FloatArray
    poi_p_mw: FloatArray
    poi_q_mvar: FloatArray
    poi_s_mva: FloatArray
    poi_rating_mva: float
    limit_mva: float  # the MVA limit the optimiser applies at the POI exchange (POI or transformers)
    limit_family: str  # poi-mva or xfmr-mva
    transformer_limit_mva: float | None  # firm x v_min
    transformer: list[Series]  # linear % of firm x v_min, then AC % of firm rating per group
    pcs: Series | None  # percent of PCS MVA
    binding: list[FamilyBinding] | None
    binding_error: str | None
    ac_violations: list[str]


def is_electrical(family: str) -> bool:
    """A registered limit of the POI or transformers, or any limit in MVA / MVAr (inverter, generator Q).

    Read from dcep-opt's constraint-family registry (component, unit, kind); unregistered names are not.
    """
    spec = FAMILIES.get(family)
    if spec is None or spec.kind != "limit":
        return False
    return spec.component in ELECTRICAL_COMPONENTS or spec.unit in ELECTRICAL_UNITS


def electrical_binding(explanation: DispatchExplanation) -> list[FamilyBinding]:
    """dcep-explain's binding families that are electrical, most frequent first."""
    return [f for f in explanation.family_table() if is_electrical(f.name)]


def rating_text(inputs: DispatchInputs, family: str) -> str:
    """The optimiser's rating behind ``family``, e.g. ``firm 55 MVA x v_min 0.95 = 52.25 MVA``; "" if none."""
    g, b = inputs.grid, inputs.battery
    if family == "xfmr-mva" and g.transformer_limit_mva is not None and g.transformer_firm_mva is not None:
        firm, v_min = g.transformer_firm_mva, g.transformer_v_min_pu
        return f"firm {firm:g} MVA x v_min {v_min:g} = {g.transformer_limit_mva:.2f} MVA"
    texts = {
        "poi-mva": f"{g.poi_mva:g} MVA",
        "poi-import": f"{g.max_import_mw:g} MW",
        "poi-export": f"{g.max_export_mw:g} MW",
        "poi-pf": "" if g.min_power_factor is None else f"PF {g.min_power_factor:g}",
        "bess-pcs": "" if b is None else f"{b.pcs_mva:g} MVA",
    }
    return texts.get(family, "")


def _ac_lines(out: RunOutput) -> tuple[list[Series], list[str]]:
    """AC transformer loading per group (% of firm rating) and the screening's violation lines."""
    case, report = out.case, out.screening
    if report is None:
        return [], ([f"AC screening failed: {out.screening_error}"] if out.screening_error else [])
    series = []
    for j, name in enumerate(report.trafo_names):
        group = next((tr for tr in case.topology.transformers if tr.name == name), None)
        if group is None or group.firm_mva <= 0:
            continue
        installed = group.count * group.rating_mva
        series.append(Series(f"AC {name} % of firm", report.trafo_loading_percent[:, j] * installed / group.firm_mva))
    lines = [f"{kind}: {count} intervals" for kind, count in sorted(report.counts().items())]
    return series, lines + [str(v) for v in report.violations[:8]]


def electrical_data(out: RunOutput) -> ElectricalData:
    """Loading and binding limits of a run's schedule (linear, and AC when screened)."""
    inputs, result = out.inputs, out.result
    g = inputs.grid
    p = column(result, "grid_net_import_mw")
    q = column(result, "grid_q_mvar")
    s = np.hypot(p, q)
    transformer: list[Series] = []
    xfmr_limit = g.transformer_limit_mva
    if xfmr_limit is not None and xfmr_limit > 0:
        transformer.append(Series(f"linear % of {xfmr_limit:.2f} MVA (firm x v_min)", s / xfmr_limit * 100.0))
    ac_series, ac_lines = _ac_lines(out)
    pcs: Series | None = None
    bess = inputs.battery
    if bess is not None and bess.pcs_mva > 0:
        pcs = Series("PCS % of MVA", np.hypot(bess_net_mw(result), column(result, "bess_q_mvar")) / bess.pcs_mva * 100)
    explanation = out.explanation
    return ElectricalData(
        hours=hours_axis(result),
        poi_p_mw=p,
        poi_q_mvar=q,
        poi_s_mva=s,
        poi_rating_mva=g.poi_mva,
        limit_mva=g.limit_mva,
        limit_family=g.limit_family,
        transformer_limit_mva=xfmr_limit,
        transformer=transformer + ac_series,
        pcs=pcs,
        binding=None if explanation is None else electrical_binding(explanation),
        binding_error=None if explanation is not None else (out.explain_error or "not explained"),
        ac_violations=ac_lines,
    )

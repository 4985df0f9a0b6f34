"""The AC loop: screen a solved schedule with the AC power flow and tighten what it finds.

The model holds the transformers' P and Q losses (lifted tangents at the bottom of the voltage band),
so a schedule is normally clean in AC at the first solve. Whatever the screen still finds at the POI
bus (import/export/MVA/PF) or in transformer loading is fed back as a reduction of that limit in
every interval (the largest part of the AC figure the model missed, plus 1e-3; see
dcep_opt._acmargins) and the model is re-solved, for a bounded number of rounds. Voltages outside
the band are reported, not corrected (no linear lever moves them reliably).

The screen sees only the MV bus's net injection (``-grid_net_import``, ``-grid_q``): everything on the
site is at that bus, so the breakdown between load, battery and generators does not change the flow.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from dcep_opt._acmargins import AcMargins
from dcep_opt._families.grid import LOSS_TANGENTS, p_loss_per_q_loss
from dcep_opt._inputs import DispatchInputs
from dcep_opt._results import FloatArray
from dcep_topology.linear import loss_lower_bound_mvar, loss_tangents

if TYPE_CHECKING:
    from dcep_topology import BaseSystemSpec, ScreeningReport

#: Added to every measured excess so the re-solved limit clears it (MW, MVA or MVAr).
STEP_MARGIN = 1e-3


@dataclass(frozen=True)
class AcCheck:
    """One screen of a schedule: the report and the linear model's own POI figures beside it."""

    report: ScreeningReport
    linear_poi_p_mw: FloatArray
    linear_poi_q_mvar: FloatArray

    @property
    def violating_intervals(self) -> int:
        """Intervals with at least one violation."""
        return len({v.interval for v in self.report.violations})


def modelled_poi_flow(inputs: DispatchInputs, ts: Mapping[str, FloatArray]) -> tuple[FloatArray, FloatArray]:
    """The POI P and Q the linear model claims: the MV exchange plus its loss bound at that flow (MW, MVAr)."""
    g = inputs.grid
    p = np.asarray(ts["grid_net_import_mw"], dtype=float)
    q = np.asarray(ts["grid_q_mvar"], dtype=float)
    coef = g.transformer_q_loss_mvar_per_mva2
    if coef <= 0 or g.transformer_firm_mva is None:
        return p, q
    cos_n = math.cos(math.pi / inputs.polygon_sides)
    tangents = loss_tangents(coef, g.limit_mva / cos_n, LOSS_TANGENTS)
    q_loss = np.array([loss_lower_bound_mvar(tangents, float(s)) for s in np.hypot(p, q)])
    return p + p_loss_per_q_loss(g) * q_loss, q + q_loss


def ac_check(inputs: DispatchInputs, ts: Mapping[str, FloatArray], network: BaseSystemSpec) -> AcCheck:
    """AC power flow of every interval of the schedule ``ts`` on ``network``.

    Raises:
        PowerFlowError: the network's initial power flow does not converge.
    """
    from dcep_topology import screen_schedule  # pandapower only when the AC loop runs

    lin_p, lin_q = modelled_poi_flow(inputs, ts)
    report = screen_schedule(
        network,
        np.asarray(ts["grid_net_import_mw"], dtype=float),
        np.asarray(ts["grid_q_mvar"], dtype=float),
        linear_grid_p_mw=lin_p,
        linear_grid_q_mvar=lin_q,
        n_sides=inputs.polygon_sides,
    )
    return AcCheck(report, lin_p, lin_q)


def tightened(margins: AcMargins, check: AcCheck, network: BaseSystemSpec) -> AcMargins | None:
    """``margins`` plus, per kind of violation, the largest part of the AC figure the model did not see
    (AC minus the model's own POI figure in the violating intervals, plus 1e-3; see
    dcep_opt._acmargins). None if no violation is one the model can act on (voltages, non-convergence).

    The cut is what the model missed, not the excess over the limit: the model's flow may sit below the
    limit for another reason and the AC figure above it by the unmodelled loss."""
    rep = check.report
    lin_p, lin_q = check.linear_poi_p_mw, check.linear_poi_q_mvar
    lin_s = np.hypot(lin_p, lin_q)
    installed = {g.name: g.installed_mva for g in network.transformers}
    worst: dict[str, float] = {}
    for v in rep.violations:
        t = v.interval
        if v.kind == "poi_import":
            missed = float(rep.poi_p_mw[t] - lin_p[t])
        elif v.kind == "poi_export":
            missed = float(lin_p[t] - rep.poi_p_mw[t])
        elif v.kind == "poi_mva":
            missed = float(rep.poi_s_mva[t] - lin_s[t])
        elif v.kind in ("trafo_overload", "trafo_firm"):
            missed = max((v.value - v.limit) / 100.0 * installed[v.element], float(rep.poi_s_mva[t] - lin_s[t]))
        elif v.kind == "poi_pf":
            ac_ratio = abs(float(rep.poi_q_mvar[t])) / abs(float(rep.poi_p_mw[t]))
            missed = ac_ratio - abs(float(lin_q[t])) / max(abs(float(lin_p[t])), 1e-9)
        else:
            continue
        key = "poi_mva" if v.kind.startswith("trafo") else v.kind
        worst[key] = max(worst.get(key, 0.0), max(missed, 0.0) + STEP_MARGIN)
    if not worst:
        return None
    return AcMargins(
        import_mw=margins.import_mw + worst.get("poi_import", 0.0),
        export_mw=margins.export_mw + worst.get("poi_export", 0.0),
        s_mva=margins.s_mva + worst.get("poi_mva", 0.0),
        pf_ratio=margins.pf_ratio + worst.get("poi_pf", 0.0),
    )


def ac_facts(check: AcCheck | None, rounds: int) -> dict[str, Any]:
    """The ``SolverFacts`` fields of the AC loop: rounds screened, violating intervals left, largest gaps."""
    if check is None:
        return {"ac_rounds": rounds}
    rep = check.report
    return {
        "ac_rounds": rounds,
        "ac_violations": check.violating_intervals,
        "ac_max_gap_mw": rep.max_linear_gap_mw,
        "ac_max_gap_mva": rep.max_linear_gap_mva,
    }

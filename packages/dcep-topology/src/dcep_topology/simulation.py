"""The feasibility simulation: workload-driven load, rule-based BESS, an AC power flow every step.

The BESS rule is deliberately conservative (it is a screen, not an optimiser):

1. Reactive for the POI power factor: the PCS supplies enough MVAr (load Q plus an estimate of the
   transformers' reactive loss, ``vk * S**2 / S_rated``) to hold the POI at ``poi_min_pf + 0.01``,
   within what its MVA rating leaves after real power (real power has priority).
2. Peak shaving: when the load's apparent power exceeds 90 % of the smaller of the POI rating and the
   transformers' firm rating (or the import exceeds 90 % of the POI import limit), discharge the excess,
   never below the SOC floor (reserve included).
3. Recharge: when the load is under 70 % of that threshold and SOC is below its starting value,
   charge at half the rated power, never above the SOC ceiling and never pushing the load over 70 %.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from dcep_topology.screening import ScreeningReport, screen_schedule
from dcep_topology.spec import BaseSystemSpec
from dcep_topology.workloads import ARCHITECTURES, workload_shape

__all__ = ["SimulationResult", "simulate", "timeseries_csv", "violations_csv"]

FloatArray = NDArray[np.float64]
SHAVE_FRACTION = 0.90
RECHARGE_FRACTION = 0.70
PF_MARGIN = 0.01


@dataclass(frozen=True)
class SimulationResult:
    """One run: inputs per step, the BESS schedule and the AC screening report."""

    arch: str
    mode: str
    load_pf: float
    hour: FloatArray
    load_p_mw: FloatArray
    load_q_mvar: FloatArray
    bess_p_mw: FloatArray
    bess_q_mvar: FloatArray
    soc_frac: FloatArray  # at the end of each step
    report: ScreeningReport


def simulate(
    spec: BaseSystemSpec,
    arch: str,
    mode: str,
    hours: float,
    interval_min: int = 60,
    load_pf: float | None = None,
    start_hour: float = 0.0,
) -> SimulationResult:
    """Run the feasibility loop for ``hours`` at ``interval_min`` steps.

    Args:
        spec: the planning network; ``spec.load_mw`` is the site's peak draw with AC racks, MW.
        arch: ``ac_racks`` or ``dc_800v`` (see :mod:`dcep_topology.workloads`).
        mode: ``training``, ``inference`` or ``mixed``.
        hours: simulated time, h (> 0).
        interval_min: step length, minutes (> 0).
        load_pf: lagging PF of the load; default the architecture's.
        start_hour: local hour of day of the first step.

    Raises:
        ValueError: unknown ``arch``/``mode``, non-positive ``hours``/``interval_min``, PF outside (0, 1].
    """
    if arch not in ARCHITECTURES:
        raise ValueError(f"arch: must be one of {', '.join(ARCHITECTURES)}, got {arch!r}")
    if not hours > 0 or interval_min <= 0:
        raise ValueError(f"hours and interval_min: must be > 0, got {hours} and {interval_min}")
    rack = ARCHITECTURES[arch]
    pf = rack.power_factor if load_pf is None else load_pf
    if not 0 < pf <= 1:
        raise ValueError(f"load_pf: must be in (0, 1], got {pf}")
    dt_h = interval_min / 60.0
    n = max(1, math.ceil(hours / dt_h - 1e-9))
    hour: FloatArray = np.asarray(start_hour + dt_h * np.arange(n), dtype=np.float64)
    it_peak_mw = spec.load_mw * ARCHITECTURES["ac_racks"].chain_efficiency
    load_p = it_peak_mw * workload_shape(mode, hour % 24.0) / rack.chain_efficiency
    load_q = load_p * math.tan(math.acos(pf))
    bess_p, bess_q, soc = _rule_based_bess(spec, load_p, load_q, dt_h)
    report = screen_schedule(replace(spec, load_pf=pf), load_p, load_q, bess_p_mw=bess_p, bess_q_mvar=bess_q)
    return SimulationResult(arch, mode, pf, hour, load_p, load_q, bess_p, bess_q, soc, report)


def _rule_based_bess(
    spec: BaseSystemSpec, load_p: FloatArray, load_q: FloatArray, dt_h: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    limits = [spec.transformer_firm_mva] + ([spec.poi_rating_mva] if spec.poi_rating_mva else [])
    s_shave = SHAVE_FRACTION * min(limits)
    p_shave = SHAVE_FRACTION * spec.poi_max_import_mw if spec.poi_max_import_mw else math.inf
    q_ratio = math.tan(math.acos(min(1.0, spec.poi_min_pf + PF_MARGIN)))
    energy = spec.bess_energy_mwh
    soc = spec.bess_soc_initial_frac
    eta = spec.bess_efficiency
    n = len(load_p)
    out_p, out_q, out_soc = np.zeros(n), np.zeros(n), np.zeros(n)
    for t in range(n):
        p_l, q_l = float(load_p[t]), float(load_q[t])
        s_l = math.hypot(p_l, q_l)
        p = 0.0
        if s_l > s_shave or p_l > p_shave:
            excess = max(p_l - math.sqrt(max(s_shave**2 - q_l**2, 0.0)), p_l - p_shave)
            available = max(soc - spec.bess_soc_min_frac, 0.0) * energy * eta / dt_h
            p = min(excess, spec.bess_power_mw, available)
        elif s_l < RECHARGE_FRACTION * s_shave and soc < spec.bess_soc_initial_frac:
            room = (min(spec.bess_soc_initial_frac, spec.bess_soc_max_frac) - soc) * energy / eta / dt_h
            headroom = RECHARGE_FRACTION * s_shave - s_l
            p = -min(0.5 * spec.bess_power_mw, room, headroom)
        q_room = math.sqrt(max(spec.bess_pcs_mva**2 - p**2, 0.0))
        # Transformer reactive loss ~ x * S^2 / S_rated per group (x ~ vk) also lands on the POI.
        q_loss = sum(g.vk_percent / 100 * (p_l - p) ** 2 / g.installed_mva for g in spec.transformers)
        q_loss *= 1.0 + (q_l / max(p_l, 1e-9)) ** 2
        q = min(max(q_l + q_loss - q_ratio * max(p_l - p, 0.0), 0.0), q_room)
        soc += (-p * eta if p < 0 else -p / eta) * dt_h / energy
        out_p[t], out_q[t], out_soc[t] = p, q, soc
    return out_p, out_q, out_soc


def timeseries_csv(result: SimulationResult) -> str:
    """Per-step CSV text: inputs, BESS, SOC, grid import, voltages, loading, violation count."""
    rep = result.report
    per_step = np.zeros(len(result.hour), dtype=int)
    for v in rep.violations:
        per_step[v.interval] += 1
    header = [
        "step", "hour", "load_p_mw", "load_q_mvar", "bess_p_mw", "bess_q_mvar", "soc_frac",
        "grid_p_mw", "grid_q_mvar", "grid_s_mva", "poi_pf", "poi_vm_pu", "mv_vm_pu",
    ]  # fmt: skip
    header += [f"{name}_loading_percent" for name in rep.trafo_names] + ["violations"]
    buf = io.StringIO()
    buf.write(",".join(header) + "\n")
    for t in range(len(result.hour)):
        row = [
            result.hour[t], result.load_p_mw[t], result.load_q_mvar[t], result.bess_p_mw[t], result.bess_q_mvar[t],
            result.soc_frac[t], rep.grid_p_mw[t], rep.grid_q_mvar[t], rep.grid_s_mva[t], rep.poi_pf[t],
            rep.poi_vm_pu[t], rep.mv_vm_pu[t], *rep.trafo_loading_percent[t],
        ]  # fmt: skip
        buf.write(f"{t}," + ",".join(f"{x:.6f}" for x in row) + f",{per_step[t]}\n")
    return buf.getvalue()


def violations_csv(results: list[SimulationResult]) -> str:
    """Every violation of every run, one per line, with the run's architecture, mode and PF."""
    buf = io.StringIO()
    buf.write("arch,mode,load_pf,step,hour,kind,element,value,limit\n")
    for res in results:
        for v in res.report.violations:
            buf.write(
                f"{res.arch},{res.mode},{res.load_pf:.4f},{v.interval},{res.hour[v.interval]:.4f},"
                f"{v.kind},{v.element},{v.value:.6f},{v.limit:.6f}\n"
            )
    return buf.getvalue()

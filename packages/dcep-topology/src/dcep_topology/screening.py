"""Screen a dispatch schedule with the AC power flow: voltages, loading, POI limits, linearisation gap.

Takes plain arrays (MW, MVAr per interval) so that topology never imports dcep-opt. Every interval
is solved by :class:`dcep_topology.BatchPowerFlow` (agreement with pandapower ``runpp`` is tested).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dcep_models import Case
from dcep_topology.batch import BatchPowerFlow
from dcep_topology.linear import polygon_apparent_power_mva
from dcep_topology.network import build_base_network, element_index
from dcep_topology.spec import BaseSystemSpec, spec_from_case

__all__ = ["ScreeningReport", "Violation", "screen_schedule", "site_injections"]

FloatArray = NDArray[np.float64]
_REL_TOL = 1e-6


@dataclass(frozen=True)
class Violation:
    """One limit broken in one interval.

    ``kind`` is one of ``voltage_low``, ``voltage_high`` (element: bus name), ``trafo_overload``
    (loading over 100 % of installed units), ``trafo_firm`` (over the redundancy-rule rating),
    ``poi_pf``, ``poi_mva``, ``poi_import``, ``poi_export`` (element ``poi``: measured at the POI
    bus, the meter), ``not_converged``.
    ``value`` and ``limit`` share the unit of the kind (pu, percent, PF, MVA, MW).
    """

    interval: int
    kind: str
    element: str
    value: float
    limit: float

    def __str__(self) -> str:
        return f"interval {self.interval}: {self.kind} at {self.element}: {self.value:.4g} vs limit {self.limit:.4g}"


@dataclass(frozen=True)
class ScreeningReport:
    """AC results per interval and every violation found.

    Where each quantity is measured: ``poi_p_mw``/``poi_q_mvar``/``poi_s_mva``/``poi_pf`` at the POI
    bus (the revenue meter, where the interconnection limits apply): the flow from the POI bus into
    the site's transformers, import positive. ``grid_p_mw``/``grid_q_mvar``/``grid_s_mva`` at the
    ideal source behind the grid's Thevenin impedance (equal to the POI figures with an infinite
    grid; larger by the impedance's own losses otherwise); no limit is checked there.
    ``poi_pf`` is NaN where the POI apparent power is below ``pf_min_s_mva`` (no meaningful PF).

    ``linear_s_mva`` is the POI apparent power as the linear model sees it (the caller's P, Q through
    the ``n_sides`` polygon); ``max_linear_gap_mva`` is the largest ``|linear_s_mva - poi_s_mva|``.
    ``max_linear_gap_mw`` is the largest ``|linear P - poi_p_mw|`` (the transformer's P losses when the
    linear model is lossless).
    """

    grid_p_mw: FloatArray
    grid_q_mvar: FloatArray
    grid_s_mva: FloatArray
    poi_p_mw: FloatArray
    poi_q_mvar: FloatArray
    poi_s_mva: FloatArray
    poi_pf: FloatArray
    poi_vm_pu: FloatArray
    mv_vm_pu: FloatArray
    trafo_names: tuple[str, ...]
    trafo_loading_percent: FloatArray  # (T, n_groups)
    linear_s_mva: FloatArray
    max_linear_gap_mva: float
    max_linear_gap_interval: int
    max_linear_gap_mw: float
    converged: NDArray[np.bool_]
    violations: tuple[Violation, ...]

    @property
    def ok(self) -> bool:
        """True if no interval breaks any limit."""
        return not self.violations

    def counts(self) -> dict[str, int]:
        """Number of violating intervals per kind."""
        return dict(Counter(v.kind for v in self.violations))


def site_injections(
    batch: BatchPowerFlow,
    net: object,
    load_p_mw: FloatArray,
    load_q_mvar: FloatArray,
    *,
    gen_p_mw: FloatArray,
    gen_q_mvar: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Bus injection matrices (T, n_bus) for the planning net: MV bus = generation - load.

    Args:
        batch: the solver built on ``net``.
        net: a net from :func:`dcep_topology.build_base_network`.
        load_p_mw, load_q_mvar: load per interval, MW / MVAr (lagging positive).
        gen_p_mw, gen_q_mvar: all MV-bus sources together (BESS + generators), MW / MVAr.
    """
    col = batch.result_column(element_index(net, "bus", "mv"))
    n = len(load_p_mw)
    p = np.zeros((n, len(batch.bus_index)))
    q = np.zeros_like(p)
    p[:, col] = gen_p_mw - load_p_mw
    q[:, col] = gen_q_mvar - load_q_mvar
    return p, q


@functools.lru_cache(maxsize=8)
def _solver_for(spec: BaseSystemSpec) -> tuple[Any, BatchPowerFlow]:
    """The planning net of ``spec`` and its batch solver, built once per spec (the AC loop and rolling
    studies screen the same network many times). Neither is modified by a screen: the batch solver
    replaces every injection and only reads the net's element names."""
    net = build_base_network(spec)
    return net, BatchPowerFlow(net)


def _series(name: str, value: FloatArray | None, n: int) -> FloatArray:
    if value is None:
        return np.zeros(n)
    arr = np.asarray(value, dtype=float)
    if arr.shape != (n,):
        raise ValueError(f"{name}: need shape ({n},) like load_p_mw, got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name}: interval {int(np.flatnonzero(~np.isfinite(arr))[0])} is not finite")
    return arr


def screen_schedule(
    system: Case | BaseSystemSpec,
    load_p_mw: FloatArray,
    load_q_mvar: FloatArray,
    bess_p_mw: FloatArray | None = None,
    bess_q_mvar: FloatArray | None = None,
    gen_p_mw: FloatArray | None = None,
    gen_q_mvar: FloatArray | None = None,
    *,
    linear_grid_p_mw: FloatArray | None = None,
    linear_grid_q_mvar: FloatArray | None = None,
    n_sides: int = 16,
    pf_min_s_mva: float = 1.0,
) -> ScreeningReport:
    """Run the AC power flow at every interval of a schedule and list the violations.

    Args:
        system: the case (its planning network via :func:`spec_from_case`) or a spec.
        load_p_mw, load_q_mvar: aggregated load per interval (served load), MW / MVAr lagging positive.
        bess_p_mw, bess_q_mvar: battery output (discharge / supply positive), MW / MVAr; default 0.
        gen_p_mw, gen_q_mvar: generator output summed over fleets, MW / MVAr; default 0.
        linear_grid_p_mw, linear_grid_q_mvar: the POI import the linear model computed; default the
            lossless balance ``load - bess - gen``.
        n_sides: sides of the MVA polygon the linear model used.
        pf_min_s_mva: the POI power factor is only checked and reported (NaN below) above this
            apparent power at the POI bus, MVA (the PF of a near-zero exchange is meaningless).

    Raises:
        ValueError: arrays of unequal length or not finite (names the argument).
        CaseError: the case has no usable transformer (from :func:`spec_from_case`).
        PowerFlowError: the initial power flow of the network does not converge.
    """
    spec = spec_from_case(system) if isinstance(system, Case) else system
    lp = np.asarray(load_p_mw, dtype=float)
    if lp.ndim != 1:
        raise ValueError(f"load_p_mw: need a 1-D array, got shape {lp.shape}")
    n = len(lp)
    lp = _series("load_p_mw", lp, n)
    lq = _series("load_q_mvar", load_q_mvar, n)
    bp, bq = _series("bess_p_mw", bess_p_mw, n), _series("bess_q_mvar", bess_q_mvar, n)
    gp, gq = _series("gen_p_mw", gen_p_mw, n), _series("gen_q_mvar", gen_q_mvar, n)
    lin_p = lp - bp - gp if linear_grid_p_mw is None else _series("linear_grid_p_mw", linear_grid_p_mw, n)
    lin_q = lq - bq - gq if linear_grid_q_mvar is None else _series("linear_grid_q_mvar", linear_grid_q_mvar, n)

    net, batch = _solver_for(spec)
    p_inj, q_inj = site_injections(batch, net, lp, lq, gen_p_mw=bp + gp, gen_q_mvar=bq + gq)
    res = batch.solve(p_inj, q_inj)
    poi_col = batch.result_column(element_index(net, "bus", "poi"))
    mv_col = batch.result_column(element_index(net, "bus", "mv"))
    # The meter: everything leaving the POI bus goes into the site's transformers (HV side).
    poi_p = res.trafo_p_hv_mw.sum(axis=1)
    poi_q = res.trafo_q_hv_mvar.sum(axis=1)
    if not spec.transformers:  # the site bus is the POI bus: the meter reads the site's own exchange
        poi_p, poi_q = -p_inj[:, mv_col], -q_inj[:, mv_col]
    s_poi = np.hypot(poi_p, poi_q)
    pf_checked = s_poi >= pf_min_s_mva
    with np.errstate(invalid="ignore", divide="ignore"):
        pf = np.where(pf_checked, np.abs(poi_p) / s_poi, np.nan)
    s_lin = polygon_apparent_power_mva(lin_p, lin_q, n_sides)
    gap = np.abs(s_lin - s_poi)
    worst = int(np.argmax(gap)) if n else -1

    violations: list[Violation] = []
    for t in np.flatnonzero(~res.converged):
        violations.append(Violation(int(t), "not_converged", "network", float("nan"), float("nan")))
    for col, name, lo, hi in (
        (poi_col, "poi", spec.poi_v_min_pu, spec.poi_v_max_pu),
        (mv_col, "mv", spec.mv_v_min_pu, spec.mv_v_max_pu),
    ):
        vm = res.vm_pu[:, col]
        violations += [Violation(int(t), "voltage_low", name, float(vm[t]), lo) for t in np.flatnonzero(vm < lo - 1e-9)]
        violations += [
            Violation(int(t), "voltage_high", name, float(vm[t]), hi) for t in np.flatnonzero(vm > hi + 1e-9)
        ]
    for j, group in enumerate(spec.transformers):
        load_pct = res.trafo_loading_percent[:, j]
        firm_pct = 100.0 * group.firm_mva / group.installed_mva
        for t in np.flatnonzero(load_pct > 100.0 + 1e-6):
            violations.append(Violation(int(t), "trafo_overload", group.name, float(load_pct[t]), 100.0))
        if firm_pct < 100.0:
            for t in np.flatnonzero((load_pct > firm_pct + 1e-6) & (load_pct <= 100.0 + 1e-6)):
                violations.append(Violation(int(t), "trafo_firm", group.name, float(load_pct[t]), firm_pct))
    for t in np.flatnonzero(pf_checked & (np.nan_to_num(pf, nan=1.0) < spec.poi_min_pf - 1e-9)):
        violations.append(Violation(int(t), "poi_pf", "poi", float(pf[t]), spec.poi_min_pf))
    limits = (
        ("poi_mva", s_poi, spec.poi_rating_mva),
        ("poi_import", poi_p, spec.poi_max_import_mw),
        ("poi_export", -poi_p, spec.poi_max_export_mw),
    )
    for kind, value, limit in limits:
        if limit is not None:
            over = np.flatnonzero(value > limit * (1 + _REL_TOL) + _REL_TOL)
            violations += [Violation(int(t), kind, "poi", float(value[t]), float(limit)) for t in over]
    violations.sort(key=lambda v: (v.interval, v.kind))
    return ScreeningReport(
        grid_p_mw=res.grid_p_mw,
        grid_q_mvar=res.grid_q_mvar,
        grid_s_mva=np.hypot(res.grid_p_mw, res.grid_q_mvar),
        poi_p_mw=poi_p,
        poi_q_mvar=poi_q,
        poi_s_mva=s_poi,
        poi_pf=pf,
        poi_vm_pu=res.vm_pu[:, poi_col],
        mv_vm_pu=res.vm_pu[:, mv_col],
        trafo_names=tuple(g.name for g in spec.transformers),
        trafo_loading_percent=res.trafo_loading_percent,
        linear_s_mva=s_lin,
        max_linear_gap_mva=float(gap[worst]) if n else 0.0,
        max_linear_gap_interval=worst,
        max_linear_gap_mw=float(np.abs(lin_p - poi_p).max()) if n else 0.0,
        converged=res.converged,
        violations=tuple(violations),
    )

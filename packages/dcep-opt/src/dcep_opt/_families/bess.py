"""Battery: SOC dynamics, limits, the ride-through floor, emergency draw, PCS P-Q capability.

Families:
    ``bess-charge`` / ``bess-discharge`` (t): MW at the inverter terminals.
    ``bess-soc`` (t): end-of-interval stored energy, MWh, in [soc_min, soc_max]; constraint
        ``bess-soc`` is the dynamics soc[t] = soc[t-1] + eta_ch*h*charge - h/eta_dis*discharge, less the
        expected deployment of the battery's reserve awards (see :mod:`dcep_opt._families.deployment`):
        ``- f*R*h/eta_dis`` per up award R, ``+ f*R*h*eta_ch`` per down award.
    ``bess-floor`` and the emergency draw below it: see :mod:`dcep_opt._families.floor`.
    ``bess-final`` (): soc at the end + ``bess-final-short`` >= soc_final_min. The shortfall (MWh) costs
        ``final_soc_shortfall_usd_per_mwh`` (below VoLL, so the target yields to critical load); when
        that price is None the target is hard (no shortfall variable).
    ``bess-q`` (t) and ``bess-pcs`` (face, t): inverter reactive power inside the PCS MVA polygon.
    ``bess-mode`` (t) binary with ``bess-excl`` ("charge"|"discharge", t).

When the LP is already exact (no charge/discharge binary needed): charging and discharging at once
turns ``(1 - eta_ch*eta_dis) * MWh`` into heat and pays degradation, and it neither adds reserve
headroom (up: P - d + c and down: P - c + d are unchanged when c and d rise together) nor moves the
balance. So it can only pay when wasting energy is worth money: a negative price (import paid to
consume) or surplus that cannot be exported (generators held at minimum output by min-up time with
the export cap binding). The runner gives a binary to intervals with a negative price up front and
to any interval whose LP-relaxed solution shows both flows, then re-solves until none do.
"""

from __future__ import annotations

import pulp

from dcep_opt._families.floor import define_floor
from dcep_opt._model import DispatchModel, RowPattern
from dcep_topology.linear import axis_vertex_polygon


def define_bess(m: DispatchModel) -> None:
    """Battery variables and constraints; returns at once when the site has no battery."""
    b = m.inputs.battery
    if b is None:
        return
    h, n = m.h, m.n
    keys = [(t,) for t in range(n)]
    m.add_vars("bess-charge", keys, 0.0, b.power_mw)
    for dis in m.add_vars("bess-discharge", keys, 0.0, b.power_mw):
        m.add_objective(dis, -b.degradation_usd_per_mwh * h)
    m.add_vars("bess-soc", keys, b.soc_min_mwh, b.soc_max_mwh)
    if not battery_deploys(m):  # else the awards exist first: define_reserves adds the rows with deployment
        define_soc_rows(m)
    define_floor(m)
    _define_final(m)
    _define_pcs(m)
    _define_exclusivity(m)


def battery_deploys(m: DispatchModel) -> bool:
    """True when a storage-eligible product has a non-zero expected deployment fraction."""
    return m.inputs.battery is not None and any(
        p.storage_eligible and p.deployment_fraction > 0 for p in m.inputs.products
    )


def define_soc_rows(m: DispatchModel, deployed: dict[int, list[tuple[pulp.LpVariable, float]]] | None = None) -> None:
    """The ``bess-soc`` dynamics rows; ``deployed[t]`` adds expected-deployment terms (award MW, MWh per MW
    taken out of the store: positive for up awards, negative for down awards). Without them the rows from
    t = 1 on repeat one pattern (:func:`define_soc_row` at every interval, added as a block)."""
    if deployed or m.n < 2:
        for t in range(m.n):
            define_soc_row(m, t, deployed)
        return
    define_soc_row(m, 0)
    v = m.index.variables
    soc, ch, dis = ([v[f][(t,)] for t in range(m.n)] for f in ("bess-soc", "bess-charge", "bess-discharge"))
    charge, discharge = _soc_coefficients(m)
    row: RowPattern = ("bess-soc", (), ((0, 1.0), (1, charge), (2, discharge), (3, -1.0)), "==", 0.0)
    m.add_rows_each_interval(range(1, m.n), (soc, ch, dis, [None, *soc[:-1]]), [row])  # type: ignore[list-item]


def define_soc_row(
    m: DispatchModel, t: int, deployed: dict[int, list[tuple[pulp.LpVariable, float]]] | None = None
) -> None:
    """The ``bess-soc`` row at ``t`` alone (see :func:`define_soc_rows`)."""
    b = m.inputs.battery
    assert b is not None
    v = m.index.variables
    charge, discharge = _soc_coefficients(m)
    terms = [(v["bess-soc"][(t,)], 1.0), (v["bess-charge"][(t,)], charge), (v["bess-discharge"][(t,)], discharge)]
    terms.extend((deployed or {}).get(t, []))
    rhs = b.soc_initial_mwh
    if t > 0:
        terms.append((v["bess-soc"][(t - 1,)], -1.0))
        rhs = 0.0
    m.add_con("bess-soc", (t,), terms, "==", rhs)


def _soc_coefficients(m: DispatchModel) -> tuple[float, float]:
    """The charge and discharge coefficients of a ``bess-soc`` row: ``-eta_ch * h`` and ``h / eta_dis``."""
    b = m.inputs.battery
    assert b is not None
    return -b.charge_efficiency * m.h, m.h / b.discharge_efficiency


def _define_final(m: DispatchModel) -> None:
    b = m.inputs.battery
    assert b is not None
    terms = [(m.index.variables["bess-soc"][(m.n - 1,)], 1.0)]
    price = m.inputs.final_soc_shortfall_usd_per_mwh
    gap = b.soc_final_min_mwh - b.soc_min_mwh
    if price is not None and gap > 0:
        short = m.add_var("bess-final-short", (), 0.0, gap)
        m.add_objective(short, -price)
        terms.append((short, 1.0))
    m.add_con("bess-final", (), terms, ">=", b.soc_final_min_mwh)


def _define_pcs(m: DispatchModel) -> None:
    b = m.inputs.battery
    assert b is not None
    if not b.reactive_support:
        return
    rows = axis_vertex_polygon(b.pcs_mva, m.inputs.polygon_sides)
    v = m.index.variables
    q = m.add_vars("bess-q", [(t,) for t in range(m.n)], None, None)
    ch = [v["bess-charge"][(t,)] for t in range(m.n)]
    dis = [v["bess-discharge"][(t,)] for t in range(m.n)]
    faces: list[RowPattern] = [
        ("bess-pcs", (k,), ((0, a_p), (1, -a_p), (2, a_q)), "<=", rhs) for k, (a_p, a_q, rhs) in enumerate(rows)
    ]
    m.add_rows_each_interval(range(m.n), (dis, ch, q), faces)


def _define_exclusivity(m: DispatchModel) -> None:
    b = m.inputs.battery
    assert b is not None
    v = m.index.variables
    for t in sorted(m.options.bess_mode_intervals):
        if not 0 <= t < m.n:
            continue
        y = m.add_var("bess-mode", (t,), 0.0, 1.0, integer=True)
        m.add_con("bess-excl", ("charge", t), [(v["bess-charge"][(t,)], 1.0), (y, -b.power_mw)], "<=", 0.0)
        m.add_con("bess-excl", ("discharge", t), [(v["bess-discharge"][(t,)], 1.0), (y, b.power_mw)], "<=", b.power_mw)

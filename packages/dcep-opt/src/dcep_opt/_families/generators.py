"""Generator fleets: clustered commitment of identical units, output and reactive limits.

Families (key (fleet, t)):
    ``gen-units`` integer in [0, count]: units committed (starting or synchronised).
    ``gen-start`` / ``gen-stop`` integer >= 0: units started / stopped in t.
    ``gen-p`` MW produced; ``gen-q`` MVAr.
    ``gen-commit``: units[t] - units[t-1] = start[t] - stop[t] (units[-1] = initial units online).
    ``gen-min-up``: starts in the last min_up intervals <= units[t].
    ``gen-min-down``: stops in the last min_down intervals <= count - units[t].
    ``gen-max`` / ``gen-min``: p_min * synced <= p <= p_max * synced, where
        synced[t] = units[t] - starts in the last start_intervals intervals: a unit that starts at t
        produces only after its start time (rounded UP to whole intervals: conservative).
    ``gen-qcap`` (fleet, "up"|"dn", t): |q| <= q_max_per_unit * synced (rated power-factor capability).
    ``gen-start-max`` (fleet, t): start[t] <= max_starts_per_interval (start-up sequencing; only when the
        limit is below the fleet's count).

Units online at the start are taken as synchronised and free of min-up/min-down history (the case
gives no history). Fuel burnt while starting is not modelled beyond ``start_cost_usd``.
"""

from __future__ import annotations

import pulp

from dcep_opt._inputs import FleetInputs
from dcep_opt._model import DispatchModel, RowPattern


def synced_terms(m: DispatchModel, fleet: FleetInputs, t: int, scale: float) -> list[tuple[pulp.LpVariable, float]]:
    """``scale * synced[t]`` as terms: units committed minus units still inside their start time."""
    v = m.index.variables
    terms = [(v["gen-units"][(fleet.name, t)], scale)]
    for tau in fleet.starting_window(t):
        terms.append((v["gen-start"][(fleet.name, tau)], -scale))
    return terms


def define_generators(m: DispatchModel) -> None:
    """Every fleet's variables and constraints; returns at once when there are none."""
    for fleet in m.inputs.fleets:
        _define_fleet(m, fleet)


def _define_fleet(m: DispatchModel, f: FleetInputs) -> None:
    h, n, name = m.h, m.n, f.name
    keys = [(name, t) for t in range(n)]
    m.add_vars("gen-units", keys, 0.0, float(f.count), integer=True)
    starts = m.add_vars("gen-start", keys, 0.0, float(f.count), integer=True)
    m.add_vars("gen-stop", keys, 0.0, float(f.count), integer=True)
    power = m.add_vars("gen-p", keys, 0.0, f.p_max_mw * f.count)
    m.add_vars("gen-q", keys, None, None)
    for p, start in zip(power, starts, strict=True):
        m.add_objective(p, -f.marginal_cost_usd_per_mwh * h)
        m.add_objective(start, -f.start_cost_usd)
    # every interval's rows in one order; from ``steady`` on each window is full, so the rows repeat a pattern
    steady = min(max(1, f.min_up_intervals - 1, f.min_down_intervals - 1, f.start_intervals - 1), n)
    for t in range(steady):
        _fleet_rows_at(m, f, t)
    if steady < n:
        _steady_fleet_rows(m, f, range(steady, n))


def _fleet_rows_at(m: DispatchModel, f: FleetInputs, t: int) -> None:
    """The fleet's rows at interval ``t``, one by one (see :func:`_steady_fleet_rows` for their order)."""
    name = f.name
    v = m.index.variables
    units, starts, stops = v["gen-units"], v["gen-start"], v["gen-stop"]
    terms = [(units[(name, t)], 1.0), (starts[(name, t)], -1.0), (stops[(name, t)], 1.0)]
    rhs = float(f.initial_units_online)
    if t > 0:
        terms.append((units[(name, t - 1)], -1.0))
        rhs = 0.0
    m.add_con("gen-commit", (name, t), terms, "==", rhs)
    limit = f.max_starts_per_interval
    if limit is not None and limit < f.count:
        m.add_con("gen-start-max", (name, t), [(starts[(name, t)], 1.0)], "<=", float(limit))
    if f.min_up_intervals > 1:
        m.add_con(
            "gen-min-up",
            (name, t),
            [(starts[(name, tau)], 1.0) for tau in _window(t, f.min_up_intervals)] + [(units[(name, t)], -1.0)],
            "<=",
            0.0,
        )
    if f.min_down_intervals > 1:
        m.add_con(
            "gen-min-down",
            (name, t),
            [(stops[(name, tau)], 1.0) for tau in _window(t, f.min_down_intervals)] + [(units[(name, t)], 1.0)],
            "<=",
            float(f.count),
        )
    p = v["gen-p"][(name, t)]
    m.add_con("gen-max", (name, t), [(p, 1.0), *synced_terms(m, f, t, -f.p_max_mw)], "<=", 0.0)
    if f.p_min_mw > 0:
        m.add_con("gen-min", (name, t), [(p, 1.0), *synced_terms(m, f, t, -f.p_min_mw)], ">=", 0.0)
    q = v["gen-q"][(name, t)]
    m.add_con("gen-qcap", (name, "up", t), [(q, 1.0), *synced_terms(m, f, t, -f.q_max_mvar_per_unit)], "<=", 0.0)
    m.add_con("gen-qcap", (name, "dn", t), [(q, -1.0), *synced_terms(m, f, t, -f.q_max_mvar_per_unit)], "<=", 0.0)


def _window(t: int, length: int) -> range:
    """The intervals of a min up/down window of ``length`` intervals ending at ``t`` (cut at 0)."""
    return range(max(0, t - length + 1), t + 1)


def _steady_fleet_rows(m: DispatchModel, f: FleetInputs, intervals: range) -> None:
    """:func:`_fleet_rows_at` for every interval of ``intervals`` (each past every window's start and
    past 0), as one pattern: the same rows, terms and order. The windows are read at the first interval
    (``_window``, ``FleetInputs.starting_window``) as lags, the same at every later one."""
    name, n, t0 = f.name, m.n, intervals[0]
    v = m.index.variables
    slots: list[list[pulp.LpVariable | None]] = []
    slot_of: dict[tuple[str, int], int] = {}

    def at(family: str, tau: int) -> int:
        """The slot of ``family`` at ``t - (t0 - tau)``: the variable ``tau`` is to ``t0``, for every ``t``."""
        lag = t0 - tau
        if (family, lag) not in slot_of:
            by_t = [v[family][(name, t)] for t in range(n - lag)]
            slot_of[(family, lag)] = len(slots)
            slots.append([None] * lag + by_t)  # type: ignore[operator]
        return slot_of[(family, lag)]

    units, p, q = at("gen-units", t0), at("gen-p", t0), at("gen-q", t0)
    head = (name,)

    def synced(scale: float) -> list[tuple[int, float]]:  # synced_terms as slots
        return [(units, scale)] + [(at("gen-start", tau), -scale) for tau in f.starting_window(t0)]

    commit = [(units, 1.0), (at("gen-start", t0), -1.0), (at("gen-stop", t0), 1.0), (at("gen-units", t0 - 1), -1.0)]
    rows: list[RowPattern] = [("gen-commit", head, commit, "==", 0.0)]
    limit = f.max_starts_per_interval
    if limit is not None and limit < f.count:
        rows.append(("gen-start-max", head, [(at("gen-start", t0), 1.0)], "<=", float(limit)))
    if f.min_up_intervals > 1:
        window = [(at("gen-start", tau), 1.0) for tau in _window(t0, f.min_up_intervals)]
        rows.append(("gen-min-up", head, [*window, (units, -1.0)], "<=", 0.0))
    if f.min_down_intervals > 1:
        window = [(at("gen-stop", tau), 1.0) for tau in _window(t0, f.min_down_intervals)]
        rows.append(("gen-min-down", head, [*window, (units, 1.0)], "<=", float(f.count)))
    rows.append(("gen-max", head, [(p, 1.0), *synced(-f.p_max_mw)], "<=", 0.0))
    if f.p_min_mw > 0:
        rows.append(("gen-min", head, [(p, 1.0), *synced(-f.p_min_mw)], ">=", 0.0))
    rows.append(("gen-qcap", (name, "up"), [(q, 1.0), *synced(-f.q_max_mvar_per_unit)], "<=", 0.0))
    rows.append(("gen-qcap", (name, "dn"), [(q, -1.0), *synced(-f.q_max_mvar_per_unit)], "<=", 0.0))
    m.add_rows_each_interval(intervals, slots, rows)  # type: ignore[arg-type]

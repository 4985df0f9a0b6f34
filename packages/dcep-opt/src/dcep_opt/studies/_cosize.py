"""Co-optimised sizing: ONE MILP choosing battery MW and MWh, POI import MW (continuous) and generator
units (integer) together with the dispatch of representative days, REopt-style but with dcep's full
dispatch constraints (floor, N+k, reserves and their energy backing, PQ limits, commitment).

How the size variables enter without touching the constraint families: every limit that depends on
a size is linear in it (battery ratings and SOC limits scale with MW or MWh, the PCS polygon with its
rating ``pcs_ratio * MW``, the POI caps and polygon with the import MW, a fleet's output and
headroom with its unit count). Each representative day's model is therefore built at the upper
sizes and once more at the lower sizes; the difference of every right-hand side and variable bound
gives its slope in each size (a size-dependent bound becomes a row), and a build at the middle of the
box checks that the dependence is linear (ValueError otherwise). Rows whose *coefficients* depend on a
size are big-M rows (charge/discharge and import/export exclusivity, N+k unit indicators) or tangents
of the convex transformer loss or the N+k hull cuts (whose points depend on the count and the battery
power); they are kept as built at the upper sizes, which stays valid over the whole box (exact for the
binaries; a hull over more points is a weaker, still valid, cut).

Objective (maximised, USD/yr): sum over days of weight x the day's net value, scaled to 8760 h, minus
the annualised capital and fixed O&M cost of the sizes (:func:`dcep_opt.studies._sizing.annual_costs_usd`,
the enumeration's own cost function, read as a slope per unit). The reported objective and bound add
the baseline anchor (:func:`dcep_opt.studies._representative.baseline_anchor_usd`, a constant: the
horizon's exact grid-only baseline minus the days' weighted one), so the predicted annual net value is
the exact baseline plus the representative days' value over it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable
from dataclasses import dataclass, field

import highspy
import numpy as np
import pulp

from dcep_models import Case, SizingSpec
from dcep_opt._build import build_model
from dcep_opt._highs import rowwise_lp
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel, ModelOptions
from dcep_opt._prepare import prepare_inputs
from dcep_opt._solve import SolveOptions, SolveOutcome, configured_highs, read_outcome
from dcep_opt.studies._representative import (
    RepresentativeDay,
    annual_scale,
    baseline_anchor_usd,
    representative_days,
)
from dcep_opt.studies._sizebox import SizeDim, clip_poi, design_candidate, design_inputs, ride_through_bounds, size_dims
from dcep_opt.studies._sizing import Candidate, _spec, annual_costs_usd

#: Families whose coefficients may depend on a size: big-M rows and convex-loss tangents, valid when built
#: at the largest sizes.
BUILT_AT_UPPER_SIZES = frozenset({"bess-excl", "grid-excl", "n1-unit", "n1-hull", "xfmr-q-loss"})
_REL_TOL = 1e-7
Key = tuple[Hashable, ...]


@dataclass
class CoSizingResult:
    """The chosen design and how the MILP went (USD/yr; the objective is annual value minus cost).

    ``design`` maps each size name to its value (every sized dimension, fixed ones included).
    ``objective_usd`` / ``bound_usd`` / ``mip_gap`` are HiGHS's on the representative-day MILP.
    ``days`` lists (horizon day, weight in days, extreme) of the representative days.
    ``baseline_anchor_usd`` (USD/yr) is included in the objective and bound (see the module docstring).
    """

    design: dict[str, float]
    dims: list[SizeDim]
    status: str
    termination: str
    objective_usd: float | None
    bound_usd: float | None
    mip_gap: float | None
    annual_cost_usd: float
    days: list[tuple[int, float, bool]]
    annual_scale: float
    build_s: float
    solve_s: float
    n_variables: int
    n_constraints: int
    n_integer: int
    baseline_anchor_usd: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def predicted_annual_net_value_usd(self) -> float | None:
        """The MILP's annual net value of dispatch (objective plus the annual cost of the design)."""
        return None if self.objective_usd is None else self.objective_usd + self.annual_cost_usd

    def candidate(self, case: Case) -> Candidate:
        """The design as an enumeration :class:`Candidate` (sizes not decided keep the case's values)."""
        return design_candidate(case, self.design)


@dataclass
class _Built:
    model: DispatchModel
    var_key: dict[int, tuple[str, Key]]


def _build(inputs: DispatchInputs) -> _Built:
    price = np.asarray(inputs.energy_price_usd_per_mwh)
    neg = frozenset(
        t for t in range(inputs.n_intervals) if price[t] + inputs.import_adder_usd_per_mwh[t] <= 0 or price[t] <= 0
    )
    # emergency_floor=False: the floor a plain bound and N+k a row everywhere, so the structure does not
    # depend on the sizes (where critical demand outruns import + generation depends on them)
    model = build_model(inputs, ModelOptions(bess_mode_intervals=neg, emergency_floor=False)).model
    var_key = {id(v): (fam, key) for fam, vs in model.index.variables.items() for key, v in vs.items()}
    return _Built(model, var_key)


def _row(built: _Built, con: pulp.LpConstraint) -> tuple[dict[tuple[str, Key], float], float]:
    return {built.var_key[id(v)]: float(c) for v, c in con.items() if c != 0}, -float(con.constant)


class _Assembler:
    """Columns and rows of the combined MILP (HiGHS minimises: costs are minus net value)."""

    def __init__(self, dims: list[SizeDim]) -> None:
        self.dims = dims
        self.cost: list[float] = [d.annual_cost_usd_per_unit for d in dims]
        self.lower: list[float] = [d.lo for d in dims]
        self.upper: list[float] = [d.hi for d in dims]
        self.integer: list[bool] = [d.integer for d in dims]
        self.starts: list[int] = [0]
        self.index: list[int] = []
        self.value: list[float] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []

    def add_col(self, cost: float, lo: float, up: float, integer: bool) -> int:
        self.cost.append(cost)
        self.lower.append(lo)
        self.upper.append(up)
        self.integer.append(integer)
        return len(self.cost) - 1

    def add_row(self, terms: dict[int, float], lo: float, up: float) -> None:
        for j, c in terms.items():
            if c != 0.0:
                self.index.append(j)
                self.value.append(c)
        self.starts.append(len(self.index))
        self.row_lower.append(lo)
        self.row_upper.append(up)


def _slopes(v_hi: float, v_lo: float, dim: SizeDim) -> float:
    return (v_hi - v_lo) / (dim.hi - dim.lo)


Slopes = dict[tuple[str, str, Key], tuple[list[float], ...]]


def _add_day(
    asm: _Assembler,
    day_inputs: DispatchInputs,
    design_hi: dict[str, float],
    weight: float,
    mode: str,
    cache: Slopes,
) -> dict[tuple[str, Key], int]:
    """Build the day at the upper sizes and add its columns and rows with their size slopes.

    Slopes depend on the family and key only (a rating times a fraction, never on prices or loads), so
    they are read off builds at the lower sizes for the first day (``mode="first"``, with the linearity
    check at the middle of the box) and reused; the last day (``mode="verify"``) recomputes them all and
    raises ValueError if any differs. A key the cache lacks is computed from this day's own builds.
    """
    inf = highspy.kHighsInf
    hi = _build(design_inputs(day_inputs, design_hi))
    box: list[list[_Built]] = []

    def lows() -> list[_Built]:
        if not box:
            box.append([_build(design_inputs(day_inputs, {**design_hi, d.name: d.lo})) for d in asm.dims])
        return box[0]

    mids = (
        [_build(design_inputs(day_inputs, {**design_hi, d.name: 0.5 * (d.lo + d.hi)})) for d in asm.dims]
        if mode == "first"
        else []
    )
    fresh = mode in ("first", "verify")

    def remember(ck: tuple[str, str, Key], value: tuple[list[float], ...]) -> tuple[list[float], ...]:
        old = cache.get(ck)
        if old is not None and any(
            abs(x - y) > 1e-9 * max(1.0, abs(x))
            for a, b in zip(old, value, strict=True)
            for x, y in zip(a, b, strict=True)
        ):
            raise ValueError(f"{ck[1]}{ck[2]}: size slopes differ between days")
        cache[ck] = value
        return value

    def var_slopes(fam: str, key: Key, lo_v: float, up_v: float) -> tuple[list[float], ...]:
        ck = ("var", fam, key)
        if not fresh and ck in cache:
            return cache[ck]
        g_lo, g_up = [], []
        for i, low in enumerate(lows()):
            other = low.model.index.variables.get(fam, {}).get(key)
            if other is None:
                raise ValueError(
                    f"variable {fam}{key} exists only at the upper sizes: structure depends on {asm.dims[i].name}"
                )
            o_lo = -inf if other.lowBound is None else float(other.lowBound)
            o_up = inf if other.upBound is None else float(other.upBound)
            g_lo.append(_slopes(lo_v, o_lo, asm.dims[i]) if math.isfinite(lo_v) else 0.0)
            g_up.append(_slopes(up_v, o_up, asm.dims[i]) if math.isfinite(up_v) else 0.0)
        return remember(ck, (g_lo, g_up))

    def row_slopes(fam: str, key: Key, coefs: dict[tuple[str, Key], float], rhs: float) -> list[float]:
        ck = ("row", fam, key)
        if not fresh and ck in cache:
            return cache[ck][0]
        g = [0.0] * len(asm.dims)
        for i, low in enumerate(lows()):
            other = low.model.index.constraints.get(fam, {}).get(key)
            if other is None:
                raise ValueError(
                    f"row {fam}{key} exists only at the upper sizes: structure depends on {asm.dims[i].name}"
                )
            o_coefs, o_rhs = _row(low, other)
            if o_coefs.keys() != coefs.keys() or any(
                abs(o_coefs[k] - c) > _REL_TOL * max(1.0, abs(c)) for k, c in coefs.items()
            ):
                raise ValueError(f"row {fam}{key}: coefficients depend on {asm.dims[i].name}")
            g[i] = _slopes(rhs, o_rhs, asm.dims[i])
        for i, mid in enumerate(mids):
            _c, o_rhs = _row(mid, mid.model.index.constraints[fam][key])
            want = rhs - g[i] * (asm.dims[i].hi - 0.5 * (asm.dims[i].lo + asm.dims[i].hi))
            if abs(o_rhs - want) > 1e-6 * max(1.0, abs(rhs)):
                raise ValueError(f"row {fam}{key}: right-hand side is not linear in {asm.dims[i].name}")
        return remember(ck, (g,))[0]

    m = hi.model
    objective = dict(m.problem.objective.items()) if m.problem.objective else {}
    col: dict[tuple[str, Key], int] = {}
    for fam, vs in m.index.variables.items():
        for key, var in vs.items():
            lo_v = -inf if var.lowBound is None else float(var.lowBound)
            up_v = inf if var.upBound is None else float(var.upBound)
            g_lo, g_up = var_slopes(fam, key, lo_v, up_v)
            static_lo = lo_v - sum(max(g, 0.0) * (d.hi - d.lo) for g, d in zip(g_lo, asm.dims, strict=True))
            static_up = up_v - sum(min(g, 0.0) * (d.hi - d.lo) for g, d in zip(g_up, asm.dims, strict=True))
            j = asm.add_col(-weight * float(objective.get(var, 0.0)), static_lo, static_up, var.cat == pulp.LpInteger)
            col[(fam, key)] = j
            # var - sum g_i s_i  (<= up - sum g_i hi_i)  /  (>= lo - sum g_i hi_i)
            for gs, bound, is_up in ((g_up, up_v, True), (g_lo, lo_v, False)):
                if any(abs(g) > 1e-12 for g in gs):
                    terms = {j: 1.0} | {i: -g for i, g in enumerate(gs) if g}
                    rhs = bound - sum(g * d.hi for g, d in zip(gs, asm.dims, strict=True))
                    asm.add_row(terms, -inf if is_up else rhs, rhs if is_up else inf)
    for fam, rows in m.index.constraints.items():
        fixed = fam in BUILT_AT_UPPER_SIZES
        for key, con in rows.items():
            coefs, rhs = _row(hi, con)
            g = [0.0] * len(asm.dims) if fixed else row_slopes(fam, key, coefs, rhs)
            terms = {col[k]: c for k, c in coefs.items()}
            for i, gi in enumerate(g):
                if gi:
                    terms[i] = terms.get(i, 0.0) - gi
            base = rhs - sum(gi * d.hi for gi, d in zip(g, asm.dims, strict=True))
            lo_r, up_r = {
                pulp.LpConstraintLE: (-inf, base),
                pulp.LpConstraintGE: (base, inf),
                pulp.LpConstraintEQ: (base, base),
            }[con.sense]
            asm.add_row(terms, lo_r, up_r)
    return col


def run_cosizing(
    case: Case,
    spec: SizingSpec | None = None,
    n_typical: int = 8,
    options: SolveOptions | None = None,
    days: list[RepresentativeDay] | None = None,
    n_peak: int = 4,
) -> CoSizingResult:
    """Choose every size of ``spec``'s ranges (lowest to highest candidate) in one MILP over representative days.

    Raises:
        CaseError: no sizing section or a bad one (see :func:`size_dims`).
        ValueError: a limit that is not linear in a size (see the module docstring).
    """
    spec = _spec(case, spec)
    options = options or SolveOptions()
    notes: list[str] = []
    inputs = prepare_inputs(case)
    dims = clip_poi(inputs, ride_through_bounds(case, size_dims(case, spec), notes), notes)
    t0 = time.perf_counter()
    days = days if days is not None else representative_days(inputs, n_typical, n_peak=n_peak)
    scale = annual_scale(days)
    anchor = baseline_anchor_usd(inputs, days)
    design_hi = {d.name: d.hi for d in dims}
    asm = _Assembler(dims)
    cache: Slopes = {}
    for k, day in enumerate(days):
        mode = "first" if k == 0 else ("verify" if k == len(days) - 1 else "reuse")
        _add_day(asm, day.inputs, design_hi, day.weight_days * scale, mode, cache)
    build_s = time.perf_counter() - t0
    inf = highspy.kHighsInf
    lp = rowwise_lp(
        asm.cost,
        [max(v, -inf) for v in asm.lower],
        [min(v, inf) for v in asm.upper],
        asm.row_lower,
        asm.row_upper,
        (asm.starts, asm.index, asm.value),
        [bool(i) for i in asm.integer],
    )
    h = configured_highs(options)
    lp.pass_to(h)
    start = time.perf_counter()
    h.run()
    outcome: SolveOutcome = read_outcome(h, time.perf_counter() - start, is_mip=True)
    design: dict[str, float] = {}
    if outcome.has_solution:
        values = list(h.getSolution().col_value)
        for i, d in enumerate(dims):
            v = float(values[i])
            design[d.name] = float(round(v)) if d.integer else min(max(v, d.lo), d.hi)
    objective, bound = outcome.objective_usd, outcome.best_bound_usd
    cost = 0.0
    if design:
        # the MILP priced only what it sizes; the enumeration's cost function prices the whole design
        chosen = design_candidate(case, design)
        cost = sum(annual_costs_usd(case, spec, chosen))
        fixed = cost - sum(d.annual_cost_usd_per_unit * design[d.name] for d in dims)
        objective = None if objective is None else objective - fixed + anchor
        bound = None if bound is None else bound - fixed + anchor
    n_int = sum(asm.integer)
    return CoSizingResult(
        design=design,
        dims=dims,
        status=outcome.status.value,
        termination=outcome.termination.value,
        objective_usd=objective,
        bound_usd=bound,
        mip_gap=outcome.mip_gap,
        annual_cost_usd=cost,
        days=[(d.day, d.weight_days, d.extreme) for d in days],
        annual_scale=scale,
        build_s=build_s,
        solve_s=outcome.solve_s,
        n_variables=len(asm.cost),
        n_constraints=len(asm.row_lower),
        n_integer=n_int,
        baseline_anchor_usd=anchor,
        notes=notes,
    )

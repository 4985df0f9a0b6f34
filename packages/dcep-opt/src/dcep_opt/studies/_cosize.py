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
the enumeration's own cost function, read as a slope per unit).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Hashable
from dataclasses import dataclass, field

import highspy
import numpy as np
import pulp

from dcep_models import Case, CaseError, CaseIssue, SizingSpec
from dcep_opt._build import build_model
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel, ModelOptions
from dcep_opt._prepare import prepare_inputs
from dcep_opt._solve import SolveOptions, SolveOutcome, read_outcome
from dcep_opt.studies._representative import RepresentativeDay, representative_days
from dcep_opt.studies._sizing import Candidate, _spec, annual_costs_usd

HOURS_PER_YEAR = 8760.0
#: Families whose coefficients may depend on a size: big-M rows and convex-loss tangents, valid when built
#: at the largest sizes.
BUILT_AT_UPPER_SIZES = frozenset({"bess-excl", "grid-excl", "n1-unit", "n1-hull", "xfmr-q-loss"})
_REL_TOL = 1e-7
Key = tuple[Hashable, ...]


@dataclass(frozen=True)
class SizeDim:
    """One size decided by the MILP: ``bess_power_mw``, ``bess_energy_mwh``, ``poi_import_mw`` or
    ``gen:<fleet>`` (units), with its box and annualised cost per unit (USD/yr per MW, MWh or unit)."""

    name: str
    lo: float
    hi: float
    integer: bool
    annual_cost_usd_per_unit: float


@dataclass
class CoSizingResult:
    """The chosen design and how the MILP went (USD/yr; the objective is annual value minus cost).

    ``design`` maps each size name to its value (every sized dimension, fixed ones included).
    ``objective_usd`` / ``bound_usd`` / ``mip_gap`` are HiGHS's on the representative-day MILP.
    ``days`` lists (horizon day, weight in days, extreme) of the representative days.
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
    notes: list[str] = field(default_factory=list)

    @property
    def predicted_annual_net_value_usd(self) -> float | None:
        """The MILP's annual net value of dispatch (objective plus the annual cost of the design)."""
        return None if self.objective_usd is None else self.objective_usd + self.annual_cost_usd

    def candidate(self, case: Case) -> Candidate:
        """The design as an enumeration :class:`Candidate` (sizes not decided keep the case's values)."""
        return _design_candidate(case, self.design)


def _design_candidate(case: Case, d: dict[str, float]) -> Candidate:
    b = case.resources.bess
    counts = tuple((g.name, round(d.get(f"gen:{g.name}", g.count))) for g in case.resources.generators)
    return Candidate(
        d.get("bess_power_mw", b.power_mw if b else None),
        d.get("bess_energy_mwh", b.energy_mwh if b else None),
        counts,
        d.get("poi_import_mw"),
    )


def size_dims(case: Case, spec: SizingSpec) -> list[SizeDim]:
    """The sizes with a range (lowest to highest candidate) in ``spec``, each with its annual cost slope.

    Raises:
        CaseError: battery sizes without a battery, an unknown fleet, or a fleet whose largest count is
            below the redundancy it must survive (N+k needs at least k units to lose).
    """
    issues: list[CaseIssue] = []
    dims: list[SizeDim] = []
    b = case.resources.bess
    zero = Candidate(0.0 if b else None, 0.0 if b else None, tuple((g.name, 0) for g in case.resources.generators), 0.0)
    base_cost = sum(annual_costs_usd(case, spec, zero))

    def slope(candidate: Candidate) -> float:
        return sum(annual_costs_usd(case, spec, candidate)) - base_cost

    for name in ("bess_power_mw", "bess_energy_mwh"):
        values = spec.candidate_values(name)
        if values and b is None:
            issues.append(CaseIssue(f"sizing.{name}", "battery candidates given but the case has no battery"))
        elif values and max(values) > min(values):
            unit = (
                dataclasses.replace(zero, bess_power_mw=1.0)
                if name == "bess_power_mw"
                else dataclasses.replace(zero, bess_energy_mwh=1.0)
            )
            dims.append(SizeDim(name, min(values), max(values), False, slope(unit)))
    poi = spec.candidate_values("poi_import_mw")
    if poi and max(poi) > min(poi):
        dims.append(
            SizeDim("poi_import_mw", min(poi), max(poi), False, slope(dataclasses.replace(zero, poi_import_mw=1.0)))
        )
    fleets = {g.name: g for g in case.resources.generators}
    k = {"N": 0, "N+1": 1, "N+2": 2}[case.reliability.generator_redundancy]
    for name, counts in sorted(spec.generator_counts.items()):
        if name not in fleets:
            issues.append(CaseIssue(f"sizing.generator_counts.{name}", f"no generator fleet named {name!r}"))
            continue
        if max(counts) > min(counts):
            if k and min(counts) < k:
                issues.append(
                    CaseIssue(f"sizing.generator_counts.{name}", f"co-optimised sizing needs counts >= {k} (N+{k})")
                )
            unit = dataclasses.replace(zero, generator_counts=tuple((g, 1 if g == name else 0) for g in fleets))
            dims.append(SizeDim(f"gen:{name}", float(min(counts)), float(max(counts)), True, slope(unit)))
    if issues:
        raise CaseError(issues)
    return dims


def design_inputs(base: DispatchInputs, design: dict[str, float]) -> DispatchInputs:
    """``base`` with the sizes of ``design`` installed: SOC limits keep their fractions of the energy,
    the PCS its MVA per MW, the POI its MVA per import MW; unknown names are ignored."""
    out = base
    b = base.battery
    if b is not None and ("bess_power_mw" in design or "bess_energy_mwh" in design):
        p = design.get("bess_power_mw", b.power_mw)
        e = design.get("bess_energy_mwh", b.energy_mwh)
        f = e / b.energy_mwh
        out = dataclasses.replace(
            out,
            battery=dataclasses.replace(
                b,
                power_mw=p,
                energy_mwh=e,
                pcs_mva=b.pcs_mva * p / b.power_mw,
                soc_min_mwh=b.soc_min_mwh * f,
                soc_max_mwh=b.soc_max_mwh * f,
                soc_initial_mwh=b.soc_initial_mwh * f,
                soc_final_min_mwh=b.soc_final_min_mwh * f,
                floor_mwh=b.floor_mwh * f,
            ),
        )
    if "poi_import_mw" in design:
        g = base.grid
        v = design["poi_import_mw"]
        ratio = g.poi_mva / g.max_import_mw if g.max_import_mw > 0 else 1.0
        out = dataclasses.replace(out, grid=dataclasses.replace(g, max_import_mw=v, poi_mva=ratio * v))
    fleets = tuple(
        dataclasses.replace(fl, count=round(design[f"gen:{fl.name}"])) if f"gen:{fl.name}" in design else fl
        for fl in out.fleets
    )
    return dataclasses.replace(out, fleets=fleets)


@dataclass
class _Built:
    model: DispatchModel
    var_key: dict[int, tuple[str, Key]]


def _build(inputs: DispatchInputs) -> _Built:
    price = np.asarray(inputs.energy_price_usd_per_mwh)
    neg = frozenset(
        t for t in range(inputs.n_intervals) if price[t] + inputs.import_adder_usd_per_mwh[t] <= 0 or price[t] <= 0
    )
    model = build_model(inputs, ModelOptions(bess_mode_intervals=neg)).model
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


def _add_day(
    asm: _Assembler, day_inputs: DispatchInputs, design_hi: dict[str, float], weight: float, check: bool
) -> dict[tuple[str, Key], int]:
    """Build the day at the upper sizes and at each dimension's lower size; add its columns and rows."""
    inf = highspy.kHighsInf
    hi = _build(design_inputs(day_inputs, design_hi))
    lows = [_build(design_inputs(day_inputs, {**design_hi, d.name: d.lo})) for d in asm.dims]
    mids = (
        [_build(design_inputs(day_inputs, {**design_hi, d.name: 0.5 * (d.lo + d.hi)})) for d in asm.dims]
        if check
        else []
    )
    m = hi.model
    objective = dict(m.problem.objective.items()) if m.problem.objective else {}
    col: dict[tuple[str, Key], int] = {}
    for fam, vs in m.index.variables.items():
        for key, var in vs.items():
            lo_v = -inf if var.lowBound is None else float(var.lowBound)
            up_v = inf if var.upBound is None else float(var.upBound)
            g_lo, g_up = [], []
            for i, low in enumerate(lows):
                other = low.model.index.variables.get(fam, {}).get(key)
                if other is None:
                    raise ValueError(
                        f"variable {fam}{key} exists only at the upper sizes: structure depends on {asm.dims[i].name}"
                    )
                o_lo = -inf if other.lowBound is None else float(other.lowBound)
                o_up = inf if other.upBound is None else float(other.upBound)
                g_lo.append(_slopes(lo_v, o_lo, asm.dims[i]) if math.isfinite(lo_v) else 0.0)
                g_up.append(_slopes(up_v, o_up, asm.dims[i]) if math.isfinite(up_v) else 0.0)
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
        for key, con in rows.items():
            coefs, rhs = _row(hi, con)
            g = [0.0] * len(asm.dims)
            fixed = fam in BUILT_AT_UPPER_SIZES
            for i, low in enumerate([] if fixed else lows):
                other = low.model.index.constraints.get(fam, {}).get(key)
                if other is None:
                    raise ValueError(
                        f"row {fam}{key} exists only at the upper sizes: structure depends on {asm.dims[i].name}"
                    )
                o_coefs, o_rhs = _row(low, other)
                if o_coefs != coefs and not fixed:
                    same_keys = o_coefs.keys() == coefs.keys()
                    if not same_keys or any(
                        abs(o_coefs[k] - c) > _REL_TOL * max(1.0, abs(c)) for k, c in coefs.items()
                    ):
                        raise ValueError(f"row {fam}{key}: coefficients depend on {asm.dims[i].name}")
                if not fixed:
                    g[i] = _slopes(rhs, o_rhs, asm.dims[i])
            for i, mid in enumerate([] if fixed else mids):
                other = mid.model.index.constraints[fam][key]
                _c, o_rhs = _row(mid, other)
                want = rhs - g[i] * (asm.dims[i].hi - 0.5 * (asm.dims[i].lo + asm.dims[i].hi))
                if not fixed and abs(o_rhs - want) > 1e-6 * max(1.0, abs(rhs)):
                    raise ValueError(f"row {fam}{key}: right-hand side is not linear in {asm.dims[i].name}")
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


def _ride_through_bounds(case: Case, dims: list[SizeDim], notes: list[str]) -> list[SizeDim]:
    """Raise the battery's lower sizes to what the ride-through check of the case schema asks
    (dcep_models.checks: power >= critical load, floor energy >= critical load x minutes / eta)."""
    r = case.reliability
    b = case.resources.bess
    crit = case.critical_load_mw
    if b is None or r.ride_through_minutes <= 0 or crit <= 0:
        return dims
    need = {
        "bess_power_mw": crit,
        "bess_energy_mwh": crit
        * r.ride_through_minutes
        / 60
        / b.discharge_efficiency
        / (b.soc_reserve_frac - b.soc_min_frac)
        if b.soc_reserve_frac > b.soc_min_frac
        else math.inf,
    }
    out = []
    for d in dims:
        low = need.get(d.name)
        if low is not None and d.lo < low - 1e-9:
            notes.append(f"{d.name}: lower size raised from {d.lo:g} to {low:.6g} (the ride-through requirement)")
            d = dataclasses.replace(d, lo=min(low, d.hi))
        out.append(d)
    return out


def _clip_poi(inputs: DispatchInputs, dims: list[SizeDim], notes: list[str]) -> list[SizeDim]:
    """Keep the POI rating below the transformers' limit over the box, so the POI polygon scales linearly."""
    g = inputs.grid
    xfmr = g.transformer_limit_mva
    out = []
    for d in dims:
        if d.name == "poi_import_mw" and xfmr is not None and g.max_import_mw > 0:
            ratio = g.poi_mva / g.max_import_mw
            cap = xfmr / ratio
            if d.hi > cap:
                notes.append(
                    f"poi_import_mw: upper size cut from {d.hi:g} to {cap:.6g} MW (transformer limit {xfmr:g} MVA)"
                )
                d = dataclasses.replace(d, hi=cap, lo=min(d.lo, cap))
        out.append(d)
    return out


def run_cosizing(
    case: Case,
    spec: SizingSpec | None = None,
    n_typical: int = 8,
    options: SolveOptions | None = None,
    days: list[RepresentativeDay] | None = None,
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
    dims = _clip_poi(inputs, _ride_through_bounds(case, size_dims(case, spec), notes), notes)
    t0 = time.perf_counter()
    days = days if days is not None else representative_days(inputs, n_typical)
    total_days = sum(d.weight_days for d in days)
    scale = HOURS_PER_YEAR / (24.0 * total_days)
    design_hi = {d.name: d.hi for d in dims}
    asm = _Assembler(dims)
    for k, day in enumerate(days):
        _add_day(asm, day.inputs, design_hi, day.weight_days * scale, check=k == 0)
    build_s = time.perf_counter() - t0
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = len(asm.cost)
    lp.num_row_ = len(asm.row_lower)
    lp.col_cost_ = asm.cost
    lp.col_lower_ = [max(v, -inf) for v in asm.lower]
    lp.col_upper_ = [min(v, inf) for v in asm.upper]
    lp.row_lower_ = asm.row_lower
    lp.row_upper_ = asm.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = asm.starts
    lp.a_matrix_.index_ = asm.index
    lp.a_matrix_.value_ = asm.value
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in asm.integer]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(options.time_limit_s))
    h.setOptionValue("mip_rel_gap", float(options.mip_gap))
    h.setOptionValue("threads", int(options.threads))
    h.setOptionValue("mip_heuristic_run_feasibility_jump", bool(options.feasibility_jump))
    if options.msg:
        h.setOptionValue("output_flag", True)
    h.passModel(lp)
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
        chosen = _design_candidate(case, design)
        cost = sum(annual_costs_usd(case, spec, chosen))
        fixed = cost - sum(d.annual_cost_usd_per_unit * design[d.name] for d in dims)
        objective = None if objective is None else objective - fixed
        bound = None if bound is None else bound - fixed
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
        notes=notes,
    )

"""What the dispatch model sees: plain numbers and arrays, no Case, no market adapter.

:func:`dcep_opt._prepare.prepare_inputs` fills a :class:`DispatchInputs` from a case; tests build one
by hand. Every market fact (interval length, products, durations, prices) arrives here as data, so
the model builder never hard-codes one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from dcep_iso import TariffSchedule, reserve_mwh_per_mw

FloatArray = NDArray[np.float64]
LoadKind = Literal["critical", "non_critical", "curtailable"]


@dataclass(frozen=True)
class LoadInputs:
    """One load block.

    Attributes:
        name: unique name (used in column and variable keys).
        kind: ``critical`` (never shed; unserved at VoLL), ``non_critical`` or ``curtailable``.
        demand_mw: demand in every interval, MW, shape (n,).
        power_factor: lagging power factor (reactive demand = P * tan(acos(pf))).
        shed_cost_usd_per_mwh: cost of each MWh not served (non-critical and curtailable).
        max_shed_frac: largest fraction of demand that may be shed (0 for critical, 1 for non-critical).
        reserve_eligible: may provide up-reserve (load reduction) for load-eligible products.
    """

    name: str
    kind: LoadKind
    demand_mw: FloatArray
    power_factor: float = 1.0
    shed_cost_usd_per_mwh: float = 0.0
    max_shed_frac: float = 0.0
    reserve_eligible: bool = True

    @property
    def q_ratio(self) -> float:
        """Reactive MVAr drawn per MW served: tan(acos(pf))."""
        return math.tan(math.acos(self.power_factor))


@dataclass(frozen=True)
class BatteryInputs:
    """Battery and its inverter, in absolute units (MW, MWh, MVA).

    ``floor_mwh`` is the ride-through floor: market dispatch (energy, export, reserves, N+1) never
    uses the energy below it; only an emergency draw may, in intervals where critical load would
    otherwise go unserved (:meth:`DispatchInputs.critical_deficit_mw`), penalised per MWh drawn.
    """

    power_mw: float
    energy_mwh: float
    pcs_mva: float
    soc_min_mwh: float
    soc_max_mwh: float
    soc_initial_mwh: float
    soc_final_min_mwh: float
    floor_mwh: float
    charge_efficiency: float = 0.95
    discharge_efficiency: float = 0.95
    degradation_usd_per_mwh: float = 0.0
    reactive_support: bool = True


@dataclass(frozen=True)
class FleetInputs:
    """A fleet of identical generator units, committed as an integer 'units online'.

    Interval counts (``start_intervals``, ``min_up_intervals``, ``min_down_intervals``) are already
    rounded up to whole intervals by the caller. A unit that starts in interval t produces nothing
    in intervals t .. t + start_intervals - 1. ``max_starts_per_interval`` (None: no limit) is the
    start-up sequencing limit: at most that many units start in one interval, in the MILP
    (``gen-start-max``) and in the outage simulation.
    """

    name: str
    count: int
    p_max_mw: float
    p_min_mw: float = 0.0
    fuel_usd_per_mwh: float = 0.0
    vom_usd_per_mwh: float = 0.0
    start_cost_usd: float = 0.0
    start_time_min: float = 0.0
    start_intervals: int = 0
    min_up_intervals: int = 1
    min_down_intervals: int = 1
    initial_units_online: int = 0
    q_max_mvar_per_unit: float = 0.0
    provides_reserves: bool = True
    max_starts_per_interval: int | None = None

    @property
    def marginal_cost_usd_per_mwh(self) -> float:
        """Fuel plus VOM per MWh generated."""
        return self.fuel_usd_per_mwh + self.vom_usd_per_mwh

    def starting_window(self, t: int) -> range:
        """Intervals ``tau`` whose starts are still inside their start time at ``t`` (the one definition).

        A unit started at ``tau`` produces nothing in ``tau .. tau + start_intervals - 1``, so at ``t``
        the starts of ``max(0, t - start_intervals + 1) .. t`` are committed but not yet synchronised;
        empty without a start time. Used by the model rows, the read-back, the reactive re-split and
        the outage simulation.
        """
        if self.start_intervals <= 0:
            return range(0)
        return range(max(0, t - self.start_intervals + 1), t + 1)


@dataclass(frozen=True)
class ReserveProduct:
    """An ancillary-service product the site may sell, with its price series.

    ``duration_hours`` is the sustain duration: an up award of R MW holds ``R * duration / eta_dis``
    MWh above the floor; a down award keeps ``R * duration * eta_ch`` MWh of room below SOC max.
    A ``symmetric`` award is up and down at once and paid once.

    Market rules by date: when a horizon crosses a rule change, ``duration_by_interval_h`` (shape (n,))
    gives each interval its own day's duration and ``offered_by_interval`` (bool, (n,)) marks the
    intervals whose day offers the product (awards are 0 elsewhere); None means the scalar
    ``duration_hours`` / offered everywhere. ``max_award_mw`` caps the MW the site sells (all providers
    together) in every interval; None = no cap.

    ``deployment_fraction`` (0..1) is the expected share of the awarded MW delivered as energy on average:
    an up award of R MW delivers ``fraction * R * h`` MWh in an interval of h hours (sold at the energy
    price), a down award absorbs as much (bought). A symmetric award is deployed that much each way.
    0.0 (the default) is energy-neutral.
    """

    name: str
    direction: Literal["up", "down"]
    duration_hours: float
    price_usd_per_mw_h: FloatArray
    deploy_minutes: float = 0.0
    storage_eligible: bool = True
    generator_eligible: bool = True
    load_eligible: bool = False
    online_only: bool = True
    symmetric: bool = False
    duration_by_interval_h: FloatArray | None = None
    offered_by_interval: NDArray[np.bool_] | None = None
    max_award_mw: float | None = None
    deployment_fraction: float = 0.0

    def intervals(self, lo: int, hi: int) -> ReserveProduct:
        """This product on intervals ``lo:hi``: its prices and, where set, its rules by interval cut."""

        def cut(a: Any) -> Any:
            return None if a is None else np.asarray(a[lo:hi])

        return replace(
            self,
            price_usd_per_mw_h=np.asarray(self.price_usd_per_mw_h[lo:hi]),
            duration_by_interval_h=cut(self.duration_by_interval_h),
            offered_by_interval=cut(self.offered_by_interval),
        )

    def duration_at(self, t: int) -> float:
        """Sustain duration in interval t, hours (that day's rule)."""
        if self.duration_by_interval_h is None:
            return self.duration_hours
        return float(self.duration_by_interval_h[t])

    def durations_h(self, n: int) -> FloatArray:
        """Sustain duration of every interval, hours, shape (n,)."""
        if self.duration_by_interval_h is None:
            return np.full(n, self.duration_hours)
        return np.asarray(self.duration_by_interval_h, dtype=float)

    def offered_at(self, t: int) -> bool:
        """Whether the market offers the product in interval t (its day's rules)."""
        return self.offered_by_interval is None or bool(self.offered_by_interval[t])

    @property
    def provides_up(self) -> bool:
        """Needs upward headroom and energy."""
        return self.direction == "up" or self.symmetric

    @property
    def provides_down(self) -> bool:
        """Needs downward headroom and room to absorb energy."""
        return self.direction == "down" or self.symmetric

    def mwh_per_mw(
        self, charge_efficiency: float, discharge_efficiency: float, t: int | None = None
    ) -> tuple[float, float]:
        """``(stored MWh, room MWh)`` one MW of award holds behind it: :func:`dcep_iso.reserve_mwh_per_mw`,
        with interval ``t``'s duration (the scalar ``duration_hours`` when ``t`` is None)."""
        duration = self.duration_hours if t is None else self.duration_at(t)
        return reserve_mwh_per_mw(duration, self.direction, self.symmetric, charge_efficiency, discharge_efficiency)


@dataclass(frozen=True)
class GridInputs:
    """The grid connection: POI caps and ratings, transformer firm rating, PF limit, transformer losses.

    Attributes:
        transformer_firm_mva: nameplate firm rating of the HV/MV transformers (redundancy rule applied).
        transformer_v_min_pu: lowest voltage the transformer may see (the case's MV/POI bus bands).
            Loading is a current, ``S / V``: the MVA polygon is applied at ``firm * v_min`` so a schedule
            at the limit stays within the rating in AC. 1.0 (the default) applies the nameplate.
        transformer_q_loss_mvar_per_mva2: reactive loss of the transformers in parallel per MVA squared
            at the MV bus, ``x_eq / v_min**2`` (``x_eq = 1 / sum(count * rating / x_pu)``); 0 = lossless.
        transformer_p_loss_mw_per_mva2: active (copper) loss per MVA squared at the MV bus at v_min
            (``dcep_topology.linear.transformer_p_loss_coefficient``); 0 = lossless in P.
    """

    max_import_mw: float
    max_export_mw: float
    poi_mva: float
    transformer_firm_mva: float | None = None
    min_power_factor: float | None = None
    transformer_v_min_pu: float = 1.0
    transformer_q_loss_mvar_per_mva2: float = 0.0
    transformer_p_loss_mw_per_mva2: float = 0.0

    @property
    def transformer_limit_mva(self) -> float | None:
        """The transformers' usable apparent power at the MV bus: ``firm * v_min`` (None without transformers)."""
        if self.transformer_firm_mva is None:
            return None
        return self.transformer_firm_mva * self.transformer_v_min_pu

    @property
    def limit_mva(self) -> float:
        """The apparent-power limit the model applies: the smaller of the POI rating and the transformer limit."""
        xfmr = self.transformer_limit_mva
        return self.poi_mva if xfmr is None else min(self.poi_mva, xfmr)

    @property
    def limit_family(self) -> str:
        """``xfmr-mva`` when the transformers set :attr:`limit_mva`, else ``poi-mva``."""
        xfmr = self.transformer_limit_mva
        return "xfmr-mva" if xfmr is not None and xfmr < self.poi_mva else "poi-mva"


@dataclass(frozen=True)
class DispatchInputs:
    """Everything the dispatch MILP needs, as plain numbers and numpy arrays.

    Attributes:
        interval_hours: length of every interval, hours.
        energy_price_usd_per_mwh: LMP at the POI, shape (n,). Export earns it, import pays it.
        import_adder_usd_per_mwh: extra cost per MWh imported (e.g. transmission charges), shape (n,).
        ride_through_minutes: minutes the floor must carry critical load (reported against).
        floor_use_penalty_usd_per_mwh: cost of every MWh drawn below the ride-through floor.
        final_soc_shortfall_usd_per_mwh: cost of every MWh the battery ends below its end-of-horizon
            target (a soft target, below VoLL, so it yields to critical load); None makes the target hard.
        redundancy_units: generator units that may be lost (0 = N, 1 = N+1, 2 = N+2).
        n1_reserves_same_event: True (default) when generator up-reserve awards are deployed in the same
            event as the unit trip N+k guards against, so awarded headroom is not firm capacity; False
            treats them as independent contingencies (the case's ``reliability.n_plus_1_reserve_rule``).
        polygon_sides: sides of the inscribed polygons that linearise MVA circles.
        tariff: a retail tariff billing grid import (dcep-iso's schedule on these intervals: TOU
            energy rate, demand charges per billing month and window, fixed charges), or None.
    """

    name: str
    interval_hours: float
    energy_price_usd_per_mwh: FloatArray
    import_adder_usd_per_mwh: FloatArray
    loads: tuple[LoadInputs, ...]
    grid: GridInputs
    battery: BatteryInputs | None = None
    fleets: tuple[FleetInputs, ...] = ()
    products: tuple[ReserveProduct, ...] = ()
    voll_usd_per_mwh: float = 50_000.0
    floor_use_penalty_usd_per_mwh: float = 10_000.0
    final_soc_shortfall_usd_per_mwh: float | None = 8_000.0
    ride_through_minutes: float = 0.0
    redundancy_units: int = 0
    n1_reserves_same_event: bool = True
    polygon_sides: int = 16
    interval_starts: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    tariff: TariffSchedule | None = None

    def __post_init__(self) -> None:
        n = self.n_intervals
        problems: list[str] = []
        if n < 1:
            problems.append("energy_price_usd_per_mwh: needs at least one interval")
        if self.interval_hours <= 0:
            problems.append(f"interval_hours: must be > 0, got {self.interval_hours}")
        if np.shape(self.import_adder_usd_per_mwh) != (n,):
            problems.append(f"import_adder_usd_per_mwh: shape {np.shape(self.import_adder_usd_per_mwh)} != ({n},)")
        for load in self.loads:
            if np.shape(load.demand_mw) != (n,):
                problems.append(f"loads[{load.name}].demand_mw: shape {np.shape(load.demand_mw)} != ({n},)")
        for prod in self.products:
            if np.shape(prod.price_usd_per_mw_h) != (n,):
                problems.append(f"products[{prod.name}].price_usd_per_mw_h: shape != ({n},)")
        if self.interval_starts and len(self.interval_starts) != n:
            problems.append(f"interval_starts: {len(self.interval_starts)} labels for {n} intervals")
        for kind, items in (("loads", self.loads), ("fleets", self.fleets), ("products", self.products)):
            seen = [x.name for x in items]
            if len(seen) != len(set(seen)):
                problems.append(f"{kind}: duplicate names {seen}")
        if self.tariff is not None:
            t = self.tariff
            masks = [c.mask for c in t.demand_charges]
            if np.shape(t.energy_rate_usd_per_mwh) != (n,) or any(np.shape(k) != (n,) for k in masks):
                problems.append(f"tariff: schedule is not laid on these {n} intervals")
        if not 0 <= self.redundancy_units <= 2:
            problems.append(f"redundancy_units: must be 0, 1 or 2, got {self.redundancy_units}")
        if problems:
            raise ValueError("invalid DispatchInputs: " + "; ".join(problems))

    @property
    def n_intervals(self) -> int:
        """Number of dispatch intervals."""
        return int(np.shape(self.energy_price_usd_per_mwh)[0]) if np.ndim(self.energy_price_usd_per_mwh) == 1 else 0

    def demand_by_kind_mw(self, kind: LoadKind) -> FloatArray:
        """Sum of demand of every load of ``kind``, MW, shape (n,)."""
        total = np.zeros(self.n_intervals)
        for load in self.loads:
            if load.kind == kind:
                total = total + load.demand_mw
        return total

    @property
    def critical_demand_mw(self) -> FloatArray:
        """Critical demand in every interval, MW."""
        return self.demand_by_kind_mw("critical")

    @property
    def total_demand_mw(self) -> FloatArray:
        """All demand in every interval, MW."""
        total = np.zeros(self.n_intervals)
        for load in self.loads:
            total = total + load.demand_mw
        return total

    def intervals(self, lo: int, hi: int) -> DispatchInputs:
        """These inputs on intervals ``lo:hi`` only: every per-interval array and label cut (the one place
        that knows them), the tariff laid on those intervals, everything else kept."""
        return replace(
            self,
            energy_price_usd_per_mwh=np.asarray(self.energy_price_usd_per_mwh[lo:hi]),
            import_adder_usd_per_mwh=np.asarray(self.import_adder_usd_per_mwh[lo:hi]),
            loads=tuple(replace(load, demand_mw=np.asarray(load.demand_mw[lo:hi])) for load in self.loads),
            products=tuple(p.intervals(lo, hi) for p in self.products),
            interval_starts=self.interval_starts[lo:hi] if self.interval_starts else (),
            tariff=self.tariff.window(lo, hi) if self.tariff is not None else None,
        )

    @property
    def n1_hold_h(self) -> float:
        """Hours the battery's N+k deliverable must be sustained: ``max(ride-through, interval)`` (the one
        definition: the model's ``n1-deliverable-energy`` rows and the economics' reported margin).

        At least one interval because a schedule holds its commitment for the interval a unit trips in.
        """
        return max(self.ride_through_minutes / 60.0, self.interval_hours)

    def critical_deficit_mw(self) -> FloatArray:
        """Critical demand that neither the grid nor the generators could serve, MW, shape (n,).

        ``max(0, critical - import cap - generation that can be synchronised by t)``: the import cap is
        ``min(max_import_mw, limit_mva)`` less the transformers' active loss at their MVA limit; a fleet
        offers ``initial_units_online`` units until its start time has passed (``t < start_intervals``)
        and all ``count`` units after, or ``max_starts_per_interval`` more per interval with start-up
        sequencing. Positive values mark
        the emergency intervals: the only ones where the battery may draw below its ride-through floor
        (at most ``deficit * h / eta_dis`` MWh) and where N+k yields to serving the load.
        """
        g = self.grid
        # the transformers' active loss at their full MVA limit is the most the import can lose on the way
        # to the MV bus: taking it off keeps the deficit an upper bound (never too small to serve the load)
        loss_mw = g.transformer_p_loss_mw_per_mva2 * g.limit_mva**2
        import_cap = max(min(g.max_import_mw, g.limit_mva) - loss_mw, 0.0)
        supply = np.full(self.n_intervals, import_cap)
        for f in self.fleets:
            initial = float(min(f.initial_units_online, f.count))
            # units started in intervals 0 .. t - start_intervals are running at t (L per interval at most)
            started = np.clip(np.arange(self.n_intervals) - f.start_intervals + 1, 0, None).astype(float)
            if f.max_starts_per_interval is not None:
                started = started * f.max_starts_per_interval
            else:
                started = np.where(started > 0, float(f.count), 0.0)
            online = np.minimum(initial + started, float(f.count))
            supply = supply + f.p_max_mw * online
        return np.asarray(np.clip(self.critical_demand_mw - supply, 0.0, None), dtype=float)

    @property
    def critical_q_ratio(self) -> float:
        """MVAr per MW of critical load (demand-weighted over critical loads)."""
        crit = [load for load in self.loads if load.kind == "critical"]
        weight = sum(float(np.sum(load.demand_mw)) for load in crit)
        if weight <= 0:
            return crit[0].q_ratio if crit else 0.0
        return sum(float(np.sum(load.demand_mw)) * load.q_ratio for load in crit) / weight

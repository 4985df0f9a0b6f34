"""Grid-outage ride-through: for every outage start, how long the site carries its critical load.

The grid is lost at the start of interval t and stays lost for ``duration_min``. From then on:

* non-critical and curtailable loads are shed; critical load (the schedule's critical demand, wrapping
  round to the start of the horizon when the outage runs past its end) must be served;
* the battery starts at the scheduled SOC and may use everything down to ``soc_min`` (an emergency may
  take the ride-through floor); it delivers at most ``power_mw`` and loses ``1 - eta_dis`` on the way
  out; generator surplus recharges it (at most ``power_mw``, ``eta_ch``, up to ``soc_max``);
* generator units synchronised at t keep running, up to their ``p_max_mw``; units still inside their
  start time become available when it ends; offline units are started at once and become available
  after ``start_time_min`` (the start delay the battery must bridge; REopt omits it), in batches of
  ``max_starts_per_interval`` one interval apart when the fleet has a start-up sequencing limit. Minimum stable
  output is not enforced during an outage (a unit may be stopped), and reactive power is not checked.

Within each interval t the worst moment is taken: the lower of the SOC at the interval's start and end
(SOC is linear inside an interval) and the longest remaining start time of units starting up.

Method: an exact event-driven simulation, not a fixed step. Between consecutive events (interval
boundaries of the demand profile, generator availability times, the outage end) demand and available
generation are constant, so SOC is linear in time and the moment the battery empties (or fills) is
solved in closed form. Charging every surplus MW is optimal for survival: a higher SOC never leaves
fewer options later, so the greedy policy's failure time is the latest achievable one for this model.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dcep_opt._inputs import BatteryInputs, DispatchInputs
from dcep_opt._results import DispatchResult, FloatArray
from dcep_opt._serialize import csv_decimals, format_csv_number

_EPS = 1e-9

#: Why a start did not survive the whole outage.
CAUSE_ENERGY = "battery energy"
CAUSE_POWER = "battery power"


@dataclass(frozen=True)
class UnitBlock:
    """``units`` identical units, ``power_mw`` in all, available ``available_after_min`` into the outage."""

    available_after_min: float
    power_mw: float
    units: int = 1


@dataclass(frozen=True)
class Survival:
    """One simulated outage: minutes survived (capped at the duration) and why it ended early."""

    minutes: float
    cause: str  # "" when the whole duration was survived


def simulate_outage(
    critical_mw: Sequence[float] | FloatArray,
    interval_min: float,
    duration_min: float,
    soc_mwh: float,
    battery: BatteryInputs | None,
    units: Sequence[UnitBlock] = (),
) -> Survival:
    """Minutes critical load is served during one outage (exact, event-driven).

    Args:
        critical_mw: critical demand per interval from the outage start on, MW; repeated cyclically
            when the outage is longer than the list.
        interval_min: length of each demand interval, minutes (> 0).
        duration_min: outage length, minutes (> 0); the result is capped at it.
        soc_mwh: battery state of charge at the outage start, MWh (ignored without a battery).
        battery: the battery (None: no storage).
        units: generation blocks and when each becomes available.

    Returns:
        :class:`Survival` with minutes in ``[0, duration_min]``.

    Raises:
        ValueError: empty demand, or a non-positive interval or duration.
    """
    demand = np.asarray(critical_mw, dtype=float)
    if demand.size == 0 or interval_min <= 0 or not duration_min > 0:
        raise ValueError("simulate_outage needs demand, interval_min > 0 and duration_min > 0")
    events = {0.0, float(duration_min)}
    events.update(k * interval_min for k in range(1, math.ceil(duration_min / interval_min)))
    events.update(u.available_after_min for u in units if 0.0 < u.available_after_min < duration_min)
    times = sorted(e for e in events if 0.0 <= e <= duration_min)
    if battery is not None:
        e_min, e_max = battery.soc_min_mwh, battery.soc_max_mwh
        soc = min(max(soc_mwh, e_min), e_max)
        p_bat, eta_dis, eta_ch = battery.power_mw, battery.discharge_efficiency, battery.charge_efficiency
    else:
        e_min = e_max = soc = p_bat = 0.0
        eta_dis = eta_ch = 1.0
    for start, end in itertools.pairwise(times):
        if end - start <= _EPS:
            continue
        k = math.floor(start / interval_min + _EPS) % demand.size
        load = float(demand[k])
        gen = sum(u.power_mw for u in units if u.available_after_min <= start + _EPS)
        span_h = (end - start) / 60.0
        if gen >= load - _EPS:
            charge_mw = min(gen - load, p_bat)
            soc = min(e_max, soc + charge_mw * eta_ch * span_h)
            continue
        deficit = load - gen
        if deficit > p_bat + _EPS:
            return Survival(start, CAUSE_POWER)
        need_mwh = deficit / eta_dis * span_h
        if need_mwh > soc - e_min + _EPS:
            return Survival(start + (soc - e_min) * eta_dis / deficit * 60.0, CAUSE_ENERGY)
        soc -= need_mwh
    return Survival(float(duration_min), "")


@dataclass(frozen=True)
class OutageReport:
    """Ride-through of a schedule against a grid outage starting at every interval.

    Arrays have one entry per interval start (shape (n,)). ``survival_min`` is capped at
    ``duration_min``; ``battery_only_min`` is the same outage with no generator at all (the battery's
    bridge). ``ride_through_met`` says every start survived at least ``min(required, duration)``.
    """

    duration_min: float
    interval_starts: list[str]
    soc_at_outage_mwh: FloatArray
    critical_mw: FloatArray
    units_synced: FloatArray
    survival_min: FloatArray
    battery_only_min: FloatArray
    causes: list[str]
    ride_through_required_min: float
    units_lost: int = 0

    @property
    def n_starts(self) -> int:
        """Outage starts analysed (one per interval)."""
        return int(self.survival_min.size)

    @property
    def survived(self) -> np.ndarray:
        """True where the whole outage was carried."""
        return np.asarray(self.survival_min >= self.duration_min - 1e-6)

    @property
    def fraction_survived(self) -> float:
        """Share of starts that carried critical load for the whole duration, 0..1."""
        return float(np.mean(self.survived)) if self.n_starts else 0.0

    @property
    def worst_index(self) -> int:
        """Interval of the shortest survival; ties go to the shortest battery-only bridge, then the first."""
        return int(np.lexsort((np.arange(self.n_starts), self.battery_only_min, self.survival_min))[0])

    @property
    def worst_start(self) -> str:
        """Label of the worst outage start."""
        return self.interval_starts[self.worst_index]

    @property
    def worst_survival_min(self) -> float:
        """Shortest survival over all starts, minutes."""
        return float(self.survival_min[self.worst_index])

    @property
    def ride_through_met(self) -> bool:
        """Every start carried critical load for the required ride-through (or the whole outage)."""
        need = min(self.ride_through_required_min, self.duration_min)
        return bool(np.all(self.survival_min >= need - 1e-6))


def _units_at(inputs: DispatchInputs, ts: dict[str, FloatArray], t: int) -> tuple[list[UnitBlock], float]:
    """Generation blocks available to an outage starting in interval t, and the units synchronised."""
    interval_min = inputs.interval_hours * 60.0
    blocks: list[UnitBlock] = []
    synced_total = 0.0
    for f in inputs.fleets:
        online = round(float(ts[f"gen_{f.name}_units_online"][t]))
        starts = ts[f"gen_{f.name}_starts"]
        starting: list[float] = []  # remaining start time of each unit still starting, minutes
        for tau in f.starting_window(t):
            left = max(0.0, f.start_time_min - (t - tau) * interval_min)
            starting.extend([left] * round(float(starts[tau])))
        starting = starting[:online]
        synced = online - len(starting)
        synced_total += synced
        if synced > 0:
            blocks.append(UnitBlock(0.0, synced * f.p_max_mw, synced))
        blocks.extend(UnitBlock(left, f.p_max_mw) for left in starting)
        offline = f.count - online
        limit = f.max_starts_per_interval
        if offline > 0 and limit is None:
            blocks.append(UnitBlock(f.start_time_min, offline * f.p_max_mw, offline))
        elif offline > 0 and limit is not None:
            # start-up sequencing: at most `limit` units start per interval, counting the schedule's own
            # starts in interval t; the k-th batch starts k intervals into the outage
            room = max(limit - round(float(starts[t])), 0)
            k = 0
            while offline > 0:
                batch = min(offline, room if k == 0 else limit)
                if batch > 0:
                    at = k * interval_min + f.start_time_min
                    blocks.append(UnitBlock(at, batch * f.p_max_mw, batch))
                    offline -= batch
                k += 1
    return blocks, synced_total


def _after_losses(blocks: list[UnitBlock], units_lost: int) -> list[list[UnitBlock]]:
    """Every way of losing ``units_lost`` units (or all there are) from the blocks, as the blocks left."""
    lose = min(units_lost, sum(b.units for b in blocks))
    if lose <= 0:
        return [blocks]
    out: list[list[UnitBlock]] = []
    for taken in itertools.product(*(range(min(b.units, lose) + 1) for b in blocks)):
        if sum(taken) != lose:
            continue
        left = [
            UnitBlock(b.available_after_min, b.power_mw * (b.units - k) / b.units, b.units - k)
            for b, k in zip(blocks, taken, strict=True)
            if b.units - k > 0
        ]
        out.append(left)
    return out


def analyse_outages(
    inputs: DispatchInputs, result: DispatchResult, duration_h: float, units_lost: int = 0
) -> OutageReport:
    """Simulate a grid outage of ``duration_h`` hours starting at every interval of a solved schedule.

    Args:
        inputs: the inputs the schedule was solved from (battery, fleets, critical demand, ride-through).
        result: a dispatch with a solution (``result.solver.has_solution``).
        duration_h: outage length, hours (finite, > 0).
        units_lost: generator units that trip at the outage start (0 = none); the worst choice of
            units (over every fleet and start state) is taken.

    Returns:
        :class:`OutageReport` (minutes, MW, MWh).

    Raises:
        ValueError: the result holds no schedule, the duration is not a finite positive number, or
            ``units_lost`` is negative.
    """
    if units_lost < 0:
        raise ValueError(f"units_lost must be >= 0, got {units_lost}")
    if not (math.isfinite(duration_h) and duration_h > 0):
        raise ValueError(f"outage duration must be a finite number of hours > 0, got {duration_h}")
    ts = result.timeseries
    if not result.solver.has_solution or not ts:
        raise ValueError(f"no schedule to analyse (solver status {result.solver.status})")
    n = inputs.n_intervals
    duration_min = duration_h * 60.0
    interval_min = inputs.interval_hours * 60.0
    crit = np.asarray(ts["demand_critical_mw"], dtype=float)
    b = inputs.battery
    if b is not None:
        soc_end = np.asarray(ts["bess_soc_mwh"], dtype=float)
        soc_start = np.concatenate([[b.soc_initial_mwh], soc_end[:-1]])
        soc = np.minimum(soc_start, soc_end)
    else:
        soc = np.zeros(n)
    survival = np.zeros(n)
    bridge = np.zeros(n)
    synced = np.zeros(n)
    causes: list[str] = []
    for t in range(n):
        profile = np.roll(crit, -t)
        blocks, synced[t] = _units_at(inputs, ts, t)
        runs = [
            simulate_outage(profile, interval_min, duration_min, float(soc[t]), b, left)
            for left in _after_losses(blocks, units_lost)
        ]
        run = min(runs, key=lambda r: r.minutes)
        survival[t] = run.minutes
        causes.append(run.cause)
        bridge[t] = simulate_outage(profile, interval_min, duration_min, float(soc[t]), b).minutes
    labels = list(result.interval_starts) or [str(t) for t in range(n)]
    return OutageReport(
        duration_min=duration_min,
        interval_starts=labels,
        soc_at_outage_mwh=soc,
        critical_mw=crit,
        units_synced=synced,
        survival_min=survival,
        battery_only_min=bridge,
        causes=causes,
        ride_through_required_min=inputs.ride_through_minutes,
        units_lost=units_lost,
    )


def outage_csv(report: OutageReport) -> str:
    """The per-start table as CSV: start, SOC (MWh), critical MW, units synced, survival and bridge minutes."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(
        [
            "outage_start",
            "soc_at_outage_mwh",
            "critical_mw",
            "units_synced",
            "survival_min",
            "battery_only_min",
            "survived_full_duration",
            "failure_cause",
        ]
    )
    survived = report.survived
    for i, label in enumerate(report.interval_starts):
        writer.writerow(
            [
                label,
                format_csv_number(float(report.soc_at_outage_mwh[i]), csv_decimals("soc_at_outage_mwh")),
                format_csv_number(float(report.critical_mw[i]), csv_decimals("critical_mw")),
                int(report.units_synced[i]),
                format_csv_number(float(report.survival_min[i]), csv_decimals("survival_min")),
                format_csv_number(float(report.battery_only_min[i]), csv_decimals("battery_only_min")),
                bool(survived[i]),
                report.causes[i],
            ]
        )
    return buf.getvalue()

"""What a dispatch run returns: pure dataclasses and numpy arrays (no PuLP here).

Economics and reliability are recomputed from the time series (see :mod:`dcep_opt._economics`),
never copied from the solver's objective; ``SolverFacts.objective_usd`` is HiGHS's figure, and the
two agree to the cent (a test proves it).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dcep_iso import BillLine

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class SolverFacts:
    """How the solve went.

    Attributes:
        status: ``optimal`` | ``feasible`` | ``infeasible`` | ``unbounded`` | ``no solution`` | ``error``.
        termination: why HiGHS stopped (``optimal``, ``time limit``, ...).
        objective_usd: HiGHS's objective (net value, USD), None without a solution.
        best_bound_usd: HiGHS's proven bound on the net value (MIP dual bound), None if unknown.
        mip_gap: relative gap between objective and bound (HiGHS's definition), None if unknown.
        build_s / solve_s: seconds spent building the PuLP model / in PuLP+HiGHS solve.
        handover_s / highs_s: of ``solve_s``, the seconds exporting the PuLP problem and passing it to
            HiGHS / in HiGHS's own run (the rest reads the solution back); 0.0 where not measured. The
            model as HiGHS gets it costs ``build_s + handover_s``.
        build_cpu_s / handover_cpu_s / highs_cpu_s: the same spans in process CPU seconds.
        rounds: solves run (exclusivity binaries are added where a solution needed them).
        ac_rounds: AC screens run by the AC loop (0: not checked in AC; each screen after the first
            follows a re-solve with the limits the previous screen found broken tightened).
        ac_violations: intervals still breaking a limit in the last AC screen (None: not checked).
        ac_max_gap_mw / ac_max_gap_mva: largest |linear - AC| POI import (MW) and apparent power (MVA,
            linear through the polygon) in the last screen; the linear side includes the modelled losses.
    """

    status: str
    termination: str
    highs_status: str
    objective_usd: float | None
    best_bound_usd: float | None
    mip_gap: float | None
    build_s: float
    solve_s: float
    n_variables: int
    n_constraints: int
    n_integer: int
    mip_nodes: int = 0
    rounds: int = 1
    bess_mode_binaries: int = 0
    grid_dir_binaries: int = 0
    time_limit_s: float | None = None
    mip_gap_target: float | None = None
    ac_rounds: int = 0
    ac_violations: int | None = None
    ac_max_gap_mw: float | None = None
    ac_max_gap_mva: float | None = None
    handover_s: float = 0.0
    highs_s: float = 0.0
    build_cpu_s: float = 0.0
    handover_cpu_s: float = 0.0
    highs_cpu_s: float = 0.0

    @property
    def has_solution(self) -> bool:
        """A schedule exists (optimal or feasible)."""
        return self.status in ("optimal", "feasible")


#: What the default baseline is, stated once (printed and written with every baseline figure).
GRID_ONLY_DEFINITION = (
    "grid only: the same loads served in full from the grid at the POI energy price plus the import adder, "
    "over the same intervals; no battery, no generators, no ancillary services, no shedding, and a POI able "
    "to carry the whole load (its caps and MVA/PF limits are not applied)"
)


@dataclass(frozen=True)
class Baseline:
    """What the same load costs without the microgrid, USD over the same horizon (costs positive).

    Attributes:
        name: ``grid only`` (the default, :data:`GRID_ONLY_DEFINITION`) or the baseline case's name.
        definition: the baseline in words (printed next to every figure that uses it).
        energy_cost_usd / import_adder_cost_usd: what the grid-only site pays (a baseline case's
            own lines when it was dispatched).
        net_value_usd: the baseline's net value (negative: a cost), on the same footing as
            :attr:`Economics.net_value_usd`.
        notes: facts a reader needs (e.g. the load exceeds the real POI import cap).
    """

    name: str
    definition: str
    energy_cost_usd: float
    import_adder_cost_usd: float
    net_value_usd: float
    notes: tuple[str, ...] = ()
    tariff_bill_usd: float = 0.0


@dataclass(frozen=True)
class Economics:
    """Every revenue and cost line of the horizon, USD (costs positive), and the net value.

    ``baseline`` is what the same load costs without the microgrid (see :class:`Baseline`);
    :attr:`value_over_baseline_usd` is the difference, what the microgrid is worth over the horizon.
    With a retail tariff, ``tariff_bill`` is the bill line by line (energy per month and TOU period,
    each demand charge, fixed charges; dcep-iso's ``bill_lines`` on the schedule's import) and
    ``tariff_bill_usd`` its total, a cost in the net value.

    ``final_soc_shortfall_usd`` is the price of ending the horizon below the battery's SOC target (the
    soft end-of-horizon target, ``final_soc_shortfall_usd_per_mwh`` per MWh short).

    ``as_deployment_energy_usd`` is the net value of the reserve awards' expected deployment energy (sold
    or bought at the energy price, less generator fuel and VOM and load curtailment cost on the delivered
    MWh; see dcep_opt._families.deployment); a signed revenue, 0.0 when every deployment fraction is 0.
    """

    energy_revenue_usd: float
    as_revenue_usd: float
    energy_cost_usd: float
    import_adder_cost_usd: float
    fuel_cost_usd: float
    vom_cost_usd: float
    start_cost_usd: float
    degradation_cost_usd: float
    curtailment_cost_usd: float
    unserved_cost_usd: float
    floor_use_penalty_usd: float
    net_value_usd: float
    as_revenue_by_product_usd: dict[str, float] = field(default_factory=dict)
    baseline: Baseline | None = None
    tariff_bill_usd: float = 0.0
    tariff_bill: tuple[BillLine, ...] = ()
    final_soc_shortfall_usd: float = 0.0
    as_deployment_energy_usd: float = 0.0

    @property
    def value_over_baseline_usd(self) -> float | None:
        """Net value minus the baseline's net value, USD (None without a baseline)."""
        return None if self.baseline is None else self.net_value_usd - self.baseline.net_value_usd


@dataclass(frozen=True)
class ReliabilitySummary:
    """Reliability over the horizon.

    ``min_ride_through_min`` is the smallest (usable energy above minimum SOC after discharge losses
    / critical demand) over the starts and ends of intervals; ``ride_through_ok`` says it never fell
    below the case's requirement. ``n_plus_1_ok`` is None when redundancy was not asked for; it covers
    both ends of every interval except the start of interval 0, the case's initial state, whose margin is
    ``initial_n_plus_1_margin_mw`` (MW; negative = the site starts the horizon short of N+k). Unserved
    critical load makes both ``ride_through_ok`` and ``n_plus_1_ok`` false.
    """

    unserved_mwh: float
    curtailed_mwh: float
    floor_draw_mwh: float
    min_ride_through_min: float | None
    ride_through_required_min: float
    ride_through_ok: bool
    n_plus_1_ok: bool | None
    redundancy: str
    initial_n_plus_1_margin_mw: float | None = None


@dataclass(frozen=True)
class Diagnosis:
    """The smallest set of conflicting constraint families of an infeasible case (dcep_opt._diagnose).

    Attributes:
        families: family -> total slack it needs (units of its rows, see the registry); empty when
            feasible or when only ratings, definitions or integrality conflict.
        message: one sentence naming the families and their meaning.
        shortfalls: family -> ``(key, slack)`` of the rows that must give way.
        feasible: the case turned out feasible (nothing to diagnose).
        n_solves: MILP solves the diagnosis ran.
    """

    families: dict[str, float]
    message: str
    shortfalls: dict[str, list[tuple[tuple[Hashable, ...], float]]] = field(default_factory=dict)
    feasible: bool = False
    n_solves: int = 0


@dataclass
class DispatchResult:
    """One dispatch run: time series, economics, reliability, solver facts.

    ``timeseries`` maps column name to a (n,) array; ``interval_starts`` labels the rows. Without a
    solution (infeasible, no solution) the time series is empty and economics/reliability are None.
    """

    case_name: str
    interval_hours: float
    interval_starts: list[str]
    timeseries: dict[str, FloatArray]
    economics: Economics | None
    reliability: ReliabilitySummary | None
    solver: SolverFacts
    diagnosis: Diagnosis | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def n_intervals(self) -> int:
        """Rows in the time series."""
        return len(self.interval_starts)

    def to_frame(self) -> Any:
        """The time series as a ``pandas.DataFrame``: one row per interval, one column per series.

        The index is ``interval_start``, a time-zone-aware ``DatetimeIndex`` (the case's local offsets,
        converted to UTC, so intervals across a daylight-saving change stay in order), or an integer
        index named ``interval`` for inputs built without start times (labels ``"0"``, ``"1"``, ...);
        columns keep their unit-carrying names (``grid_import_mw``, ``bess_soc_mwh``, ...). pandas
        is imported here, not at import of dcep-opt (it is installed with dcep-topology's pandapower).

        Raises:
            ImportError: pandas is not installed.
        """
        import pandas as pd

        labels = list(self.interval_starts)
        if all(label.isdigit() for label in labels):
            index: Any = pd.Index([int(label) for label in labels], name="interval")
        else:
            index = pd.DatetimeIndex(pd.to_datetime(labels, utc=True), name="interval_start")
        return pd.DataFrame({name: np.asarray(col, dtype=float) for name, col in self.timeseries.items()}, index=index)

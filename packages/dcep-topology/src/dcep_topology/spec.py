"""The planning network as plain data: grid, transformer groups, MV bus, load, BESS, generators.

:class:`BaseSystemSpec` is the seed's API. Its defaults are the seed's base case: an infinite
230 kV grid, one 230/34.5 kV transformer, a 50 MW data-center load at PF 0.97 lagging and a battery
at 0 MW / 0 MVAr. :func:`spec_from_case` reads the same facts from a :class:`dcep_models.Case`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from dcep_models import Case, CaseError, CaseIssue

__all__ = ["BaseSystemSpec", "TransformerGroupSpec", "spec_from_case"]


@dataclass(frozen=True)
class TransformerGroupSpec:
    """Identical HV/MV units in parallel (pandapower ``parallel``); ratings of ONE unit."""

    name: str = "T1"
    rating_mva: float = 80.0
    count: int = 1
    vk_percent: float = 10.0
    vkr_percent: float = 0.3
    firm_count: int | None = None  # units usable under the redundancy rule (None: all)

    @property
    def installed_mva(self) -> float:
        """All units, MVA."""
        return self.rating_mva * self.count

    @property
    def firm_mva(self) -> float:
        """Units usable with the redundancy rule applied (N+1: largest unit out), MVA."""
        usable = self.count if self.firm_count is None else self.firm_count
        return self.rating_mva * usable


@dataclass(frozen=True)
class BaseSystemSpec:
    """Everything :func:`dcep_topology.build_base_network` needs (units in the names).

    ``grid_short_circuit_mva=None`` is an infinite bus at the POI (two-bus network); a number adds
    the grid's Thevenin impedance ``z = 1 / S_sc`` (per unit of the MVA base, at ``grid_x_over_r``)
    between an ideal source and the POI (three-bus network).
    Load Q follows ``load_pf`` (lagging). BESS and generators are PQ injections at the MV bus
    (generator convention: positive P discharges / generates).
    """

    hv_kv: float = 230.0
    mv_kv: float = 34.5
    transformers: tuple[TransformerGroupSpec, ...] = (TransformerGroupSpec(),)
    grid_vm_pu: float = 1.0
    grid_short_circuit_mva: float | None = None
    grid_x_over_r: float = 10.0
    load_mw: float = 50.0
    load_pf: float = 0.97
    bess_p_mw: float = 0.0
    bess_q_mvar: float = 0.0
    bess_power_mw: float = 25.0
    bess_energy_mwh: float = 100.0
    bess_pcs_mva: float = 28.0
    bess_soc_initial_frac: float = 0.5
    bess_soc_min_frac: float = 0.25
    bess_soc_max_frac: float = 0.95
    bess_efficiency: float = 0.95
    gen_p_mw: float = 0.0
    gen_q_mvar: float = 0.0
    poi_v_min_pu: float = 0.95
    poi_v_max_pu: float = 1.05
    mv_v_min_pu: float = 0.95
    mv_v_max_pu: float = 1.05
    poi_min_pf: float = 0.95
    poi_rating_mva: float | None = None
    poi_max_import_mw: float | None = None
    poi_max_export_mw: float | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        problems: list[str] = []
        for name in ("hv_kv", "mv_kv", "grid_vm_pu", "grid_x_over_r", "bess_pcs_mva", "bess_energy_mwh"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                problems.append(f"{name}: must be > 0, got {value}")
        for name in ("load_pf", "poi_min_pf", "bess_efficiency"):
            value = getattr(self, name)
            if not (0 < value <= 1):
                problems.append(f"{name}: must be in (0, 1], got {value}")
        if self.load_mw < 0:
            problems.append(f"load_mw: must be >= 0, got {self.load_mw}")
        if self.grid_short_circuit_mva is not None and not self.grid_short_circuit_mva > 0:
            problems.append(f"grid_short_circuit_mva: must be > 0 or None, got {self.grid_short_circuit_mva}")
        if not self.transformers and abs(self.hv_kv - self.mv_kv) > 1e-9:
            problems.append(f"transformers: none, so the site bus is the POI: mv_kv must equal hv_kv ({self.hv_kv})")
        for i, t in enumerate(self.transformers):
            if t.rating_mva <= 0 or t.count < 1 or not (0 < t.vkr_percent < t.vk_percent < 100):
                problems.append(f"transformers[{i}]: need rating_mva > 0, count >= 1, 0 < vkr < vk < 100; got {t}")
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def load_q_mvar(self) -> float:
        """Load reactive power from ``load_mw`` and ``load_pf`` (lagging, positive), MVAr."""
        return self.load_mw * math.tan(math.acos(self.load_pf))

    @property
    def transformer_installed_mva(self) -> float:
        """Sum of every unit in every group, MVA."""
        return sum(t.installed_mva for t in self.transformers)

    @property
    def transformer_firm_mva(self) -> float:
        """Sum of the firm ratings of the groups, MVA."""
        return sum(t.firm_mva for t in self.transformers)


def spec_from_case(case: Case) -> BaseSystemSpec:
    """The planning network of ``case`` with every load at its base ``power_mw``.

    The loads are aggregated into one PQ load (sum of P, sum of Q from each load's PF);
    the BESS (if any) and generators start at 0 MW / 0 MVAr. Voltage bands come from
    ``topology.buses`` whose ``voltage_kv`` matches the POI or MV voltage (default 0.95-1.05 pu).

    A case with no transformer group gives a spec with none: the site bus is the POI bus (same kV).

    Raises:
        CaseError: groups with different HV/MV voltages, or an HV voltage other than the POI's.
    """
    topo = case.topology
    # No transformer group: the loads sit at the POI voltage, on the metered bus itself.
    hv = {t.hv_kv for t in topo.transformers} or {topo.poi.voltage_kv}
    mv = {t.mv_kv for t in topo.transformers} or {topo.poi.voltage_kv}
    issues = []
    if len(hv) > 1 or len(mv) > 1:
        issues.append(CaseIssue("topology.transformers", f"groups must share HV/MV kV, got {sorted(hv)}/{sorted(mv)}"))
    if abs(next(iter(hv)) - topo.poi.voltage_kv) > 1e-6:
        issues.append(
            CaseIssue(
                "topology.transformers[0].hv_kv",
                f"must equal topology.poi.voltage_kv ({topo.poi.voltage_kv}), got {next(iter(hv))}",
            )
        )
    for i, t in enumerate(topo.transformers):
        if not t.resistance_pct < t.impedance_pct:
            issues.append(
                CaseIssue(f"topology.transformers[{i}].resistance_pct", f"must be < impedance_pct ({t.impedance_pct})")
            )
    if issues:
        raise CaseError(issues)
    hv_kv, mv_kv = next(iter(hv)), next(iter(mv))
    groups = tuple(
        TransformerGroupSpec(
            name=t.name,
            rating_mva=t.rating_mva,
            count=t.count,
            vk_percent=t.impedance_pct,
            vkr_percent=t.resistance_pct,
            firm_count=round(t.firm_mva / t.rating_mva),
        )
        for t in topo.transformers
    )
    load_p = sum(load.power_mw for load in case.resources.loads)
    load_q = sum(load.power_mw * math.tan(math.acos(load.power_factor)) for load in case.resources.loads)
    load_pf = load_p / math.hypot(load_p, load_q) if load_p > 0 else 1.0
    bands = {"poi": topo.voltage_band(hv_kv), "mv": topo.voltage_band(mv_kv)}
    bess = case.resources.bess
    extra = {}
    if bess is not None:
        extra = {
            "bess_power_mw": bess.power_mw,
            "bess_energy_mwh": bess.energy_mwh,
            "bess_pcs_mva": bess.pcs_rating_mva if bess.reactive_support else bess.power_mw,
            "bess_soc_initial_frac": bess.soc_initial_frac,
            "bess_soc_min_frac": max(bess.soc_min_frac, bess.soc_reserve_frac),
            "bess_soc_max_frac": bess.soc_max_frac,
            "bess_efficiency": bess.charge_efficiency,
        }
    return BaseSystemSpec(
        hv_kv=hv_kv,
        mv_kv=mv_kv,
        transformers=groups,
        grid_short_circuit_mva=topo.poi.short_circuit_mva,
        load_mw=load_p,
        load_pf=load_pf,
        poi_v_min_pu=bands["poi"][0],
        poi_v_max_pu=bands["poi"][1],
        mv_v_min_pu=bands["mv"][0],
        mv_v_max_pu=bands["mv"][1],
        poi_min_pf=topo.poi.min_power_factor,
        poi_rating_mva=topo.poi.rating_mva,
        poi_max_import_mw=topo.poi.max_import_mw,
        poi_max_export_mw=topo.poi.max_export_mw,
        **extra,  # type: ignore[arg-type]
    )

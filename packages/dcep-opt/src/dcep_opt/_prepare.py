"""Fill :class:`DispatchInputs` from a validated case, its market adapter and its price series.

This is the only module of dcep-opt's core (model, solve, results) that sees a Case or an ISO
adapter; the model builder works on the plain inputs. Studies that vary the case itself (sweep,
sizing, baseline, the AC screen's schedule mapping in ``dcep_opt/studies/``) change it through
``dcep_models.with_overrides`` / ``apply_overrides`` and come back here. Every market fact (product
list, directions, durations, eligibility, prices, interval length) comes from dcep-iso or the case,
never from constants here.
"""

from __future__ import annotations

import math

import numpy as np

from dcep_iso import adapter_for_case, build_price_series, build_tariff
from dcep_models import Case, CaseError, load_profile_mw
from dcep_opt._inputs import BatteryInputs, DispatchInputs, FleetInputs, GridInputs, LoadInputs
from dcep_opt._products import reserve_products
from dcep_topology.linear import transformer_p_loss_coefficient, transformer_q_loss_coefficient

_REDUNDANCY_UNITS = {"N": 0, "N+1": 1, "N+2": 2}


def _intervals(hours: float, interval_h: float) -> int:
    """Whole intervals covering ``hours`` (rounded up; a tiny float excess does not add one)."""
    return math.ceil(hours / interval_h - 1e-9) if hours > 0 else 0


def transformer_v_min_pu(case: Case) -> float:
    """Lowest voltage the transformers may see: the smaller ``v_min_pu`` of the buses at their HV (POI) and
    MV voltages in ``topology.buses``; 0.95 for a side with no such bus (dcep-topology's default band)."""
    topo = case.topology
    lows = [topo.voltage_band(kv)[0] for t in topo.transformers for kv in (t.hv_kv, t.mv_kv)]
    return min(lows, default=0.95)


def prepare_inputs(case: Case, polygon_sides: int = 16) -> DispatchInputs:
    """Everything the dispatch model needs from ``case``: loads by interval, prices, products, assets.

    Units: MW, MWh, MVA, USD, hours. Product durations, directions and eligibility come from
    ``dcep_iso.adapter_for_case(case)``; prices from ``dcep_iso.build_price_series(case)`` (only the
    products the case sells and the market offers carry a price and enter the model); a ``tariff`` from
    ``dcep_iso.build_tariff(case)`` (TOU energy and demand charges on import).

    Raises:
        CaseError: a horizon shorter than one interval; bad market overrides, price data or tariff file
            (raised by dcep-iso, with the JSON path).
    """
    t = case.time
    h = t.interval_hours
    if t.n_intervals < 1:
        raise CaseError.single(
            "time.horizon_hours", f"must cover at least one {t.interval_minutes} min interval, got {t.horizon_hours} h"
        )
    adapter = adapter_for_case(case)
    prices = build_price_series(case, adapter)
    tariff = build_tariff(case)
    loads = []
    for load in case.resources.loads:
        demand = np.asarray(load_profile_mw(load, t), dtype=float)
        shed_frac = (
            0.0 if load.kind == "critical" else 1.0 if load.kind == "non_critical" else load.max_curtailment_frac
        )
        loads.append(
            LoadInputs(
                name=load.name,
                kind=load.kind,
                demand_mw=demand,
                power_factor=load.power_factor,
                shed_cost_usd_per_mwh=load.curtailment_cost_usd_per_mwh,
                max_shed_frac=shed_frac,
            )
        )
    products = reserve_products(case, adapter, prices)
    battery = None
    b = case.resources.bess
    if b is not None:
        e = b.energy_mwh
        battery = BatteryInputs(
            power_mw=b.power_mw,
            energy_mwh=e,
            pcs_mva=b.pcs_rating_mva,
            soc_min_mwh=b.soc_min_frac * e,
            soc_max_mwh=b.soc_max_frac * e,
            soc_initial_mwh=b.soc_initial_frac * e,
            soc_final_min_mwh=b.final_soc_frac * e,
            floor_mwh=b.soc_reserve_frac * e,
            charge_efficiency=b.charge_efficiency,
            discharge_efficiency=b.discharge_efficiency,
            degradation_usd_per_mwh=b.degradation_cost_usd_per_mwh,
            reactive_support=b.reactive_support,
        )
    fleets = tuple(
        FleetInputs(
            name=g.name,
            count=g.count,
            p_max_mw=g.p_max_mw,
            p_min_mw=g.p_min_mw,
            fuel_usd_per_mwh=g.heat_rate_mmbtu_per_mwh * g.fuel_price_usd_per_mmbtu,
            vom_usd_per_mwh=g.vom_usd_per_mwh,
            start_cost_usd=g.start_cost_usd,
            start_time_min=g.start_time_min,
            start_intervals=_intervals(g.start_time_min / 60.0, h),
            min_up_intervals=max(1, _intervals(g.min_up_hours, h)),
            min_down_intervals=max(1, _intervals(g.min_down_hours, h)),
            initial_units_online=g.initial_units_online,
            q_max_mvar_per_unit=g.p_max_mw * math.tan(math.acos(g.power_factor)),
            provides_reserves=g.provides_spin,
            max_starts_per_interval=g.max_starts_per_interval,
        )
        for g in case.resources.generators
    )
    poi = case.topology.poi
    v_min = transformer_v_min_pu(case)
    groups = [(t.rating_mva, t.count, t.impedance_pct, t.resistance_pct) for t in case.topology.transformers]
    grid = GridInputs(
        max_import_mw=poi.max_import_mw,
        max_export_mw=poi.max_export_mw,
        poi_mva=poi.rating_mva,
        transformer_firm_mva=case.topology.transformer_firm_mva,
        min_power_factor=poi.min_power_factor,
        transformer_v_min_pu=v_min,
        transformer_q_loss_mvar_per_mva2=transformer_q_loss_coefficient(groups, v_min),
        transformer_p_loss_mw_per_mva2=transformer_p_loss_coefficient(groups, v_min),
    )
    rel = case.reliability
    return DispatchInputs(
        name=case.name,
        interval_hours=h,
        energy_price_usd_per_mwh=np.asarray(prices.energy_usd_per_mwh, dtype=float),
        import_adder_usd_per_mwh=np.asarray(prices.import_adder_usd_per_mwh, dtype=float),
        loads=tuple(loads),
        grid=grid,
        battery=battery,
        fleets=fleets,
        products=tuple(products),
        voll_usd_per_mwh=rel.voll_usd_per_mwh,
        floor_use_penalty_usd_per_mwh=rel.floor_use_penalty_usd_per_mwh,
        final_soc_shortfall_usd_per_mwh=rel.final_soc_shortfall_usd_per_mwh,
        ride_through_minutes=rel.ride_through_minutes,
        redundancy_units=_REDUNDANCY_UNITS[rel.generator_redundancy],
        n1_reserves_same_event=rel.n_plus_1_reserve_rule == "same_event",
        polygon_sides=polygon_sides,
        interval_starts=tuple(s.isoformat() for s in prices.interval_starts),
        warnings=tuple(prices.warnings) + tuple(tariff.warnings if tariff is not None else ()),
        tariff=tariff,
    )

"""Dispatch timeline (seed page 3): price, battery, generators, grid, load vs supply (plain logic)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dcep_opt import DispatchInputs, DispatchResult
from dcep_tui.series import FloatArray, Series, bess_net_mw, column, fleet_output_mw, hours_axis, served_load_mw


@dataclass(frozen=True)
class TimelineData:
    """Series of the dispatch timeline, one value per interval, on an elapsed-hours axis."""

    hours: FloatArray
    price: Series
    battery: list[Series]  # charge, discharge (MW)
    soc: list[Series]  # SOC and reserve floor (MWh)
    generators: list[Series]  # output per fleet (MW)
    units_online: list[Series]  # units online per fleet
    grid: list[Series]  # import, export (MW)
    supply_stack: list[Series]  # grid import, battery discharge, generation (MW), stacked
    served_load: Series  # demand served (MW), the line over the stack


def timeline_data(inputs: DispatchInputs, result: DispatchResult) -> TimelineData:
    """The timeline series of a solved result (empty series when it has no schedule)."""
    battery: list[Series] = []
    soc: list[Series] = []
    if inputs.battery is not None:
        battery = [
            Series("charge MW", column(result, "bess_charge_mw")),
            Series("discharge MW", column(result, "bess_discharge_mw")),
        ]
        soc = [Series("SOC MWh", column(result, "bess_soc_mwh")), Series("floor MWh", column(result, "bess_floor_mwh"))]
    return TimelineData(
        hours=hours_axis(result),
        price=Series("LMP $/MWh", column(result, "energy_price_usd_per_mwh")),
        battery=battery,
        soc=soc,
        generators=[Series(f"{f.name} MW", column(result, f"gen_{f.name}_mw")) for f in inputs.fleets],
        units_online=[Series(f"{f.name} units", column(result, f"gen_{f.name}_units_online")) for f in inputs.fleets],
        grid=[
            Series("import MW", column(result, "grid_import_mw")),
            Series("export MW", column(result, "grid_export_mw")),
        ],
        supply_stack=[
            Series("grid import", column(result, "grid_import_mw")),
            Series("BESS discharge", column(result, "bess_discharge_mw")),
            Series("generation", fleet_output_mw(inputs, result)),
        ],
        served_load=Series("served load", served_load_mw(result)),
    )


def energy_totals_mwh(inputs: DispatchInputs, result: DispatchResult) -> dict[str, float]:
    """Energy over the horizon, MWh: imported, exported, charged, discharged, generated, served."""
    h = result.interval_hours
    return {
        "imported": float(np.sum(column(result, "grid_import_mw")) * h),
        "exported": float(np.sum(column(result, "grid_export_mw")) * h),
        "charged": float(np.sum(column(result, "bess_charge_mw")) * h),
        "discharged": float(np.sum(column(result, "bess_discharge_mw")) * h),
        "generated": float(np.sum(fleet_output_mw(inputs, result)) * h),
        "served": float(np.sum(served_load_mw(result)) * h),
    }


def interval_rows(inputs: DispatchInputs, result: DispatchResult) -> list[tuple[str, ...]]:
    """One table row per interval: start, price, grid net import, BESS net, SOC, generation, units, served load."""
    price = column(result, "energy_price_usd_per_mwh")
    grid = column(result, "grid_net_import_mw")
    bess = bess_net_mw(result)
    soc = column(result, "bess_soc_mwh")
    gen = fleet_output_mw(inputs, result)
    units = np.zeros(result.n_intervals)
    for fleet in inputs.fleets:
        units = units + column(result, f"gen_{fleet.name}_units_online")
    served = served_load_mw(result)
    return [
        (
            result.interval_starts[t],
            f"{price[t]:.2f}",
            f"{grid[t]:.2f}",
            f"{bess[t]:.2f}",
            f"{soc[t]:.2f}",
            f"{gen[t]:.2f}",
            f"{units[t]:.0f}",
            f"{served[t]:.2f}",
        )
        for t in range(result.n_intervals)
    ]


INTERVAL_COLUMNS = ("Start", "LMP $/MWh", "Grid net MW", "BESS net MW", "SOC MWh", "Gen MW", "Units", "Load MW")

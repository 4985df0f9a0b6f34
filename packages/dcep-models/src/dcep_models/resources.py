"""Assets behind the meter: battery, generator fleets and loads."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dcep_models.base import StrictModel


class Bess(StrictModel):
    """Battery energy storage with its inverter (PCS).

    SOC fractions are of ``energy_mwh``. The ride-through reserve ``soc_reserve_frac`` is a
    floor that market dispatch (energy and ancillary services) never uses.
    """

    power_mw: float = Field(gt=0, description="Inverter real-power rating, MW (charge and discharge)")
    energy_mwh: float = Field(gt=0, description="Usable nameplate energy, MWh")
    pcs_mva: float | None = Field(None, gt=0, description="Inverter apparent-power rating, MVA (default: power_mw)")
    soc_min_frac: float = Field(0.05, ge=0, le=1)
    soc_max_frac: float = Field(0.95, ge=0, le=1)
    soc_initial_frac: float = Field(0.5, ge=0, le=1)
    soc_final_min_frac: float | None = Field(
        None, ge=0, le=1, description="Lowest SOC at the end of the horizon (default: the initial SOC)"
    )
    soc_reserve_frac: float = Field(0.25, ge=0, le=1, description="Ride-through floor, fraction of energy")
    charge_efficiency: float = Field(0.95, gt=0, le=1)
    discharge_efficiency: float = Field(0.95, gt=0, le=1)
    degradation_cost_usd_per_mwh: float = Field(2.0, ge=0, description="Wear cost per MWh discharged")
    reactive_support: bool = Field(True, description="May the PCS supply reactive power")

    @property
    def pcs_rating_mva(self) -> float:
        """PCS apparent-power rating, MVA."""
        return self.pcs_mva if self.pcs_mva is not None else self.power_mw

    @property
    def final_soc_frac(self) -> float:
        """Lowest allowed end-of-horizon SOC fraction."""
        return self.soc_final_min_frac if self.soc_final_min_frac is not None else self.soc_initial_frac


class GeneratorFleet(StrictModel):
    """A fleet of identical gas generator units (committed as one integer 'units online')."""

    name: str = Field(min_length=1)
    count: int = Field(ge=1, le=1000, description="Identical units (at most 1000 per fleet)")
    p_max_mw: float = Field(gt=0, description="Rating of ONE unit, MW")
    p_min_mw: float = Field(0.0, ge=0, description="Minimum stable output of ONE unit when online, MW")
    heat_rate_mmbtu_per_mwh: float = Field(9.0, gt=0)
    fuel_price_usd_per_mmbtu: float = Field(3.5, ge=0)
    vom_usd_per_mwh: float = Field(5.0, ge=0)
    start_cost_usd: float = Field(500.0, ge=0, description="Cost of ONE start")
    start_time_min: float = Field(10.0, ge=0, description="Cold start to synchronised, minutes")
    min_up_hours: float = Field(1.0, ge=0)
    min_down_hours: float = Field(1.0, ge=0)
    initial_units_online: int = Field(0, ge=0)
    power_factor: float = Field(0.8, gt=0, le=1, description="Rated power factor (reactive capability)")
    provides_spin: bool = Field(True, description="Online headroom may be sold as spinning reserve")
    max_starts_per_interval: int | None = Field(
        None,
        ge=1,
        description="Start-up sequencing: most units of this fleet that may start in one interval (null: no limit)",
    )

    @property
    def fleet_p_max_mw(self) -> float:
        """All units at full output, MW."""
        return self.p_max_mw * self.count

    @property
    def marginal_cost_usd_per_mwh(self) -> float:
        """Fuel plus VOM per MWh generated."""
        return self.heat_rate_mmbtu_per_mwh * self.fuel_price_usd_per_mmbtu + self.vom_usd_per_mwh


LoadKind = Literal["critical", "non_critical", "curtailable"]


class Load(StrictModel):
    """An aggregated load block.

    ``critical`` load is never shed (unserved energy is priced at VoLL); ``non_critical`` may be
    shed entirely at ``curtailment_cost_usd_per_mwh``; ``curtailable`` may be reduced by up to
    ``max_curtailment_frac`` at that cost.
    """

    name: str = Field(min_length=1)
    kind: LoadKind
    power_mw: float = Field(ge=0, description="Base (peak) demand, MW")
    power_factor: float = Field(0.97, gt=0, le=1, description="Lagging power factor")
    profile: list[float] | None = Field(
        None,
        description="Multipliers of power_mw: 24 hourly values (repeated each day) or one per interval",
    )
    curtailment_cost_usd_per_mwh: float = Field(0.0, ge=0)
    max_curtailment_frac: float = Field(0.0, ge=0, le=1)


class Resources(StrictModel):
    """Everything behind the POI."""

    bess: Bess | None = None
    generators: list[GeneratorFleet] = Field(default_factory=list)
    loads: list[Load] = Field(min_length=1)

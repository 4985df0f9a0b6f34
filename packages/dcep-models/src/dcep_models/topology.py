"""Electrical topology of the site: point of interconnection, transformers, buses, PCS."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dcep_models.base import StrictModel

Redundancy = Literal["N", "N+1", "N+2"]


class Poi(StrictModel):
    """Point of interconnection with the grid (the utility meter)."""

    max_import_mw: float = Field(ge=0, description="Largest import from the grid, MW")
    max_export_mw: float = Field(ge=0, description="Largest export to the grid, MW")
    rating_mva: float = Field(gt=0, description="Apparent-power rating at the POI, MVA")
    min_power_factor: float = Field(
        0.95, gt=0, le=1, description="Lowest allowed power factor at the POI (either sign of Q)"
    )
    voltage_kv: float = Field(230.0, gt=0, description="Nominal transmission voltage, kV")
    short_circuit_mva: float = Field(
        5000.0, gt=0, description="Grid short-circuit capacity at the POI, MVA (slack strength)"
    )


class Transformer(StrictModel):
    """A group of identical HV/MV transformers in parallel between the POI and the MV bus."""

    name: str = Field("T1", min_length=1)
    hv_kv: float = Field(230.0, gt=0, description="High-voltage winding, kV")
    mv_kv: float = Field(34.5, gt=0, description="Medium-voltage winding, kV")
    rating_mva: float = Field(gt=0, description="Rating of ONE unit, MVA")
    impedance_pct: float = Field(10.0, gt=0, lt=100, description="Short-circuit impedance on own base, percent (vk)")
    resistance_pct: float = Field(0.3, ge=0, lt=100, description="Short-circuit resistance on own base, percent (vkr)")
    count: int = Field(1, ge=1, description="Identical units in parallel")
    redundancy: Redundancy = Field(
        "N", description="N: all units carry load; N+1: the group must carry it with one unit out"
    )

    @property
    def installed_mva(self) -> float:
        """Sum of all unit ratings, MVA."""
        return self.rating_mva * self.count

    @property
    def firm_mva(self) -> float:
        """Rating usable under the redundancy rule (largest units out), MVA."""
        out = {"N": 0, "N+1": 1, "N+2": 2}[self.redundancy]
        return self.rating_mva * max(self.count - out, 0)


class Bus(StrictModel):
    """A bus of the site network (positive sequence)."""

    name: str = Field(min_length=1)
    voltage_kv: float = Field(gt=0)
    v_min_pu: float = Field(0.95, gt=0, le=1.0)
    v_max_pu: float = Field(1.05, ge=1.0, le=1.5)


class Topology(StrictModel):
    """The site's electrical path from grid to load."""

    poi: Poi
    transformers: list[Transformer] = Field(default_factory=list)
    buses: list[Bus] = Field(default_factory=list)

    def voltage_band(self, voltage_kv: float) -> tuple[float, float]:
        """``(v_min_pu, v_max_pu)`` of the bus at ``voltage_kv`` (the last listed one, matched to 1e-6 kV);
        0.95-1.05 pu when no bus is listed at that voltage (the one bus-band rule: dcep-opt's transformer
        limit and dcep-topology's planning network both read it)."""
        band = (0.95, 1.05)
        for bus in self.buses:
            if abs(bus.voltage_kv - voltage_kv) < 1e-6:
                band = (bus.v_min_pu, bus.v_max_pu)
        return band

    @property
    def transformer_firm_mva(self) -> float | None:
        """Firm MVA of all transformer groups in parallel, or None if there are none."""
        if not self.transformers:
            return None
        return sum(t.firm_mva for t in self.transformers)

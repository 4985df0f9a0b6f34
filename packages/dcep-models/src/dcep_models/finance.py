"""Lifetime value inputs: analysis period, discounting, escalation, battery fade, capital costs, tax.

Rates are fractions per year (0.08 = 8 %). Capital costs are overnight USD per kW or kWh installed,
paid in year 0; fixed O&M is USD per kW per year at today's prices. Dispatch figures are taken at
today's prices and escalated to year y by ``(1 + rate) ** y`` (REopt's convention).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from dcep_models.base import StrictModel

Depreciation = Literal["none", "macrs5", "macrs7", "straight_line"]


class Finance(StrictModel):
    """How a year of dispatch becomes a lifetime cash flow (NPV, IRR, payback, cash-flow table).

    Battery fade: capacity falls by ``bess_fade_pct_per_year`` plus ``bess_fade_pct_per_cycle`` times
    the equivalent full cycles a year (discharged MWh / energy). With ``bess_augmentation_usd_per_kwh``
    the faded kWh are bought back every year (value kept); without it the battery's own cash flow
    shrinks with its capacity. ``bess_replacement_year`` restores full capacity at that year's start.
    """

    analysis_years: int = Field(20, ge=1, le=50, description="Years of operation")
    discount_rate: float = Field(0.08, ge=0, le=1, description="Nominal discount rate per year")
    energy_escalation_rate: float = Field(0.0, ge=-0.5, le=1, description="Energy and AS prices, per year")
    fuel_escalation_rate: float = Field(0.0, ge=-0.5, le=1, description="Generator fuel price, per year")
    om_escalation_rate: float = Field(0.0, ge=-0.5, le=1, description="O&M, wear, augmentation, per year")
    bess_power_capex_usd_per_kw: float = Field(0.0, ge=0)
    bess_energy_capex_usd_per_kwh: float = Field(0.0, ge=0)
    generator_capex_usd_per_kw: float = Field(0.0, ge=0)
    other_capex_usd: float = Field(0.0, ge=0, description="e.g. POI or switchgear upgrades, USD")
    bess_fixed_om_usd_per_kw_yr: float = Field(0.0, ge=0)
    generator_fixed_om_usd_per_kw_yr: float = Field(0.0, ge=0)
    bess_fade_pct_per_year: float = Field(0.0, ge=0, le=100, description="Calendar fade, % of capacity a year")
    bess_fade_pct_per_cycle: float = Field(0.0, ge=0, le=100, description="Cycle fade, % per equivalent full cycle")
    bess_augmentation_usd_per_kwh: float | None = Field(None, ge=0, description="Buy faded kWh back each year")
    bess_replacement_year: int | None = Field(None, ge=1, description="Year whose start sees a new battery")
    bess_replacement_usd_per_kwh: float = Field(0.0, ge=0)
    tax_rate: float = Field(0.0, ge=0, lt=1, description="Income tax on operating value less depreciation")
    depreciation: Depreciation = Field("none", description="none, macrs5, macrs7 (half-year) or straight_line")
    depreciation_years: int = Field(20, ge=1, le=50, description="Straight-line depreciation period")

    @model_validator(mode="after")
    def _years(self) -> Finance:
        if self.bess_replacement_year is not None and self.bess_replacement_year > self.analysis_years:
            raise ValueError(
                f"bess_replacement_year ({self.bess_replacement_year}) is after the last year ({self.analysis_years})"
            )
        return self

"""Per-case market overrides: products for GENERIC, and overrides of any adapter fact."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from dcep_models.base import StrictModel


class ProductSpec(StrictModel):
    """An ancillary-service product as data."""

    name: str = Field(min_length=1)
    direction: Literal["up", "down"]
    deploy_minutes: float = Field(ge=0, description="Time to full deployment")
    duration_hours: float = Field(gt=0, description="How long an award must be sustained (energy backing)")
    storage_eligible: bool = True
    load_eligible: bool = False
    generator_eligible: bool = True
    online_only: bool = Field(True, description="Only online (spinning) generation may provide it")


class PeakWindow(StrictModel):
    """A stretch of time flagged as a likely coincident peak (naive times are in the case's zone)."""

    start: datetime
    end: datetime
    probability: float = Field(1.0, gt=0, le=1, description="Chance that the month's peak falls in this window")


class FourCP(StrictModel):
    """ERCOT 4CP transmission charge: next year's cost follows the load in the four summer peak intervals."""

    rate_usd_per_kw_year: float = Field(
        gt=0, description="Transmission charge per kW of average 4CP demand, $/kW-year (the TDSP's rate)"
    )
    likely_peak_windows: list[PeakWindow] = Field(
        default_factory=list, description="Windows to value avoiding import in (adds a $/MWh adder on import)"
    )


class MarketOverrides(StrictModel):
    """Case-level overrides of market facts; the adapter's documented defaults apply otherwise."""

    products: list[ProductSpec] | None = Field(None, description="Replace the product list (GENERIC)")
    duration_hours: dict[str, float] = Field(default_factory=dict, description="Override durations by product")
    offered_products: list[str] | None = Field(None, description="Sell only these products (default: all priced)")
    max_award_mw: dict[str, float] = Field(
        default_factory=dict,
        description="Most MW of a product the site may sell in any interval (all providers together), by product",
    )
    deployment_fraction: dict[str, float] = Field(
        default_factory=dict,
        description="Expected share (0..1) of a product's awarded MW delivered as energy on average, by product "
        "(overrides the market data's deployment_fraction, default 0: energy-neutral)",
    )
    rtm_interval_min: int | None = Field(None, gt=0)
    settlement_interval_min: int | None = Field(None, gt=0)
    dam_interval_min: int | None = Field(None, gt=0)
    price_cap_usd_per_mwh: float | None = None
    price_floor_usd_per_mwh: float | None = None
    four_cp: FourCP | None = Field(None, description="ERCOT 4CP transmission-charge avoidance (dcep-iso)")

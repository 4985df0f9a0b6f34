"""Price inputs: the seed's synthetic base + peak form, or CSV series relative to the case file."""

from __future__ import annotations

from pydantic import Field

from dcep_models.base import StrictModel


class Prices(StrictModel):
    """Energy and ancillary-service prices.

    Energy comes from exactly one of: the synthetic form (``base_price_usd_per_mwh`` with
    ``peak_hours`` at ``peak_multiplier`` and ``offpeak_hours`` at ``offpeak_multiplier``, hours in
    the case's local time) or ``energy_csv``. AS prices are flat per product
    (``as_prices_usd_per_mw_h``) and/or a series in ``as_csv``. Paths are relative to the case file.
    """

    base_price_usd_per_mwh: float | None = Field(None, description="Synthetic flat energy price")
    peak_hours: list[int] = Field(default_factory=list, description="Local hours (0-23) at peak price")
    peak_multiplier: float = Field(2.0, ge=0)
    offpeak_hours: list[int] = Field(default_factory=list, description="Local hours (0-23) at off-peak price")
    offpeak_multiplier: float = Field(0.7, ge=0)
    energy_csv: str | None = Field(None, description="Energy price CSV (gridstatus layout or timestamp,price)")
    energy_column: str | None = Field(None, description="Price column in energy_csv (default: detected)")
    location: str | None = Field(None, description="Settlement point / node to select in energy_csv")
    as_prices_usd_per_mw_h: dict[str, float] = Field(
        default_factory=dict, description="Flat AS capacity price per product name, $/MW-h"
    )
    as_csv: str | None = Field(None, description="AS clearing price CSV, one column per product")

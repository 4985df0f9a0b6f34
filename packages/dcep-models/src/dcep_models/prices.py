"""Price inputs: the seed's synthetic base + peak form, or CSV series relative to the case file."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dcep_models.base import StrictModel


class Prices(StrictModel):
    """Energy and ancillary-service prices.

    Energy comes from exactly one of: the synthetic form (``base_price_usd_per_mwh`` with
    ``peak_hours`` at ``peak_multiplier`` and ``offpeak_hours`` at ``offpeak_multiplier``, hours in
    the case's local time) or ``energy_csv``. AS prices are flat per product
    (``as_prices_usd_per_mw_h``) and/or a series in ``as_csv``. Paths are relative to the case file.

    Files: ``timestamps`` says how to read naive times (no UTC offset) in ``energy_csv`` / ``as_csv``:
    ``"utc"`` or ``"local"`` (the case's ``time.timezone``); without it a naive time is an error,
    except in a column whose name says UTC (``interval_start_utc``, EIA's ``UTC Timestamp``).
    ``gaps`` says what to do with missing intervals inside the horizon: ``"refuse"`` (an error naming
    the rows), ``"previous"`` (the last price before the gap holds through it) or ``"linear"``
    (interpolated between the prices on either side); gaps longer than ``max_gap_hours`` are always
    refused. Filled gaps are reported as warnings.
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
    timestamps: Literal["utc", "local"] | None = Field(
        None, description="How to read naive times in the price files: 'utc' or 'local' (time.timezone)"
    )
    gaps: Literal["refuse", "previous", "linear"] = Field(
        "refuse", description="Missing intervals inside the horizon: refuse, hold the previous price, or interpolate"
    )
    max_gap_hours: float = Field(6.0, gt=0, description="Longest gap that 'previous' or 'linear' may fill, hours")

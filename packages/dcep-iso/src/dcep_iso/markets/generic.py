"""GENERIC: a market with no facts of its own; every parameter comes from the case file."""

from __future__ import annotations

import math

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.products import DatedValue


class GenericAdapter(ISOAdapter):
    """A configurable market: products, intervals and caps from ``case.market``.

    Without overrides it offers no products, runs 5-min dispatch and settlement with an hourly
    day-ahead market, and flags no price as out of range.
    """

    @classmethod
    def market_data(cls) -> MarketData:
        """Neutral defaults, replaced by the case's ``market`` section."""
        return MarketData(
            name="GENERIC",
            rtm_interval_min=DatedValue(((None, 5),), source="default"),
            settlement_interval_min=DatedValue(((None, 5),), source="default"),
            dam_interval_min=DatedValue(((None, 60),), source="default"),
            price_cap_usd_per_mwh=DatedValue(((None, math.inf),), source="default"),
            price_floor_usd_per_mwh=DatedValue(((None, -math.inf),), source="default"),
            products=(),
            timezone="UTC",
            notes=("Every market fact comes from the case's market section.",),
        )

"""NYISO: facts from reference/iso-markets.md (N2-N8, S1); settlement interval and durations are defaults."""

from __future__ import annotations

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.products import ASProduct, DatedProduct, DatedValue, ProductRule

_UV = "unverified in the reference; documented default, override with market.duration_hours"


class NYISOAdapter(ISOAdapter):
    """NYISO: RTD 5-min, hourly day-ahead; reserves by region (NYCA, EAST, SENY, NYC, LI)."""

    @classmethod
    def market_data(cls) -> MarketData:
        """NYISO's facts."""
        return MarketData(
            name="NYISO",
            rtm_interval_min=DatedValue(((None, 5),), source="S1"),
            settlement_interval_min=DatedValue(((None, 5),), source="UV", verified=False),
            dam_interval_min=DatedValue(((None, 60),), source="S1"),
            price_cap_usd_per_mwh=DatedValue(((None, 2000.0),), source="X1"),
            price_floor_usd_per_mwh=DatedValue(((None, -1000.0),), source="default", verified=False),
            products=(
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.REG,
                            "up",
                            5.0,
                            1.0,
                            symmetric=True,
                            source="S1, N3",
                            verified=False,
                            note="regulation capacity (6-s AGC) treated as one symmetric product; " + _UV,
                            aliases=("Regulation", "Regulation Capacity"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.SPIN,
                            "up",
                            10.0,
                            1.0,
                            source="N2, S1",
                            verified=False,
                            note=_UV,
                            aliases=("10 Min Spinning Reserve", "10-Min Spinning", "Spin 10"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.NSPIN,
                            "up",
                            10.0,
                            1.0,
                            online_only=False,
                            source="N2, S1",
                            verified=False,
                            note=_UV,
                            aliases=("10 Min Non-Synchronous Reserve", "10-Min Non-Synchronized", "Non-Sync 10"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.SR30,
                            "up",
                            30.0,
                            1.0,
                            online_only=False,
                            source="N2, S1",
                            verified=False,
                            note=_UV,
                            aliases=("30 Min Operating Reserve", "30-Min Operating Reserve", "Operating Reserve 30"),
                        ),
                    )
                ),
            ),
            zones=(
                "WEST",
                "GENESE",
                "CENTRL",
                "NORTH",
                "MHK VL",
                "CAPITL",
                "HUD VL",
                "MILLWD",
                "DUNWOD",
                "N.Y.C.",
                "LONGIL",
            ),
            timezone="America/New_York",
            notes=(
                "Reserve regions: NYCA, East of Central-East, SENY, NYC (Zone J), Long Island (N2, N4).",
                "Large load: NY PSC Case 26-E-0045 (N7).",
            ),
        )

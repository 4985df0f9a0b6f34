"""ISO-NE: facts from reference/iso-markets.md (I1-I5, S1); durations are unverified defaults."""

from __future__ import annotations

from datetime import date

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.products import ASProduct, DatedProduct, DatedValue, ProductRule

#: Day-Ahead Ancillary Services Initiative (DASI) go-live (I2).
DASI_LIVE = date(2025, 3, 1)
_UV = "unverified in the reference; documented default, override with market.duration_hours"


class ISONEAdapter(ISOAdapter):
    """ISO-NE: 5-min pricing and settlement since 1 Mar 2017, hourly day-ahead."""

    @classmethod
    def market_data(cls) -> MarketData:
        """ISO-NE's facts."""
        return MarketData(
            name="ISO-NE",
            rtm_interval_min=DatedValue(((None, 5),), source="I1"),
            settlement_interval_min=DatedValue(((None, 60), (date(2017, 3, 1), 5)), source="I1"),
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
                            effective_from=date(2017, 12, 1),
                            source="I1, S1",
                            verified=False,
                            note="regulation capacity + service, treated as symmetric; " + _UV,
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
                            source="I1, S1",
                            verified=False,
                            note="TMSR; " + _UV,
                            aliases=("TMSR", "Ten Minute Spinning Reserve"),
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
                            source="I1, S1",
                            verified=False,
                            note="TMNSR; " + _UV,
                            aliases=("TMNSR", "Ten Minute Non-Spinning Reserve"),
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
                            source="I1, S1",
                            verified=False,
                            note="TMOR; " + _UV,
                            aliases=("TMOR", "Thirty Minute Operating Reserve"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.EIR,
                            "up",
                            60.0,
                            1.0,
                            online_only=False,
                            effective_from=DASI_LIVE,
                            source="I2, S1",
                            verified=False,
                            note="day-ahead Energy Imbalance Reserve (DASI); " + _UV,
                            aliases=("Energy Imbalance Reserve",),
                        ),
                    )
                ),
            ),
            hubs=(".H.INTERNAL_HUB",),
            zones=(
                ".Z.MAINE",
                ".Z.NEWHAMPSHIRE",
                ".Z.VERMONT",
                ".Z.CONNECTICUT",
                ".Z.RHODEISLAND",
                ".Z.SEMASS",
                ".Z.WCMASS",
                ".Z.NEMASSBOST",
            ),
            timezone="America/New_York",
            notes=(
                "Internal hub is location ID 4000; leading-dot and .Z.* zone spellings unverified (S1).",
                "Pay-for-Performance rate $9,337/MWh since 1 Jun 2025 (I3); not modelled.",
                "Forward Reserve Market retired with DASI (1 Mar 2025).",
                "Continuous Storage Facility: charge <-> discharge within 10 min (I5).",
            ),
        )

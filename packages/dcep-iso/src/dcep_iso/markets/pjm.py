"""PJM: facts from reference/iso-markets.md (P1-P8, S1, X1); ESR durations are unverified defaults."""

from __future__ import annotations

from datetime import date

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.products import ASProduct, DatedProduct, DatedValue, ProductRule

#: Reserve price formation: 30-minute reserve and day-ahead reserves (P1).
RESERVE_REFORM = date(2022, 10, 1)
_UV = "ESR duration unverified in the reference; documented default 1 h, override with market.duration_hours"


class PJMAdapter(ISOAdapter):
    """PJM: 5-min real-time dispatch and settlement since 1 Apr 2018, hourly day-ahead."""

    @classmethod
    def market_data(cls) -> MarketData:
        """PJM's facts."""
        return MarketData(
            name="PJM",
            rtm_interval_min=DatedValue(((None, 5),), source="P2, S1"),
            settlement_interval_min=DatedValue(((None, 60), (date(2018, 4, 1), 5)), source="P2"),
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
                            0.5,
                            symmetric=True,
                            source="P3, S1",
                            verified=False,
                            note="symmetric RegA/RegD; capability + performance prices; duration default 30 min (UV)",
                            aliases=("Regulation", "RMCP", "Regulation Capability"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.SPIN,
                            "up",
                            10.0,
                            0.5,
                            load_eligible=True,
                            source="P1, P8",
                            note="Synchronized Reserve; events last <= 30 min (P8)",
                            aliases=("Synchronized Reserve", "Sync Reserve", "SR"),
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
                            source="P1, S1",
                            verified=False,
                            note=_UV,
                            aliases=("Non-Synchronized Reserve", "Non-Sync Reserve", "NSR"),
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
                            effective_from=RESERVE_REFORM,
                            source="P1",
                            verified=False,
                            note="30-Minute Reserve; ESRs submit explicit offers; " + _UV,
                            aliases=("30-Minute Reserve", "30 Minute Reserve", "Secondary Reserve"),
                        ),
                    )
                ),
            ),
            hubs=(
                "WESTERN HUB",
                "EASTERN HUB",
                "AEP-DAYTON HUB",
                "DOMINION HUB",
                "NEW JERSEY HUB",
                "OHIO HUB",
                "CHICAGO GEN HUB",
                "AEP GEN HUB",
                "ATSI GEN HUB",
                "WEST INT HUB",
            ),
            timezone="America/New_York",
            notes=(
                "WESTERN HUB is pnode 51288 (S1).",
                "Capacity: BRA 2026/27 $329.17/MW-day, 2027/28 $333.34/MW-day (P6); not modelled.",
                "Large load: Board 16 Jan 2026 bring-own-generation / connect-and-manage (P7).",
            ),
        )

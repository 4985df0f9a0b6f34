"""MISO: facts from reference/iso-markets.md (M1-M8, S1); response times and durations are defaults."""

from __future__ import annotations

from datetime import date

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.products import ASProduct, DatedProduct, DatedValue, ProductRule

STR_LAUNCH = date(2021, 12, 7)
VOLL_RAISE = date(2025, 9, 30)
_UV = "unverified in the reference; documented default, override with market.duration_hours"


class MISOAdapter(ISOAdapter):
    """MISO: 5-min real-time dispatch and settlement (since 1 Jul 2018), hourly day-ahead."""

    @classmethod
    def market_data(cls) -> MarketData:
        """MISO's facts."""
        return MarketData(
            name="MISO",
            rtm_interval_min=DatedValue(((None, 5),), source="M1, S1"),
            settlement_interval_min=DatedValue(((None, 60), (date(2018, 7, 1), 5)), source="M1"),
            dam_interval_min=DatedValue(((None, 60),), source="S1"),
            # Offer cap $2,000 (M3); prices may clear up to VOLL at the top of the ORDC (M4).
            price_cap_usd_per_mwh=DatedValue(((None, 3500.0), (VOLL_RAISE, 10000.0)), source="M3, M4"),
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
                            source="M5",
                            verified=False,
                            note="Regulating Reserve, treated as one symmetric product; " + _UV,
                            aliases=("Regulation", "Regulating Reserve", "Regulation MCP"),
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
                            source="M7",
                            verified=False,
                            note=_UV,
                            aliases=("Spinning Reserve", "Spin", "Spinning Reserve MCP"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.SUPP,
                            "up",
                            10.0,
                            1.0,
                            online_only=False,
                            source="M7",
                            verified=False,
                            note=_UV,
                            aliases=("Supplemental Reserve", "Supplemental", "Supplemental Reserve MCP"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.RAMPUP,
                            "up",
                            10.0,
                            1.0,
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Ramp Capability Up", "Ramp Up", "Up Ramp Capability"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.RAMPDN,
                            "down",
                            10.0,
                            1.0,
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Ramp Capability Down", "Ramp Down", "Down Ramp Capability"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.STR,
                            "up",
                            30.0,
                            1.0,
                            online_only=False,
                            effective_from=STR_LAUNCH,
                            source="M2",
                            verified=False,
                            note="Short-Term Reserve, 30-min response; duration " + _UV,
                            aliases=("Short-Term Reserve", "Short Term Reserve", "STR MCP"),
                        ),
                    )
                ),
            ),
            hubs=(
                "ILLINOIS.HUB",
                "INDIANA.HUB",
                "MICHIGAN.HUB",
                "MINN.HUB",
                "ARKANSAS.HUB",
                "LOUISIANA.HUB",
                "MS.HUB",
                "TEXAS.HUB",
            ),
            timezone="Etc/GMT+5",
            notes=(
                "MISO market time is Eastern Standard Time all year (no DST): UTC-5, IANA Etc/GMT+5.",
                "Large load concepts: zero-injection GIA, firm/curtailable step-up service (M6).",
            ),
        )

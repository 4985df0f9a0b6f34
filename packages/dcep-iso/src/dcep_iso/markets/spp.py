"""SPP: facts from reference/iso-markets.md (SP1-SP5, S1); timing and durations are mostly defaults."""

from __future__ import annotations

from datetime import date

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.products import ASProduct, DatedProduct, DatedValue, ProductRule

RAMP_LAUNCH = date(2022, 2, 1)
_UV = "unverified in the reference; documented default, override with market.duration_hours"


class SPPAdapter(ISOAdapter):
    """SPP Integrated Marketplace: RTBM 5-min, hourly day-ahead."""

    @classmethod
    def market_data(cls) -> MarketData:
        """SPP's facts."""
        return MarketData(
            name="SPP",
            rtm_interval_min=DatedValue(((None, 5),), source="S1"),
            settlement_interval_min=DatedValue(((None, 5),), source="UV", verified=False),
            dam_interval_min=DatedValue(((None, 60),), source="S1"),
            # Order 831 hard cap; SPP's own current cap is unverified (SP4: +/-$1,000 offers, 2011).
            price_cap_usd_per_mwh=DatedValue(((None, 2000.0),), source="X1, SP4", verified=False),
            price_floor_usd_per_mwh=DatedValue(((None, -1000.0),), source="SP4", verified=False),
            products=(
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.REGUP,
                            "up",
                            5.0,
                            1.0,
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Reg_Up", "RegUP", "Regulation Up"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.REGDN,
                            "down",
                            5.0,
                            1.0,
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Reg_Dn", "RegDN", "Regulation Down"),
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
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Spin", "Spinning Reserve"),
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
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Supp", "Supplemental Reserve"),
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
                            effective_from=RAMP_LAUNCH,
                            source="S1, SP2",
                            verified=False,
                            note=_UV,
                            aliases=("Ramp_Up", "Ramp Capability Up"),
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
                            effective_from=RAMP_LAUNCH,
                            source="S1, SP2",
                            verified=False,
                            note=_UV,
                            aliases=("Ramp_Dn", "Ramp Capability Down"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.UNCUP,
                            "up",
                            30.0,
                            1.0,
                            online_only=False,
                            source="SP1",
                            note="Uncertainty reserve: online or offline, sustain >= 1 h (SP1); deploy time: default",
                            aliases=("Unc_Up", "Uncertainty Up", "Uncertainty Reserve"),
                        ),
                    )
                ),
            ),
            hubs=("SPPNORTH_HUB", "SPPSOUTH_HUB"),
            timezone="America/Chicago",
            notes=(
                "Offline uncertainty offers capped at $1,000/MW (SP1).",
                "HILL large loads (>= 50 MW > 69 kV): 90-day study, eff. 15 Jan 2026 (SP5).",
                "'STS Unc Up' is not modelled (meaning unverified).",
            ),
        )

"""CAISO: facts from reference/iso-markets.md (C1-C5, S1); response and durations are unverified defaults."""

from __future__ import annotations

from datetime import date

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.products import ASProduct, DatedProduct, DatedValue, ProductRule

#: EDAM / day-ahead market enhancements live (month from the reference; day assumed).
EDAM_LIVE = date(2026, 5, 1)
_UV = "unverified in the reference; documented default, override with market.duration_hours"


class CAISOAdapter(ISOAdapter):
    """CAISO: IFM hourly, FMM 15-min, RTD 5-min."""

    @classmethod
    def market_data(cls) -> MarketData:
        """CAISO's facts."""
        return MarketData(
            name="CAISO",
            rtm_interval_min=DatedValue(((None, 5),), source="C2, S1"),
            settlement_interval_min=DatedValue(((None, 5),), source="UV", verified=False),
            dam_interval_min=DatedValue(((None, 60),), source="C2"),
            # Soft $1,000 / hard $2,000 since 20 Mar 2021 (C1, C2).
            price_cap_usd_per_mwh=DatedValue(((None, 1000.0), (date(2021, 3, 20), 2000.0)), source="C1, C2"),
            price_floor_usd_per_mwh=DatedValue(((None, -150.0),), source="C1, C2"),
            products=(
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.REGUP,
                            "up",
                            10.0,
                            1.0,
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Regulation Up", "RU"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.REGDN,
                            "down",
                            10.0,
                            1.0,
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Regulation Down", "RD"),
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
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Spinning Reserves", "Spinning Reserve", "SR"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.NSPIN,
                            "up",
                            10.0,
                            0.5,
                            online_only=False,
                            source="S1",
                            verified=False,
                            note=_UV,
                            aliases=("Non-Spinning Reserves", "Non-Spinning Reserve", "NR"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.RAMPUP,
                            "up",
                            5.0,
                            0.25,
                            source="S1, C5",
                            verified=False,
                            note=_UV,
                            aliases=("Flexible Ramp Up", "FRU"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.RAMPDN,
                            "down",
                            5.0,
                            0.25,
                            source="S1, C5",
                            verified=False,
                            note=_UV,
                            aliases=("Flexible Ramp Down", "FRD"),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.IRU,
                            "up",
                            15.0,
                            1.0,
                            effective_from=EDAM_LIVE,
                            source="C3, S1",
                            verified=False,
                            note="day-ahead imbalance reserve (EDAM/DAME); " + _UV,
                            aliases=("Imbalance Reserve Up",),
                        ),
                    )
                ),
                DatedProduct(
                    (
                        ProductRule(
                            ASProduct.IRD,
                            "down",
                            15.0,
                            1.0,
                            effective_from=EDAM_LIVE,
                            source="C3, S1",
                            verified=False,
                            note="day-ahead imbalance reserve (EDAM/DAME); " + _UV,
                            aliases=("Imbalance Reserve Down",),
                        ),
                    )
                ),
            ),
            hubs=("TH_NP15_GEN-APND", "TH_SP15_GEN-APND", "TH_ZP26_GEN-APND"),
            zones=("DLAP_PGAE-APND", "DLAP_SCE-APND", "DLAP_SDGE-APND", "DLAP_VEA-APND"),
            timezone="America/Los_Angeles",
            notes=(
                "AS regions AS_CAISO_EXP, AS_NP26, AS_SP26 (S1); DLAP suffixes unverified.",
                "Regulation mileage and Reliability Capacity Up/Down (RCU/RCD) are not modelled.",
                "Battery SoC accounting includes flexible ramp up (PRR 1627, C5).",
            ),
        )

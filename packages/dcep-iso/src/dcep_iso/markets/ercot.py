"""ERCOT: facts from reference/iso-markets.md (source keys S1-S15), dated where rules changed."""

from __future__ import annotations

from datetime import date

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.products import ASProduct, DatedProduct, DatedValue, ProductRule

#: RTC+B go-live: AS co-optimised every 5 min, NPRR1282 durations in force (S6, S1, S2).
RTC_B_GO_LIVE = date(2025, 12, 5)
#: ECRS first operating day (ERCOT Contingency Reserve Service launch).
ECRS_LAUNCH = date(2023, 6, 10)

_PRE_RTC_NOTE = "pre-RTC+B duration is a documented default (reference gives only the RTC+B value)"


def _versions(pre: ProductRule, post_hours: float, post_source: str) -> DatedProduct:
    post = ProductRule(
        **{
            **pre.__dict__,
            "duration_hours": post_hours,
            "effective_from": RTC_B_GO_LIVE,
            "source": post_source,
            "verified": True,
            "note": "NPRR1282 ESR duration, as built with RTC+B",
        }
    )
    return DatedProduct((pre, post))


_REGUP = ProductRule(
    ASProduct.REGUP,
    "up",
    deploy_minutes=5.0,
    duration_hours=1.0,
    load_eligible=True,
    source="S4, S2",
    verified=False,
    aliases=("Regulation Up", "Reg Up", "REGUP"),
    note=_PRE_RTC_NOTE,
)
_REGDN = ProductRule(
    ASProduct.REGDN,
    "down",
    deploy_minutes=5.0,
    duration_hours=1.0,
    load_eligible=True,
    source="S4, S2",
    verified=False,
    aliases=("Regulation Down", "Reg Down", "REGDN"),
    note=_PRE_RTC_NOTE,
)
_RRS = ProductRule(
    ASProduct.RRS,
    "up",
    deploy_minutes=10.0,
    duration_hours=1.0,
    load_eligible=True,
    source="S2, S13, S1",
    verified=False,
    aliases=("Responsive Reserves", "Responsive Reserve Service", "RRS"),
    note=_PRE_RTC_NOTE,
)
_ECRS_PRE = ProductRule(
    ASProduct.ECRS,
    "up",
    deploy_minutes=10.0,
    duration_hours=2.0,
    load_eligible=True,
    effective_from=ECRS_LAUNCH,
    source="S4, S2",
    aliases=("ERCOT Contingency Reserve Service", "ECRS"),
    note="2 h before RTC+B",
)
_NSPIN = ProductRule(
    ASProduct.NSPIN,
    "up",
    deploy_minutes=30.0,
    duration_hours=4.0,
    load_eligible=True,
    online_only=False,
    source="S4, S3",
    aliases=("Non-Spinning Reserves", "Non-Spinning Reserve", "Non-Spin", "NSPIN", "NSRS"),
    note="4 h since NPRR1096",
)


class ERCOTAdapter(ISOAdapter):
    """ERCOT nodal market: SCED 5-min, 15-min settlement point prices, hourly DAM."""

    @classmethod
    def market_data(cls) -> MarketData:
        """ERCOT's facts."""
        return MarketData(
            name="ERCOT",
            rtm_interval_min=DatedValue(((None, 5),), source="S1"),
            settlement_interval_min=DatedValue(((None, 15),), source="S1"),
            dam_interval_min=DatedValue(((None, 60),), source="S1"),
            # HCAP $5,000/MWh since 1 Jan 2022 (S5); $9,000 before (documented default, not in the reference).
            price_cap_usd_per_mwh=DatedValue(((None, 9000.0), (date(2022, 1, 1), 5000.0)), source="S5"),
            # Offer floor -$250/MWh: documented default, not in the reference.
            price_floor_usd_per_mwh=DatedValue(((None, -250.0),), source="default", verified=False),
            products=(
                _versions(_REGUP, 0.5, "S4, S2"),
                _versions(_REGDN, 0.5, "S4, S2"),
                _versions(_RRS, 0.5, "S2, S13, S1"),
                _versions(_ECRS_PRE, 1.0, "S4, S2"),
                DatedProduct((_NSPIN,)),
            ),
            hubs=("HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST", "HB_PAN", "HB_BUSAVG", "HB_HUBAVG"),
            zones=("LZ_HOUSTON", "LZ_NORTH", "LZ_SOUTH", "LZ_WEST", "LZ_AEN", "LZ_CPS", "LZ_LCRA"),
            timezone="America/Chicago",
            notes=(
                "RTC+B live 5 Dec 2025: AS co-optimised every 5 min; ORDC adder replaced by AS demand curves (S6).",
                "RRS includes PFR (30 min) and FFR (15 min); modelled as one product at the PFR duration.",
                "4CP: each Jun-Sep month's peak 15-min interval sets next year's transmission charge (S10).",
                "SB6 (eff. 20 Jun 2025): loads >= 75 MW connecting after 31 Dec 2025 need remote disconnect (S9).",
                "Pending: DRRS discharge-only for ESRs (NPRR1340, S14).",
            ),
        )

"""The market adapter: one object that answers every market question the optimiser asks."""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from dcep_iso.products import (
    DatedProduct,
    DatedValue,
    Direction,
    ProductRule,
    normalise_product_key,
    reserve_mwh_per_mw,
)

#: Day used when an adapter is asked for "today's" rules without a date: the reference's vantage point.
DEFAULT_AS_OF = date(2026, 7, 1)


class UnknownProductError(KeyError):
    """A product name that the market does not offer (the message lists those it does)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else super().__str__()


@dataclass(frozen=True)
class MarketInterval:
    """Market clock, minutes: real-time dispatch, real-time settlement, day-ahead."""

    rtm_interval_min: int
    settlement_interval_min: int
    dam_interval_min: int


@dataclass(frozen=True)
class ReserveRequirement:
    """What a storage resource can offer for one product and what it must hold behind the offer.

    ``offer_mw`` is the largest award it can sustain; ``energy_mwh`` is, for an up product, the
    stored energy (above any floor) that must stay behind the award, for a down product the
    empty room that must stay free, and for a symmetric product both together; ``limited_by`` says
    which of power or energy bound the offer.
    """

    product: str
    direction: Direction
    offer_mw: float
    duration_hours: float
    energy_mwh: float
    limited_by: Literal["power", "energy"]
    symmetric: bool = False


@dataclass(frozen=True)
class MarketData:
    """Every market fact an adapter serves, with dates where rules change."""

    name: str
    rtm_interval_min: DatedValue
    settlement_interval_min: DatedValue
    dam_interval_min: DatedValue
    price_cap_usd_per_mwh: DatedValue
    price_floor_usd_per_mwh: DatedValue
    products: tuple[DatedProduct, ...]
    hubs: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    timezone: str = "America/Chicago"
    notes: tuple[str, ...] = field(default=())


class ISOAdapter(ABC):
    """Market rules for one ISO/RTO on one operating day.

    Subclasses provide :meth:`market_data`; the adapter resolves every dated fact at ``as_of``
    (rules change over time) and may then be overridden per case with :meth:`with_overrides`.
    """

    def __init__(self, as_of: date | None = None) -> None:
        self.as_of = as_of or DEFAULT_AS_OF
        data = self.market_data()
        day = self.as_of
        self._data = data
        self._interval = MarketInterval(
            rtm_interval_min=int(data.rtm_interval_min.at(day)),
            settlement_interval_min=int(data.settlement_interval_min.at(day)),
            dam_interval_min=int(data.dam_interval_min.at(day)),
        )
        self._cap = data.price_cap_usd_per_mwh.at(day)
        self._floor = data.price_floor_usd_per_mwh.at(day)
        rules = (p.at(day) for p in data.products)
        self._products: list[ProductRule] = [r for r in rules if r is not None]
        self.overridden: list[str] = []

    @classmethod
    @abstractmethod
    def market_data(cls) -> MarketData:
        """The market's facts (every dated version)."""

    @property
    def name(self) -> str:
        """Canonical market name (``ERCOT``, ``ISO-NE``, ...)."""
        return self._data.name

    @property
    def market_interval(self) -> MarketInterval:
        """Real-time dispatch, settlement and day-ahead intervals, minutes."""
        return self._interval

    @property
    def as_products(self) -> list[ProductRule]:
        """Ancillary-service products in force on ``as_of`` (a copy)."""
        return list(self._products)

    @property
    def product_names(self) -> list[str]:
        """Names of the products in force."""
        return [p.name for p in self._products]

    @property
    def price_cap_usd_per_mwh(self) -> float:
        """Highest energy price the market can clear on ``as_of``, $/MWh."""
        return self._cap

    @property
    def price_floor_usd_per_mwh(self) -> float:
        """Lowest energy price (offer floor) on ``as_of``, $/MWh."""
        return self._floor

    @property
    def price_cap_verified(self) -> bool:
        """False when the cap is a documented default rather than a verified fact."""
        return self._data.price_cap_usd_per_mwh.verified

    @property
    def price_floor_verified(self) -> bool:
        """False when the floor is a documented default rather than a verified fact."""
        return self._data.price_floor_usd_per_mwh.verified

    @property
    def hubs(self) -> tuple[str, ...]:
        """Trading hub names as the market publishes them."""
        return self._data.hubs

    @property
    def zones(self) -> tuple[str, ...]:
        """Load zone names."""
        return self._data.zones

    @property
    def timezone(self) -> str:
        """IANA zone of the market's operating day."""
        return self._data.timezone

    @property
    def notes(self) -> tuple[str, ...]:
        """Market facts that are not parameters (large-load rules, pending changes)."""
        return self._data.notes

    def get_product(self, product: str) -> ProductRule:
        """The rule of ``product`` (an ``ASProduct``, its name, or a price-file alias).

        Raises:
            UnknownProductError: the market does not offer it on ``as_of``; lists what it offers.
        """
        key = normalise_product_key(str(product))
        for rule in self._products:
            keys = {normalise_product_key(rule.name), *(normalise_product_key(a) for a in rule.aliases)}
            if key in keys:
                return rule
        raise UnknownProductError(
            f"{self.name} does not offer product {str(product)!r} on {self.as_of}; "
            f"offered: {', '.join(self.product_names) or 'none'}"
        )

    def offers(self, product: str) -> bool:
        """Whether the market offers ``product`` on ``as_of``."""
        try:
            self.get_product(product)
        except UnknownProductError:
            return False
        return True

    def get_reserve_requirement(
        self,
        product: str,
        capacity_mw: float,
        soc_mwh: float,
        *,
        headroom_mwh: float | None = None,
        charge_efficiency: float = 1.0,
        discharge_efficiency: float = 1.0,
    ) -> ReserveRequirement:
        """MW a battery can offer for ``product`` and the MWh that must stay behind the offer.

        Args:
            product: product name (see :meth:`get_product`).
            capacity_mw: power available for this product, MW (inverter headroom).
            soc_mwh: stored energy available above any floor, MWh (limits up products).
            headroom_mwh: empty room below the SOC ceiling, MWh (limits down products; None:
                not limiting). A symmetric product is limited by both.
            charge_efficiency / discharge_efficiency: one-way efficiencies in (0, 1].

        An up award of R MW for d hours needs ``R * d / discharge_efficiency`` MWh stored; a down
        award needs ``R * d * charge_efficiency`` MWh of room. The offer is the largest R within
        ``capacity_mw`` and the energy limits.

        Raises:
            UnknownProductError: the market does not offer ``product``.
            ValueError: a negative capacity or energy, or an efficiency outside (0, 1].
        """
        for label, value in (("capacity_mw", capacity_mw), ("soc_mwh", soc_mwh)):
            if value < 0:
                raise ValueError(f"{label} must be >= 0, got {value}")
        if headroom_mwh is not None and headroom_mwh < 0:
            raise ValueError(f"headroom_mwh must be >= 0, got {headroom_mwh}")
        for label, eff in (("charge_efficiency", charge_efficiency), ("discharge_efficiency", discharge_efficiency)):
            if not 0 < eff <= 1:
                raise ValueError(f"{label} must be in (0, 1], got {eff}")
        rule = self.get_product(product)
        d = rule.duration_hours
        up_mwh_per_mw, dn_mwh_per_mw = reserve_mwh_per_mw(
            d, rule.direction, rule.symmetric, charge_efficiency, discharge_efficiency
        )
        limits = [capacity_mw]
        if up_mwh_per_mw > 0:
            limits.append(soc_mwh / up_mwh_per_mw)
        if dn_mwh_per_mw > 0 and headroom_mwh is not None:
            limits.append(headroom_mwh / dn_mwh_per_mw)
        offer = min(limits)
        per_mw = up_mwh_per_mw + dn_mwh_per_mw  # a symmetric award holds both
        return ReserveRequirement(
            product=rule.name,
            direction=rule.direction,
            offer_mw=offer,
            duration_hours=d,
            energy_mwh=offer * per_mw,
            limited_by="power" if offer >= capacity_mw else "energy",
            symmetric=rule.symmetric,
        )

    def _copy(self) -> ISOAdapter:
        clone = copy.copy(self)
        clone._products = list(self._products)
        clone.overridden = list(self.overridden)
        return clone

    def with_overrides(
        self,
        *,
        products: list[ProductRule] | None = None,
        duration_hours: dict[str, float] | None = None,
        offered_products: list[str] | None = None,
        rtm_interval_min: int | None = None,
        settlement_interval_min: int | None = None,
        dam_interval_min: int | None = None,
        price_cap_usd_per_mwh: float | None = None,
        price_floor_usd_per_mwh: float | None = None,
    ) -> ISOAdapter:
        """A copy with case-level overrides applied; ``overridden`` lists what changed.

        Raises:
            UnknownProductError: a duration override or offered product names a product the market
                does not offer.
            ValueError: a non-positive duration.
        """
        clone = self._copy()
        if products is not None:
            clone._products = list(products)
            clone.overridden.append("products")
        for name, hours in (duration_hours or {}).items():
            rule = clone.get_product(name)
            clone._products = [r.with_duration(hours) if r is rule else r for r in clone._products]
            clone.overridden.append(f"duration_hours.{rule.name}")
        if offered_products is not None:
            keep = {clone.get_product(n).name for n in offered_products}
            clone._products = [r for r in clone._products if r.name in keep]
            clone.overridden.append("offered_products")
        iv = clone._interval
        clone._interval = MarketInterval(
            rtm_interval_min=rtm_interval_min or iv.rtm_interval_min,
            settlement_interval_min=settlement_interval_min or iv.settlement_interval_min,
            dam_interval_min=dam_interval_min or iv.dam_interval_min,
        )
        for label, value in (
            ("rtm_interval_min", rtm_interval_min),
            ("settlement_interval_min", settlement_interval_min),
            ("dam_interval_min", dam_interval_min),
        ):
            if value is not None:
                clone.overridden.append(label)
        if price_cap_usd_per_mwh is not None:
            clone._cap = price_cap_usd_per_mwh
            clone.overridden.append("price_cap_usd_per_mwh")
        if price_floor_usd_per_mwh is not None:
            clone._floor = price_floor_usd_per_mwh
            clone.overridden.append("price_floor_usd_per_mwh")
        return clone

    def __repr__(self) -> str:
        return f"{type(self).__name__}(as_of={self.as_of.isoformat()}, products={self.product_names})"

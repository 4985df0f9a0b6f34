"""Ancillary-service products as data: what a battery may sell and what it must hold behind it."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Literal

Direction = Literal["up", "down"]


class ASProduct(StrEnum):
    """Every ancillary-service product name used by the shipped adapters.

    The value is the key used in ``prices.as_prices_usd_per_mw_h`` and in AS price CSV columns.
    The same key in two markets means the same kind of service (e.g. ``REGUP``), not identical rules.
    """

    REGUP = "REGUP"
    REGDN = "REGDN"
    REG = "REG"  # symmetric regulation (PJM)
    RRS = "RRS"
    ECRS = "ECRS"
    NSPIN = "NSPIN"
    SPIN = "SPIN"
    SUPP = "SUPP"
    RAMPUP = "RAMPUP"
    RAMPDN = "RAMPDN"
    STR = "STR"
    UNCUP = "UNCUP"
    SR30 = "SR30"
    IRU = "IRU"
    IRD = "IRD"
    EIR = "EIR"


def reserve_mwh_per_mw(
    duration_hours: float,
    direction: str,
    symmetric: bool = False,
    charge_efficiency: float = 1.0,
    discharge_efficiency: float = 1.0,
) -> tuple[float, float]:
    """Energy one MW of award holds behind it: ``(stored MWh, room MWh)`` (the one definition).

    An up award sustained ``duration_hours`` needs ``duration / discharge_efficiency`` MWh stored
    above the floor; a down award keeps ``duration * charge_efficiency`` MWh of room below the SOC
    ceiling; a symmetric award (PJM regulation) needs both. Used by the adapters' offer sizing, the
    planners' product summary and dcep-opt's reserve, N+k and margin rows.
    """
    stored = duration_hours / discharge_efficiency if direction == "up" or symmetric else 0.0
    room = duration_hours * charge_efficiency if direction == "down" or symmetric else 0.0
    return stored, room


@dataclass(frozen=True)
class ProductRule:
    """One ancillary-service product of one market, as data.

    Attributes:
        name: price key (``ASProduct`` value for shipped markets; free text for GENERIC).
        direction: ``"up"`` (discharge / reduce load) or ``"down"`` (charge / increase load).
        deploy_minutes: time to full deployment, minutes.
        duration_hours: how long an award must be sustained: the energy an up award holds behind
            it is ``MW * duration_hours``; a down award keeps that much room free.
        storage_eligible / generator_eligible / load_eligible: who may provide it.
        online_only: only online (synchronised) generators may provide it.
        symmetric: the award is both up and down at once (PJM regulation): a provider needs the MW
            of headroom and the energy backing in both directions, and is paid once.
        deployment_fraction: expected share (0..1) of the awarded MW delivered as energy on average
            (sold at the energy price for up, bought for down). 0.0 = energy-neutral: no shipped market
            file gives a sourced figure, so every shipped product uses this documented default.
        effective_from: first operating day on which this rule (and its duration) holds; None if
            it has held for as long as the adapter cares.
        source: source keys from ``reference/iso-markets.md`` (or ``case`` for overrides).
        verified: False when the reference marks the fact unverified and this is a documented default.
        aliases: other column names for this product in AS price files (gridstatus names).
    """

    name: str
    direction: Direction
    deploy_minutes: float
    duration_hours: float
    storage_eligible: bool = True
    generator_eligible: bool = True
    load_eligible: bool = False
    online_only: bool = True
    symmetric: bool = False
    deployment_fraction: float = 0.0
    effective_from: date | None = None
    source: str = ""
    verified: bool = True
    aliases: tuple[str, ...] = field(default=())
    note: str = ""

    def __post_init__(self) -> None:
        # Store plain strings so reprs, dict keys and JSON stay simple when an ASProduct is passed.
        object.__setattr__(self, "name", str(self.name))

    def with_duration(self, duration_hours: float, source: str = "case") -> ProductRule:
        """A copy with an overridden sustain duration (hours)."""
        if duration_hours <= 0:
            raise ValueError(f"{self.name}: duration_hours must be > 0, got {duration_hours}")
        return replace(self, duration_hours=duration_hours, source=source, verified=True)


@dataclass(frozen=True)
class DatedProduct:
    """A product rule together with the later versions of it (rules change over time).

    ``versions`` is sorted by ``effective_from``; ``at(day)`` returns the rule in force on ``day``,
    or None when the product did not exist yet.
    """

    versions: tuple[ProductRule, ...]

    def at(self, day: date) -> ProductRule | None:
        """The version in force on ``day`` (None before the first version's effective date)."""
        current: ProductRule | None = None
        for rule in self.versions:
            if rule.effective_from is None or rule.effective_from <= day:
                current = rule
        return current


@dataclass(frozen=True)
class DatedValue:
    """A scalar market fact (a cap, an interval) with the date from which each value holds."""

    values: tuple[tuple[date | None, float], ...]
    source: str = ""
    verified: bool = True

    def at(self, day: date) -> float:
        """The value in force on ``day`` (the earliest value if ``day`` precedes them all)."""
        chosen = self.values[0][1]
        for since, value in self.values:
            if since is None or since <= day:
                chosen = value
        return chosen


@functools.lru_cache(maxsize=4096)
def normalise_product_key(text: str) -> str:
    """Column / product name reduced for matching: upper case, letters and digits only (cached: a year's
    market rules by date ask for the same few names thousands of times)."""
    return "".join(ch for ch in text.upper() if ch.isalnum())

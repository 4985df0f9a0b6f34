"""Find the adapter for a market name, and build one with a case's overrides applied."""

from __future__ import annotations

from datetime import date

from dcep_iso.base import ISOAdapter, UnknownProductError
from dcep_iso.markets.caiso import CAISOAdapter
from dcep_iso.markets.ercot import ERCOTAdapter
from dcep_iso.markets.generic import GenericAdapter
from dcep_iso.markets.isone import ISONEAdapter
from dcep_iso.markets.miso import MISOAdapter
from dcep_iso.markets.nyiso import NYISOAdapter
from dcep_iso.markets.pjm import PJMAdapter
from dcep_iso.markets.spp import SPPAdapter
from dcep_iso.products import ProductRule
from dcep_models import Case, CaseError, CaseIssue, canonical_iso_name
from dcep_models.market import ProductSpec

ADAPTERS: dict[str, type[ISOAdapter]] = {
    "ERCOT": ERCOTAdapter,
    "CAISO": CAISOAdapter,
    "PJM": PJMAdapter,
    "MISO": MISOAdapter,
    "NYISO": NYISOAdapter,
    "ISO-NE": ISONEAdapter,
    "SPP": SPPAdapter,
    "GENERIC": GenericAdapter,
}


def available_isos() -> list[str]:
    """Canonical names of every market with an adapter."""
    return list(ADAPTERS)


def get_iso_adapter(name: str, as_of: date | None = None) -> ISOAdapter:
    """The adapter for market ``name`` (case- and hyphen-insensitive: ``"isone"`` is ISO-NE).

    ``as_of`` is the operating day whose rules apply (default: ``DEFAULT_AS_OF``).

    Raises:
        ValueError: unknown market; the message lists the known ones.
    """
    try:
        canonical = canonical_iso_name(name)
    except ValueError:
        raise ValueError(f"unknown ISO {name!r}; known: {', '.join(ADAPTERS)}") from None
    if canonical not in ADAPTERS:
        raise ValueError(f"unknown ISO {name!r}; known: {', '.join(ADAPTERS)}")
    return ADAPTERS[canonical](as_of=as_of)


def rule_from_spec(spec: ProductSpec) -> ProductRule:
    """A case's product description (``market.products[i]``) as a ProductRule."""
    return ProductRule(
        name=spec.name,
        direction=spec.direction,
        deploy_minutes=spec.deploy_minutes,
        duration_hours=spec.duration_hours,
        storage_eligible=spec.storage_eligible,
        generator_eligible=spec.generator_eligible,
        load_eligible=spec.load_eligible,
        online_only=spec.online_only,
        source="case",
    )


def adapter_for_case(case: Case, day: date | None = None) -> ISOAdapter:
    """The case's market adapter, with the rules in force on ``day`` (default: the case's first day) and
    the case's overrides (which apply on every day).

    Raises:
        CaseError: an override names a product the market does not offer (path ``market...``).
    """
    adapter = get_iso_adapter(case.iso, as_of=day or case.time.start_aware.date())
    mk = case.market
    products = [rule_from_spec(s) for s in mk.products] if mk.products is not None else None
    try:
        return adapter.with_overrides(
            products=products,
            duration_hours=dict(mk.duration_hours),
            offered_products=mk.offered_products,
            rtm_interval_min=mk.rtm_interval_min,
            settlement_interval_min=mk.settlement_interval_min,
            dam_interval_min=mk.dam_interval_min,
            price_cap_usd_per_mwh=mk.price_cap_usd_per_mwh,
            price_floor_usd_per_mwh=mk.price_floor_usd_per_mwh,
        )
    except UnknownProductError as exc:
        path = (
            "market.duration_hours"
            if any(not adapter.offers(n) for n in mk.duration_hours)
            else ("market.offered_products")
        )
        raise CaseError([CaseIssue(path, str(exc))]) from None
    except ValueError as exc:
        raise CaseError([CaseIssue("market.duration_hours", str(exc))]) from None

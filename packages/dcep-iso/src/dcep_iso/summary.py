"""Plain-data summaries of a market for planners: what a battery may sell and what it must hold."""

from __future__ import annotations

from dataclasses import dataclass

from dcep_iso.base import ISOAdapter
from dcep_iso.products import reserve_mwh_per_mw
from dcep_models import Bess


@dataclass(frozen=True)
class ProductLine:
    """One product as a planner reads it, optionally with one battery's offer.

    ``mwh_per_mw`` is the energy an award of 1 MW holds behind it (up: stored above the floor, after
    discharge losses; down: room kept free, after charge losses; symmetric: both, summed), from
    :func:`dcep_iso.reserve_mwh_per_mw`. ``offer_mw`` / ``held_mwh`` are the
    battery's largest offer of this product alone and the energy behind it (None without a battery).
    """

    name: str
    direction: str
    symmetric: bool
    deploy_minutes: float
    duration_hours: float
    mwh_per_mw: float
    storage_eligible: bool
    load_eligible: bool
    online_only: bool
    effective_from: str
    verified: bool
    source: str
    offer_mw: float | None = None
    held_mwh: float | None = None


def product_lines(adapter: ISOAdapter, bess: Bess | None = None) -> list[ProductLine]:
    """Every product of ``adapter`` with its energy needs, and ``bess``'s stand-alone offer if given.

    The battery may use the energy between its ride-through floor (``soc_reserve_frac``) and
    ``soc_max_frac`` for up products and the room between the floor and ``soc_max_frac`` for down
    products (the battery can sit at the floor), at full ``power_mw``.
    """
    out: list[ProductLine] = []
    for rule in adapter.as_products:
        eta_c = bess.charge_efficiency if bess else 1.0
        eta_d = bess.discharge_efficiency if bess else 1.0
        per_mw = sum(reserve_mwh_per_mw(rule.duration_hours, rule.direction, rule.symmetric, eta_c, eta_d))
        offer = held = None
        if bess is not None and rule.storage_eligible:
            usable = (bess.soc_max_frac - bess.soc_reserve_frac) * bess.energy_mwh
            req = adapter.get_reserve_requirement(
                rule.name,
                bess.power_mw,
                usable,
                headroom_mwh=usable,
                charge_efficiency=eta_c,
                discharge_efficiency=eta_d,
            )
            offer, held = req.offer_mw, req.energy_mwh
        out.append(
            ProductLine(
                name=rule.name,
                direction=rule.direction,
                symmetric=rule.symmetric,
                deploy_minutes=rule.deploy_minutes,
                duration_hours=rule.duration_hours,
                mwh_per_mw=per_mw,
                storage_eligible=rule.storage_eligible,
                load_eligible=rule.load_eligible,
                online_only=rule.online_only,
                effective_from=rule.effective_from.isoformat() if rule.effective_from else "",
                verified=rule.verified,
                source=rule.source,
                offer_mw=offer,
                held_mwh=held,
            )
        )
    return out

"""Reliability requirements: ride-through, value of lost load, generator redundancy."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dcep_models.base import StrictModel
from dcep_models.topology import Redundancy


class Reliability(StrictModel):
    """What the site must survive and what failing costs."""

    ride_through_minutes: float = Field(
        15.0, ge=0, description="Minutes the battery floor must carry critical load (>= generator start time)"
    )
    voll_usd_per_mwh: float = Field(50_000.0, gt=0, description="Value of lost (critical) load")
    generator_redundancy: Redundancy = Field(
        "N+1", description="Online firm generation plus battery must cover critical load with this many units out"
    )
    floor_use_penalty_usd_per_mwh: float = Field(
        10_000.0, ge=0, description="Penalty per MWh drawn below the ride-through floor (emergency only)"
    )
    n_plus_1_reserve_rule: Literal["same_event", "independent"] = Field(
        "same_event",
        description=(
            "How generator up-reserve sold relates to N+k: 'same_event' (N+k holds while every up award is "
            "deployed: awarded headroom is not firm capacity; conservative) or 'independent' (a unit trip and "
            "a reserve deployment are separate contingencies: awarded headroom still counts as firm; the "
            "battery's awards are subtracted under both rules)"
        ),
    )
    final_soc_shortfall_usd_per_mwh: float | None = Field(
        8_000.0,
        ge=0,
        description=(
            "Cost per MWh the battery ends the horizon below its SOC target (soft target; must be below VoLL so "
            "the target yields to critical load). null makes the target a hard limit"
        ),
    )


def ride_through_minutes(usable_mwh: float, discharge_efficiency: float, critical_mw: float) -> float | None:
    """Minutes ``usable_mwh`` (stored above the minimum SOC) carries ``critical_mw``, after discharge losses.

    ``usable_mwh * discharge_efficiency / critical_mw * 60`` (the one definition: case checks, the TUI's
    overview, dcep-explain's reliability costs and dcep-opt's ride-through column). None when there is
    no critical load to carry.
    """
    if critical_mw <= 0:
        return None
    return usable_mwh * discharge_efficiency / critical_mw * 60.0


def ride_through_energy_mwh(minutes: float, discharge_efficiency: float, critical_mw: float) -> float:
    """Stored MWh above the minimum SOC that carries ``critical_mw`` for ``minutes`` (inverse of the above)."""
    return critical_mw * minutes / 60.0 / discharge_efficiency

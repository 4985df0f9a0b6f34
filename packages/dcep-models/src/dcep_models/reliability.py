"""Reliability requirements: ride-through, value of lost load, generator redundancy."""

from __future__ import annotations

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

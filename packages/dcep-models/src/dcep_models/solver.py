"""Solver settings carried by a case (the CLI may override them)."""

from __future__ import annotations

from pydantic import Field

from dcep_models.base import StrictModel


class SolverOptions(StrictModel):
    """Limits handed to HiGHS."""

    time_limit_s: float = Field(120.0, gt=0)
    mip_gap: float = Field(1e-4, ge=0, lt=1, description="Relative MIP gap at which to stop")
    threads: int = Field(1, ge=1)

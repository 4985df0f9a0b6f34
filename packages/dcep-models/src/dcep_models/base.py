"""Shared pydantic base: strict about unknown fields, non-finite and absurdly large numbers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

#: No quantity in a case (MW, MWh, $/MWh, hours, minutes) is meaningful beyond this magnitude; larger
#: numbers are unit slips, and they wreck the solver's numerics (HiGHS reads 1e20 as infinity).
MAX_MAGNITUDE = 1e9


class StrictModel(BaseModel):
    """Base for every case section: unknown keys, NaN/inf and |x| > 1e9 are errors; instances are frozen."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _not_absurd(cls, value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else value.values() if isinstance(value, dict) else [value]
        for item in values:
            if isinstance(item, int | float) and not isinstance(item, bool) and abs(item) > MAX_MAGNITUDE:
                raise ValueError(f"magnitude must be <= {MAX_MAGNITUDE:g} (check the units)")
        return value

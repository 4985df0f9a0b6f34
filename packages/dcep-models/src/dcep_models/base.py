"""Shared pydantic base: strict about unknown fields and non-finite numbers."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Base for every case section: unknown keys and NaN/inf are errors; instances are frozen."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

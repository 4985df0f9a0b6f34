"""Capacity sizing inputs: the candidate sizes to enumerate and what capacity costs per year."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from dcep_models.base import StrictModel


class CandidateRange(StrictModel):
    """Evenly spaced candidates ``start, start + step, ...`` up to and including ``stop``."""

    start: float = Field(gt=0)
    stop: float = Field(gt=0)
    step: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> CandidateRange:
        if self.stop < self.start:
            raise ValueError(f"stop ({self.stop}) must be >= start ({self.start})")
        if (self.stop - self.start) / self.step > 10_000:
            raise ValueError("more than 10,000 candidates in one range")
        return self

    def values(self) -> list[float]:
        """The candidates, in increasing order (``stop`` included when it lies on the grid)."""
        count = int((self.stop - self.start) / self.step + 1e-9) + 1
        return [round(self.start + k * self.step, 9) for k in range(count)]


class RepresentativePeriod(StrictModel):
    """A stretch of the year dispatched for every candidate and scaled by ``weight`` to a year.

    ``weight`` is how many times the period stands for itself in a year (e.g. a week weighted 13 for
    a season); when omitted, every period gets 8760 h / (total hours of all periods).
    """

    start: datetime = Field(description="First interval (read like time.start)")
    hours: float = Field(gt=0, le=24 * 366)
    weight: float | None = Field(None, gt=0)


class SizingSpec(StrictModel):
    """What to enumerate (HOMER-style) and the annualised cost of capacity.

    Candidates: battery power (MW) and energy (MWh) as lists or ranges (every combination is tried;
    an empty list keeps the case's value), generator unit counts per fleet name. Costs are annualised
    (capital recovery already applied), USD per kW or kWh per year, plus fixed O&M per kW-year.
    ``representative_periods`` default to the case's own horizon scaled to 8760 h.
    """

    bess_power_mw: list[float] | CandidateRange = Field(default_factory=list)
    bess_energy_mwh: list[float] | CandidateRange = Field(default_factory=list)
    poi_import_mw: list[float] | CandidateRange = Field(
        default_factory=list, description="POI import capacity candidates, MW (the POI MVA rating scales with it)"
    )
    generator_counts: dict[str, list[int]] = Field(default_factory=dict, description="Fleet name -> unit counts to try")
    bess_power_capex_usd_per_kw_yr: float = Field(0.0, ge=0)
    bess_energy_capex_usd_per_kwh_yr: float = Field(0.0, ge=0)
    bess_fixed_om_usd_per_kw_yr: float = Field(0.0, ge=0)
    generator_capex_usd_per_kw_yr: float = Field(0.0, ge=0)
    generator_fixed_om_usd_per_kw_yr: float = Field(0.0, ge=0)
    poi_capex_usd_per_kw_yr: float = Field(
        0.0, ge=0, description="Annualised cost of interconnection, per kW of import"
    )
    representative_periods: list[RepresentativePeriod] = Field(default_factory=list)
    max_candidates: int = Field(500, ge=1, description="Refuse to enumerate more combinations than this")

    @model_validator(mode="after")
    def _positive(self) -> SizingSpec:
        for name in ("bess_power_mw", "bess_energy_mwh", "poi_import_mw"):
            values = self.candidate_values(name)
            if any(v <= 0 for v in values):
                raise ValueError(f"{name}: candidates must be > 0, got {values}")
        for fleet, counts in self.generator_counts.items():
            if not counts or any(c < 1 for c in counts):
                raise ValueError(f"generator_counts.{fleet}: give one or more counts >= 1, got {counts}")
        return self

    def candidate_values(self, name: str) -> list[float]:
        """The candidate list of ``bess_power_mw``, ``bess_energy_mwh`` or ``poi_import_mw`` (ranges expanded)."""
        spec = getattr(self, name)
        return spec.values() if isinstance(spec, CandidateRange) else [float(v) for v in spec]

"""The whole case file."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, PrivateAttr, field_validator

from dcep_models.base import StrictModel
from dcep_models.finance import Finance
from dcep_models.market import MarketOverrides
from dcep_models.prices import Prices
from dcep_models.profiles import load_profile_mw
from dcep_models.reliability import Reliability
from dcep_models.resources import Resources
from dcep_models.sizing import SizingSpec
from dcep_models.solver import SolverOptions
from dcep_models.tariff import TariffSpec
from dcep_models.time_spec import TimeSpec
from dcep_models.topology import Topology

#: Markets with an adapter in dcep-iso (canonical spelling). dcep-iso's registry must match.
KNOWN_ISOS: tuple[str, ...] = ("ERCOT", "CAISO", "PJM", "MISO", "NYISO", "ISO-NE", "SPP", "GENERIC")

_ISO_ALIASES = {name.replace("-", "").upper(): name for name in KNOWN_ISOS}


def canonical_iso_name(name: str) -> str:
    """Return the canonical market name for ``name`` (case- and hyphen-insensitive).

    Raises:
        ValueError: if the market is unknown; the message lists the known ones.
    """
    key = name.strip().replace("-", "").replace("_", "").upper()
    if key not in _ISO_ALIASES:
        raise ValueError(f"unknown ISO {name!r}; known: {', '.join(KNOWN_ISOS)}")
    return _ISO_ALIASES[key]


class Case(StrictModel):
    """A data-center microgrid study: site, assets, market and horizon."""

    name: str = Field(min_length=1)
    description: str = ""
    iso: str = Field(description=f"Market: one of {', '.join(KNOWN_ISOS)}")
    time: TimeSpec
    topology: Topology
    resources: Resources
    reliability: Reliability = Field(default_factory=Reliability)
    prices: Prices
    market: MarketOverrides = Field(default_factory=MarketOverrides)
    solver: SolverOptions = Field(default_factory=SolverOptions)
    sizing: SizingSpec | None = None
    finance: Finance | None = None
    tariff: TariffSpec | None = Field(None, description="Retail tariff (URDB JSON) billing grid import")

    _base_dir: Path | None = PrivateAttr(default=None)

    @property
    def base_dir(self) -> Path | None:
        """Folder of the case file (relative paths resolve here), or None if built in memory."""
        return self._base_dir

    def resolve_path(self, relative: str) -> Path:
        """Resolve a path from the case file against the case file's folder."""
        rel = Path(relative)
        if rel.is_absolute() or self._base_dir is None:
            return rel
        return self._base_dir / rel

    @field_validator("iso")
    @classmethod
    def _known_iso(cls, value: str) -> str:
        return canonical_iso_name(value)

    @property
    def critical_load_mw(self) -> float:
        """Base critical demand (sum of critical loads' power_mw), MW."""
        return sum(load.power_mw for load in self.resources.loads if load.kind == "critical")

    def critical_demand_mw(self) -> list[float]:
        """Critical demand in every interval of the horizon with the profiles applied, MW.

        A critical load whose profile length fits neither 24 nor the interval count (a cross-field
        issue reported on its own) counts at its base ``power_mw``.
        """
        n = self.time.n_intervals
        total = [0.0] * n
        for load in self.resources.loads:
            if load.kind != "critical":
                continue
            fits = load.profile is None or len(load.profile) in (24, n)
            values = load_profile_mw(load, self.time) if fits else [load.power_mw] * n
            total = [a + b for a, b in zip(total, values, strict=True)]
        return total

    @property
    def peak_critical_demand_mw(self) -> float:
        """Largest critical demand over the horizon (profiles applied), MW; 0 with no interval."""
        return max(self.critical_demand_mw(), default=0.0)

"""dcep-models: the case schema, units and validation at the bottom of the dcep stack."""

from __future__ import annotations

import importlib.metadata as _metadata

from dcep_models.case import KNOWN_ISOS, Case, canonical_iso_name
from dcep_models.checks import cross_field_issues, supply_warnings
from dcep_models.errors import CaseError, CaseIssue
from dcep_models.finance import Depreciation, Finance
from dcep_models.formatting import format_usd, plural
from dcep_models.loading import load_case, parse_case
from dcep_models.market import MarketOverrides, ProductSpec
from dcep_models.overrides import apply_overrides, case_data, parse_path, set_by_path, with_overrides
from dcep_models.prices import Prices
from dcep_models.profiles import load_profile_mw
from dcep_models.references import FILE_FIELD_SUFFIXES, referenced_files
from dcep_models.reliability import Reliability, ride_through_energy_mwh, ride_through_minutes
from dcep_models.resources import Bess, GeneratorFleet, Load, LoadKind, Resources
from dcep_models.schema import case_json_schema
from dcep_models.sizing import CandidateRange, RepresentativePeriod, SizingSpec
from dcep_models.solver import SolverOptions
from dcep_models.suggest import close_matches, did_you_mean
from dcep_models.tariff import TariffSpec
from dcep_models.time_spec import TimeSpec
from dcep_models.topology import Bus, Poi, Redundancy, Topology, Transformer

__version__ = _metadata.version("dcep-models")  # from VERSION, via the package metadata

__all__ = [
    "FILE_FIELD_SUFFIXES",
    "KNOWN_ISOS",
    "Bess",
    "Bus",
    "CandidateRange",
    "Case",
    "CaseError",
    "CaseIssue",
    "Depreciation",
    "Finance",
    "GeneratorFleet",
    "Load",
    "LoadKind",
    "MarketOverrides",
    "Poi",
    "Prices",
    "ProductSpec",
    "Redundancy",
    "Reliability",
    "RepresentativePeriod",
    "Resources",
    "SizingSpec",
    "SolverOptions",
    "TariffSpec",
    "TimeSpec",
    "Topology",
    "Transformer",
    "__version__",
    "apply_overrides",
    "canonical_iso_name",
    "case_data",
    "case_json_schema",
    "close_matches",
    "cross_field_issues",
    "did_you_mean",
    "format_usd",
    "load_case",
    "load_profile_mw",
    "parse_case",
    "parse_path",
    "plural",
    "referenced_files",
    "ride_through_energy_mwh",
    "ride_through_minutes",
    "set_by_path",
    "supply_warnings",
    "with_overrides",
]

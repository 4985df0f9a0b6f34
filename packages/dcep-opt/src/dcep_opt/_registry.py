"""The constraint-family registry: one table naming every family the dispatch model may emit.

Like PyPSA's ``variables.csv``: each row gives a family's name, the component it belongs to, the
unit of its rows, its kind, whether the infeasibility diagnosis may relax it, its plain-English
meaning and, for a limit that is a variable's bound rather than a row, which bound it is. Everything
else derives from this table: :data:`CONSTRAINT_FAMILIES` (rows, in build order), the families the
diagnosis never relaxes, and dcep-explain's limit, identity and energy tables and its ordering.
:meth:`dcep_opt._model.DispatchModel.add_con` refuses a family that is not registered here.

Kinds:
    ``limit``: a physical or contractual limit (a rating, a cap, a target); the only relaxable kind.
    ``identity``: a conservation law whose dual is a price (``balance``); never relaxed either: slack
        on a balance is power appearing at the bus from nowhere, which would hide the limit to change
        (an islanded battery that cannot reach its end target conflicts with ``bess-final``, not
        with the balance).
    ``definition``: defines a quantity from others (SOC dynamics, unit bookkeeping, exclusivity,
        the transformer's apparent power and loss); NEVER relaxed, since a relaxed definition lets
        energy or units appear from nowhere and explains nothing.
Bound rows (``bound_of`` set) are limits carried as variable bounds; the diagnosis never relaxes
bounds (they are ratings), so their relax policy is ``False``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["limit", "identity", "definition"]
Unit = Literal["MW", "MWh", "MVA", "MVAr", "units", "$"]
Side = Literal["upper", "lower"]

__all__ = [
    "BOUND_ALIASES",
    "CONSTRAINT_FAMILIES",
    "FAMILIES",
    "NEVER_RELAXED",
    "FamilySpec",
    "UnregisteredFamilyError",
    "family_spec",
]


@dataclass(frozen=True)
class FamilySpec:
    """One row of the registry.

    Attributes:
        name: ``"{component}-{role}"`` as the model writes it (``bess-soc``) or a bound-limit name
            (``poi-import``).
        component: ``grid``, ``poi``, ``xfmr``, ``bess``, ``gen``, ``load``, ``reserve``, ``n1``, ``bus``,
            ``tariff``.
        unit: unit of the row's right-hand side (MW per interval, MWh, MVA, MVAr, units, $).
        kind: ``limit``, ``identity`` or ``definition`` (see the module docstring).
        relax: whether the infeasibility diagnosis may give the family slack.
        meaning: plain English, for tables, narratives and diagnoses.
        bound_of: ``(variable family, side)`` when the limit is a variable bound, else None.
    """

    name: str
    component: str
    unit: Unit
    kind: Kind
    relax: bool
    meaning: str
    bound_of: tuple[str, Side] | None = None


def _row(name: str, component: str, unit: Unit, kind: Kind, meaning: str) -> FamilySpec:
    return FamilySpec(name, component, unit, kind, kind == "limit", meaning)


def _bound(name: str, variable: str, side: Side, component: str, unit: Unit, meaning: str) -> FamilySpec:
    return FamilySpec(name, component, unit, "limit", False, meaning, (variable, side))


#: The table. Row families first, in the order the builder emits them; then the bound limits.
_TABLE: tuple[FamilySpec, ...] = (
    _row("bess-soc", "bess", "MWh", "definition", "battery energy carried between intervals"),
    _row("bess-floor", "bess", "MWh", "limit", "battery ride-through floor (SOC below it only in an emergency)"),
    _row(
        "bess-below-mode",
        "bess",
        "MWh",
        "definition",
        "battery energy below the floor is exactly max(0, floor - SOC) (binary below/above the floor)",
    ),
    _row("bess-floor-draw", "bess", "MWh", "definition", "battery emergency draw below the floor"),
    _row(
        "bess-floor-emergency",
        "bess",
        "MWh",
        "limit",
        "floor drawn only for critical load the import cap and every generator cannot serve",
    ),
    _row("bess-floor-no-export", "bess", "MW", "limit", "no export while the battery is below its floor"),
    _row(
        "bess-final",
        "bess",
        "MWh",
        "limit",
        "battery end-of-horizon SOC target (hard only when final_soc_shortfall_usd_per_mwh is null)",
    ),
    _row("bess-pcs", "bess", "MVA", "limit", "battery inverter MVA rating"),
    _row("bess-excl", "bess", "MW", "definition", "battery charge/discharge exclusivity"),
    _row("gen-commit", "gen", "units", "definition", "generator commitment bookkeeping"),
    _row("gen-start-max", "gen", "units", "limit", "most units of a fleet starting in one interval (start sequencing)"),
    _row("gen-min-up", "gen", "units", "limit", "generator minimum up time"),
    _row("gen-min-down", "gen", "units", "limit", "generator minimum down time"),
    _row("gen-max", "gen", "MW", "limit", "generator maximum output of the units online"),
    _row("gen-min", "gen", "MW", "limit", "generator minimum stable output of the units online"),
    _row("gen-qcap", "gen", "MVAr", "limit", "generator reactive capability"),
    _row("balance", "bus", "MW", "identity", "active-power balance (the marginal energy price)"),
    _row("balance-q", "bus", "MVAr", "identity", "reactive-power balance"),
    _row("xfmr-s", "xfmr", "MVA", "definition", "transformer apparent-power estimate (for its reactive loss)"),
    _row("xfmr-q-loss", "xfmr", "MVAr", "definition", "transformer reactive loss (tangents of x*S^2)"),
    _row("poi-mva", "poi", "MVA", "limit", "POI apparent-power rating"),
    _row("poi-import-meter", "poi", "MW", "limit", "POI import cap at the meter (MV import plus transformer loss)"),
    _row("poi-export-meter", "poi", "MW", "limit", "POI export cap less the AC loop's margin"),
    _row("xfmr-mva", "xfmr", "MVA", "limit", "transformer firm MVA rating"),
    _row(
        "poi-pf",
        "poi",
        "MVAr",
        "limit",
        "POI power-factor limit (MV-side reactive power plus transformer reactive loss)",
    ),
    _row("grid-excl", "grid", "MW", "definition", "grid import/export exclusivity"),
    _row("reserve-bess-up", "reserve", "MW", "limit", "battery up-reserve headroom"),
    _row("reserve-bess-down", "reserve", "MW", "limit", "battery down-reserve headroom"),
    _row("reserve-energy-up", "reserve", "MWh", "limit", "battery energy above the floor backing up-reserves (end)"),
    _row(
        "reserve-energy-up-start",
        "reserve",
        "MWh",
        "limit",
        "battery energy above the floor backing up-reserves (start of interval)",
    ),
    _row("reserve-energy-down", "reserve", "MWh", "limit", "battery room backing down-reserves"),
    _row(
        "reserve-energy-down-start", "reserve", "MWh", "limit", "battery room backing down-reserves (start of interval)"
    ),
    _row("reserve-gen-up", "reserve", "MW", "limit", "generator spinning headroom"),
    _row("reserve-gen-up-all", "reserve", "MW", "limit", "generator headroom including offline units"),
    _row("reserve-gen-down", "reserve", "MW", "limit", "generator down headroom above minimum output"),
    _row("reserve-load-up", "reserve", "MW", "limit", "load reduction available as reserve"),
    _row("reserve-cap", "reserve", "MW", "limit", "most MW of a product the site may sell (market.max_award_mw)"),
    _row("n1-unit", "n1", "MW", "definition", "N+k largest-unit bookkeeping"),
    _row("n1-deliverable-power", "n1", "MW", "limit", "battery power behind N+k"),
    _row("n1-deliverable-energy", "n1", "MWh", "limit", "battery energy above the floor behind N+k (end of interval)"),
    _row(
        "n1-deliverable-energy-start",
        "n1",
        "MWh",
        "limit",
        "battery energy above the floor behind N+k (start of interval)",
    ),
    _row(
        "n1-gen-reserve",
        "n1",
        "MW",
        "definition",
        "generator up-reserve the synchronised units carry beyond the fleet's offline capacity",
    ),
    _row("n1-cover", "n1", "MW", "limit", "N+k redundancy (firm capacity after losing units covers critical load)"),
    _row("n1-hull", "n1", "MW", "limit", "N+k convex-envelope cuts (implied by n1-cover; tighten the relaxation)"),
    _row(
        "tariff-peak",
        "tariff",
        "MW",
        "definition",
        "tariff billing peak: the highest grid import in a demand charge's window (month or TOU period)",
    ),
    _bound("poi-import", "grid-import", "upper", "poi", "MW", "POI import cap"),
    _bound("poi-export", "grid-export", "upper", "poi", "MW", "POI export cap"),
    _bound("bess-charge-max", "bess-charge", "upper", "bess", "MW", "battery charge power rating"),
    _bound("bess-discharge-max", "bess-discharge", "upper", "bess", "MW", "battery discharge power rating"),
    _bound("bess-soc-max", "bess-soc", "upper", "bess", "MWh", "battery maximum SOC"),
    _bound("bess-soc-min", "bess-soc", "lower", "bess", "MWh", "battery minimum SOC"),
    _bound(
        "bess-floor-room",
        "bess-below-floor",
        "upper",
        "bess",
        "MWh",
        "battery energy between minimum SOC and the floor",
    ),
    _bound("load-shed-max", "load-shed", "upper", "load", "MW", "largest sheddable share of a load"),
    _bound("load-unserved-max", "load-unserved", "upper", "load", "MW", "all critical load unserved"),
    _bound("gen-fleet-max", "gen-p", "upper", "gen", "MW", "whole generator fleet at full output"),
    _bound("n1-deliverable-max", "n1-deliverable", "upper", "n1", "MW", "battery power rating behind N+k"),
)

#: Every registered name -> its row.
FAMILIES: dict[str, FamilySpec] = {spec.name: spec for spec in _TABLE}

#: Every constraint (row) family the builder can emit, in build order.
CONSTRAINT_FAMILIES: tuple[str, ...] = tuple(spec.name for spec in _TABLE if spec.bound_of is None)

#: Row families the infeasibility diagnosis never relaxes (identities and definitions).
NEVER_RELAXED: frozenset[str] = frozenset(name for name in CONSTRAINT_FAMILIES if not FAMILIES[name].relax)

#: Variable bounds that are limits: ``(variable family, side) -> limit name``.
BOUND_ALIASES: dict[tuple[str, Side], str] = {spec.bound_of: spec.name for spec in _TABLE if spec.bound_of is not None}


class UnregisteredFamilyError(KeyError):
    """A constraint family that is not in the registry (add a row to ``dcep_opt._registry._TABLE``)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unregistered constraint family"


def family_spec(name: str) -> FamilySpec:
    """The registry row of ``name``.

    Raises:
        UnregisteredFamilyError: ``name`` is not registered.
    """
    spec = FAMILIES.get(name)
    if spec is None:
        raise UnregisteredFamilyError(
            f"constraint family {name!r} is not registered: add a row (component, unit, kind, meaning) "
            "to the table in dcep_opt/_registry.py"
        )
    return spec

"""Binding constraints and active limits of a priced dispatch, grouped by family and ranked.

A *limit* is binding in an interval when its row has no slack (an inequality at its right-hand side)
or when its dual is non-zero. Equality rows (``balance``, ``bess-soc``, ``gen-commit``, ...) always
have zero slack, so they count only with a non-zero dual (the price they carry). Variable bounds that
are physical limits are named after what they limit (``poi-import`` is the upper bound of
``grid-import``, ``bess-soc-max`` the upper bound of ``bess-soc``); non-negativity is never a limit.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from dcep_explain.duals import DualSolution, interval_of
from dcep_opt import BOUND_ALIASES, CONSTRAINT_FAMILIES, FAMILIES

Key = tuple[Hashable, ...]

#: Variable bounds that are limits: (variable family, side) -> limit name (from dcep-opt's registry).
BOUND_LIMITS: dict[tuple[str, str], str] = {(fam, side): name for (fam, side), name in BOUND_ALIASES.items()}

#: Rows that define quantities or carry prices (identities and definitions in the registry): their
#: duals are prices, not binding limits.
IDENTITY_FAMILIES: tuple[str, ...] = tuple(f for f in CONSTRAINT_FAMILIES if FAMILIES[f].kind != "limit")

#: Limits measured in MWh (the others are MW per interval): the registry's MWh rows and bounds.
ENERGY_LIMITS: frozenset[str] = frozenset(name for name, spec in FAMILIES.items() if spec.unit == "MWh")

#: Plain-English meaning of every limit name (families and bound limits), for tables and narratives.
LIMIT_MEANING: dict[str, str] = {name: spec.meaning for name, spec in FAMILIES.items()}


@dataclass(frozen=True)
class BindingLimit:
    """One binding row or bound.

    Attributes:
        name: family of the row, or the bound-limit name (``poi-import``).
        key: family key (last element = interval when it is an int).
        kind: ``row`` or ``bound``.
        sense: ``<=`` (upper limits and upper bounds), ``>=`` (lower limits and bounds) or ``==``.
        value: row activity or variable value.
        limit: right-hand side or bound.
        dual: change of net value (USD) per unit the limit is relaxed upward (rhs or bound + 1).
    """

    name: str
    key: Key
    kind: str
    sense: str
    value: float
    limit: float
    dual: float

    @property
    def relax_value(self) -> float:
        """Net value (USD) gained per unit the limit is relaxed (rhs up for <=, down for >=)."""
        return -self.dual if self.sense == ">=" else self.dual

    @property
    def unit(self) -> str:
        """``MWh`` for energy limits, ``MW`` for power limits (rows are per interval)."""
        return "MWh" if self.name in ENERGY_LIMITS else "MW"

    def value_usd_per_mwh(self, interval_hours: float) -> float:
        """:attr:`relax_value` per MWh: power limits are divided by the interval length."""
        return self.relax_value if self.unit == "MWh" else self.relax_value / interval_hours

    @property
    def interval(self) -> int | None:
        """Interval of the limit, None for horizon-wide rows."""
        return interval_of(self.key)

    @property
    def meaning(self) -> str:
        """Plain-English meaning of the limit's family."""
        return LIMIT_MEANING.get(self.name, self.name)


@dataclass(frozen=True)
class FamilyBinding:
    """How often and how expensively a family binds over the horizon.

    ``intervals`` counts distinct intervals with at least one binding member (a horizon-wide row
    counts as one); ``max_value_usd_per_mwh`` and ``total_value_usd_per_mwh`` are the largest and the
    summed |value of relaxing| of its members, per MWh (:meth:`BindingLimit.value_usd_per_mwh`).
    """

    name: str
    intervals: int
    members: int
    max_value_usd_per_mwh: float
    total_value_usd_per_mwh: float

    @property
    def meaning(self) -> str:
        """Plain-English meaning."""
        return LIMIT_MEANING.get(self.name, self.name)


def binding_limits(duals: DualSolution, slack_tol: float = 1e-6, include_equalities: bool = True) -> list[BindingLimit]:
    """Every binding row and limiting bound of ``duals``.

    Inequalities bind when ``slack <= slack_tol * max(1, |rhs|)`` or the dual is non-zero (rows whose
    variables are all zero, ``0 <= 0``, only with a non-zero dual); equalities
    only with a non-zero dual (and only when ``include_equalities``). Bounds count when they are
    listed in :data:`BOUND_LIMITS` and the variable sits at them.
    """
    out: list[BindingLimit] = []
    for family, rows in duals.rows.items():
        for key, row in rows.items():
            if row.sense == "==":
                if not include_equalities or row.dual == 0.0:
                    continue
            elif row.dual == 0.0 and (row.trivial or row.slack > slack_tol * max(1.0, abs(row.rhs))):
                continue
            out.append(BindingLimit(family, key, "row", row.sense, row.activity, row.rhs, row.dual))
    for family, bounds in duals.bounds.items():
        for key, b in bounds.items():
            name = BOUND_LIMITS.get((family, b.side))
            if name is None:
                continue
            sense = "<=" if b.side == "upper" else ">="
            out.append(BindingLimit(name, key, "bound", sense, b.value, b.bound, b.dual))
    return out


def family_table(
    limits: Iterable[BindingLimit], interval_hours: float = 1.0, skip: Iterable[str] = IDENTITY_FAMILIES
) -> list[FamilyBinding]:
    """Group limits by name; rank by intervals bound (most first), then by largest |value| per MWh.

    ``interval_hours`` turns power-row duals (USD per MW per interval) into USD/MWh; ``skip`` drops
    names (by default the bookkeeping identities, whose duals are prices rather than limits).
    """
    skipped = set(skip)
    acc: dict[str, tuple[set[int | None], int, float, float]] = {}
    for lim in limits:
        if lim.name in skipped:
            continue
        ints, members, mx, tot = acc.get(lim.name, (set(), 0, 0.0, 0.0))
        ints.add(lim.interval)
        value = abs(lim.value_usd_per_mwh(interval_hours))
        acc[lim.name] = (ints, members + 1, max(mx, value), tot + value)
    table = [FamilyBinding(name, len(i), m, mx, tot) for name, (i, m, mx, tot) in acc.items()]
    table.sort(key=lambda f: (-f.intervals, -f.max_value_usd_per_mwh, f.name))
    return table


def limits_at(limits: Iterable[BindingLimit], t: int, skip: Iterable[str] = ()) -> list[BindingLimit]:
    """Limits binding in interval ``t`` (horizon-wide rows excluded), largest |dual| first.

    ``skip`` removes names (e.g. ``balance`` when only physical limits are wanted).
    """
    skipped = set(skip)
    out = [lim for lim in limits if lim.interval == t and lim.name not in skipped]
    out.sort(key=lambda lim: (-abs(lim.dual), lim.name))
    return out


def active_limit_by_interval(limits: Iterable[BindingLimit], n_intervals: int) -> list[BindingLimit | None]:
    """For each interval, the binding limit with the largest |dual| other than the identities.

    Identities (``balance``, ``balance-q``, ``bess-soc``, ``gen-commit``) carry prices, not limits, and
    are skipped. None where nothing else binds.
    """
    items = list(limits)
    out: list[BindingLimit | None] = []
    for t in range(n_intervals):
        at = limits_at(items, t, skip=IDENTITY_FAMILIES)
        out.append(at[0] if at else None)
    return out

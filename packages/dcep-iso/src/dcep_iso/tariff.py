"""Retail tariffs from OpenEI URDB JSON: per-interval energy rates, demand windows per billing month.

A URDB export is ``{"items": [rate, ...]}``. From the chosen rate this module reads:

* ``energyratestructure`` (periods of tiers, ``rate`` + ``adj`` in $/kWh) with the 12x24
  ``energyweekdayschedule`` / ``energyweekendschedule`` (month x local hour -> period): the energy
  rate of every interval, $/MWh, charged on grid import.
* ``flatdemandstructure`` with ``flatdemandmonths`` ($/kW-month on the month's highest demand) and
  ``demandratestructure`` with ``demandweekdayschedule`` / ``demandweekendschedule`` (TOU demand:
  $/kW-month on the highest demand inside each period's window): one :class:`DemandCharge` per
  billing month and charged window, $/MW-month, with the mask of the intervals it covers.
* ``fixedchargefirstmeter`` (or ``fixedmonthlycharge``) in $/month: one fixed charge per month.

Rules, stated once here: the billing period is the calendar month of the interval start in the
case's time zone; Saturday and Sunday use the weekend schedules, every other day (holidays too: URDB
carries no holiday calendar) the weekday ones; an interval takes the period of the hour it starts in;
demand is the interval's average grid import (a 15-minute case matches a 15-minute demand meter);
a billing month only partly inside the horizon still pays its full demand and fixed charges (a
warning says so). Tiered (block) rates are refused: a period with more than one tier raises
:class:`TariffError` (block limits depend on monthly totals that this linear model does not track).
Minimum charges, ratchets, coincident and reactive-demand charges are not modelled (warnings).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dcep_models import Case, CaseError, CaseIssue, load_profile_mw

KW_PER_MW = 1000.0
#: Rate keys that this module does not model; each present one becomes a warning.
UNMODELLED = {
    "minmonthlycharge": "minimum monthly charge",
    "annualmincharge": "annual minimum charge",
    "demandratchetpercentage": "demand ratchet",
    "coincidentratestructure": "coincident demand charge",
    "demandreactivepowercharge": "reactive demand charge ($/kVAR)",
    "demandReactPwrCharge": "reactive demand charge ($/kVAR)",
}


class TariffError(CaseError):
    """A tariff file that cannot be read or uses a feature dcep does not model."""

    def __init__(self, field: str, file: Path | str, reason: str) -> None:
        self.file = str(file)
        super().__init__([CaseIssue(field, f"{file}: {reason}")])


@dataclass(frozen=True)
class DemandCharge:
    """One demand charge of one billing month.

    Attributes:
        key: unique name, ``"<YYYY-MM> flat"`` or ``"<YYYY-MM> tou<p>"`` (p = URDB period index).
        month: billing month ``"YYYY-MM"``.
        kind: ``"flat"`` (whole month) or ``"tou"`` (one demand period's window).
        period: URDB period index (of ``flatdemandstructure`` or ``demandratestructure``).
        rate_usd_per_mw: charge per MW of the highest demand in the window, $/MW-month.
        mask: the horizon's intervals in the window, bool (n,).
    """

    key: str
    month: str
    kind: str
    period: int
    rate_usd_per_mw: float
    mask: NDArray[np.bool_]

    @property
    def label(self) -> str:
        """Plain words for bills: ``2024-07 TOU demand, period 2 (29.54 $/kW-month)``."""
        what = "flat demand" if self.kind == "flat" else f"TOU demand, period {self.period}"
        return f"{self.month} {what} ({self.rate_usd_per_mw / KW_PER_MW:g} $/kW-month)"


@dataclass(frozen=True)
class BillLine:
    """One line of a bill: ``kind`` is ``energy``, ``demand`` or ``fixed``; ``usd`` the charge.

    ``quantity`` is MWh (energy), the peak MW (demand) or 1 (fixed); ``rate`` is $/MWh, $/MW-month
    or $/month.
    """

    kind: str
    label: str
    month: str
    quantity: float
    rate: float
    usd: float


@dataclass(frozen=True)
class TariffSchedule:
    """A tariff laid on the case's intervals.

    Attributes:
        name / utility / source: from the URDB record (``source`` = the file and the rate's label).
        energy_rate_usd_per_mwh: charge per MWh imported in each interval, (n,).
        energy_period: URDB energy period of each interval, (n,) int.
        months: billing month of each interval, ``"YYYY-MM"``, length n.
        demand_charges: every charged (month, window) with its rate and mask.
        fixed_usd_per_month: ``{month: $}`` for every month the horizon touches.
        warnings: what the tariff holds that is not modelled, and partly covered months.
    """

    name: str
    utility: str
    source: str
    energy_rate_usd_per_mwh: NDArray[np.float64]
    energy_period: NDArray[np.int64]
    months: tuple[str, ...]
    demand_charges: tuple[DemandCharge, ...]
    fixed_usd_per_month: dict[str, float]
    warnings: list[str] = field(default_factory=list)

    @property
    def fixed_usd(self) -> float:
        """All fixed charges over the horizon, $."""
        return float(sum(self.fixed_usd_per_month.values()))

    def window(self, lo: int, hi: int) -> TariffSchedule:
        """The schedule on intervals ``lo .. hi-1`` (a rolling window or a sample): charges whose window
        misses them dropped, fixed charges of the months they touch. Each billing month in the window
        still pays its full demand and fixed charges (as in :func:`tariff_schedule`)."""
        months = self.months[lo:hi]
        charges = tuple(
            DemandCharge(c.key, c.month, c.kind, c.period, c.rate_usd_per_mw, c.mask[lo:hi])
            for c in self.demand_charges
            if c.mask[lo:hi].any()
        )
        kept = set(months)
        return TariffSchedule(
            name=self.name,
            utility=self.utility,
            source=self.source,
            energy_rate_usd_per_mwh=self.energy_rate_usd_per_mwh[lo:hi],
            energy_period=self.energy_period[lo:hi],
            months=months,
            demand_charges=charges,
            fixed_usd_per_month={m: v for m, v in self.fixed_usd_per_month.items() if m in kept},
            warnings=list(self.warnings),
        )


def load_urdb_rate(path: Path, item: int | str | None, field: str = "tariff.urdb_json") -> dict[str, Any]:
    """The chosen rate record of a URDB JSON export.

    ``item`` is an index into ``items`` or a rate ``label``; None when the file holds one rate.

    Raises:
        TariffError: unreadable file or JSON, no ``items``, an unknown item, several items unchosen.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TariffError(field, path, f"cannot open: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TariffError(field, path, f"not URDB JSON: {exc}") from None
    items = data.get("items") if isinstance(data, dict) else data if isinstance(data, list) else None
    if not isinstance(items, list) or not items or not all(isinstance(r, dict) for r in items):
        raise TariffError(field, path, 'expected {"items": [rate, ...]} with at least one rate')
    if item is None:
        if len(items) > 1:
            labels = ", ".join(str(r.get("label", i)) for i, r in enumerate(items))
            raise TariffError("tariff.item", path, f"holds {len(items)} rates ({labels}); choose one with tariff.item")
        return items[0]
    if isinstance(item, int):
        if not 0 <= item < len(items):
            raise TariffError("tariff.item", path, f"item {item} out of range (file holds {len(items)})")
        return items[item]
    for rec in items:
        if str(rec.get("label")) == item:
            return rec
    raise TariffError("tariff.item", path, f"no rate labelled {item!r}")


def _period_rates(rate: dict[str, Any], key: str, path: Path, field: str, per_kwh: bool) -> list[float]:
    """Rate (rate + adj) of each period of a structure, $/MWh or $/MW-month; tiers refused."""
    structure = rate.get(key)
    if structure is None:
        return []
    if not isinstance(structure, list):
        raise TariffError(field, path, f"{key}: expected a list of periods")
    out = []
    for p, tiers in enumerate(structure):
        if not isinstance(tiers, list) or not tiers:
            raise TariffError(field, path, f"{key}[{p}]: expected a non-empty list of tiers")
        if len(tiers) > 1:
            raise TariffError(
                field,
                path,
                f"{key}[{p}] has {len(tiers)} tiers; tiered (block) rates are not modelled (they depend on monthly "
                "totals): use a rate with one tier per period",
            )
        tier = tiers[0]
        unit = tier.get("unit")
        if per_kwh and unit not in (None, "kWh"):
            raise TariffError(field, path, f"{key}[{p}][0].unit is {unit!r}; only kWh energy rates are modelled")
        try:
            value = float(tier.get("rate", 0.0) or 0.0) + float(tier.get("adj", 0.0) or 0.0)
        except (TypeError, ValueError):
            raise TariffError(field, path, f"{key}[{p}][0]: rate/adj must be numbers") from None
        out.append(value * KW_PER_MW)
    return out


def _schedule(rate: dict[str, Any], key: str, n_periods: int, path: Path, field: str) -> NDArray[np.int64]:
    """A 12x24 month-by-hour period table, checked against the number of periods."""
    table = rate.get(key)
    arr = np.asarray(table if table is not None else [], dtype=object)
    if arr.shape != (12, 24):
        raise TariffError(field, path, f"{key}: expected 12 months x 24 hours, got shape {arr.shape}")
    try:
        out = arr.astype(np.int64)
    except (TypeError, ValueError):
        raise TariffError(field, path, f"{key}: periods must be whole numbers") from None
    bad = np.argwhere((out < 0) | (out >= n_periods))
    if bad.size:
        m, h = (int(x) for x in bad[0])
        raise TariffError(field, path, f"{key}[{m}][{h}] = {out[m, h]} names no period (there are {n_periods})")
    return out


def tariff_schedule(
    rate: dict[str, Any], starts: list[datetime], path: Path, field: str = "tariff.urdb_json"
) -> TariffSchedule:
    """Lay a URDB rate on the intervals starting at ``starts`` (aware, in the case's zone).

    Raises:
        TariffError: malformed structures or schedules, tiered rates, non-kWh energy units,
            non-monthly fixed charges, demand in units other than kW.
    """
    n = len(starts)
    month_idx = np.array([s.month - 1 for s in starts], dtype=np.int64)
    hour = np.array([s.hour for s in starts], dtype=np.int64)
    weekend = np.array([s.weekday() >= 5 for s in starts], dtype=bool)
    months = tuple(f"{s.year:04d}-{s.month:02d}" for s in starts)
    warnings: list[str] = []

    energy_rates = _period_rates(rate, "energyratestructure", path, field, per_kwh=True)
    if energy_rates:
        wd = _schedule(rate, "energyweekdayschedule", len(energy_rates), path, field)
        we = _schedule(rate, "energyweekendschedule", len(energy_rates), path, field)
        period = np.where(weekend, we[month_idx, hour], wd[month_idx, hour])
        energy = np.asarray(energy_rates)[period]
    else:
        period = np.zeros(n, dtype=np.int64)
        energy = np.zeros(n)
        warnings.append(f"{path}: no energyratestructure; energy is not charged")

    units = str(rate.get("demandunits", "kW") or "kW")
    charges: list[DemandCharge] = []
    flat = _period_rates(rate, "flatdemandstructure", path, field, per_kwh=False)
    tou = _period_rates(rate, "demandratestructure", path, field, per_kwh=False)
    if (flat or tou) and units != "kW":
        raise TariffError(field, path, f"demandunits is {units!r}; only kW demand charges are modelled")
    ordered_months = list(dict.fromkeys(months))
    month_arr = np.asarray(months)
    if flat:
        by_month = rate.get("flatdemandmonths")
        if not isinstance(by_month, list) or len(by_month) != 12:
            raise TariffError(field, path, "flatdemandmonths: expected 12 period indices")
        for label in ordered_months:
            in_month = month_arr == label
            p = int(by_month[int(label[5:]) - 1])
            if not 0 <= p < len(flat):
                raise TariffError(field, path, f"flatdemandmonths names period {p}; there are {len(flat)}")
            if flat[p] > 0:
                charges.append(DemandCharge(f"{label} flat", label, "flat", p, flat[p], in_month))
    if tou:
        wd = _schedule(rate, "demandweekdayschedule", len(tou), path, field)
        we = _schedule(rate, "demandweekendschedule", len(tou), path, field)
        dperiod = np.where(weekend, we[month_idx, hour], wd[month_idx, hour])
        for label in ordered_months:
            in_month = month_arr == label
            for p, value in enumerate(tou):
                mask = in_month & (dperiod == p)
                if value > 0 and mask.any():
                    charges.append(DemandCharge(f"{label} tou{p}", label, "tou", p, value, mask))

    fixed_units = rate.get("fixedchargeunits", "$/month")
    fixed_value = rate.get("fixedchargefirstmeter", rate.get("fixedmonthlycharge"))
    if fixed_value is not None and fixed_units != "$/month":
        raise TariffError(field, path, f"fixedchargeunits is {fixed_units!r}; only $/month is modelled")
    fixed = {label: float(fixed_value or 0.0) for label in ordered_months}

    for key, what in UNMODELLED.items():
        if rate.get(key):
            warnings.append(f"{path}: {what} ({key} = {rate[key]!r}) is not modelled")
    warnings += _partial_months(starts, ordered_months, month_arr)
    return TariffSchedule(
        name=str(rate.get("name", "")),
        utility=str(rate.get("utility", "")),
        source=f"{path} [{rate.get('label', '')}]",
        energy_rate_usd_per_mwh=np.asarray(energy, dtype=float),
        energy_period=np.asarray(period, dtype=np.int64),
        months=months,
        demand_charges=tuple(charges),
        fixed_usd_per_month=fixed,
        warnings=warnings,
    )


def _partial_months(starts: list[datetime], ordered: list[str], month_arr: np.ndarray) -> list[str]:
    out = []
    for label in ordered:
        first = starts[int(np.flatnonzero(month_arr == label)[0])]
        days = {s.day for s, m in zip(starts, month_arr, strict=True) if m == label}
        in_month = _days_in_month(first.year, first.month)
        if len(days) < in_month:
            out.append(
                f"billing month {label} is only partly in the horizon ({len(days)} of {in_month} days): "
                "its demand and fixed charges are charged in full"
            )
    return out


def _days_in_month(year: int, month: int) -> int:
    nxt = datetime(year + month // 12, month % 12 + 1, 1)
    return (nxt - datetime(year, month, 1)).days


def applicability_warnings(rate: dict[str, Any], peak_demand_mw: float, source: str) -> list[str]:
    """Warnings when the site's peak demand lies outside the rate's stated kW range."""
    kw = peak_demand_mw * KW_PER_MW
    lo = rate.get("peakkwcapacitymin", rate.get("mindemand"))
    hi = rate.get("peakkwcapacitymax", rate.get("maxdemand"))
    out = []
    if lo is not None and kw < float(lo):
        out.append(f"{source}: the site's peak demand {kw:,.0f} kW is below the rate's minimum {float(lo):,.0f} kW")
    if hi is not None and kw > float(hi):
        out.append(f"{source}: the site's peak demand {kw:,.0f} kW is above the rate's maximum {float(hi):,.0f} kW")
    return out


def bill_lines(schedule: TariffSchedule, import_mw: NDArray[np.float64], interval_hours: float) -> list[BillLine]:
    """The bill for an import series, line by line: energy per month and period, each demand charge, fixed.

    ``import_mw`` is the average grid import of every interval, MW (n,). Demand is the highest
    interval import inside each charge's window.
    """
    imp = np.asarray(import_mw, dtype=float)
    month_arr = np.asarray(schedule.months)
    lines: list[BillLine] = []
    for label in dict.fromkeys(schedule.months):
        in_month = month_arr == label
        for p in sorted({int(x) for x in schedule.energy_period[in_month]}):
            sel = in_month & (schedule.energy_period == p)
            mwh = float(np.sum(imp[sel]) * interval_hours)
            usd = float(np.sum(imp[sel] * schedule.energy_rate_usd_per_mwh[sel]) * interval_hours)
            rate = float(schedule.energy_rate_usd_per_mwh[sel][0])
            lines.append(
                BillLine("energy", f"{label} energy, period {p} ({rate / KW_PER_MW:g} $/kWh)", label, mwh, rate, usd)
            )
    for charge in schedule.demand_charges:
        peak = max(float(np.max(imp[charge.mask], initial=0.0)), 0.0) + 0.0  # + 0.0: no '-0.000' on bills
        lines.append(
            BillLine("demand", charge.label, charge.month, peak, charge.rate_usd_per_mw, peak * charge.rate_usd_per_mw)
        )
    for label, usd in schedule.fixed_usd_per_month.items():
        lines.append(BillLine("fixed", f"{label} fixed charge", label, 1.0, usd, usd))
    return lines


def build_tariff(case: Case) -> TariffSchedule | None:
    """The case's ``tariff`` laid on its intervals (None without one), with applicability warnings.

    Raises:
        TariffError: (a CaseError) the URDB file cannot be read or uses an unmodelled feature.
    """
    spec = case.tariff
    if spec is None:
        return None
    path = case.resolve_path(spec.urdb_json)
    rate = load_urdb_rate(path, spec.item)
    schedule = tariff_schedule(rate, case.time.interval_starts(), path)
    demand = np.zeros(case.time.n_intervals)
    for load in case.resources.loads:
        demand = demand + np.asarray(load_profile_mw(load, case.time), dtype=float)
    schedule.warnings.extend(applicability_warnings(rate, float(demand.max(initial=0.0)), schedule.source))
    return schedule

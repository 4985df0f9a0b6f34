"""Cross-field checks that pydantic's per-field validation cannot express.

Each check appends CaseIssues instead of raising, so a user sees every problem at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from dcep_models.case import Case
from dcep_models.errors import CaseIssue
from dcep_models.reliability import ride_through_energy_mwh


def _time(case: Case, out: list[CaseIssue]) -> None:
    t = case.time
    total_min = t.horizon_hours * 60
    if total_min < t.interval_minutes:
        out.append(
            CaseIssue(
                "time.horizon_hours",
                f"must cover at least one {t.interval_minutes} min interval, got {t.horizon_hours:g} h",
            )
        )
        return
    if not math.isclose(total_min / t.interval_minutes, round(total_min / t.interval_minutes), abs_tol=1e-9):
        out.append(
            CaseIssue(
                "time.horizon_hours",
                f"horizon of {t.horizon_hours} h ({total_min:g} min) does not divide into "
                f"{t.interval_minutes}-minute intervals",
            )
        )


def _local_days(case: Case, out: list[CaseIssue]) -> None:
    """A naive start at local midnight with a whole number of days must end at local midnight.

    Across a daylight-saving change the local day lasts 23 or 25 h, so ``horizon_hours: 24`` on the
    fall-back day would silently stop an hour short (last 15-min interval at 22:45). A start written
    with a UTC offset means elapsed hours and is left alone.
    """
    t = case.time
    days = t.horizon_hours / 24
    if t.start.tzinfo is not None or (t.start.hour, t.start.minute, t.start.second) != (0, 0, 0):
        return
    if days < 1 or not math.isclose(days, round(days), abs_tol=1e-9):
        return
    zone = ZoneInfo(t.timezone)
    start = t.start_aware
    end = (start.astimezone(UTC) + timedelta(hours=t.horizon_hours)).astimezone(zone)
    if (end.hour, end.minute) == (0, 0):
        return
    last_day = start.date() + timedelta(days=round(days))
    real_end = datetime.combine(last_day, time(0, 0), tzinfo=zone)
    real_h = (real_end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600
    offset = start.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    out.append(
        CaseIssue(
            "time.horizon_hours",
            f"{t.horizon_hours:g} h from local midnight {start:%Y-%m-%d} ends at {end:%Y-%m-%d %H:%M} "
            f"{t.timezone}, not at midnight: daylight saving time makes those local days {real_h:g} h long. "
            f"Set horizon_hours to {real_h:g} to cover the whole local days, or write time.start with its "
            f"UTC offset ({start:%Y-%m-%dT%H:%M:%S}{offset}) to mean {t.horizon_hours:g} elapsed hours",
        )
    )


def _bess(case: Case, out: list[CaseIssue]) -> None:
    b = case.resources.bess
    if b is None:
        return
    p = "resources.bess"
    if b.soc_min_frac > b.soc_max_frac:
        out.append(CaseIssue(f"{p}.soc_min_frac", f"must be <= soc_max_frac ({b.soc_max_frac}), got {b.soc_min_frac}"))
    if not b.soc_min_frac <= b.soc_reserve_frac <= b.soc_max_frac:
        out.append(
            CaseIssue(
                f"{p}.soc_reserve_frac",
                f"must lie between soc_min_frac ({b.soc_min_frac}) and soc_max_frac ({b.soc_max_frac}), "
                f"got {b.soc_reserve_frac}",
            )
        )
    if not b.soc_reserve_frac <= b.soc_initial_frac <= b.soc_max_frac:
        out.append(
            CaseIssue(
                f"{p}.soc_initial_frac",
                f"must lie between soc_reserve_frac ({b.soc_reserve_frac}) and soc_max_frac ({b.soc_max_frac}), "
                f"got {b.soc_initial_frac}",
            )
        )
    if not b.soc_reserve_frac <= b.final_soc_frac <= b.soc_max_frac:
        out.append(
            CaseIssue(
                f"{p}.soc_final_min_frac",
                f"must lie between soc_reserve_frac ({b.soc_reserve_frac}) and soc_max_frac ({b.soc_max_frac}), "
                f"got {b.final_soc_frac}",
            )
        )
    if b.pcs_mva is not None and b.pcs_mva < b.power_mw:
        out.append(CaseIssue(f"{p}.pcs_mva", f"must be >= power_mw ({b.power_mw}), got {b.pcs_mva}"))


def _generators(case: Case, out: list[CaseIssue]) -> None:
    names: set[str] = set()
    for i, g in enumerate(case.resources.generators):
        p = f"resources.generators[{i}]"
        if g.p_min_mw > g.p_max_mw:
            out.append(CaseIssue(f"{p}.p_min_mw", f"must be <= p_max_mw ({g.p_max_mw}), got {g.p_min_mw}"))
        if g.initial_units_online > g.count:
            out.append(
                CaseIssue(f"{p}.initial_units_online", f"must be <= count ({g.count}), got {g.initial_units_online}")
            )
        if g.name in names:
            out.append(CaseIssue(f"{p}.name", f"duplicate generator name {g.name!r}"))
        names.add(g.name)


def _loads(case: Case, out: list[CaseIssue]) -> None:
    n = case.time.n_intervals
    names: set[str] = set()
    for i, load in enumerate(case.resources.loads):
        p = f"resources.loads[{i}]"
        if load.name in names:
            out.append(CaseIssue(f"{p}.name", f"duplicate load name {load.name!r}"))
        names.add(load.name)
        if load.kind == "critical" and load.max_curtailment_frac > 0:
            out.append(CaseIssue(f"{p}.max_curtailment_frac", "critical load cannot be curtailed; must be 0"))
        if load.kind == "curtailable" and load.max_curtailment_frac == 0:
            out.append(CaseIssue(f"{p}.max_curtailment_frac", "a curtailable load needs max_curtailment_frac > 0"))
        if load.profile is not None:
            if len(load.profile) not in (24, n):
                out.append(
                    CaseIssue(
                        f"{p}.profile", f"needs 24 hourly values or one per interval ({n}), got {len(load.profile)}"
                    )
                )
            bad = [k for k, v in enumerate(load.profile) if v < 0]
            if bad:
                out.append(CaseIssue(f"{p}.profile[{bad[0]}]", f"multipliers must be >= 0, got {load.profile[bad[0]]}"))
    if not any(load.kind == "critical" for load in case.resources.loads):
        out.append(CaseIssue("resources.loads", "at least one load must be critical (a data center has IT load)"))


def _reliability(case: Case, out: list[CaseIssue]) -> None:
    r = case.reliability
    gens = case.resources.generators
    if gens:
        slowest = max(g.start_time_min for g in gens)
        if r.ride_through_minutes < slowest:
            out.append(
                CaseIssue(
                    "reliability.ride_through_minutes",
                    f"must cover the slowest generator start time ({slowest:g} min), got {r.ride_through_minutes:g}",
                )
            )
    price = r.final_soc_shortfall_usd_per_mwh
    if price is not None and price >= r.voll_usd_per_mwh:
        out.append(
            CaseIssue(
                "reliability.final_soc_shortfall_usd_per_mwh",
                f"must be below voll_usd_per_mwh ({r.voll_usd_per_mwh:g}) so the end-of-horizon SOC target yields "
                f"to critical load, got {price:g} (null makes the target a hard rule)",
            )
        )


def _ride_through(case: Case, out: list[CaseIssue]) -> None:
    """The battery floor and power against the PEAK critical demand over the horizon (profiles applied)."""
    r = case.reliability
    peak = case.peak_critical_demand_mw
    if r.ride_through_minutes > 0 and peak > 0:
        b = case.resources.bess
        if b is None:
            out.append(CaseIssue("resources.bess", "a ride-through requirement > 0 needs a battery"))
        else:
            need_mwh = ride_through_energy_mwh(r.ride_through_minutes, b.discharge_efficiency, peak)
            floor_mwh = (b.soc_reserve_frac - b.soc_min_frac) * b.energy_mwh
            if b.soc_reserve_frac >= b.soc_min_frac and floor_mwh + 1e-9 < need_mwh:
                out.append(
                    CaseIssue(
                        "resources.bess.soc_reserve_frac",
                        f"reserve floor holds {floor_mwh:.3f} MWh above soc_min, but {r.ride_through_minutes:g} min of "
                        f"the {peak:g} MW peak critical demand needs {need_mwh:.3f} MWh after discharge losses",
                    )
                )
            if b.power_mw + 1e-9 < peak:
                out.append(
                    CaseIssue(
                        "resources.bess.power_mw",
                        f"ride-through needs the battery to carry {peak:g} MW (the peak critical demand), "
                        f"got {b.power_mw:g} MW",
                    )
                )


def supply_warnings(case: Case) -> list[str]:
    """Warnings (not errors) when critical demand may outrun what the site can deliver.

    Peak critical demand (profiles applied) is compared with POI import + every generator at full output +
    battery power; the critical energy beyond import + generation over the horizon is compared with the
    battery's usable energy ``(initial - minimum SOC) * eta_dis``. Either means critical load will go
    unserved (``dcep run`` then exits 3).
    """
    demand = case.critical_demand_mw()
    if not demand:
        return []
    poi = case.topology.poi
    gen_mw = sum(g.fleet_p_max_mw for g in case.resources.generators)
    b = case.resources.bess
    bess_mw = b.power_mw if b is not None else 0.0
    supply_mw = poi.max_import_mw + gen_mw
    out: list[str] = []
    peak = max(demand)
    if peak > supply_mw + bess_mw + 1e-9:
        out.append(
            f"peak critical demand {peak:g} MW exceeds POI import {poi.max_import_mw:g} MW + generation {gen_mw:g} MW"
            f" + battery {bess_mw:g} MW = {supply_mw + bess_mw:g} MW: critical load will go unserved"
        )
    h = case.time.interval_hours
    deficit_mwh = sum(max(0.0, d - supply_mw) for d in demand) * h
    usable_mwh = (b.soc_initial_frac - b.soc_min_frac) * b.energy_mwh * b.discharge_efficiency if b else 0.0
    if deficit_mwh > usable_mwh + 1e-9:
        out.append(
            f"critical demand beyond POI import + generation totals {deficit_mwh:.3f} MWh over the horizon, more than "
            f"the battery's usable {usable_mwh:.3f} MWh: critical load will go unserved"
        )
    return out


def _is_file(path: Path) -> bool:
    """Path.is_file() that also says False for names the OS refuses (too long, not encodable)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _prices(case: Case, case_dir: Path | None, out: list[CaseIssue]) -> None:
    pr = case.prices
    has_synth = pr.base_price_usd_per_mwh is not None
    has_csv = pr.energy_csv is not None
    if has_synth == has_csv:
        out.append(CaseIssue("prices", "give exactly one of base_price_usd_per_mwh or energy_csv"))
    for field in ("peak_hours", "offpeak_hours"):
        hours = getattr(pr, field)
        bad = [h for h in hours if not 0 <= h <= 23]
        if bad:
            out.append(CaseIssue(f"prices.{field}", f"hours must be 0-23, got {bad}"))
    overlap = sorted(set(pr.peak_hours) & set(pr.offpeak_hours))
    if overlap:
        out.append(CaseIssue("prices.offpeak_hours", f"hours {overlap} are also peak hours"))
    if case_dir is not None:
        for field in ("energy_csv", "as_csv"):
            rel = getattr(pr, field)
            if rel is not None and not _is_file(case_dir / rel):
                out.append(CaseIssue(f"prices.{field}", f"file not found: {(case_dir / rel)}"))


def _tariff(case: Case, case_dir: Path | None, out: list[CaseIssue]) -> None:
    """A tariff bills import itself: the wholesale energy price must then be zero (and the file exist)."""
    spec = case.tariff
    if spec is None:
        return
    pr = case.prices
    if pr.energy_csv is not None or (pr.base_price_usd_per_mwh or 0.0) != 0.0:
        out.append(
            CaseIssue(
                "prices",
                "with a tariff, import is billed by the tariff: set base_price_usd_per_mwh to 0 and give no "
                "energy_csv (a retail customer does not also pay the wholesale price)",
            )
        )
    if case_dir is not None and not _is_file(case_dir / spec.urdb_json):
        out.append(CaseIssue("tariff.urdb_json", f"file not found: {case_dir / spec.urdb_json}"))


def _topology(case: Case, out: list[CaseIssue]) -> None:
    poi = case.topology.poi
    if poi.max_import_mw > poi.rating_mva + 1e-9:
        out.append(
            CaseIssue(
                "topology.poi.max_import_mw", f"must be <= rating_mva ({poi.rating_mva}), got {poi.max_import_mw}"
            )
        )
    if poi.max_export_mw > poi.rating_mva + 1e-9:
        out.append(
            CaseIssue(
                "topology.poi.max_export_mw", f"must be <= rating_mva ({poi.rating_mva}), got {poi.max_export_mw}"
            )
        )
    for i, t in enumerate(case.topology.transformers):
        p = f"topology.transformers[{i}]"
        if t.mv_kv >= t.hv_kv:
            out.append(CaseIssue(f"{p}.mv_kv", f"must be below hv_kv ({t.hv_kv}), got {t.mv_kv}"))
        if t.resistance_pct >= t.impedance_pct:
            out.append(CaseIssue(f"{p}.resistance_pct", f"must be below impedance_pct ({t.impedance_pct})"))
        if t.firm_mva <= 0:
            out.append(CaseIssue(f"{p}.count", f"{t.redundancy} with {t.count} unit(s) leaves no firm capacity"))


def _market(case: Case, out: list[CaseIssue]) -> None:
    if case.iso == "GENERIC" and case.market.products is None and case.prices.as_prices_usd_per_mw_h:
        out.append(CaseIssue("market.products", "a GENERIC case selling AS must list its products"))
    if case.market.products is not None:
        names = [p.name for p in case.market.products]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            out.append(CaseIssue("market.products", f"duplicate product names {dupes}"))
    mk = case.market
    cap, floor = mk.price_cap_usd_per_mwh, mk.price_floor_usd_per_mwh
    if cap is not None and floor is not None and floor >= cap:
        out.append(CaseIssue("market.price_floor_usd_per_mwh", "must be below price_cap_usd_per_mwh"))


#: Each check and the top-level case sections it reads (skipped when one of them failed validation).
_CHECKS: tuple[tuple[Callable[[Case, list[CaseIssue]], None], frozenset[str]], ...] = (
    (_time, frozenset({"time"})),
    (_local_days, frozenset({"time"})),
    (_bess, frozenset({"resources"})),
    (_generators, frozenset({"resources"})),
    (_loads, frozenset({"time", "resources"})),
    (_reliability, frozenset({"reliability", "resources"})),
    (_ride_through, frozenset({"reliability", "resources", "time"})),
    (_topology, frozenset({"topology"})),
    (_market, frozenset({"iso", "market", "prices"})),
)


def cross_field_issues(case: Case, case_dir: Path | None = None, skip: Collection[str] = ()) -> list[CaseIssue]:
    """Every cross-field problem of a parsed case, as a list (empty when consistent).

    ``case_dir`` is the case file's folder; when given, referenced files must exist. ``skip`` names
    top-level sections that failed field validation: checks reading them are not run (``case`` may
    then be a partial ``Case.model_construct`` holding only the valid sections).
    """
    out: list[CaseIssue] = []
    for check, needs in _CHECKS:
        if not needs & set(skip):
            check(case, out)
    if "prices" not in skip:
        _prices(case, case_dir, out)
    if "prices" not in skip and "tariff" not in skip:
        _tariff(case, case_dir, out)
    return out

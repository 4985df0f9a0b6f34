"""Retail bills recomputed by hand from the URDB JSON and compared with dcep's bill lines to the cent.

The hand bill below has its own small URDB reader (json + datetime only): each 15-minute import is
billed at ``rate + adj`` of the energy period its local month / weekday-or-weekend / hour names;
the flat demand charge is the month's highest import times the flat rate of ``flatdemandmonths``;
each TOU demand period's charge is the highest import inside that period's hours times its rate;
the fixed charge is ``fixedchargefirstmeter``. Rates are $/kWh and $/kW-month; imports are kW.
"""

from __future__ import annotations

import copy
import json
import math
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from dcep_iso import bill_lines, build_tariff
from dcep_models import load_case, parse_case
from dcep_opt import prepare_inputs, solve_dispatch

CASES = Path(__file__).resolve().parents[1] / "cases"
TARIFF_CASES = {
    "sce_tou8_tariff_2025-07.json": "sce_tou-8-d.json",
    "sdge_altou_tariff_2025-07.json": "sdge_al-tou.json",
    "fpl_gsldt1_tariff_2025-07.json": "fpl_gsldt-1.json",
}


def _rate_of(tier: dict) -> float:
    return float(tier.get("rate", 0.0)) + float(tier.get("adj", 0.0))


def hand_bill(rate: dict, starts: list[datetime], import_kw: list[float]) -> dict[str, float]:
    """``{"energy": $, "flat": $, "tou<p>": $, "fixed": $}`` for one billing month of 15-min imports."""
    assert len({(s.year, s.month) for s in starts}) == 1
    month = starts[0].month - 1

    def period(kind: str, s: datetime) -> int:
        table = rate[f"{kind}weekendschedule" if s.weekday() >= 5 else f"{kind}weekdayschedule"]
        return int(table[month][s.hour])

    bill = {"energy": 0.0}
    for s, kw in zip(starts, import_kw, strict=True):
        bill["energy"] += kw * 0.25 * _rate_of(rate["energyratestructure"][period("energy", s)][0])
    if rate.get("flatdemandstructure"):
        flat_rate = _rate_of(rate["flatdemandstructure"][rate["flatdemandmonths"][month]][0])
        if flat_rate > 0:
            bill["flat"] = max(import_kw) * flat_rate
    for p, tiers in enumerate(rate.get("demandratestructure") or []):
        window = [kw for s, kw in zip(starts, import_kw, strict=True) if period("demand", s) == p]
        if window and _rate_of(tiers[0]) > 0:
            bill[f"tou{p}"] = max(window) * _rate_of(tiers[0])
    bill["fixed"] = float(rate["fixedchargefirstmeter"])
    return bill


def _month_starts(tz: str, year: int, month: int) -> list[datetime]:
    zone = ZoneInfo(tz)
    first = datetime(year, month, 1, tzinfo=zone).astimezone(ZoneInfo("UTC"))
    out, t = [], first
    while (local := t.astimezone(zone)).month == month:
        out.append(local)
        t += timedelta(minutes=15)
    return out


def _dcep_bill(lines) -> dict[str, float]:  # type: ignore[no-untyped-def]
    out: dict[str, float] = {"energy": 0.0}
    for line in lines:
        if line.kind == "energy":
            out["energy"] += line.usd
        elif line.kind == "fixed":
            out["fixed"] = line.usd
        else:
            out["flat" if "flat" in line.label else f"tou{line.label.split('period ')[1].split(' ')[0]}"] = line.usd
    return out


@pytest.mark.parametrize("name", sorted(TARIFF_CASES))
@pytest.mark.parametrize("month", [1, 7])
def test_month_bill_by_hand_equals_dcep_bill_lines(name: str, month: int) -> None:
    case = load_case(CASES / name)
    rate = json.loads((CASES / "data" / "tariffs" / TARIFF_CASES[name]).read_text())["items"][0]
    starts = _month_starts(case.time.timezone, 2025, month)
    # a given import series, kW: a daily shape, a weekly ripple and one spike on the 10th at 17:00
    kw = [
        2000.0
        + 800.0 * math.sin(2 * math.pi * (s.hour + s.minute / 60) / 24)
        + 150.0 * (s.weekday() % 3)
        + (1500.0 if (s.day, s.hour) == (10, 17) else 0.0)
        for s in starts
    ]
    data = json.loads((CASES / name).read_text())
    data["time"] = {**data["time"], "start": starts[0].isoformat(), "horizon_hours": len(starts) / 4}
    schedule = build_tariff(parse_case(data, base_dir=CASES))
    assert schedule is not None
    lines = bill_lines(schedule, np.asarray(kw) / 1000.0, 0.25)
    by_dcep = _dcep_bill(lines)
    by_hand = hand_bill(rate, starts, kw)
    assert set(by_dcep) == set(by_hand)
    for key, usd in by_hand.items():
        assert by_dcep[key] == pytest.approx(usd, abs=0.005), key
    assert sum(line.usd for line in lines) == pytest.approx(sum(by_hand.values()), abs=0.01)


def _first_days(name: str, days: int):  # type: ignore[no-untyped-def]
    data = copy.deepcopy(json.loads((CASES / name).read_text()))
    data["time"]["horizon_hours"] = 24 * days
    return parse_case(data, base_dir=CASES)


@pytest.mark.parametrize("name", sorted(TARIFF_CASES))
def test_solved_schedule_is_billed_as_by_hand(name: str) -> None:
    # two days of each tariff case: the optimiser's schedule, billed by hand from its own import column
    case = _first_days(name, 2)
    result = solve_dispatch(prepare_inputs(case)).result
    assert result.solver.status in ("optimal", "feasible") and result.economics is not None
    assert result.solver.mip_gap is not None and result.solver.mip_gap <= 1e-3
    e = result.economics
    assert abs(result.solver.objective_usd - e.net_value_usd) < 0.01 + 1e-6 * abs(e.net_value_usd)
    rate = json.loads((CASES / "data" / "tariffs" / TARIFF_CASES[name]).read_text())["items"][0]
    starts = case.time.interval_starts()
    kw = list(result.timeseries["grid_import_mw"] * 1000.0)
    by_hand = hand_bill(rate, starts, kw)
    by_dcep = _dcep_bill(e.tariff_bill)
    assert set(by_dcep) == set(by_hand)
    for key, usd in by_hand.items():
        assert by_dcep[key] == pytest.approx(usd, abs=0.005), key
    assert e.tariff_bill_usd == pytest.approx(sum(by_hand.values()), abs=0.01)
    # doing nothing (grid only) is always possible, so the optimum is worth at least the baseline, whose
    # tariff bill is the hand bill of the raw demand; the demand charges are shaved below the baseline's
    demand_kw = list(result.timeseries["demand_total_mw"] * 1000.0)
    raw = hand_bill(rate, starts, demand_kw)
    assert e.baseline is not None and e.baseline.tariff_bill_usd == pytest.approx(sum(raw.values()), abs=0.01)
    assert e.value_over_baseline_usd is not None and e.value_over_baseline_usd >= -0.01
    demand_keys = [k for k in by_hand if k not in ("energy", "fixed")]
    assert sum(by_hand[k] for k in demand_keys) < sum(raw[k] for k in demand_keys) - 100.0

"""One real-price case per market: its prices read back equal to the file's, and it solves optimal.

The expected prices are recomputed here from the shipped CSV with the csv module alone (EIA's three
metadata lines skipped, rows placed by ``UTC Timestamp (Interval Ending)``, the file's own cadence,
the case's gap rule applied by hand, time-weighted onto the case's 15-minute intervals), never with
dcep-iso's reader. Solving is checked on each case's first day (the weeks take 10 s to 2 min each
on a shared 2-core machine: their figures are in the closing note, not in the unit tests).
"""

from __future__ import annotations

import copy
import csv
import itertools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from dcep_iso import build_price_series
from dcep_models import load_case, parse_case
from dcep_opt import prepare_inputs, solve_dispatch

CASES = Path(__file__).resolve().parents[1] / "cases"

#: case file -> (price column in the file, the file's interval in minutes)
REAL_PRICE_CASES = {
    "isone_50mw_real_2022-12-19.json": ("Internal Hub LMP", 60),
    "nyiso_50mw_real_2022-12-19.json": ("J - New York City LMP", 60),
    "miso_50mw_real_2022-06-13.json": ("Indiana Hub LMP", 60),
    "pjm_50mw_real_2023-07-17.json": ("Western Hub LMP", 5),
    "caiso_50mw_real_2024-06-24.json": ("SP-15 LMP", 15),
    "ercot_50mw_real_eia_2023-08-21.json": ("North LMP", 15),
}
#: CAISO's day-ahead AS columns and the product each is sold as.
CAISO_AS = {"RegUp": "REGUP", "RegDown": "REGDN", "Spin": "SPIN", "NonSpin": "NSPIN"}


def _eia_prices(path: Path, column: str) -> dict[datetime, float]:
    """UTC interval end -> price, straight from the file."""
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    header = rows[3]
    assert rows[2][0].startswith("Source: EIA")
    i_end, i_val = header.index("UTC Timestamp (Interval Ending)"), header.index(column)
    return {datetime.fromisoformat(r[i_end]).replace(tzinfo=UTC): float(r[i_val]) for r in rows[4:] if r}


def _filled(by_end: dict[datetime, float], step: timedelta, rule: str) -> dict[datetime, float]:
    """Missing file intervals filled by the case's rule: previous value, or the mean of the two sides
    (linear interpolation at the mid-point of a one-interval gap; longer gaps are not in these files)."""
    out = dict(by_end)
    ends = sorted(by_end)
    for a, b in itertools.pairwise(ends):
        missing = int((b - a) / step) - 1
        if missing <= 0:
            continue
        assert rule in ("previous", "linear"), f"gap after {a} in a case that refuses gaps"
        if rule == "linear":
            assert missing == 1, "hand rule below covers one-interval gaps only"
            out[a + step] = (by_end[a] + by_end[b]) / 2.0
        else:
            for k in range(1, missing + 1):
                out[a + k * step] = by_end[a]
    return out


def _on_case_intervals(by_end: dict[datetime, float], step: timedelta, start: datetime, n: int) -> np.ndarray:
    """Average of the file's intervals inside each 15-min case interval (coarser ones repeated)."""
    out = np.zeros(n)
    quarter = timedelta(minutes=15)
    for k in range(n):
        lo, hi = start + k * quarter, start + (k + 1) * quarter
        total = 0.0
        for end, price in by_end.items():
            overlap = (min(hi, end) - max(lo, end - step)).total_seconds()
            if overlap > 0:
                total += price * overlap
        out[k] = total / quarter.total_seconds()
    return out


@pytest.mark.parametrize("name", sorted(REAL_PRICE_CASES))
def test_real_prices_read_back_equal_to_the_file(name: str) -> None:
    case = load_case(CASES / name)
    column, minutes = REAL_PRICE_CASES[name]
    step = timedelta(minutes=minutes)
    by_end = _filled(_eia_prices(case.resolve_path(case.prices.energy_csv or ""), column), step, case.prices.gaps)
    start = case.time.start_aware.astimezone(UTC)
    n = case.time.n_intervals
    assert n == 672 and case.time.interval_minutes == 15
    # only file intervals near the horizon matter; trimming keeps the hand loop short
    near = {e: p for e, p in by_end.items() if start - step <= e <= start + timedelta(hours=169)}
    expected = _on_case_intervals(near, step, start, n)
    series = build_price_series(case)
    np.testing.assert_allclose(series.energy_usd_per_mwh, expected, rtol=0, atol=1e-9)
    assert expected.max() > 100.0  # each week was picked for its price spikes


def test_caiso_case_earns_real_day_ahead_as_prices() -> None:
    case = load_case(CASES / "caiso_50mw_real_2024-06-24.json")
    with case.resolve_path(case.prices.as_csv or "").open(newline="") as f:
        rows = list(csv.DictReader(f))
    by_hour = {datetime.fromisoformat(r["datetime"]).replace(tzinfo=UTC): r for r in rows}
    start = case.time.start_aware.astimezone(UTC)
    series = build_price_series(case)
    assert set(series.as_usd_per_mw_h) == set(CAISO_AS.values())
    for column, product in CAISO_AS.items():
        expected = [
            float(by_hour[(start + timedelta(minutes=15 * k)).replace(minute=0)][column])
            for k in range(case.time.n_intervals)
        ]
        np.testing.assert_allclose(series.as_usd_per_mw_h[product], expected, rtol=0, atol=1e-12)
    # the first day's schedule sells AS at those prices
    solved = solve_dispatch(prepare_inputs(_first_day(name="caiso_50mw_real_2024-06-24.json"))).result
    assert solved.solver.status == "optimal" and solved.economics is not None
    ts = solved.timeseries
    for product in CAISO_AS.values():
        np.testing.assert_allclose(ts[f"as_price_{product}_usd_per_mw_h"], series.as_usd_per_mw_h[product][:96])
        by_hand = float(np.sum(ts[f"as_price_{product}_usd_per_mw_h"] * ts[f"reserve_{product}_mw"]) * 0.25)
        assert solved.economics.as_revenue_by_product_usd[product] == pytest.approx(by_hand, abs=0.005)
    assert solved.economics.as_revenue_usd > 1000.0


def _first_day(name: str):  # type: ignore[no-untyped-def]
    data = json.loads((CASES / name).read_text())
    day = copy.deepcopy(data)
    day["time"]["horizon_hours"] = 24
    return parse_case(day, base_dir=CASES)


@pytest.mark.parametrize("name", sorted(REAL_PRICE_CASES))
def test_real_price_case_solves_optimal(name: str) -> None:
    case = _first_day(name)
    result = solve_dispatch(prepare_inputs(case)).result
    assert result.solver.status == "optimal"
    assert result.economics is not None and result.solver.objective_usd is not None
    assert abs(result.solver.objective_usd - result.economics.net_value_usd) < 0.005
    week = build_price_series(load_case(CASES / name)).energy_usd_per_mwh
    np.testing.assert_allclose(result.timeseries["energy_price_usd_per_mwh"], week[:96])

"""Price loading speed: a year of 5-min gridstatus prices read, checked and put on 15-min intervals.

Prints seconds and the ratio to a baseline measured in the same run: one plain ``csv.reader`` pass
over the same file that only converts the price column to float (the floor any reader pays).
Usage: uv run python benchmarks/bench_iso_prices.py
"""

from __future__ import annotations

import csv
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from dcep_iso import read_price_csv, resample

CT = ZoneInfo("America/Chicago")


def _write_year(path: Path) -> int:
    t0 = datetime(2025, 1, 1, tzinfo=CT).astimezone(UTC)
    step = timedelta(minutes=5)
    rng = np.random.default_rng(7)
    n = 365 * 288
    prices = 30 + 10 * rng.standard_normal(n)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Interval Start", "Interval End", "Location", "LMP"])
        for k in range(n):
            s = t0 + k * step
            w.writerow(
                [
                    s.astimezone(CT).isoformat(sep=" "),
                    (s + step).astimezone(CT).isoformat(sep=" "),
                    "HUB",
                    f"{prices[k]:.2f}",
                ]
            )
    return n


def _baseline(path: Path) -> float:
    with path.open(newline="") as f:
        reader = csv.reader(f)
        next(reader)
        return sum(float(r[3]) for r in reader)


def main() -> None:
    """Run and print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "year.csv"
        rows = _write_year(path)
        t = time.perf_counter()
        _baseline(path)
        base_s = time.perf_counter() - t
        t = time.perf_counter()
        raw = read_price_csv(path, "prices.energy_csv", None, "America/Chicago")
        read_s = time.perf_counter() - t
        start = int(datetime(2025, 1, 1, tzinfo=CT).timestamp())
        t = time.perf_counter()
        out = resample(raw, "LMP", start, 900, 365 * 96)
        res_s = time.perf_counter() - t
    assert out.shape == (365 * 96,)
    print(f"bench_iso_prices: {rows} rows (a year of 5-min prices)")
    print(f"  baseline csv pass     {base_s:7.3f} s  (1.00x)")
    print(f"  read_price_csv        {read_s:7.3f} s  ({read_s / base_s:5.2f}x baseline)")
    print(f"  resample to 15 min    {res_s:7.3f} s  ({res_s / base_s:5.2f}x baseline)")


if __name__ == "__main__":
    main()

"""Rebuild the ERCOT price files in cases/data/ercot from /work/shared/data/ercot (see README.md).

Usage: uv run python cases/data/extract_ercot.py [SHARED_DATA_DIR]
Writes gridstatus-layout files: Interval Start/End with the local UTC offset, Location, SPP.
"""

from __future__ import annotations

import csv
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

CT = ZoneInfo("America/Chicago")
OUT = Path(__file__).parent / "ercot"


def _gridstatus(src: Path, out: Path, first_local: str, last_local: str, step_min: int, compact: bool = False) -> int:
    """Copy the rows starting in [first_local, last_local) Central time; ``compact`` drops the two constant
    columns (Location Type, Market) to keep a year of 15-min prices under 3 MB."""
    lo = datetime.fromisoformat(first_local).replace(tzinfo=CT)
    hi = datetime.fromisoformat(last_local).replace(tzinfo=CT)
    rows = 0
    with src.open() as f, out.open("w", newline="") as g:
        w = csv.writer(g)
        header = ["Interval Start", "Interval End", "Location", "Location Type", "Market", "SPP"]
        w.writerow([h for h in header if not compact or h not in ("Location Type", "Market")])
        for rec in csv.DictReader(f):
            start = datetime.fromisoformat(rec["interval_start_utc"].replace("Z", "+00:00")).astimezone(CT)
            if lo <= start < hi:
                end = (start.astimezone(UTC) + timedelta(minutes=step_min)).astimezone(CT)  # elapsed, not wall-clock
                market = "REAL_TIME_15_MIN" if step_min == 15 else "DAY_AHEAD_HOURLY"
                where = [start.isoformat(sep=" "), end.astimezone(CT).isoformat(sep=" "), rec["settlement_point"]]
                kind = [] if compact else ["Trading Hub", market]
                w.writerow([*where, *kind, rec["price_usd_per_mwh"]])
                rows += 1
    return rows


def main(shared: Path) -> None:
    """Write every file and print its row count."""
    OUT.mkdir(parents=True, exist_ok=True)
    rtm = shared / "hb_hubavg_rtm_15min_2024-01_2025-11.csv"
    dam = shared / "hb_hubavg_dam_hourly_2024-01_2025-11.csv"
    jobs = [
        (rtm, "hb_hubavg_rtm_15min_2025-08.csv", "2025-08-01", "2025-09-01", 15),
        (dam, "hb_hubavg_dam_hourly_2025-08.csv", "2025-08-01", "2025-09-01", 60),
        (rtm, "hb_hubavg_rtm_15min_2024-08.csv", "2024-08-01", "2024-09-01", 15),
        (rtm, "hb_hubavg_rtm_15min_2025-03-09.csv", "2025-03-09", "2025-03-10", 15),
        (rtm, "hb_hubavg_rtm_15min_2024-11-03.csv", "2024-11-03", "2024-11-04", 15),
    ]
    for src, name, lo, hi, step in jobs:
        print(name, _gridstatus(src, OUT / name, lo, hi, step))
    year = "hb_hubavg_rtm_15min_2024.csv"  # calendar 2024 (Central time) for dcep year / benchmarks/bench_scale.py
    print(year, _gridstatus(rtm, OUT / year, "2024-01-01", "2025-01-01", 15, compact=True))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data/ercot"))

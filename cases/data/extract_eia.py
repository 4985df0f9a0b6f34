"""Rebuild the one-week EIA real-time LMP slices and the CAISO day-ahead AS slice (see README.md).

Usage: uv run python cases/data/extract_eia.py [SHARED_DATA_DIR]

EIA files keep their layout (the three metadata lines, the header's names, the rows as published);
only rows and columns are cut: the rows whose ``UTC Timestamp (Interval Ending)`` falls in the week
(plus one row either side), and the five time columns with the chosen location's columns. The
CAISO day-ahead file keeps its header and the rows of one node for the week (its ``datetime`` is
the naive-UTC interval start), written as plain CSV.
"""

from __future__ import annotations

import csv
import gzip
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent
TIME_COLUMNS = 5

#: (source file, output, location, first UTC interval end, last UTC interval end)
EIA_SLICES: list[tuple[str, str, str, str, str]] = [
    (
        "isone_lmp_rt_hr_hubs_2022.csv",
        "isone/isone_internal_hub_rt_hourly_2022-12-19.csv",
        "Internal Hub",
        "2022-12-19 05:00",
        "2022-12-26 05:00",
    ),
    (
        "nyiso_lmp_rt_hr_zones_2022.csv",
        "nyiso/nyiso_zone_j_rt_hourly_2022-12-19.csv",
        "J - New York City",
        "2022-12-19 05:00",
        "2022-12-26 05:00",
    ),
    (
        "miso_lmp_rt_hr_hubs_2022.csv",
        "miso/miso_indiana_hub_rt_hourly_2022-06-13.csv",
        "Indiana Hub",
        "2022-06-13 05:00",
        "2022-06-20 05:00",
    ),
    (
        "pjm_lmp_rt_5min_hubs_2023Q3.csv",
        "pjm/pjm_western_hub_rt_5min_2023-07-17.csv",
        "Western Hub",
        "2023-07-17 04:00",
        "2023-07-24 04:00",
    ),
    (
        "caiso_lmp_rt_15min_zones_2024Q2.csv",
        "caiso/caiso_sp15_rt_15min_2024-06-24.csv",
        "SP-15",
        "2024-06-24 07:00",
        "2024-07-01 07:00",
    ),
    (
        "ercot_lmp_rt_15min_hubs_2023Q3.csv",
        "ercot/ercot_north_hub_rt_15min_2023-08-21.csv",
        "North",
        "2023-08-21 05:00",
        "2023-08-28 05:00",
    ),
]
#: CAISO day-ahead LMP + AS: node, first and last naive-UTC interval start.
CAISO_AS_SLICE = (
    "caiso/caiso_da_sp15_lmp_as_2024-06-24.csv",
    "TH_SP15_GEN-APND",
    "2024-06-24 07:00",
    "2024-07-01 06:00",
)


def _stamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def slice_eia(src: Path, out: Path, location: str, first: str, last: str) -> int:
    """Write the EIA slice; return its data rows."""
    with src.open(newline="", encoding="utf-8-sig") as f:
        records = list(csv.reader(f))
    meta, header, body = records[:3], records[3], [r for r in records[4:] if r]
    keep = list(range(TIME_COLUMNS)) + [i for i, h in enumerate(header) if h.startswith(location + " ")]
    lo, hi = _stamp(first), _stamp(last)
    inside = [k for k, r in enumerate(body) if lo <= _stamp(r[0]) <= hi]
    rows = body[max(inside[0] - 1, 0) : inside[-1] + 2]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as g:
        w = csv.writer(g, lineterminator="\n")
        for line in meta:
            w.writerow(line)
        w.writerow([header[i] for i in keep])
        for r in rows:
            w.writerow([r[i] for i in keep])
    return len(rows)


def slice_caiso_as(src: Path, out: Path, node: str, first: str, last: str) -> int:
    """Write one node's day-ahead rows for the week; return their count."""
    lo, hi = _stamp(first), _stamp(last)
    with gzip.open(src, "rt", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if r and r[1] == node and lo <= _stamp(r[0]) <= hi]
    with out.open("w", newline="") as g:
        w = csv.writer(g, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return len(rows)


def main(shared: Path) -> None:
    """Write every slice and print its row count."""
    for src, out, location, first, last in EIA_SLICES:
        print(out, slice_eia(shared / "eia_rt" / src, HERE / out, location, first, last))
    out, node, first, last = CAISO_AS_SLICE
    src = shared / "caiso" / "caiso_da_hub_lmp_and_as_2023-2025.csv.gz"
    print(out, slice_caiso_as(src, HERE / out, node, first, last))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data"))

"""Rebuild cases/data/spp from /work/shared/data/spp in gridstatus layout (see README.md).

Usage: uv run python cases/data/extract_spp.py [SHARED_DATA_DIR]
SPP's ``GMTIntervalEnd`` (UTC, hour ending) becomes ``Interval Start`` / ``Interval End`` in
Central time with the UTC offset.
"""

from __future__ import annotations

import csv
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

CT = ZoneInfo("America/Chicago")
OUT = Path(__file__).parent / "spp"


def _convert(src: Path, out: Path, location_col: str, location_name: str, value_cols: list[str]) -> int:
    rows = 0
    with src.open() as f, out.open("w", newline="") as g:
        w = csv.writer(g)
        w.writerow(["Interval Start", "Interval End", location_name, *value_cols])
        for rec in csv.DictReader(f):
            end = datetime.strptime(rec["GMTIntervalEnd"], "%m/%d/%Y %H:%M:%S").replace(tzinfo=UTC).astimezone(CT)
            start = (end.astimezone(UTC) - timedelta(hours=1)).astimezone(CT)  # elapsed, not wall-clock
            w.writerow(
                [start.isoformat(sep=" "), end.isoformat(sep=" "), rec[location_col]] + [rec[c] for c in value_cols]
            )
            rows += 1
    return rows


def main(shared: Path) -> None:
    """Write both files and print their row counts."""
    OUT.mkdir(parents=True, exist_ok=True)
    print(
        _convert(
            shared / "da_lmp_hubs_2022-02-01.csv",
            OUT / "da_lmp_hubs_2022-02-01.csv",
            "Settlement Location",
            "Location",
            ["LMP", "MEC", "MCC", "MLC"],
        )
    )
    print(
        _convert(
            shared / "da_mcp_reserves_2022-02-02.csv",
            OUT / "da_mcp_reserves_2022-02-02.csv",
            "Reserve Zone",
            "Reserve Zone",
            ["RegUP", "RegDN", "Spin", "Supp"],
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data/spp"))

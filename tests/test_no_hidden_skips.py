"""Tests cannot hide breakage: no test skips itself when a dcep package (or dcep-opt's dask extra)
fails to import. A broken import must fail the run, not turn into "3 skipped" (issue 9)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_FILES = sorted(
    p for base in ("tests", "packages", "apps") for p in (ROOT / base).rglob("test_*.py") if ".venv" not in p.parts
)
SKIP = re.compile(r"""importorskip\(\s*["'](dcep_\w+|dask)""")


def test_the_scan_sees_the_test_files() -> None:
    names = {p.name for p in TEST_FILES}
    assert {"test_sweep_dask.py", "test_iso_cases.py", "test_no_hidden_skips.py"} <= names


def test_no_importorskip_of_dcep_packages_or_dask() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in TEST_FILES
        if p.name != Path(__file__).name
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if SKIP.search(line)
    ]
    assert offenders == []

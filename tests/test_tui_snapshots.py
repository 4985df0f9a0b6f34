"""SVG snapshots of the six TUI pages on the seed case at two terminal sizes (pytest-textual-snapshot).

The seed case is solved once; each snapshot starts the app without solving and hands it that run, so
the pictures are deterministic: no solve times (``show_timings=False``), no spinner, no clock. After a
deliberate change, review the pictures and refresh them with ``pytest tests/test_tui_snapshots.py
--snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dcep_models import load_case
from dcep_tui import DcepApp, RunOutput, run_case

SEED = Path(__file__).resolve().parents[1] / "cases" / "ercot_50mw.json"
PAGES = {"1": "overview", "2": "electrical", "3": "dispatch", "4": "reliability", "5": "economics", "6": "explainer"}
SIZES = [(120, 35), (160, 50)]


@pytest.fixture(scope="module")
def seed_run() -> RunOutput:
    return run_case(load_case(SEED))


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("key", list(PAGES), ids=list(PAGES.values()))
def test_page_snapshot(snap_compare, seed_run, key, size):
    app = DcepApp(seed_run.case, solve_on_mount=False, case_path=SEED, show_timings=False)

    async def show_the_run(pilot) -> None:
        app.show_output(seed_run)
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=show_the_run)

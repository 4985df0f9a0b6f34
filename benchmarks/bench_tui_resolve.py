"""Wall time from the TUI's `r` keypress to the redrawn page after a re-solve, on the seed case.

Runs the app headless (Textual's Pilot) at 120x35, waits for the first solve, then presses `r` a few
times. Each press reads the case file again, solves, explains (fixed-LP duals), AC-screens and
redraws; the figure is keypress -> the worker done and the screen idle again (every page has drawn
the new run). The run's phases are timed from the worker's progress messages.

    uv run python benchmarks/bench_tui_resolve.py                 # seed case, 3 presses
    uv run python benchmarks/bench_tui_resolve.py --presses 5 --case cases/ercot_50mw_real_7day_2025-08-01.json
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from dcep_tui import make_app

ROOT = Path(__file__).resolve().parents[1]


async def measure(case: Path, presses: int, size: tuple[int, int]) -> None:
    app = make_app(case)
    marks: list[tuple[float, str]] = []
    status = app.set_status

    def timed_status(text: str) -> None:
        marks.append((time.perf_counter(), text))
        status(text)

    app.set_status = timed_status  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        walls = []
        for k in range(presses):
            await pilot.press(str(k % 6 + 1))  # redraw on a different page each time
            await pilot.pause()
            marks.clear()
            start = time.perf_counter()
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            wall = time.perf_counter() - start
            walls.append(wall)
            phases = [(t - start, text) for t, text in marks]
            steps = ", ".join(
                f"{text} at {t:.2f} s"
                if not text.startswith(("optimal", "No schedule"))
                else f"run handed to the pages at {t:.2f} s"
                for t, text in phases
            )
            out = app.run_output
            solver = out.result.solver if out is not None else None
            solve = f"; solver build {solver.build_s:.2f} s + solve {solver.solve_s:.2f} s" if solver else ""
            print(f"press {k + 1}: r -> redrawn page {wall:.2f} s ({steps}{solve})")
        print(
            f"{case.name} at {size[0]}x{size[1]}: r -> redrawn page median {statistics.median(walls):.2f} s, "
            f"min {min(walls):.2f} s, max {max(walls):.2f} s over {presses} presses"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", type=Path, default=ROOT / "cases" / "ercot_50mw.json")
    parser.add_argument("--presses", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(measure(args.case, args.presses, (120, 35)))


if __name__ == "__main__":
    main()

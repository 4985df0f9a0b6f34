"""Text and JSON of a parallel-in-time year (``dcep year``): what the stitched result is, said plainly.

A stitched year is not one solve: its summary drops the one-model lines ("MIP gap", "Best bound",
"Build time", "Model: N variables") and prints the year's certified bound and gap, the number of
windows, their worst gap, the windows stopped early, the wall time and the peak memory instead.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from dcep_models import format_usd

if TYPE_CHECKING:
    from dcep_opt import YearResult

#: Summary lines that describe one MILP and are replaced for a stitched year.
ONE_SOLVE_PREFIXES = ("MIP gap:", "Best bound:", "Build time:", "Model:")


def _usd(value: float) -> str:
    return format_usd(value)


def _shown(gap: float) -> float:
    """A gap within HiGHS's feasibility tolerance of zero prints as 0 (not -0.0000 %); larger ones as they are."""
    return 0.0 if abs(gap) < 1e-7 else gap


def year_lines(year: YearResult) -> list[str]:
    """The year's own facts: windows, bound, gap, worst window gap, stopped windows, time and memory."""
    w = year.windows
    lines = [
        "",
        f"Parallel-in-time year: {len(w)} windows of {year.window_intervals} intervals on {year.workers} worker(s)",
    ]
    if year.bound_usd is not None:
        lines.append(f"Year bound (certified): {_usd(year.bound_usd)}")
    else:
        lines.append("Year bound: unknown (a window's bound is missing)")
    lines.append("Year gap: " + (f"{100 * _shown(year.gap):.4f} %" if year.gap is not None else "unknown"))
    lines.append("Worst window gap: " + _worst_window(year))
    stopped = year.stopped_early
    lines.append(
        "Windows stopped early: none"
        if not stopped
        else f"Windows stopped early: {len(stopped)} (first: window {stopped[0].index}, {stopped[0].termination}, "
        f"bound {stopped[0].bound_termination})"
    )
    lines.append(f"Min up/down breaches across seams: {year.min_up_down_breaches}")
    lines.append(
        f"Wall time: {year.wall_s:.1f} s (pilot {year.pilot_s:.1f} s, windows {year.windows_s:.1f} s); "
        f"CPU in tasks {year.cpu_s:.1f} s; peak RSS {year.peak_rss_mb:,.0f} MB"
    )
    lines += [f"Note: {note}" for note in year.notes]
    return lines


def _worst_window(year: YearResult) -> str:
    """The window holding the most of the year's gap, in USD and as a share of the year's gap in USD."""
    worst = year.worst_window
    if worst is None or worst.gap_usd is None:
        return "unknown"
    net = year.result.solver.objective_usd
    text = f"{_usd(worst.gap_usd)} (window {worst.index}"
    if year.bound_usd is not None and net is not None and year.bound_usd - net > 0:
        text += f", {100 * worst.gap_usd / (year.bound_usd - net):.1f} % of the year's {_usd(year.bound_usd - net)}"
    return text + ")"


def stitched_summary(lines: list[str]) -> list[str]:
    """``summary_lines`` without the lines that describe one MILP."""
    return [line for line in lines if not line.startswith(ONE_SOLVE_PREFIXES)]


def year_to_json(year: YearResult, result_dict: dict[str, Any]) -> str:
    """``results.json`` of the stitched year plus a ``year`` object with the bound and every window."""
    out = dict(result_dict)
    out["year"] = {
        "window_intervals": year.window_intervals,
        "workers": year.workers,
        "bound_usd": year.bound_usd,
        "gap": year.gap,
        "worst_window_gap": year.worst_window_gap,
        "worst_window_gap_usd": year.worst_window.gap_usd if year.worst_window is not None else None,
        "worst_window_index": year.worst_window.index if year.worst_window is not None else None,
        "windows_stopped_early": len(year.stopped_early),
        "min_up_down_breaches": year.min_up_down_breaches,
        "wall_s": year.wall_s,
        "pilot_s": year.pilot_s,
        "cpu_s": year.cpu_s,
        "peak_rss_mb": year.peak_rss_mb,
        "windows": [
            {
                "index": x.index,
                "start": x.start,
                "end": x.end,
                "status": x.status,
                "termination": x.termination,
                "mip_gap": x.mip_gap,
                "objective_priced_usd": x.objective_usd,
                "bound_usd": x.bound_usd,
                "bound_termination": x.bound_termination,
                "build_s": x.build_s,
                "solve_s": x.solve_s,
                "wall_s": x.wall_s,
            }
            for x in year.windows
        ],
    }
    return json.dumps(out, indent=1, allow_nan=False) + "\n"

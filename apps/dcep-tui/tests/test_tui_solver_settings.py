"""The TUI solves with the case's ``solver`` section (issue 9: it used to build default options)."""

from __future__ import annotations

from typing import Any

import dcep_tui.run
from dcep_models import parse_case
from dcep_tui.run import run_case


def test_the_tui_solves_with_the_case_solver_section(small_case, monkeypatch) -> None:
    seen: list[Any] = []
    real = dcep_tui.run.solve_dispatch

    def spy(inputs: Any, options: Any = None, *args: Any, **kwargs: Any) -> Any:
        seen.append(options)
        return real(inputs, options, *args, **kwargs)

    monkeypatch.setattr(dcep_tui.run, "solve_dispatch", spy)
    small_case["solver"] = {"time_limit_s": 37.5, "mip_gap": 0.0123, "threads": 2}
    out = run_case(parse_case(small_case), screen=False, explain=False)
    assert out.result.solver.status == "optimal"
    assert [(o.time_limit_s, o.mip_gap, o.threads) for o in seen] == [(37.5, 0.0123, 2)]

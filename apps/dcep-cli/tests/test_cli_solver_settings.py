"""Every command solves with the case's ``solver`` section, CLI flags overriding it (issue 9: explain and
powerflow --screen used to build default options and ignore the case)."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import dcep_opt
from dcep_cli.main import main

SOLVER = {"time_limit_s": 37.5, "mip_gap": 0.0123, "threads": 2}


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Options every solve_dispatch call received (the real solve still runs)."""
    calls: list[Any] = []
    real = dcep_opt.solve_dispatch

    def spy(inputs: Any, options: Any = None, *args: Any, **kwargs: Any) -> Any:
        calls.append(options)
        return real(inputs, options, *args, **kwargs)

    import dcep_explain  # noqa: F401  (load its modules so their bound names are patched too)

    for name, module in list(sys.modules.items()):
        if name.startswith("dcep") and getattr(module, "solve_dispatch", None) is real:
            monkeypatch.setattr(module, "solve_dispatch", spy)
    return calls


@pytest.mark.parametrize(
    "argv",
    [["explain"], ["powerflow", "--screen"], ["run", "-q"], ["outage"], ["reliability-cost"]],
    ids=lambda a: a[0],
)
def test_commands_honour_the_case_solver_section(argv, small_case, write_case, seen, capsys) -> None:
    small_case["solver"] = dict(SOLVER)
    small_case["topology"]["transformers"] = [{"name": "T1", "hv_kv": 230, "mv_kv": 34.5, "rating_mva": 15}]
    path = str(write_case(small_case))
    code = main([argv[0], path, *argv[1:]])
    capsys.readouterr()
    assert code == 0
    assert seen, "no dispatch was solved"
    for options in seen:
        assert options is not None
        assert (options.time_limit_s, options.mip_gap, options.threads) == (37.5, 0.0123, 2)


def test_a_cli_flag_overrides_the_case(small_case, write_case, seen, capsys) -> None:
    small_case["solver"] = dict(SOLVER)
    assert main(["run", str(write_case(small_case)), "-q", "--mip-gap", "0.05"]) == 0
    capsys.readouterr()
    assert [(o.time_limit_s, o.mip_gap) for o in seen] == [(37.5, 0.05)]


def test_from_case_keeps_the_case_where_a_flag_is_unset() -> None:
    class Section:
        time_limit_s, mip_gap, threads = 9.0, 0.2, 2

    o = dcep_opt.SolveOptions.from_case(Section(), time_limit_s=None, mip_gap=0.01)
    assert (o.time_limit_s, o.mip_gap, o.threads) == (9.0, 0.01, 2)
    assert dcep_opt.SolveOptions.from_case() == dcep_opt.SolveOptions()
    with pytest.raises(TypeError, match="timelimit"):
        dcep_opt.SolveOptions.from_case(Section(), timelimit=3)

"""Commands that do not run a power flow answer without importing pandapower (or the solver when idle).

Each check runs the CLI in a fresh interpreter with ``-X importtime`` and reads the modules that
interpreter imported from its own import log (stderr), so the test sees exactly what a user's
``dcep ...`` process pays for.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

_RUN = "import sys; from dcep_cli.main import main; sys.exit(main(sys.argv[1:]))"


def _imported(args: list[str], cwd: Path) -> set[str]:
    """Top-level package names a fresh ``dcep ARGS`` process imported (from its -X importtime log)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", _RUN, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "dcep_cli" in names  # the log was read: the CLI itself is in it
    return names


@pytest.mark.parametrize("command", [["validate"], ["schema"], ["markets"], ["--help"]])
def test_light_commands_import_neither_pandapower_nor_the_solver(
    command: list[str], tmp_path: Path, small_case: dict[str, Any], write_case: Callable[[dict[str, Any]], Path]
) -> None:
    case = write_case(small_case)
    args = [*command, str(case)] if command[0] in ("validate", "markets") else command
    names = _imported(args, tmp_path)
    assert "pandapower" not in names
    assert "pulp" not in names and "highspy" not in names


def test_run_imports_the_solver_but_not_pandapower(
    tmp_path: Path, small_case: dict[str, Any], write_case: Callable[[dict[str, Any]], Path]
) -> None:
    names = _imported(["run", "-q", str(write_case(small_case))], tmp_path)
    assert "pulp" in names  # it did solve
    assert "pandapower" not in names


def test_powerflow_still_imports_pandapower(tmp_path: Path) -> None:
    """The check can fail: the one command that runs a power flow does import pandapower."""
    assert "pandapower" in _imported(["powerflow"], tmp_path)

"""A sweep and a short year against a real Dask cluster: ``dask scheduler`` and ``dask worker`` processes.

Loopback only, no dashboard, bounded waits; both processes are ended by this test (by their own
handles) whatever happens. Rows and the year's schedule must equal the serial runs exactly.
"""

from __future__ import annotations

import csv
import json
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dask.distributed  # noqa: F401  (dcep-opt[dask]: nox installs it wherever dcep-opt is tested)
import pytest

from dcep_cli.main import main


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


@pytest.fixture(scope="module")
def scheduler_address() -> Iterator[str]:
    from dask.distributed import Client

    dask = str(Path(sys.executable).with_name("dask"))
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"], **quiet)
    worker = None
    try:
        worker = subprocess.Popen(
            [dask, "worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
            **quiet,
        )
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=120)
        yield address
    finally:
        if worker is not None:
            _stop(worker)
        _stop(scheduler)


def _rows(path: Path) -> list[dict[str, str]]:
    timing = {"build_s", "solve_s", "wall_s"}
    with path.open() as f:
        return [{k: v for k, v in r.items() if k not in timing} for r in csv.DictReader(f)]


def test_sweep_on_a_running_cluster_equals_serial(
    scheduler_address: str, tmp_path: Path, small_case: dict[str, Any], write_case: Callable[[dict[str, Any]], Path]
) -> None:
    case = str(write_case(small_case))
    sets = ["--set", "resources.bess.energy_mwh=10,20,40"]
    remote, local = tmp_path / "remote.csv", tmp_path / "local.csv"
    assert main(["sweep", case, *sets, "--scheduler", scheduler_address, "-q", "-o", str(remote)]) == 0
    assert main(["sweep", case, *sets, "--serial", "-q", "-o", str(local)]) == 0
    rows = _rows(remote)
    assert len(rows) == 3 and all(r["status"] == "optimal" for r in rows)
    assert rows == _rows(local)


def test_short_year_on_a_running_cluster_equals_serial(
    scheduler_address: str, tmp_path: Path, small_case: dict[str, Any], write_case: Callable[[dict[str, Any]], Path]
) -> None:
    case = str(write_case(small_case))
    remote, local = tmp_path / "remote.json", tmp_path / "local.json"
    argv = ["year", case, "--window-h", "2", "-q"]
    assert main([*argv, "--scheduler", scheduler_address, "-o", str(remote)]) == 0
    assert main([*argv, "--serial", "-o", str(local)]) == 0
    a, b = json.loads(remote.read_text()), json.loads(local.read_text())
    assert len(a["year"]["windows"]) == 2
    assert a["economics"]["net_value_usd"] == b["economics"]["net_value_usd"]
    assert a["year"]["bound_usd"] == b["year"]["bound_usd"]
    assert a["timeseries"] == b["timeseries"]  # the stitched schedule, every column and interval

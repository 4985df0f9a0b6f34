"""The CLI never destroys its input and fails before solving.

Each destruction case from issue 12: an output path equal to the case, to a file the case reads, or
to another output is refused with exit 2, and the input is byte-identical afterwards (SHA-256). Bad
``--output`` folders, ``--time`` values and ``--set`` paths are refused before any solve: the tests
replace the solver entry points with a function that fails the test if it is ever called.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

import dcep_opt
from dcep_cli.main import main

CASE: dict[str, Any] = {
    "name": "hostile outputs",
    "iso": "ERCOT",
    "time": {"start": "2025-08-14T00:00:00", "timezone": "America/Chicago", "horizon_hours": 2, "interval_minutes": 60},
    "topology": {"poi": {"max_import_mw": 20, "max_export_mw": 10, "rating_mva": 25}},
    "resources": {
        "bess": {"power_mw": 10, "energy_mwh": 40},
        "loads": [{"name": "it", "kind": "critical", "power_mw": 8}],
    },
    "reliability": {"ride_through_minutes": 15},
    "prices": {"energy_csv": "prices.csv", "as_csv": "as.csv"},
}
PRICES = "timestamp,price\n" + "".join(f"2025-08-14T{h:02d}:00:00-05:00,{30 + h}\n" for h in range(3))
AS_PRICES = "timestamp,REGUP\n" + "".join(f"2025-08-14T{h:02d}:00:00-05:00,{5 + h}\n" for h in range(3))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A case folder: case.json, prices.csv, as.csv."""
    (tmp_path / "case.json").write_text(json.dumps(CASE, indent=1))
    (tmp_path / "prices.csv").write_text(PRICES)
    (tmp_path / "as.csv").write_text(AS_PRICES)
    return tmp_path


@pytest.fixture
def no_solve(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything reaches the solver."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the solver was started before the input was checked")

    for name in ("solve_dispatch", "solve_rolling", "run_sweep", "analyse_outages", "run_sizing"):
        monkeypatch.setattr(dcep_opt, name, forbidden)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: _sha(p) for p in sorted(folder.iterdir()) if p.is_file()}


DESTRUCTIVE: dict[str, tuple[list[str], str]] = {
    "run --output onto the case": (["run", "{d}/case.json", "--output", "{d}/case.json"], "--output: "),
    "run --csv onto the price CSV": (["run", "{d}/case.json", "--csv", "{d}/prices.csv"], "prices.energy_csv"),
    "run --output onto the AS CSV": (["run", "{d}/case.json", "--output", "{d}/as.csv"], "prices.as_csv"),
    "run --output X --csv X": (["run", "{d}/case.json", "--output", "{d}/out", "--csv", "{d}/out"], "also the"),
    "run via another spelling": (["run", "{d}/case.json", "-o", "{d}/./sub/../case.json"], "the case file"),
    "year --csv onto the case": (["year", "{d}/case.json", "--days", "1", "--csv", "{d}/case.json"], "case file"),
    "sweep --output onto the case": (
        ["sweep", "{d}/case.json", "--set", "resources.bess.power_mw=5,10", "--serial", "-o", "{d}/case.json"],
        "case file",
    ),
    "size --output onto prices": (["size", "{d}/case.json", "--serial", "-o", "{d}/prices.csv"], "prices.energy_csv"),
    "outage --csv onto the case": (["outage", "{d}/case.json", "--csv", "{d}/case.json"], "case file"),
    "powerflow --out onto prices": (
        ["powerflow", "{d}/case.json", "--screen", "--out", "{d}/prices.csv"],
        "energy_csv",
    ),
}


@pytest.mark.parametrize("name", list(DESTRUCTIVE))
def test_outputs_onto_inputs_are_refused_and_inputs_are_byte_identical(site, no_solve, capsys, name):
    argv, expected = DESTRUCTIVE[name]
    (site / "sub").mkdir()
    before = _hashes(site)
    assert main([a.format(d=site) for a in argv]) == 2
    err = capsys.readouterr().err
    assert expected in err, err
    assert "problem in the command line" in err or "problems in the command line" in err
    assert _hashes(site) == before
    assert not (site / "out").exists()


def test_symlink_to_the_case_is_refused(site, no_solve, capsys):
    (site / "link.json").symlink_to(site / "case.json")
    before = _sha(site / "case.json")
    assert main(["run", str(site / "case.json"), "--output", str(site / "link.json")]) == 2
    assert "the case file" in capsys.readouterr().err
    assert _sha(site / "case.json") == before


def test_output_into_missing_folder_is_refused_before_solving(site, no_solve, capsys):
    assert main(["run", str(site / "case.json"), "--output", str(site / "nope" / "r.json")]) == 2
    err = capsys.readouterr().err
    assert f"--output: folder {site / 'nope'} does not exist" in err
    assert ".tmp" not in err


def test_output_that_is_a_folder_is_refused(site, no_solve, capsys):
    assert main(["run", str(site / "case.json"), "--csv", str(site)]) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25:00", "expected a local time of day HH:MM from 00:00 to 23:59, got '25:00'"),
        ("noon", "got 'noon'"),
        ("00:30", "no interval starts at 00:30; intervals start at 00:00, 01:00"),
    ],
)
def test_explain_time_is_checked_before_solving(site, no_solve, capsys, value, expected):
    assert main(["explain", str(site / "case.json"), "--time", value]) == 2
    assert expected in capsys.readouterr().err


def test_explain_time_accepts_one_digit_hours(site, capsys):
    assert main(["explain", str(site / "case.json"), "--time", "1:00", "--top", "1"]) == 0
    assert "Interval 1 (2025-08-14T01:00:00-05:00)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("resources.bess.power_mx", "--set resources.bess.power_mx: unknown field"),
        ("resources.generators[3].count", "--set resources.generators"),
        ("resources.bes.power_mw", "--set resources.bes: no such field"),
    ],
)
def test_sweep_set_paths_are_checked_before_solving(site, no_solve, capsys, path, expected):
    out = site / "rows.csv"
    assert main(["sweep", str(site / "case.json"), "--serial", "--set", f"{path}=1,2", "-o", str(out)]) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_sweep_bad_value_on_a_good_path_is_still_a_scenario_row(site, capsys):
    out = site / "rows.csv"
    code = main(
        ["sweep", str(site / "case.json"), "--serial", "-q", "--set", "resources.bess.power_mw=-1,10", "-o", str(out)]
    )
    assert code == 1
    rows = out.read_text().splitlines()
    assert len(rows) == 3 and "invalid" in rows[1] and "optimal" in rows[2]


def test_outputs_onto_other_inputs_of_the_command_are_refused(site, no_solve, capsys):
    (site / "base.json").write_text(json.dumps(CASE))
    (site / "table.csv").write_text("resources.bess.power_mw\n5\n")
    before = _hashes(site)
    assert (
        main(["run", str(site / "case.json"), "--baseline", str(site / "base.json"), "-o", str(site / "base.json")])
        == 2
    )
    assert "the --baseline input" in capsys.readouterr().err
    assert (
        main(
            [
                "sweep",
                str(site / "case.json"),
                "--serial",
                "--table",
                str(site / "table.csv"),
                "-o",
                str(site / "table.csv"),
            ]
        )
        == 2
    )
    assert "the --table input" in capsys.readouterr().err
    assert _hashes(site) == before

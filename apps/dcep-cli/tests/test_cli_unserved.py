"""`dcep run` on a schedule that sheds critical load: never a quiet success (exit 3, summary leads)."""

from __future__ import annotations

import json

import pytest

from dcep_cli.cmd_run import EXIT_UNSERVED
from dcep_cli.main import main


def test_unserved_critical_load_exits_3_and_leads_the_summary(tmp_path, capsys, small_case, write_case):
    # Islanded: 4 MW critical for 4 h (16 MWh), only the battery (SOC 10 MWh, min 1 MWh, eta_dis 0.95).
    # Hand: it delivers (10 - 1) * 0.95 = 8.55 MWh (the soft end target yields to critical load, the floor
    # 5 -> 1 MWh is an emergency draw), so 16 - 8.55 = 7.45 MWh stay unserved.
    case = small_case
    case["topology"]["poi"]["max_import_mw"] = 0
    out = tmp_path / "results.json"
    code = main(["run", str(write_case(case)), "-q", "--output", str(out)])
    captured = capsys.readouterr()
    assert code == EXIT_UNSERVED == 3
    first = captured.out.splitlines()[0]
    assert first.startswith("CRITICAL LOAD UNSERVED: 7.450 MWh")
    assert "critical load unserved" in captured.err
    data = json.loads(out.read_text())  # results are still written
    rel = data["reliability"]
    assert rel["unserved_mwh"] == pytest.approx(7.45, abs=1e-6)
    assert rel["ride_through_ok"] is False
    assert rel["floor_draw_mwh"] == pytest.approx(4.0, abs=1e-6)
    assert data["economics"]["final_soc_shortfall_usd"] == pytest.approx(9.0 * 8_000.0, abs=1e-3)


def test_served_case_exits_0_without_the_headline(capsys, small_case, write_case):
    assert main(["run", str(write_case(small_case)), "-q"]) == 0
    assert "CRITICAL LOAD UNSERVED" not in capsys.readouterr().out

"""`dcep outage`: survival summary against a hand calculation, atomic CSV, exit statuses 0 / 1 / 2."""

from __future__ import annotations

import csv

from dcep_cli.main import main


def test_outage_summary_and_csv_match_hand_figures(tmp_path, capsys, small_case, write_case):
    # The schedule charges in the two cheap hours (at most 5 MW each) and discharges back to the
    # initial 10 MWh in the two dear ones. Outage at hour 0 or 3: 9 MWh above min * 0.95 / 4 MW
    # = 128.25 min. Hours 1 and 2 start above 10 + (9 / 0.95 - 5) * 0.95 = 14.25 MWh: >= 188 min.
    # A 2.5 h (150 min) outage is carried at half the starts.
    table = tmp_path / "outage.csv"
    code = main(["outage", str(write_case(small_case)), "--duration-h", "2.5", "--csv", str(table)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Schedule: optimal" in out
    assert "Worst start: 2025-08-14T00:00:00-05:00: critical load carried 128.2 min (battery energy ran out)" in out
    assert "Starts surviving 2.5 h: 50.0 %" in out
    assert "Ride-through met at every start (15 min): True" in out
    rows = list(csv.DictReader(table.open()))
    assert len(rows) == 4
    survival = [float(r["survival_min"]) for r in rows]
    assert abs(survival[0] - 128.25) < 1e-6 and abs(survival[3] - 128.25) < 1e-6
    assert survival[1] == survival[2] == 150.0
    assert [r["survived_full_duration"] for r in rows] == ["False", "True", "True", "False"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_outage_longer_than_every_bridge_survives_nowhere(tmp_path, capsys, small_case, write_case):
    assert main(["outage", str(write_case(small_case)), "--duration-h", "4"]) == 0
    assert "Starts surviving 4 h: 0.0 %" in capsys.readouterr().out


def test_outage_on_infeasible_case_exits_1_with_diagnosis(tmp_path, capsys, small_case, write_case):
    case = small_case
    case["topology"]["poi"]["max_import_mw"] = 0
    case["reliability"]["voll_usd_per_mwh"] = 1e6
    case["resources"]["bess"]["soc_final_min_frac"] = 0.95
    case["reliability"]["final_soc_shortfall_usd_per_mwh"] = None  # the end target as a hard rule
    code = main(["outage", str(write_case(case))])
    err = capsys.readouterr().err
    assert code == 1
    assert "no schedule to analyse (infeasible" in err
    assert "bess-final" in err
    assert "Traceback" not in err


def test_outage_bad_input_exits_2(tmp_path, capsys, small_case, write_case):
    case = small_case
    case["resources"]["bess"]["power_mw"] = -5
    assert main(["outage", str(write_case(case))]) == 2
    assert "resources.bess.power_mw" in capsys.readouterr().err


def test_outage_bad_duration_exits_2(tmp_path, capsys, small_case, write_case):
    path = str(write_case(small_case))
    for bad in ("0", "-1", "nan", "inf"):
        assert main(["outage", path, "--duration-h", bad]) == 2
        assert "--duration-h" in capsys.readouterr().err


def test_outage_csv_in_missing_folder_is_a_clear_error(tmp_path, capsys, small_case, write_case):
    target = tmp_path / "missing" / "outage.csv"
    assert main(["outage", str(write_case(small_case)), "--csv", str(target)]) == 2  # before the solve
    err = capsys.readouterr().err
    assert f"--csv: folder {target.parent} does not exist" in err
    assert not (tmp_path / "missing").exists()


def test_outage_negative_units_lost_exits_2(tmp_path, capsys, small_case, write_case):
    assert main(["outage", str(write_case(small_case)), "--units-lost", "-1"]) == 2
    assert "--units-lost" in capsys.readouterr().err


def test_outage_on_a_time_limited_schedule_says_so_with_the_gap(tmp_path, capsys, monkeypatch, small_case, write_case):
    # HiGHS's facts for a solve stopped at its limit with an incumbent 2.5 % from the bound
    import dataclasses

    import dcep_opt

    real = dcep_opt.solve_dispatch  # the command imports it from dcep_opt when it runs

    def stopped(*args, **kwargs):
        solved = real(*args, **kwargs)
        solved.result.solver = dataclasses.replace(
            solved.result.solver, status="feasible", termination="time limit", mip_gap=0.025
        )
        return solved

    monkeypatch.setattr(dcep_opt, "solve_dispatch", stopped)
    assert main(["outage", str(write_case(small_case)), "--duration-h", "2.5"]) == 0
    out = capsys.readouterr().out
    assert "Schedule: feasible (termination: time limit)" in out
    assert "not proven optimal: MIP gap 2.5000 %" in out
    assert "optimal (" not in out

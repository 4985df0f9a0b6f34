"""`dcep markets`: market facts and one battery's offers, printed for planners."""

from __future__ import annotations

from pathlib import Path

from dcep_cli.main import main

CASES = Path(__file__).resolve().parents[1] / "cases"


def test_case_market_with_battery_offers(capsys):
    assert main(["markets", str(CASES / "ercot_50mw.json")]) == 0
    out = capsys.readouterr().out
    assert "ERCOT  rules as of 2025-08-14" in out
    assert "real-time 5 min, settlement 15 min, day-ahead 60 min" in out
    # 25 MW / 100 MWh, floor 0.25, max 0.95: 70 MWh usable; NSPIN 4 h at eta 0.95 -> 70 * 0.95 / 4 = 16.62 MW.
    nspin = next(line for line in out.splitlines() if line.strip().startswith("NSPIN"))
    assert nspin.split()[-2:] == ["16.62", "70.00"]
    # ECRS 2 h before RTC+B: 25 MW needs 25 * 2 / 0.95 = 52.63 MWh.
    ecrs = next(line for line in out.splitlines() if line.strip().startswith("ECRS"))
    assert ecrs.split()[-2:] == ["25.00", "52.63"]


def test_other_market_and_date(capsys):
    assert main(["markets", "--iso", "isone", "--date", "2025-02-28"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ISO-NE  rules as of 2025-02-28")
    assert "EIR" not in out and "SR30" in out


def test_all_markets_listed(capsys):
    assert main(["markets"]) == 0
    out = capsys.readouterr().out
    for name in ("ERCOT", "CAISO", "PJM", "MISO", "NYISO", "ISO-NE", "SPP", "GENERIC"):
        assert f"\n{name}  rules as of" in "\n" + out


def test_unknown_market_exit_2(capsys):
    assert main(["markets", "--iso", "AESO"]) == 2
    assert "known: ERCOT, CAISO, PJM" in capsys.readouterr().err

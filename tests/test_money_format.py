"""One money format: every dollar amount shown by the packages and the CLI goes through
dcep_models.format_usd (``-$10,602.12``), never an inline ``${x:,.2f}`` (which prints ``$-10,602.12``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: An f-string that puts a literal dollar sign before a formatted number: the sign lands after the $.
INLINE_MONEY = re.compile(r"\$\{[^}]*:[^}]*[.,]\d*f\}")
#: Sources held to the rule (the TUI joins when it switches to format_usd).
CHECKED = [ROOT / "apps" / "dcep-cli" / "src", *sorted((ROOT / "packages").glob("*/src"))]


def test_the_inline_pattern_is_caught():
    assert INLINE_MONEY.search('f"net value ${value:,.2f}"')
    assert INLINE_MONEY.search('f"at ${price:.2f}/MWh"')
    assert not INLINE_MONEY.search('f"net value {format_usd(value)}"')


def test_no_inline_money_formatting_outside_format_usd():
    offenders = []
    for src in CHECKED:
        for file in src.rglob("*.py"):
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                if INLINE_MONEY.search(line):
                    offenders.append(f"{file.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "use dcep_models.format_usd:\n" + "\n".join(offenders)


def test_run_and_explain_print_the_same_negative_net_value(tmp_path):
    case = ROOT / "cases" / "ercot_50mw.json"
    run = subprocess.run(
        [sys.executable, "-m", "dcep_cli.main", "run", str(case), "-q"], capture_output=True, text=True, check=True
    )
    explain = subprocess.run(
        [sys.executable, "-m", "dcep_cli.main", "explain", str(case), "--top", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    net = re.search(r"Objective \(Net Value\): (\S+)", run.stdout)
    assert net is not None, run.stdout
    assert net.group(1).startswith("-$"), net.group(1)
    assert f"net value {net.group(1)} over 96 intervals" in explain.stdout
    assert "$-" not in run.stdout + explain.stdout

"""Every constraint family any shipped one-day case emits is in dcep-opt's registry, and explain's tables
are the registry's (one source of truth for family names, units, kinds and meanings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dcep_explain
from dcep_models import load_case
from dcep_opt import BOUND_ALIASES, CONSTRAINT_FAMILIES, FAMILIES, ModelOptions, build_model, prepare_inputs

CASES = Path(__file__).resolve().parents[1] / "cases"
# the one-day cases, chosen by reading each file's horizon (not from a list kept elsewhere)
DAY_CASES = sorted(p.name for p in CASES.glob("*.json") if json.loads(p.read_text())["time"]["horizon_hours"] <= 24)


def test_the_shipped_one_day_cases_are_found() -> None:
    assert len(DAY_CASES) >= 6 and "ercot_50mw.json" in DAY_CASES


@pytest.mark.parametrize("name", DAY_CASES)
def test_every_family_a_case_emits_with_every_option_is_registered(name: str) -> None:
    inputs = prepare_inputs(load_case(CASES / name))
    every = frozenset(range(inputs.n_intervals))
    emitted: set[str] = set()
    for options in (
        ModelOptions(),
        ModelOptions(bess_mode_intervals=every, grid_dir_intervals=every, prune_polygon_faces=False),
        ModelOptions(n1_hull_cuts=False, elastic_families=frozenset(CONSTRAINT_FAMILIES)),
    ):
        model = build_model(inputs, options).model  # add_con would raise on an unregistered family
        emitted |= set(model.index.constraints)
    assert emitted <= set(CONSTRAINT_FAMILIES)
    assert {"balance", "bess-soc", "bess-excl", "grid-excl"} <= emitted


def test_explain_tables_are_the_registry() -> None:
    assert set(dcep_explain.LIMIT_MEANING) == set(FAMILIES)
    assert all(dcep_explain.LIMIT_MEANING[n] == s.meaning for n, s in FAMILIES.items())
    assert dict(BOUND_ALIASES) == dcep_explain.BOUND_LIMITS
    # identities: conservation rows and definitions (hand list of what explain treats as prices, not limits)
    assert set(dcep_explain.IDENTITY_FAMILIES) == {
        "balance",
        "balance-q",
        "bess-soc",
        "gen-commit",
        "bess-floor-draw",
        "bess-below-mode",
        "n1-gen-reserve",
        "n1-unit",
        "bess-excl",
        "grid-excl",
        "xfmr-s",
        "xfmr-q-loss",
        "tariff-peak",  # registered as a definition by the tariff work (main's hand list lacked it)
    }
    assert {n for n, s in FAMILIES.items() if s.unit == "MWh"} == dcep_explain.ENERGY_LIMITS
    assert "bess-soc-max" in dcep_explain.ENERGY_LIMITS and "poi-import" not in dcep_explain.ENERGY_LIMITS

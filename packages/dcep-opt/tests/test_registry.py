"""The constraint-family registry: add_con refuses unknown families; the diagnosis never relaxes definitions."""

from __future__ import annotations

import pytest

import dcep_opt._diagnose as diagnose_mod
from dcep_opt import (
    CONSTRAINT_FAMILIES,
    FAMILIES,
    NEVER_RELAXED,
    DispatchModel,
    ModelOptions,
    SolveOptions,
    UnregisteredFamilyError,
    build_model,
    diagnose_infeasibility,
    solve_dispatch,
)

# The definitions, written out by hand from what each row does (not read off the table): rows that
# define a quantity from others. Relaxing one lets energy or units appear from nowhere.
DEFINITIONS_BY_HAND = {
    "bess-soc",  # SOC(t) = SOC(t-1) + charge - discharge
    "bess-floor-draw",  # MWh drawn below the floor in an interval
    "bess-below-mode",  # MWh below the floor = max(0, floor - SOC), with a binary
    "n1-gen-reserve",  # generator up-reserve beyond the offline capacity
    "bess-excl",  # charge/discharge exclusivity with a binary
    "gen-commit",  # units(t) = units(t-1) + starts - stops
    "n1-unit",  # the largest unit online
    "grid-excl",  # import/export exclusivity with a binary
    "xfmr-s",  # the transformer's apparent power
    "xfmr-q-loss",  # the transformer's reactive loss
    "tariff-peak",  # the billing peak: highest import in a demand-charge window
}


def test_add_con_refuses_an_unregistered_family(make_inputs) -> None:
    m = DispatchModel(make_inputs([10.0, 20.0]))
    x = m.add_var("grid-import", (0,), 0.0, 10.0)
    with pytest.raises(UnregisteredFamilyError, match=r"'tariff-demand' is not registered.*_registry\.py"):
        m.add_con("tariff-demand", (0,), [(x, 1.0)], "<=", 5.0)
    with pytest.raises(ValueError, match="variable-bound limit"):
        m.add_con("poi-import", (0,), [(x, 1.0)], "<=", 5.0)
    m.add_con("poi-pf", ("up", 0), [(x, 1.0)], "<=", 5.0)  # a registered family is accepted


def test_relax_policy_never_relaxes_definitions_or_balances() -> None:
    assert DEFINITIONS_BY_HAND | {"balance", "balance-q"} == NEVER_RELAXED
    assert {f for f in CONSTRAINT_FAMILIES if FAMILIES[f].kind == "definition"} == DEFINITIONS_BY_HAND
    for name, spec in FAMILIES.items():
        assert spec.unit in ("MW", "MWh", "MVA", "MVAr", "units", "$"), name
        assert spec.meaning and spec.component, name


def test_a_rich_model_emits_only_registered_families(make_inputs, make_battery, make_fleet) -> None:
    inp = make_inputs(
        [-5.0, 30.0, 200.0, 40.0],
        critical_mw=5.0,
        battery=make_battery(),
        fleets=(make_fleet(),),
        redundancy_units=1,
    )
    n = inp.n_intervals
    everything = ModelOptions(
        bess_mode_intervals=frozenset(range(n)), grid_dir_intervals=frozenset(range(n)), prune_polygon_faces=False
    )
    emitted = set(build_model(inp, everything).model.index.constraints)
    assert emitted <= set(CONSTRAINT_FAMILIES)
    assert {"bess-soc", "bess-excl", "grid-excl", "gen-commit", "n1-cover", "balance"} <= emitted


def test_the_diagnosis_never_gives_a_definition_slack(make_inputs, make_battery, monkeypatch) -> None:
    # 10 MWh initial + 4 h x 10 MW x 0.9 = 46 MWh at most; the target is 80 MWh
    bat = make_battery(
        power_mw=10.0,
        pcs_mva=10.0,
        charge_efficiency=0.9,
        soc_min_mwh=0.0,
        floor_mwh=0.0,
        soc_initial_mwh=10.0,
        soc_final_min_mwh=80.0,
    )
    # the end target as the user's hard rule (soft by default)
    inp = make_inputs([30.0] * 4, critical_mw=5.0, battery=bat, final_soc_shortfall_usd_per_mwh=None)
    seen: list[frozenset[str]] = []
    real = diagnose_mod.build_model

    def spy(inputs, options=None):
        if options is not None and options.elastic_families is not None:
            seen.append(options.elastic_families)
        return real(inputs, options)

    monkeypatch.setattr(diagnose_mod, "build_model", spy)
    d = diagnose_infeasibility(inp, SolveOptions())
    assert seen and all(not (s & NEVER_RELAXED) for s in seen)
    assert d.families == {"bess-final": pytest.approx(80.0 - 46.0)}
    # the runner's result carries the same diagnosis
    r = solve_dispatch(inp).result
    assert r.solver.status == "infeasible" and r.diagnosis is not None
    assert list(r.diagnosis.families) == ["bess-final"] and "bess-soc" not in r.diagnosis.message

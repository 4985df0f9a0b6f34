"""The smallest set of conflicting limits for cases infeasible for a known reason."""

from __future__ import annotations

import dataclasses

import pytest

from dcep_explain import diagnose
from dcep_opt import FleetInputs, solve_dispatch


def test_unreachable_end_soc_names_the_final_target_only(make_site, make_battery):
    # 10 MWh initial + 4 h x 10 MW x 0.9 = 46 MWh at most; the target is 80 MWh: short by 34 MWh.
    # The SOC dynamics (bess-soc) are a definition: never relaxed, so never part of the named conflict
    # (issue 9: the deletion filter used to relax every family and name bess-soc here).
    # The target is the user's hard rule (final_soc_shortfall_usd_per_mwh None); the default is soft.
    bat = make_battery(energy_mwh=100.0, soc_initial_mwh=10.0, soc_final_min_mwh=80.0)
    inputs = dataclasses.replace(make_site([30.0] * 4, 5.0, battery=bat), final_soc_shortfall_usd_per_mwh=None)
    soft = solve_dispatch(make_site([30.0] * 4, 5.0, battery=bat), diagnose=False).result
    assert soft.solver.status == "optimal"  # soft by default: ends 34 MWh short and pays for it
    assert soft.economics.final_soc_shortfall_usd == pytest.approx(34.0 * 8_000.0, abs=1e-3)
    assert solve_dispatch(inputs, diagnose=False).result.solver.status == "infeasible"
    report = diagnose(inputs)
    assert not report.feasible
    assert report.families == ["bess-final"]
    final = next(c for c in report.conflicts if c.family == "bess-final")
    assert final.shortfalls == [((), pytest.approx(80.0 - 46.0))]
    assert "end SOC target 80.00 MWh > at most 46.00 MWh reachable" in final.detail
    assert "bess-final" in report.message


def test_n_plus_1_with_too_little_firm_capacity(make_site):
    # 15 MW critical in interval 2; two 10 MW units: after losing one only 10 MW is firm
    gas = FleetInputs("gas", 2, 10.0, 0.0, fuel_usd_per_mwh=50.0)
    inputs = make_site([30.0] * 4, [5.0, 5.0, 15.0, 5.0], fleets=(gas,), redundancy_units=1)
    report = diagnose(inputs)
    assert not report.feasible
    assert "n1-cover" in report.families
    # the bookkeeping rows (n1-unit, gen-commit) are definitions and never named
    assert report.families == ["n1-cover"]
    cover = next(c for c in report.conflicts if c.family == "n1-cover")
    assert "critical load 15.00 MW at interval 2 > generators 20.00 MW - largest 1 unit(s) 10.00 MW" in cover.detail
    assert "= 10.00 MW" in cover.detail
    all_slack = {k for c in report.conflicts for k, _ in c.shortfalls}
    assert {k[-1] for k in all_slack} == {2}  # only interval 2 must give way


def test_irreducible_set_is_irreducible(make_site):
    # relaxing any single family of the reported set makes the model feasible (checked independently)
    from dcep_opt import ModelOptions, SolveOptions, build_model, solve_model

    gas = FleetInputs("gas", 2, 10.0, 0.0, fuel_usd_per_mwh=50.0)
    inputs = make_site([30.0] * 3, [5.0, 15.0, 5.0], fleets=(gas,), redundancy_units=1)
    report = diagnose(inputs)
    for fam in report.families:
        built = build_model(inputs, ModelOptions(elastic_families=frozenset({fam})))
        assert solve_model(built.model, SolveOptions()).has_solution, fam
    hard = build_model(inputs, ModelOptions(elastic_families=frozenset()))
    assert not solve_model(hard.model, SolveOptions()).has_solution


def test_feasible_case_reports_feasible(make_site):
    report = diagnose(make_site([30.0, 40.0], 5.0))
    assert report.feasible and report.families == []

"""Absurd magnitudes: the schema refuses them by field; if one slips past, the solver step still ends
in an outcome (never a traceback); a huge unit count is refused before any loop over units."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import dcep_models.base
from dcep_models import CaseError, parse_case
from dcep_opt import SolveOptions, prepare_inputs, solve_dispatch

CASES = Path(__file__).resolve().parents[1] / "cases"


def _ercot() -> dict:
    return json.loads((CASES / "ercot_50mw.json").read_text())


@pytest.mark.parametrize(
    ("section", "field", "value"),
    [
        (("resources", "bess"), "energy_mwh", 1e300),
        (("resources", "bess"), "power_mw", 1e300),
        (("topology", "poi"), "rating_mva", 1e20),
        (("prices",), "base_price_usd_per_mwh", -1e300),
        (("reliability",), "voll_usd_per_mwh", 1e308),
    ],
)
def test_absurd_magnitudes_are_refused_by_field(section, field, value):
    data = _ercot()
    node = data
    for key in section:
        node = node[key]
    node[field] = value
    with pytest.raises(CaseError) as info:
        parse_case(data)
    issue = info.value.issues[0]
    assert issue.path == ".".join((*section, field))
    assert "magnitude must be <= 1e+09" in issue.reason


def test_flat_price_list_entries_are_checked_too():
    data = _ercot()
    data["prices"]["as_prices_usd_per_mw_h"]["REGUP"] = 1e15
    with pytest.raises(CaseError) as info:
        parse_case(data)
    assert info.value.issues[0].path == "prices.as_prices_usd_per_mw_h"


def test_a_trillion_generator_units_are_refused():
    data = _ercot()
    data["resources"]["generators"][0]["count"] = 10**12
    with pytest.raises(CaseError) as info:
        parse_case(data)
    assert info.value.issues[0].path == "resources.generators[0].count"


def test_solver_error_on_absurd_numbers_is_an_outcome_not_a_crash(monkeypatch):
    # Skip the schema's guard: HiGHS refuses a 1e300 MWh battery (PuLP then raised IndexError).
    monkeypatch.setattr(dcep_models.base, "MAX_MAGNITUDE", math.inf)
    data = _ercot()
    data["resources"]["bess"]["energy_mwh"] = 1e300
    inputs = prepare_inputs(parse_case(data, base_dir=CASES))
    result = solve_dispatch(inputs, SolveOptions(time_limit_s=20)).result
    assert not result.solver.has_solution
    assert result.solver.status != "optimal"

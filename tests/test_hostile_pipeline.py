"""Hostile but schema-shaped cases through the whole input pipeline (parse, market, prices, inputs).

Numbers are replaced by odd values of the right type (zero, tiny, huge but finite, negative), lists
are emptied or cut, products and hours are shuffled. The pipeline up to the solver must end in
DispatchInputs or a CaseError; never another exception (which the CLI would show as a traceback).
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcep_models import CaseError, parse_case
from dcep_opt import DispatchInputs, prepare_inputs

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BASE: dict[str, Any] = {
    "name": "pipeline",
    "iso": "ERCOT",
    "time": {"start": "2025-08-14T00:00:00", "horizon_hours": 6, "interval_minutes": 15},
    "topology": {
        "poi": {"max_import_mw": 60, "max_export_mw": 20, "rating_mva": 75, "min_power_factor": 0.95},
        "transformers": [{"rating_mva": 80, "count": 2, "redundancy": "N+1"}],
    },
    "resources": {
        "bess": {"power_mw": 25, "energy_mwh": 100, "soc_reserve_frac": 0.25},
        "generators": [{"name": "gas", "count": 4, "p_max_mw": 15, "p_min_mw": 5, "start_time_min": 10}],
        "loads": [
            {"name": "it", "kind": "critical", "power_mw": 25},
            {"name": "flex", "kind": "curtailable", "power_mw": 15, "max_curtailment_frac": 0.4, "profile": [1] * 24},
        ],
    },
    "reliability": {"ride_through_minutes": 15, "generator_redundancy": "N+1"},
    "prices": {
        "base_price_usd_per_mwh": 35,
        "peak_hours": [17, 18],
        "offpeak_hours": [2, 3],
        "as_prices_usd_per_mw_h": {"REGUP": 12, "RRS": 10, "NSPIN": 4},
    },
}

_odd_numbers = st.one_of(
    st.sampled_from([0, 0.0, 1e-9, -1e-9, 1e9, -1e9, 1, -1, 0.5, 24, 1440, 8784, 7, 59.999]),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.integers(min_value=-1000, max_value=1000),
)
_product_names = st.sampled_from(["REGUP", "REGDN", "RRS", "ECRS", "NSPIN", "SPIN", "regup", "Reg-Up", "XYZ", ""])


def _leaves(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in items:
        path = (*prefix, key)
        if isinstance(child, dict | list):
            out.extend(_leaves(child, path))
            if isinstance(child, list):
                out.append(path)
        elif isinstance(child, int | float) and not isinstance(child, bool):
            out.append(path)
    return out


@st.composite
def odd_cases(draw: st.DrawFn) -> dict[str, Any]:
    """BASE with one to five numeric leaves replaced, lists cut, products and market options varied."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 5))):
        path = draw(st.sampled_from(_leaves(data)))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        old = parent[path[-1]]
        if isinstance(old, list):
            parent[path[-1]] = old[: draw(st.integers(0, len(old)))]
        else:
            parent[path[-1]] = draw(_odd_numbers)
    if draw(st.booleans()):
        data["prices"]["as_prices_usd_per_mw_h"] = draw(st.dictionaries(_product_names, _odd_numbers, max_size=4))
    if draw(st.booleans()):
        data["market"] = {"offered_products": draw(st.lists(_product_names, max_size=4))}
    if draw(st.booleans()):
        data["iso"] = draw(st.sampled_from(["ERCOT", "CAISO", "PJM", "MISO", "NYISO", "ISO-NE", "SPP", "GENERIC"]))
    if draw(st.booleans()):
        data["reliability"]["generator_redundancy"] = draw(st.sampled_from(["N", "N+1", "N+2"]))
    return data


@SETTINGS
@given(odd_cases())
def test_odd_case_reaches_inputs_or_a_case_error(data):
    try:
        case = parse_case(data)
        inputs = prepare_inputs(case)
    except CaseError as exc:
        assert exc.issues and all(str(issue).strip() for issue in exc.issues)
        return
    assert isinstance(inputs, DispatchInputs)
    assert inputs.n_intervals == case.time.n_intervals
    assert np.all(np.isfinite(inputs.energy_price_usd_per_mwh))
    for load in inputs.loads:
        assert np.all(np.isfinite(load.demand_mw)) and np.all(load.demand_mw >= 0)

"""Hostile case input: any mutation of a valid case parses or raises CaseError with paths and reasons.

Random JSON values replace random fields (NaN, infinities, huge numbers, strings where numbers go,
empty lists and objects), fields are deleted, unknown keys are added. Nothing but a valid Case or a
CaseError may come out; every issue of the error names a path or a reason.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcep_models import Case, CaseError, load_case, parse_case

BASE: dict[str, Any] = {
    "name": "fuzz",
    "iso": "ercot",
    "time": {"start": "2025-08-14T00:00:00", "horizon_hours": 24, "interval_minutes": 15},
    "topology": {
        "poi": {"max_import_mw": 60, "max_export_mw": 20, "rating_mva": 75, "min_power_factor": 0.95},
        "transformers": [{"rating_mva": 80, "count": 2, "redundancy": "N+1"}],
    },
    "resources": {
        "bess": {"power_mw": 25, "energy_mwh": 100, "soc_reserve_frac": 0.25},
        "generators": [{"name": "gas", "count": 4, "p_max_mw": 15, "p_min_mw": 5, "start_time_min": 10}],
        "loads": [
            {"name": "it", "kind": "critical", "power_mw": 25},
            {"name": "train", "kind": "curtailable", "power_mw": 15, "max_curtailment_frac": 0.4, "profile": [1] * 24},
        ],
    },
    "reliability": {"ride_through_minutes": 15},
    "prices": {"base_price_usd_per_mwh": 35, "peak_hours": [17, 18], "as_prices_usd_per_mw_h": {"REGUP": 12}},
    "market": {"offered_products": ["REGUP"]},
    "solver": {"time_limit_s": 60},
}

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 10**400, -(10**400), 1e308, -1e308, 5e-324]),
    st.floats(allow_nan=True, allow_infinity=True),
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    _numbers,
    st.text(max_size=30),
    st.sampled_from(["", "nan", "inf", "-5", "1e999", "NaN", "2025-13-45T99:00", "N+7", "critical", "ERCOT"]),
)
json_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4), st.just([])
    ),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a JSON tree (dict keys and list indexes), parents before children."""
    out: list[tuple[Any, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in items:
        out.append((*prefix, key))
        out.extend(_paths(child, (*prefix, key)))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def mutated_cases(draw: st.DrawFn) -> dict[str, Any]:
    """BASE with one to four random replacements, deletions and extra keys."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        op = draw(st.sampled_from(["replace", "replace", "delete", "extra"]))
        if op == "replace":
            parent[path[-1]] = draw(json_values)
        elif op == "delete":
            del parent[path[-1]]
        else:
            target = parent[path[-1]] if isinstance(parent[path[-1]], dict) else parent
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
            else:
                target.append(draw(json_values))
    return data


def _check(outcome: Case | CaseError) -> None:
    if isinstance(outcome, CaseError):
        assert outcome.issues
        for issue in outcome.issues:
            assert issue.path.strip() or issue.reason.strip(), issue
            assert str(issue).strip()
        assert str(outcome).strip()
    else:
        assert isinstance(outcome, Case)
        assert outcome.time.n_intervals >= 1


def _parse(data: Any, base_dir: Path | None = None) -> Case | CaseError:
    try:
        return parse_case(data, base_dir=base_dir)
    except CaseError as exc:
        return exc


def test_base_case_is_valid():
    assert isinstance(_parse(copy.deepcopy(BASE)), Case)


@SETTINGS
@given(mutated_cases())
def test_mutated_case_parses_or_raises_case_error(data):
    _check(_parse(data))


@SETTINGS
@given(json_values)
def test_any_json_value_as_a_whole_case_raises_case_error(value):
    outcome = _parse(value)
    assert isinstance(outcome, CaseError)
    _check(outcome)


@SETTINGS
@given(st.text(max_size=300).filter(lambda s: "/" not in s))
def test_any_price_file_name_is_checked_without_crashing(tmp_path_factory, name):
    data = copy.deepcopy(BASE)
    data["prices"].pop("base_price_usd_per_mwh")
    data["prices"]["energy_csv"] = name
    outcome = _parse(data, base_dir=tmp_path_factory.getbasetemp())
    assert isinstance(outcome, CaseError)
    _check(outcome)


def test_price_file_name_too_long_for_the_file_system_is_a_case_error(tmp_path):
    data = copy.deepcopy(BASE)
    data["prices"] = {"energy_csv": "p" * 5000 + ".csv"}
    with pytest.raises(CaseError) as info:
        parse_case(data, base_dir=tmp_path)
    assert any(issue.path == "prices.energy_csv" for issue in info.value.issues)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_a_case_file_raise_case_error(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("bytes") / "case.json"
    path.write_bytes(raw)
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert info.value.source == str(path)
    _check(info.value)


def test_deeply_nested_json_is_a_case_error_not_a_recursion_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert "JSON" in str(info.value)


def test_non_finite_numbers_in_json_text_are_named(tmp_path):
    data = copy.deepcopy(BASE)
    data["resources"]["bess"]["energy_mwh"] = math.nan
    data["topology"]["poi"]["rating_mva"] = math.inf
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))  # Python writes NaN / Infinity, which json.loads accepts
    with pytest.raises(CaseError) as info:
        load_case(path)
    paths = {issue.path for issue in info.value.issues}
    assert {"resources.bess.energy_mwh", "topology.poi.rating_mva"} <= paths

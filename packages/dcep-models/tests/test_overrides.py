"""Case overrides by dotted path: the one implementation (sweep, sizing and dcep year use it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcep_models import CaseError, parse_case, parse_path, set_by_path, with_overrides


def test_paths_split_into_keys_and_indices() -> None:
    assert parse_path("resources.generators[0].count") == ["resources", "generators", 0, "count"]
    with pytest.raises(CaseError, match="must start with a field name"):
        parse_path("[0].count")


def test_set_by_path_names_the_missing_step(case_dict) -> None:
    set_by_path(case_dict, "resources.generators[0].count", 6)
    assert case_dict["resources"]["generators"][0]["count"] == 6
    with pytest.raises(CaseError) as err:
        set_by_path(case_dict, "resources.generators[3].count", 1)
    assert err.value.issues[0].path == "resources.generators[3]"


def test_with_overrides_validates_and_keeps_the_folder(case_dict, tmp_path: Path) -> None:
    case = parse_case(case_dict, base_dir=tmp_path)
    bigger = with_overrides(case, {"resources.bess.energy_mwh": 200, "time.horizon_hours": 48})
    assert bigger.resources.bess is not None and bigger.resources.bess.energy_mwh == 200
    assert bigger.time.horizon_hours == 48 and bigger.base_dir == case.base_dir
    assert case.resources.bess is not None and case.resources.bess.energy_mwh == 100  # the original is untouched
    with pytest.raises(CaseError) as err:
        with_overrides(case, {"resources.bess.energy_mwh": -1})
    assert any(i.path.startswith("resources.bess.energy_mwh") for i in err.value.issues)

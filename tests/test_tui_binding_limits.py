"""The TUI reads binding limits from dcep-explain and ratings from the optimiser (issue 9).

The seed case with one 55 MVA transformer: the optimiser's transformer limit is firm x v_min
= 55 x 0.95 = 52.25 MVA (the seed's buses default to a 0.95 pu floor), it binds, and so does the POI
power-factor limit. The electrical page used to divide by the 55 MVA nameplate (peak 95.0 %, no
warning) and the explainer guessed binding limits from thresholds (it missed poi-pf).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from dcep_models import parse_case
from dcep_tui import electrical_data, interval_facts, run_case
from dcep_tui.page_electrical import warning_lines

SEED = Path(__file__).resolve().parents[1] / "cases" / "ercot_50mw.json"


@pytest.fixture(scope="module")
def one_55_mva_transformer():
    case = json.loads(SEED.read_text())
    case["topology"]["transformers"] = [
        {"name": "T1", "hv_kv": 230, "mv_kv": 34.5, "rating_mva": 55, "impedance_pct": 10.0, "count": 1}
    ]
    return run_case(parse_case(case), screen=False)


def test_transformer_loading_is_against_firm_times_v_min(one_55_mva_transformer):
    out = one_55_mva_transformer
    data = electrical_data(out)
    assert data.transformer_limit_mva == pytest.approx(55 * 0.95)
    assert (data.limit_family, data.limit_mva) == ("xfmr-mva", pytest.approx(52.25))
    # the linear model's inscribed 16-gon reaches at least cos(pi/16) of the limit on its flats
    peak_pct = float(data.transformer[0].values.max())
    assert peak_pct >= 100 * math.cos(math.pi / 16) - 1e-6
    assert peak_pct <= 100.0 + 1e-6


def test_electrical_page_lists_dcep_explains_binding_limits(one_55_mva_transformer):
    out = one_55_mva_transformer
    assert out.explanation is not None
    explained = {f.name: f.intervals for f in out.explanation.family_table()}
    assert explained["xfmr-mva"] > 0 and explained["poi-pf"] > 0
    text = "\n".join(warning_lines(out, electrical_data(out)))
    n = out.result.n_intervals
    assert (
        f"! xfmr-mva (firm 55 MVA x v_min 0.95 = 52.25 MVA): transformer firm MVA rating, "
        f"{explained['xfmr-mva']} of {n} intervals" in text
    )
    assert "! poi-pf (PF 0.95): POI power-factor limit" in text and f"{explained['poi-pf']} of {n} intervals" in text


def test_explainer_names_poi_pf_where_it_binds(one_55_mva_transformer):
    out = one_55_mva_transformer
    assert out.explanation is not None
    at = sorted({lim.interval for lim in out.explanation.limits if lim.name == "poi-pf" and lim.interval is not None})
    assert at
    facts = interval_facts(out.inputs, out.result, at[0], out.explanation)
    assert facts[-1].startswith("Binding (dcep-explain): ") and "poi-pf" in facts[-1]

"""URDB tariffs on small hand-made rates: schedules, demand windows, refusals with their paths."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from dcep_iso import TariffError, bill_lines, load_urdb_rate, tariff_schedule

PT = ZoneInfo("America/Los_Angeles")
#: Two energy periods (off 0.10, on 0.30 $/kWh at 16-20 h weekdays), TOU demand on-peak $20/kW,
#: flat demand $5/kW, fixed $100/month.
RATE: dict[str, Any] = {
    "label": "hand",
    "name": "hand rate",
    "energyratestructure": [[{"unit": "kWh", "rate": 0.08, "adj": 0.02}], [{"unit": "kWh", "rate": 0.30}]],
    "energyweekdayschedule": [[0] * 16 + [1] * 5 + [0] * 3] * 12,
    "energyweekendschedule": [[0] * 24] * 12,
    "demandratestructure": [[{"rate": 0}], [{"rate": 15.0, "adj": 5.0}]],
    "demandweekdayschedule": [[0] * 16 + [1] * 5 + [0] * 3] * 12,
    "demandweekendschedule": [[0] * 24] * 12,
    "flatdemandstructure": [[{"rate": 5.0}]],
    "flatdemandmonths": [0] * 12,
    "fixedchargefirstmeter": 100.0,
    "fixedchargeunits": "$/month",
}


def _starts(first: datetime, hours: int) -> list[datetime]:
    return [(first + timedelta(hours=k)).astimezone(PT) for k in range(hours)]


def test_weekday_peak_weekend_off_and_bill_by_hand(tmp_path):
    # Fri 4 Jul 2025 and Sat 5 Jul, hourly; import 1 MW everywhere except 2 MW at Fri 17:00 and
    # 3 MW at Sat 17:00 (weekend: off-peak energy, outside the TOU demand window)
    starts = _starts(datetime(2025, 7, 4, tzinfo=PT), 48)
    s = tariff_schedule(RATE, starts, tmp_path / "r.json")
    on = [k for k, t in enumerate(starts) if t.weekday() < 5 and 16 <= t.hour <= 20]
    assert on == list(range(16, 21))
    expected_rate = np.full(48, 100.0)
    expected_rate[on] = 300.0
    np.testing.assert_allclose(s.energy_rate_usd_per_mwh, expected_rate)
    imp = np.ones(48)
    imp[17], imp[24 + 17] = 2.0, 3.0
    lines = bill_lines(s, imp, 1.0)
    by_kind = {(line.kind, line.label.split(" (")[0]): line.usd for line in lines}
    # energy: 43 off-peak hours at $100/MWh (one of them 3 MWh) + 5 on-peak at $300 (one 2 MWh)
    assert sum(v for (k, _), v in by_kind.items() if k == "energy") == pytest.approx(100 * 45 + 300 * 6)
    assert by_kind[("demand", "2025-07 flat demand")] == pytest.approx(3.0 * 5_000.0)
    assert by_kind[("demand", "2025-07 TOU demand, period 1")] == pytest.approx(2.0 * 20_000.0)
    assert by_kind[("fixed", "2025-07 fixed charge")] == 100.0
    assert any("only partly in the horizon (2 of 31 days)" in w for w in s.warnings)


def test_month_boundary_makes_two_billing_months(tmp_path):
    starts = _starts(datetime(2025, 7, 31, 12, tzinfo=PT), 24)
    s = tariff_schedule(RATE, starts, tmp_path / "r.json")
    assert sorted({c.month for c in s.demand_charges}) == ["2025-07", "2025-08"]
    assert s.fixed_usd == 200.0
    window = s.window(0, 6)
    assert window.months == ("2025-07",) * 6 and window.fixed_usd == 100.0
    assert all(c.mask.shape == (6,) for c in window.demand_charges)


def _refusal(tmp_path, **changes: Any) -> str:
    rate = copy.deepcopy(RATE)
    rate.update(changes)
    with pytest.raises(TariffError) as info:
        tariff_schedule(rate, _starts(datetime(2025, 7, 4, tzinfo=PT), 4), tmp_path / "r.json")
    assert info.value.issues[0].path == "tariff.urdb_json"
    return str(info.value)


def test_tiers_units_and_bad_schedules_are_refused(tmp_path):
    tiered = [[{"rate": 0.1, "max": 1000}, {"rate": 0.2}], [{"rate": 0.3}]]
    assert "has 2 tiers; tiered (block) rates are not modelled" in _refusal(tmp_path, energyratestructure=tiered)
    assert "only kWh energy rates" in _refusal(tmp_path, energyratestructure=[[{"unit": "kWh daily", "rate": 1}]] * 2)
    assert "expected 12 months x 24 hours" in _refusal(tmp_path, energyweekdayschedule=[[0] * 24] * 11)
    assert "names no period (there are 2)" in _refusal(tmp_path, energyweekendschedule=[[2] * 24] * 12)
    assert "only $/month" in _refusal(tmp_path, fixedchargeunits="$/day")
    assert "only kW demand" in _refusal(tmp_path, demandunits="kVA")


def test_item_choice(tmp_path):
    path = tmp_path / "two.json"
    path.write_text(json.dumps({"items": [RATE, {**RATE, "label": "other"}]}))
    with pytest.raises(TariffError, match="holds 2 rates"):
        load_urdb_rate(path, None)
    assert load_urdb_rate(path, "other")["label"] == "other"
    assert load_urdb_rate(path, 0)["label"] == "hand"
    with pytest.raises(TariffError, match="out of range"):
        load_urdb_rate(path, 5)
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(TariffError, match="not URDB JSON"):
        load_urdb_rate(tmp_path / "bad.json", None)

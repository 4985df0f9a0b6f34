"""Binding limits: which limit is active, how often each family binds, ranked."""

from __future__ import annotations

import pytest

from dcep_explain import active_limit_by_interval, binding_limits, compute_duals, family_table, limits_at
from dcep_opt import FleetInputs, solve_dispatch


def _capped(make_site):
    # 80 MW in three intervals and 50 MW in the last; import capped at 60 MW; gas at $70 covers the rest
    gas = FleetInputs("gas", 2, 30.0, 0.0, fuel_usd_per_mwh=70.0, initial_units_online=2)
    return make_site([40.0] * 4, [80.0, 80.0, 80.0, 50.0], max_import_mw=60.0, interval_hours=0.5, fleets=(gas,))


def test_poi_import_is_the_active_limit_where_load_exceeds_the_cap(make_site):
    duals = compute_duals(solve_dispatch(_capped(make_site)))
    limits = binding_limits(duals)
    active = active_limit_by_interval(limits, 4)
    for t in range(3):
        lim = active[t]
        assert lim is not None and lim.name == "poi-import"
        assert lim.limit == pytest.approx(60.0) and lim.value == pytest.approx(60.0)
        # one more MW of import replaces gas: (70 - 40) $/MWh, i.e. 15 USD per MW over a 0.5 h interval
        assert lim.relax_value == pytest.approx(15.0)
        assert lim.value_usd_per_mwh(0.5) == pytest.approx(30.0)
    # 50 MW < 60 MW: the cap does not bind in the last interval
    assert all(lim.name != "poi-import" for lim in limits_at(limits, 3))


def test_family_table_counts_intervals_and_ranks(make_site):
    duals = compute_duals(solve_dispatch(_capped(make_site)))
    table = family_table(binding_limits(duals), interval_hours=0.5)
    by_name = {f.name: f for f in table}
    poi = by_name["poi-import"]
    assert (poi.intervals, poi.members) == (3, 3)
    assert poi.max_value_usd_per_mwh == pytest.approx(30.0)
    assert poi.total_value_usd_per_mwh == pytest.approx(90.0)
    assert "balance" not in by_name  # identities carry prices, not limits
    keys = [(-f.intervals, -f.max_value_usd_per_mwh) for f in table]
    assert keys == sorted(keys)
    with_identities = {f.name: f for f in family_table(binding_limits(duals), 0.5, skip=())}
    assert with_identities["balance"].intervals == 4
    # the balance price: $70 where gas is marginal, $40 in the last interval
    assert with_identities["balance"].max_value_usd_per_mwh == pytest.approx(70.0)


def test_slack_rows_are_not_binding(make_site):
    # gas has 60 MW online and produces 20 MW: gen-max has 40 MW of slack and a zero dual
    duals = compute_duals(solve_dispatch(_capped(make_site)))
    limits = binding_limits(duals)
    assert not [lim for lim in limits if lim.name == "gen-max" and lim.interval == 0]
    row = duals.rows["gen-max"][("gas", 0)]
    assert row.slack == pytest.approx(40.0) and row.dual == 0.0

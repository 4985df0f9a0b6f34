"""Rows recorded as one pattern per interval (``DispatchModel.add_rows_each_interval``, ``_rowbook.RowBlock``)
and variables made in bulk (``add_vars``) are the rows and variables the one-by-one calls make: same
names, order, expressions, HiGHS model; and the families that use them give the model their own
one-row-at-a-time definitions give."""

from __future__ import annotations

import numpy as np
import pulp
import pytest

from dcep_opt import build_model
from dcep_opt._families import bess, generators
from dcep_opt._model import DispatchModel, ModelOptions
from dcep_opt._pulprows import new_variable, new_variables


def _pattern_model(make_inputs, one_by_one: bool, elastic: frozenset[str] | None = None) -> DispatchModel:
    m = DispatchModel(make_inputs([10.0, 20.0, 30.0, 40.0]), ModelOptions(elastic_families=elastic))
    keys = [(t,) for t in range(m.n)]
    x = m.add_vars("bess-charge", keys, 0.0, 5.0)
    y = m.add_vars("bess-discharge", keys, 0.0, [1.0, 2.0, 3.0, 4.0])
    y_prev = [None, *y[:-1]]
    for t in range(m.n):
        m.add_objective(x[t], -1.0 - t)
        m.add_objective(y[t], 2.0 + t)
    m.add_con("balance", (0,), [(x[0], 1.0), (y[0], 1.0)], "<=", 7.0)  # an ordinary row before the pattern
    rows = [
        ("bess-pcs", (0,), ((0, 1.0), (1, -2.0)), "<=", 3.0),
        ("bess-pcs", (1,), ((1, 1.0), (2, 0.5), (0, 0.0)), ">=", -1.0),  # a zero coefficient is kept as PuLP keeps it
        ("poi-pf", ("up",), ((0, 1.0), (0, 2.0)), "==", 1.5),  # the same variable twice: summed
    ]
    if one_by_one:
        slots = (x, y, y_prev)
        for t in range(1, m.n):
            for family, head, terms, sense, rhs in rows:
                m.add_con(family, (*head, t), [(slots[s][t], c) for s, c in terms], sense, rhs)
    else:
        m.add_rows_each_interval(range(1, m.n), (x, y, y_prev), rows)
    m.add_con("balance", (1,), [(y[3], 1.0)], "<=", 9.0)  # and one after it
    m.finalise()
    return m


def test_a_pattern_gives_the_rows_of_the_loop_it_replaces(make_inputs, export_arrays, row_listing) -> None:
    block, loop = _pattern_model(make_inputs, False), _pattern_model(make_inputs, True)
    assert block.unmade_rows is not None and block.unmade_rows.blocks  # recorded as a block
    assert (block.n_constraints, block.n_nonzeros) == (loop.n_constraints, loop.n_nonzeros) == (11, 24)
    assert export_arrays(block.highs_export()) == export_arrays(loop.highs_export())
    assert row_listing(block) == row_listing(loop)  # names, expressions, senses, right-hand sides, in order
    assert block.n_nonzeros == sum(len(c.expr) for c in block.problem._constraints.values())


def test_a_pattern_row_exports_as_worked_out_by_hand(make_inputs, export_arrays) -> None:
    got = export_arrays(_pattern_model(make_inputs, False).highs_export())
    # columns: the objective's x0, y0, x1, y1, ... (first use); rows 1-3 are interval 1's pattern
    assert got["columns"][:4] == ["bess_charge__0", "bess_discharge__0", "bess_charge__1", "bess_discharge__1"]
    start, index, value = got["start"], got["index"], got["value"]
    assert [(index[k], value[k]) for k in range(start[1], start[2])] == [(2, 1.0), (3, -2.0)]  # x1 - 2 y1 <= 3
    assert [(index[k], value[k]) for k in range(start[2], start[3])] == [(3, 1.0), (1, 0.5)]  # y1 + 0.5 y0 >= -1
    assert [(index[k], value[k]) for k in range(start[3], start[4])] == [(2, 3.0)]  # 3 x1 == 1.5
    assert (got["row_lower"][2], got["row_upper"][1], got["row_lower"][3], got["row_upper"][3]) == (-1.0, 3.0, 1.5, 1.5)


def test_a_pattern_in_an_elastic_family_is_added_row_by_row_with_its_slacks(make_inputs, export_arrays) -> None:
    elastic = frozenset({"bess-pcs"})
    block, loop = _pattern_model(make_inputs, False, elastic), _pattern_model(make_inputs, True, elastic)
    assert export_arrays(block.highs_export()) == export_arrays(loop.highs_export())
    assert len(block.index.slacks["bess-pcs"]) == 6


def test_a_pattern_row_is_refused_as_pulp_refuses_it_and_cannot_be_edited_alone(make_inputs) -> None:
    m = DispatchModel(make_inputs([10.0, 20.0]))
    x = m.add_vars("bess-soc", [(0,), (1,)], 0.0, 1.0)
    m.add_con("bess-soc", (1,), [(x[1], 1.0)], "<=", 1.0)
    with pytest.raises(pulp.PulpError, match="overlapping constraint names"):
        m.add_rows_each_interval(range(2), (x,), [("bess-soc", (), ((0, 1.0),), "<=", 2.0)])
    with pytest.raises(pulp.PulpError, match="overlapping constraint names"):  # twice within one pattern
        m.add_rows_each_interval(range(2), (x,), [("balance", (), ((0, 1.0),), "<=", 2.0)] * 2)
    with pytest.raises(pulp.PulpError, match="RHS"):
        m.add_rows_each_interval(range(2), (x,), [("balance", (), ((0, 1.0),), "<=", float("inf"))])
    assert m.n_constraints == 1  # nothing recorded by the refused patterns
    m.add_rows_each_interval(range(2), (x,), [("bess-floor", (), ((0, 1.0),), ">=", 0.5)])
    with pytest.raises(ValueError, match="repeats a pattern"):
        m.shift_row("bess-floor", (1,), [(x[0], 1.0)], 0.0)
    assert m.row_dual("bess-floor", (1,)) is None  # a row number like any other


@pytest.mark.parametrize(("low", "up"), [(0.0, 10.0), (None, None), ([0.0, -1.0, None], [1.0, None, 2.0])])
def test_variables_made_in_bulk_are_the_variables_made_one_by_one(low, up) -> None:
    names = ["x__0", "x__1", "x__2"]
    lows = low if isinstance(low, list) else [low] * 3
    ups = up if isinstance(up, list) else [up] * 3
    bulk_problem, single_problem = pulp.LpProblem("a"), pulp.LpProblem("b")
    bulk = new_variables(bulk_problem, names, low, up, pulp.LpInteger)
    single = [
        new_variable(single_problem, n, lo, hi, pulp.LpInteger) for n, lo, hi in zip(names, lows, ups, strict=True)
    ]
    for ours, theirs in zip(bulk, single, strict=True):
        assert {k: v for k, v in vars(ours).items() if k != "hash"} == {
            k: v for k, v in vars(theirs).items() if k != "hash"
        }
        assert ours.hash == id(ours)
    assert bulk_problem._variables == bulk and set(bulk_problem._variable_ids) == set(map(id, bulk))


def test_bulk_variables_with_a_bad_bound_are_refused_whole() -> None:
    problem = pulp.LpProblem("p")
    with pytest.raises(pulp.PulpError, match="finite"):
        new_variables(problem, ["a", "b"], 0.0, [1.0, float("nan")], pulp.LpContinuous)
    with pytest.raises(ValueError, match="one bound per variable"):
        new_variables(problem, ["a", "b"], [0.0], None, pulp.LpContinuous)
    assert not problem._variables


def test_bulk_names_are_the_one_by_one_names(make_inputs) -> None:
    m = DispatchModel(make_inputs([10.0]))
    keys = [(), (0,), (7,), ("gas", 3), ("REGUP", "gas", 12), ("x-y+z", 2), ("a b", -1), ("face", 5, "q"), (True,)]
    assert m._name.many("reserve-gen", keys) == [m._name("reserve-gen", k) for k in keys]


@pytest.mark.parametrize(
    "over",
    [
        dict(start_intervals=1, min_up_intervals=8, min_down_intervals=4),
        dict(start_intervals=0, min_up_intervals=1, min_down_intervals=1, p_min_mw=0.0),
        dict(start_intervals=3, min_up_intervals=2, min_down_intervals=6, max_starts_per_interval=1),
        dict(start_intervals=12, min_up_intervals=1, min_down_intervals=1),  # past the horizon: no pattern
    ],
)
def test_fleet_and_soc_patterns_give_the_rows_of_their_one_interval_definitions(
    make_inputs, make_battery, make_fleet, monkeypatch, export_arrays, row_listing, over
) -> None:
    prices = np.linspace(-10.0, 90.0, 10)
    site = make_inputs(
        prices, critical_mw=10.0, battery=make_battery(), fleets=(make_fleet(**over), make_fleet(name="recip", count=2))
    )
    patterned = build_model(site).model
    patterns = {b.pattern[0].family for b in patterned.unmade_rows.blocks}
    assert {"bess-soc", "gen-commit"} <= patterns  # the patterns under test are in use (recip's windows fit)
    one_by_one_fleet = lambda m, f, intervals: [generators._fleet_rows_at(m, f, t) for t in intervals]  # noqa: E731

    def one_by_one_soc(m, deployed=None):
        for t in range(m.n):
            bess.define_soc_row(m, t, deployed)

    monkeypatch.setattr(generators, "_steady_fleet_rows", one_by_one_fleet)
    monkeypatch.setattr(bess, "define_soc_rows", one_by_one_soc)
    plain = build_model(site).model
    assert not plain.unmade_rows.blocks or all(
        b.pattern[0].family not in ("bess-soc", "gen-commit") for b in plain.unmade_rows.blocks
    )
    assert export_arrays(patterned.highs_export()) == export_arrays(plain.highs_export())
    assert row_listing(patterned) == row_listing(plain)

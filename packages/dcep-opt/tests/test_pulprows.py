"""The fast PuLP objects are PuLP's own: same attributes as PuLP's constructors make, a problem PuLP
itself can write and solve, and an export equal to a plain row-by-row reading of the PuLP objects."""

from __future__ import annotations

import gc
import math

import highspy
import pulp
import pytest

from dcep_opt import SolveOptions, build_model, export_highs, quiet_highs, solve_dispatch, solve_model
from dcep_opt._model import DispatchModel, _pulp_name
from dcep_opt._pulprows import add_row, gc_paused, new_constraint, new_expression, new_variable


def _without_hash(obj: object) -> dict[str, object]:
    return {k: v for k, v in vars(obj).items() if k != "hash"}


@pytest.mark.parametrize(
    ("low", "up", "cat"),
    [(0.0, 10.0, pulp.LpContinuous), (None, None, pulp.LpContinuous), (0.0, 4.0, pulp.LpInteger), (-2.5, None, "C")],
)
def test_a_variable_has_the_attributes_pulp_gives_it(low, up, cat) -> None:
    ours_problem = pulp.LpProblem("ours", pulp.LpMaximize)
    theirs = pulp.LpProblem("theirs", pulp.LpMaximize).add_variable("x__1", low, up, cat)
    ours = new_variable(ours_problem, "x__1", low, up, cat)
    assert _without_hash(ours) == _without_hash(theirs)
    assert ours.hash == id(ours) and theirs.hash == id(theirs)
    assert ours_problem.numVariables() == 1  # registered with its problem on creation (as PuLP 4 does)
    assert type(ours) is pulp.LpVariable


@pytest.mark.parametrize(
    ("sense", "rhs"), [(pulp.LpConstraintLE, 5.0), (pulp.LpConstraintGE, -3.0), (pulp.LpConstraintEQ, 0.0)]
)
def test_a_constraint_has_the_attributes_pulp_gives_it(sense, rhs) -> None:
    problem = pulp.LpProblem("p", pulp.LpMinimize)
    x = problem.add_variable("x", 0.0, 1.0)
    y = problem.add_variable("y", None, None)
    terms = [(x, 2.0), (y, -1.5)]
    theirs = pulp.LpConstraint(pulp.LpAffineExpression(terms), sense, "row__3", rhs)
    ours = new_constraint(new_expression(terms), sense, "row__3", rhs)
    assert vars(ours).keys() == vars(theirs).keys()
    assert {k: v for k, v in vars(ours).items() if k != "expr"} == {
        k: v for k, v in vars(theirs).items() if k != "expr"
    }
    assert dict(ours.expr) == dict(theirs.expr) and vars(ours.expr) == vars(theirs.expr)
    assert math.copysign(1.0, ours.constant) == math.copysign(1.0, theirs.constant)  # -0.0 stays as PuLP has it
    assert (ours.getLb(), ours.getUb()) == (theirs.getLb(), theirs.getUb())
    assert str(ours) == str(theirs)


def test_a_variable_named_twice_in_a_row_has_its_coefficients_summed() -> None:
    problem = pulp.LpProblem("p", pulp.LpMinimize)
    x = problem.add_variable("x", 0.0, 1.0)
    y = problem.add_variable("y", 0.0, 1.0)
    expr = new_expression([(x, 1.0), (y, 4.0), (x, 2.0)])
    assert dict(expr) == {x: 3.0, y: 4.0} and list(expr) == [x, y]


def test_bad_numbers_and_repeated_names_are_refused_as_pulp_refuses_them() -> None:
    problem = pulp.LpProblem("p", pulp.LpMinimize)
    with pytest.raises(pulp.PulpError, match="lower bound"):
        new_variable(problem, "x", -math.inf, 1.0, pulp.LpContinuous)
    with pytest.raises(pulp.PulpError, match="upper bound"):
        new_variable(problem, "x", 0.0, math.nan, pulp.LpContinuous)
    x = new_variable(problem, "x", 0.0, 1.0, pulp.LpContinuous)
    with pytest.raises(pulp.PulpError, match="RHS"):
        new_constraint(new_expression([(x, 1.0)]), pulp.LpConstraintLE, "c", math.inf)
    con = add_row(problem, [(x, 1.0)], pulp.LpConstraintLE, "c", 1.0)
    assert problem.get_constraint_by_name("c") is con and str(con) == "x <= 1.0"
    with pytest.raises(pulp.PulpError, match="overlapping constraint names: c"):
        add_row(problem, [(x, 2.0)], pulp.LpConstraintLE, "c", 1.0)


def test_gc_paused_leaves_the_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause found it paused: it stays paused
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # paused by someone else before: not resumed by us
    finally:
        gc.enable()


def test_cached_names_are_the_plain_names(make_inputs) -> None:
    m = DispatchModel(make_inputs([10.0, 20.0]))
    keys = [(), (0,), (7,), ("gas", 3), ("REGUP", "gas", 12), ("x-y+z", 2), ("a b", -1), ("face", 5, "q"), (True,)]
    for family in ("bess-soc", "reserve-gen-up"):
        for key in keys:
            assert m._name(family, key) == _pulp_name(family, key)
            assert not set(m._name(family, key)) & set(pulp.LpElement.illegal_chars)
    assert _pulp_name("gen-units", ("gas 1", 4)) == "gen_units__gas_1__4"
    assert _pulp_name("n1-x", (-1,)) == "n1_x___1"  # PuLP turned the sign into "_"; the name is unchanged


def _plain_export(problem: pulp.LpProblem) -> tuple[list[pulp.LpVariable], list[float], list[tuple]]:
    """The matrix read row by row from PuLP's public accessors (first-use column order)."""
    columns: dict[pulp.LpVariable, None] = dict.fromkeys(problem.objective.keys())
    for con in problem._constraints.values():
        columns.update(dict.fromkeys(con.keys()))
    cols = list(columns)
    position = {id(v): j for j, v in enumerate(cols)}
    cost = [-problem.objective.get(v, 0.0) for v in cols]  # maximised: HiGHS minimises the negation
    rows = []
    for con in problem._constraints.values():
        entries = tuple((position[id(v)], c) for v, c in con.items() if c != 0)
        lb, ub = con.getLb(), con.getUb()
        rows.append((entries, -highspy.kHighsInf if lb is None else lb, highspy.kHighsInf if ub is None else ub))
    return cols, cost, rows


def test_the_export_is_a_plain_reading_of_the_pulp_objects(make_inputs, make_battery, make_fleet) -> None:
    inp = make_inputs([10.0, 80.0, -5.0, 90.0], critical_mw=10.0, battery=make_battery(), fleets=(make_fleet(),))
    problem = build_model(inp).model.problem
    exported = export_highs(problem)
    cols, cost, rows = _plain_export(problem)
    assert exported.columns == cols
    assert exported.lp.cost.tolist() == cost
    assert exported.lp.col_lower.tolist() == [-highspy.kHighsInf if v.lowBound is None else v.lowBound for v in cols]
    assert exported.lp.col_upper.tolist() == [highspy.kHighsInf if v.upBound is None else v.upBound for v in cols]
    starts, index, value = (a.tolist() for a in (exported.lp.start, exported.lp.index, exported.lp.value))
    got = [
        (tuple(zip(index[starts[i] : starts[i + 1]], value[starts[i] : starts[i + 1]], strict=True)), lo, hi)
        for i, (lo, hi) in enumerate(zip(exported.lp.row_lower.tolist(), exported.lp.row_upper.tolist(), strict=True))
    ]
    assert got == rows
    assert [v.index for v in cols] == list(range(len(cols)))
    assert [c.index for c in exported.rows] == list(range(len(rows)))
    n_int = sum(v.cat == pulp.LpInteger for v in cols)
    assert n_int > 0 and exported.lp.integrality.tolist().count(int(highspy.HighsVarType.kInteger)) == n_int


def test_a_row_naming_a_variable_outside_the_columns_is_refused(make_inputs, make_battery) -> None:
    problem = build_model(make_inputs([10.0, 20.0], battery=make_battery())).model.problem
    columns = export_highs(problem).columns
    with pytest.raises(ValueError, match="not among the exported columns"):
        export_highs(problem, columns=columns[:-1])


def test_pulp_itself_writes_and_solves_the_built_problem(make_inputs, make_battery, make_fleet, tmp_path) -> None:
    inp = make_inputs([10.0, 80.0, 20.0, 90.0], critical_mw=10.0, battery=make_battery(), fleets=(make_fleet(),))
    ours = solve_dispatch(inp).result.solver.objective_usd
    # PuLP's stock HiGHS interface: its own variables() walk and row-by-row model build
    model = build_model(inp).model
    stock = solve_model(model, SolveOptions(), fast=False)
    assert stock.objective_usd == pytest.approx(ours, abs=0.01)
    # PuLP's LP and MPS writers (the MPS with its OBJSENSE MAX section), read back and solved by HiGHS alone
    for path in (tmp_path / "dispatch.lp", tmp_path / "dispatch.mps"):
        problem = build_model(inp).model.problem
        if path.suffix == ".lp":
            problem.writeLP(str(path))
        else:
            problem.writeMPS(str(path), with_objsense=True)
        h = quiet_highs(threads=1)
        assert h.readModel(str(path)) == highspy.HighsStatus.kOk
        h.setOptionValue("mip_rel_gap", 1e-9)
        h.run()
        assert h.getInfo().objective_function_value == pytest.approx(ours, abs=0.01), path.suffix

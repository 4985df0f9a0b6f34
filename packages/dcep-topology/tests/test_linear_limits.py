"""The MVA polygon and PF cone against the exact circle and closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dcep_topology.linear import (
    mva_polygon,
    mva_polygon_error,
    pf_cone,
    pf_q_limit_ratio,
    polygon_apparent_power_mva,
)


def _admits(rows: list[tuple[float, float, float]], p: np.ndarray, q: np.ndarray) -> np.ndarray:
    a = np.array(rows)
    return np.all(np.outer(p, a[:, 0]) + np.outer(q, a[:, 1]) <= a[:, 2] + 1e-12, axis=1)


@pytest.mark.parametrize("n_sides", [4, 8, 16, 32])
def test_polygon_never_admits_outside_circle(n_sides: int) -> None:
    rating = 57.5
    rng = np.random.default_rng(n_sides)
    p = rng.uniform(-1.2 * rating, 1.2 * rating, 200_000)
    q = rng.uniform(-1.2 * rating, 1.2 * rating, 200_000)
    ok = _admits(mva_polygon(rating, n_sides), p, q)
    assert ok.any()
    assert np.all(np.hypot(p[ok], q[ok]) <= rating * (1 + 1e-12))


@pytest.mark.parametrize("n_sides", [8, 16, 32])
def test_polygon_gap_within_stated_bound(n_sides: int) -> None:
    rating = 100.0
    rows = mva_polygon(rating, n_sides)
    # Walk every direction: the largest admitted radius along angle phi is min_k rhs / (a_k . u).
    vertices = np.pi / n_sides + 2 * np.pi * np.arange(n_sides) / n_sides
    phi = np.concatenate([np.linspace(0, 2 * np.pi, 100_001), vertices])
    a = np.array(rows)
    dots = np.outer(np.cos(phi), a[:, 0]) + np.outer(np.sin(phi), a[:, 1])
    radius = np.min(np.where(dots > 1e-12, a[:, 2] / np.where(dots > 1e-12, dots, 1.0), np.inf), axis=1)
    gap = 1.0 - radius / rating
    bound = 1.0 - math.cos(math.pi / n_sides)
    assert gap.max() <= bound + 1e-12
    assert gap.max() >= 0.999 * bound  # the bound is attained (at face midpoints), so it is tight
    assert gap.min() <= 1e-12  # vertices touch the circle


def test_sixteen_sides_error_is_1_92_percent() -> None:
    assert mva_polygon_error(16) == pytest.approx(0.01921471959, rel=1e-9)
    rows = mva_polygon(50.0)
    assert len(rows) == 16
    assert rows[0] == pytest.approx((1.0, 0.0, 50.0 * math.cos(math.pi / 16)))
    assert rows[4] == (0.0, 1.0, pytest.approx(50.0 * math.cos(math.pi / 16)))


def test_polygon_apparent_power_brackets_hypot() -> None:
    rng = np.random.default_rng(3)
    p = rng.normal(0, 30, 5000)
    q = rng.normal(0, 30, 5000)
    s_lin = polygon_apparent_power_mva(p, q, 16)
    s = np.hypot(p, q)
    assert np.all(s_lin >= s - 1e-9)
    assert np.all(s_lin <= s / math.cos(math.pi / 16) + 1e-9)
    # Consistency with the rows: (p, q) is admitted by the polygon of rating s_lin (tightly).
    for i in range(50):
        assert _admits(mva_polygon(float(s_lin[i]) * (1 + 1e-9)), p[i : i + 1], q[i : i + 1])[0]
        assert not _admits(mva_polygon(float(s_lin[i]) * (1 - 1e-6)), p[i : i + 1], q[i : i + 1])[0]


def test_pf_ratio_closed_form() -> None:
    # PF 0.95: Q/P = sqrt(1 - 0.95^2) / 0.95 = 0.328684...
    assert pf_q_limit_ratio(0.95) == pytest.approx(math.sqrt(1 - 0.95**2) / 0.95, rel=1e-12)
    assert pf_q_limit_ratio(1.0) == 0.0
    # A point exactly on the cone has exactly that PF.
    p = 40.0
    q = pf_q_limit_ratio(0.9) * p
    assert p / math.hypot(p, q) == pytest.approx(0.9, rel=1e-12)


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.01, float("nan")])
def test_pf_ratio_rejects_bad(bad: float) -> None:
    with pytest.raises(ValueError, match="min_pf"):
        pf_q_limit_ratio(bad)


def test_polygon_rejects_bad() -> None:
    with pytest.raises(ValueError, match="rating_mva"):
        mva_polygon(-1.0)
    with pytest.raises(ValueError, match="n_sides"):
        mva_polygon(10.0, 3)


def test_pf_cone_admits_exactly_the_pf_region() -> None:
    rng = np.random.default_rng(5)
    p = rng.uniform(-50, 50, 20_000)
    q = rng.uniform(-50, 50, 20_000)
    ok = _admits(pf_cone(0.95), p, q)
    with np.errstate(invalid="ignore", divide="ignore"):
        pf = p / np.hypot(p, q)
    expected = (p > 0) & (pf >= 0.95)
    assert np.array_equal(ok[np.abs(pf - 0.95) > 1e-9], expected[np.abs(pf - 0.95) > 1e-9])

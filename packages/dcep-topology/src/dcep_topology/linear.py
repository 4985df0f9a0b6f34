"""Linear (MILP-ready) forms of the electrical limits: MVA circles and power-factor cones.

The dispatch MILP cannot hold ``P**2 + Q**2 <= S**2``. We replace the circle with an *inscribed*
regular polygon: every (P, Q) the polygon admits lies inside the circle, so the linearisation can
only under-state capability, never over-state it. With ``n`` sides the polygon's inscribed radius
is ``S * cos(pi / n)``, so the worst-case under-statement of apparent power is ``1 - cos(pi / n)``
(1.92 % at 16 sides, 0.48 % at 32 sides).

Power-factor limits are linear cones: ``|Q| <= tan(acos(pf_min)) * P`` for ``P >= 0``.

All the dispatch model's electrical geometry lives here, so the MILP rows and the post-solve
reactive repair read the same numbers: the POI / transformer polygon (:func:`mva_polygon`, faces on
the axes) and the faces the PF cone leaves binding (:func:`binding_faces`); the battery inverter's
polygon turned half a side (:func:`axis_vertex_polygon`); the faces of the transformer's
apparent-power estimate (:func:`loss_s_faces`) and the lifted loss tangents (:func:`loss_tangents`);
and the Q each element admits at a given P (:func:`q_range`, :func:`pcs_q_range`,
:func:`grid_q_range`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Interval",
    "PolygonRow",
    "Tangent",
    "axis_vertex_polygon",
    "binding_faces",
    "grid_q_range",
    "loss_lower_bound_mvar",
    "loss_s_faces",
    "loss_tangents",
    "mva_polygon",
    "mva_polygon_error",
    "pcs_q_range",
    "pf_cone",
    "pf_q_limit_ratio",
    "polygon_apparent_power_mva",
    "q_range",
    "row_angle",
    "transformer_p_loss_coefficient",
    "transformer_q_loss_coefficient",
]

#: ``(a_p, a_q, rhs)`` meaning ``a_p * P + a_q * Q <= rhs`` (P in MW, Q in MVAr, rhs in MVA).
PolygonRow = tuple[float, float, float]
#: ``(lo, hi)`` in MVAr.
Interval = tuple[float, float]
#: ``(slope, intercept)``: ``Q_loss >= slope * S + intercept`` (MVAr, S in MVA).
Tangent = tuple[float, float]


def mva_polygon(rating_mva: float, n_sides: int = 16) -> list[PolygonRow]:
    """Inscribed regular polygon of the circle ``P**2 + Q**2 <= rating_mva**2``.

    Args:
        rating_mva: circle radius in MVA (>= 0).
        n_sides: number of polygon sides (>= 4; a multiple of 4 keeps the P and Q axes exact).

    Returns:
        ``n_sides`` rows ``(a_p, a_q, rhs)``, each meaning ``a_p * P + a_q * Q <= rhs`` with P in MW,
        Q in MVAr. ``(a_p, a_q)`` is a unit normal, ``rhs = rating_mva * cos(pi / n_sides)``: the
        polygon's vertices lie on the circle, so it never admits a point outside it.

    Raises:
        ValueError: ``rating_mva`` negative or not finite, or ``n_sides < 4``.
    """
    if not math.isfinite(rating_mva) or rating_mva < 0:
        raise ValueError(f"rating_mva: must be finite and >= 0, got {rating_mva}")
    if n_sides < 4:
        raise ValueError(f"n_sides: must be >= 4, got {n_sides}")
    # Face normals at angles 2*pi*k/n (k=0 is the +P axis); vertices sit at half-angles on the circle.
    rhs = rating_mva * math.cos(math.pi / n_sides)
    rows: list[PolygonRow] = []
    for k in range(n_sides):
        theta = 2.0 * math.pi * k / n_sides
        a_p = _clean(math.cos(theta))
        a_q = _clean(math.sin(theta))
        rows.append((a_p, a_q, rhs))
    return rows


def mva_polygon_error(n_sides: int = 16) -> float:
    """Worst-case relative under-statement of apparent power by :func:`mva_polygon`: ``1 - cos(pi/n)``.

    Raises:
        ValueError: ``n_sides < 4``.
    """
    if n_sides < 4:
        raise ValueError(f"n_sides: must be >= 4, got {n_sides}")
    return 1.0 - math.cos(math.pi / n_sides)


def polygon_apparent_power_mva(
    p_mw: NDArray[np.float64], q_mvar: NDArray[np.float64], n_sides: int = 16
) -> NDArray[np.float64]:
    """Apparent power as the linearised model sees it: the smallest rating whose polygon admits (P, Q).

    ``max_k (a_p,k * P + a_q,k * Q) / cos(pi / n)``, element-wise. Always >= ``hypot(P, Q)`` and at
    most ``hypot(P, Q) / cos(pi / n)``.

    Args:
        p_mw: active power, MW (any shape).
        q_mvar: reactive power, MVAr (same shape).
        n_sides: polygon sides (>= 4).

    Raises:
        ValueError: ``n_sides < 4``.
    """
    if n_sides < 4:
        raise ValueError(f"n_sides: must be >= 4, got {n_sides}")
    p = np.asarray(p_mw, dtype=float)
    q = np.asarray(q_mvar, dtype=float)
    theta = 2.0 * np.pi * np.arange(n_sides) / n_sides
    proj = np.multiply.outer(p, np.cos(theta)) + np.multiply.outer(q, np.sin(theta))
    result: NDArray[np.float64] = proj.max(axis=-1) / math.cos(math.pi / n_sides)
    return result


def pf_q_limit_ratio(min_pf: float) -> float:
    """Largest |Q| / P allowed at power factor ``min_pf``: ``tan(acos(min_pf))``.

    The linear cone is ``-ratio * P <= Q <= ratio * P`` (for P >= 0).

    Args:
        min_pf: minimum power factor, 0 < min_pf <= 1 (dimensionless).

    Raises:
        ValueError: ``min_pf`` outside (0, 1].
    """
    if not (0.0 < min_pf <= 1.0):
        raise ValueError(f"min_pf: must be in (0, 1], got {min_pf}")
    return math.tan(math.acos(min_pf))


def pf_cone(min_pf: float) -> list[PolygonRow]:
    """The power-factor cone ``|Q| <= tan(acos(min_pf)) * P`` as two rows ``(a_p, a_q, 0)``.

    Rows ``(-r, 1, 0)`` and ``(-r, -1, 0)`` mean ``Q - r*P <= 0`` and ``-Q - r*P <= 0``; together they
    also force ``P >= 0``. For a POI that both imports and exports, apply the rows to the import and
    the export variables separately (``|Q| <= r * (P_import + P_export)``): the two-sided cone is not
    convex in the net flow.

    Raises:
        ValueError: ``min_pf`` outside (0, 1].
    """
    r = pf_q_limit_ratio(min_pf)
    return [(-r, 1.0, 0.0), (-r, -1.0, 0.0)]


def axis_vertex_polygon(rating_mva: float, n_sides: int) -> list[PolygonRow]:
    """The battery inverter's P-Q polygon: :func:`mva_polygon` turned half a side.

    :func:`mva_polygon` puts face normals on the P and Q axes, so at Q = 0 it admits only
    ``S * cos(pi / n)`` MW (98.1 % at 16 sides): an inverter with ``pcs_mva == power_mw`` (the schema
    default) would lose 1.9 % of its rated power. Turning every face normal by ``pi / n`` puts polygon
    VERTICES on the axes instead: still inscribed (never admits a point outside the circle, same
    worst-case under-statement ``1 - cos(pi / n)`` between vertices), but rated P at Q = 0 and rated Q
    at P = 0 are exact. The POI / transformer limit keeps :func:`mva_polygon`'s orientation (face on
    the P axis: 1.9 % margin at unity power factor, which the AC screen's 1/V current effect needs;
    see tests/test_topology_screen_opt.py).

    Returns:
        Rows ``(a_p, a_q, rhs)`` meaning ``a_p*P + a_q*Q <= rhs``, vertices on the +-P and +-Q axes.

    Raises:
        ValueError: from ``mva_polygon`` (negative rating, fewer than 4 sides).
    """
    turn = math.pi / n_sides
    c, s = math.cos(turn), math.sin(turn)
    rows = []
    for a_p, a_q, rhs in mva_polygon(rating_mva, n_sides):
        rows.append((_clean(a_p * c - a_q * s), _clean(a_p * s + a_q * c), rhs))
    return rows


def row_angle(row: PolygonRow) -> float:
    """Angle of a row's normal from the +P axis, radians."""
    return math.atan2(row[1], row[0])


def binding_faces(rows: list[PolygonRow], pf_min: float | None) -> list[int]:
    """Indices of the polygon faces that can bind inside the PF cone (all of them without a cone).

    With a PF cone of half-angle acos(pf) around the P axis, a point at angle phi is cut first by the
    face whose normal is nearest phi (within pi/sides), so faces whose normals are further than
    acos(pf) + pi/sides from the +-P axis are redundant.
    """
    if pf_min is None:
        return list(range(len(rows)))
    limit = math.acos(pf_min) + math.pi / len(rows) + 1e-9
    keep = []
    for k, row in enumerate(rows):
        theta = row_angle(row)
        off_pos = abs(math.remainder(theta, 2.0 * math.pi))
        off_neg = abs(math.remainder(theta - math.pi, 2.0 * math.pi))
        if min(off_pos, off_neg) <= limit:
            keep.append(k)
    return keep


def loss_s_faces(sides: int, min_pf: float | None) -> list[tuple[int, float]]:
    """Faces ``(k, theta)`` of the transformer's apparent-power estimate: normals within
    ``acos(pf) + pi/sides`` of +P (theta in radians, in (-pi, pi])."""
    half = math.pi / 2 if min_pf is None else min(math.acos(min_pf), math.pi / 2)
    out = []
    for k in range(sides):
        theta = math.remainder(2.0 * math.pi * k / sides, 2.0 * math.pi)
        if abs(theta) <= half + math.pi / sides + 1e-9:
            out.append((k, theta))
    return out


# --- transformer reactive losses -------------------------------------------------------------------
# A transformer draws reactive power ``x * |I|**2``; with ``|I| = S / V`` at the MV bus that is
# ``Q_loss = c * S**2`` (MVAr) with ``c = x_eq / V**2`` per MVA squared. Taking ``V = v_min`` (the
# bottom of the bus voltage band) over-states the loss whenever the voltage is higher, never
# under-states it. The MILP holds ``Q_loss`` as a variable bounded below by tangents of the convex
# ``c * S**2``, each lifted by the largest gap a tangent leaves between two tangent points
# (``c * d**2 / 4`` for spacing ``d``). The lifted tangents are then >= ``c * S**2`` on
# ``[d / 2, s_max]`` and never more than ``c * d**2 / 4`` above it; below ``d / 2`` (a small
# exchange) the chord from 0 to ``d / 2`` bounds it (above the curve, zero at zero flow). No upper
# bound is needed: the loss enters only ``<=`` rows with a positive coefficient (the POI power-factor
# cone and the HV-side faces of the MVA polygon), so a larger value can only tighten the model and
# the optimiser gains nothing from inflating it.


def transformer_q_loss_coefficient(groups: Iterable[tuple[float, int, float, float]], v_min_pu: float = 1.0) -> float:
    """Reactive loss per MVA squared of transformer groups in parallel: ``1 / (v_min**2 * sum(n * S_r / x))``.

    Args:
        groups: ``(rating_mva, count, impedance_pct, resistance_pct)`` per group of identical units
            (percent on the unit's own base; reactance ``x = sqrt(vk**2 - vkr**2) / 100``).
        v_min_pu: the lowest MV voltage the loss is evaluated at (0 < v <= 1.5).

    Returns:
        MVAr per MVA squared of MV-side apparent power; 0.0 when there is no group.

    Raises:
        ValueError: a rating or count not positive, ``resistance_pct >= impedance_pct``, or a bad voltage.
    """
    if not 0 < v_min_pu <= 1.5:
        raise ValueError(f"v_min_pu: must be in (0, 1.5], got {v_min_pu}")
    admittance = 0.0  # sum of n * S_r / x: MVA per unit reactance
    for rating_mva, count, vk_pct, vkr_pct in groups:
        if rating_mva <= 0 or count < 1 or not 0 <= vkr_pct < vk_pct:
            raise ValueError(f"transformer group: need rating > 0, count >= 1, 0 <= vkr < vk; got {rating_mva, count}")
        x_pu = math.sqrt(vk_pct**2 - vkr_pct**2) / 100.0
        admittance += count * rating_mva / x_pu
    return 0.0 if admittance == 0 else 1.0 / (admittance * v_min_pu**2)


def transformer_p_loss_coefficient(groups: Iterable[tuple[float, int, float, float]], v_min_pu: float = 1.0) -> float:
    """Active (copper) loss per MVA squared of transformer groups in parallel, at the MV bus voltage ``v_min``.

    Group ``g`` of ``n`` units has the series impedance ``Z_g = (r + jx) / (n * S_r)`` (per unit of one
    MVA); parallel groups share the current as their admittances ``Y_g = 1 / Z_g``, so
    ``P_loss = |I|**2 * sum_g(r_g |Y_g|**2) / |sum_g Y_g|**2`` with ``|I| = S / v_min`` (MVA at 1 pu).
    Like the reactive coefficient, evaluated at ``v_min`` it over-states the loss whenever the
    voltage is higher (the MILP uses it in ``<=`` rows only: the POI import cap, the import-side
    faces of the MVA polygon and the PF cone).

    Args:
        groups: ``(rating_mva, count, impedance_pct, resistance_pct)`` per group (percent on the unit's
            own base).
        v_min_pu: the lowest MV voltage the loss is evaluated at (0 < v <= 1.5).

    Returns:
        MW per MVA squared of MV-side apparent power; 0.0 when there is no group.

    Raises:
        ValueError: a rating or count not positive, ``resistance_pct >= impedance_pct``, or a bad voltage.
    """
    if not 0 < v_min_pu <= 1.5:
        raise ValueError(f"v_min_pu: must be in (0, 1.5], got {v_min_pu}")
    admittances: list[tuple[complex, float]] = []
    for rating_mva, count, vk_pct, vkr_pct in groups:
        if rating_mva <= 0 or count < 1 or not 0 <= vkr_pct < vk_pct:
            raise ValueError(f"transformer group: need rating > 0, count >= 1, 0 <= vkr < vk; got {rating_mva, count}")
        r_pu, x_pu = vkr_pct / 100.0, math.sqrt(vk_pct**2 - vkr_pct**2) / 100.0
        z = complex(r_pu, x_pu) / (count * rating_mva)
        admittances.append((1.0 / z, r_pu / (count * rating_mva)))
    if not admittances:
        return 0.0
    total = abs(sum(y for y, _ in admittances)) ** 2
    return sum(r * abs(y) ** 2 for y, r in admittances) / total / v_min_pu**2


def loss_tangents(coef_mvar_per_mva2: float, s_max_mva: float, n_points: int = 6) -> list[Tangent]:
    """Lifted tangents of ``coef * S**2`` at ``S = j * s_max / n`` (j = 1..n), and the chord from 0 to ``d/2``.

    With ``d = s_max / n``, ``max(0, max_j(slope_j * S + intercept_j))`` is >= ``coef * S**2`` on all of
    ``[0, s_max]`` (the lifted tangents on ``[d/2, s_max]``; the chord ``coef * d/2 * S``, listed first,
    below ``d/2``: a chord of a convex function lies above it) and exceeds it by at most
    ``coef * d**2 / 4``. The chord passes through the origin, so no loss is forced at zero exchange.

    Raises:
        ValueError: a negative coefficient, a non-positive ``s_max_mva`` or ``n_points < 1``.
    """
    if coef_mvar_per_mva2 < 0 or not s_max_mva > 0 or n_points < 1:
        raise ValueError(f"need coef >= 0, s_max > 0, n_points >= 1; got {coef_mvar_per_mva2}, {s_max_mva}, {n_points}")
    d = s_max_mva / n_points
    lift = coef_mvar_per_mva2 * d * d / 4.0
    out: list[Tangent] = [(coef_mvar_per_mva2 * d / 2.0, 0.0)]
    for j in range(1, n_points + 1):
        s = j * d
        out.append((2.0 * coef_mvar_per_mva2 * s, lift - coef_mvar_per_mva2 * s * s))
    return out


def loss_lower_bound_mvar(tangents: list[Tangent], s_mva: float) -> float:
    """The smallest loss the MILP admits at apparent power ``s_mva``: ``max(0, max_j tangent_j(S))``."""
    return max([0.0] + [slope * s_mva + icpt for slope, icpt in tangents])


# --- Q each element admits at a given P (the post-solve reactive repair) ---------------------------


def q_range(rows: list[PolygonRow], p_mw: float) -> Interval | None:
    """The Q interval (MVAr) that ``rows`` admit at active power ``p_mw``; None if P is outside."""
    lo, hi = -math.inf, math.inf
    for a_p, a_q, rhs in rows:
        room = rhs - a_p * p_mw
        if a_q > 1e-12:
            hi = min(hi, room / a_q)
        elif a_q < -1e-12:
            lo = max(lo, room / a_q)
        elif room < -1e-9:
            return None
    return (lo, hi) if lo <= hi + 1e-9 else None


def pcs_q_range(rating_mva: float, sides: int, p_mw: float) -> Interval | None:
    """Q the battery inverter's polygon (vertices on the axes) admits at ``p_mw``; None if P is outside."""
    return q_range(axis_vertex_polygon(rating_mva, sides), p_mw)


def grid_q_range(
    rating_mva: float,
    sides: int,
    min_pf: float | None,
    net_mw: float,
    loss_mvar: float = 0.0,
    extra_rows: list[PolygonRow] | None = None,
    p_loss_mw: float = 0.0,
) -> Interval | None:
    """MV-side Q the grid connection may carry at net import ``net_mw`` (None if none).

    The MVA polygon (faces with a positive Q coefficient see the HV side, ``Q + loss_mvar``; faces with
    a positive P coefficient ``P + p_loss_mw``), the PF cone (``-Q + r * p_loss <= r |P|`` and
    ``Q + loss_mvar + r * p_loss <= r |P|``: the meter sees ``|P| - p_loss`` when exporting) and
    ``extra_rows`` evaluated at ``P = |net_mw|`` (the ``xfmr-s`` rows, which the model writes on
    import + export).
    """
    rows = [
        (a_p, a_q, rhs - (a_q * loss_mvar if a_q > 0 else 0.0) - (a_p * p_loss_mw if a_p > 0 else 0.0))
        for a_p, a_q, rhs in mva_polygon(rating_mva, sides)
    ]
    rng = q_range(rows, net_mw)
    if rng is None:
        return None
    lo, hi = rng
    if extra_rows:
        extra = q_range(extra_rows, abs(net_mw))
        if extra is None:
            return None
        lo, hi = max(lo, extra[0]), min(hi, extra[1])
    if min_pf is not None:
        r = pf_q_limit_ratio(min_pf)
        cap = r * (abs(net_mw) - p_loss_mw)
        lo, hi = max(lo, -cap), min(hi, cap - loss_mvar)
    return (lo, hi) if lo <= hi + 1e-9 else None


def _clean(x: float) -> float:
    """Snap tiny floating residues (cos(pi/2) = 6e-17) to exact zero so axis rows read cleanly."""
    return 0.0 if abs(x) < 1e-15 else x

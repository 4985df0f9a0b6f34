"""The battery inverter's P-Q polygon: dcep-topology's inscribed polygon turned half a side.

``dcep_topology.linear.mva_polygon`` puts face normals on the P and Q axes, so at Q = 0 it admits
only ``S * cos(pi / n)`` MW (98.1 % at 16 sides): an inverter with ``pcs_mva == power_mw`` (the
schema default) would lose 1.9 % of its rated power. Turning every face normal by ``pi / n`` puts
polygon VERTICES on the axes instead: still inscribed (never admits a point outside the circle,
same worst-case under-statement ``1 - cos(pi / n)`` between vertices), but rated P at Q = 0 and
rated Q at P = 0 are exact. The POI / transformer limit keeps dcep-topology's orientation as is
(face on the P axis: 1.9 % margin at unity power factor, which the AC screen's 1/V current effect
needs; see tests/test_topology_screen_opt.py).
"""

from __future__ import annotations

import math

from dcep_topology.linear import mva_polygon

Row = tuple[float, float, float]


def axis_vertex_polygon(rating_mva: float, n_sides: int) -> list[Row]:
    """Rows ``(a_p, a_q, rhs)`` meaning ``a_p*P + a_q*Q <= rhs``, vertices on the +-P and +-Q axes.

    Raises:
        ValueError: from ``mva_polygon`` (negative rating, fewer than 4 sides).
    """
    turn = math.pi / n_sides
    c, s = math.cos(turn), math.sin(turn)
    rows = []
    for a_p, a_q, rhs in mva_polygon(rating_mva, n_sides):
        rows.append((_clean(a_p * c - a_q * s), _clean(a_p * s + a_q * c), rhs))
    return rows


def row_angle(row: Row) -> float:
    """Angle of a row's normal from the +P axis, radians."""
    return math.atan2(row[1], row[0])


def _clean(x: float) -> float:
    return 0.0 if abs(x) < 1e-15 else x

"""The seed's base case against a hand calculation of the two-bus voltage drop."""

from __future__ import annotations

import cmath
import math

import pytest

from dcep_topology import (
    BaseSystemSpec,
    TransformerGroupSpec,
    build_base_network,
    run_powerflow,
    summarize_base_results,
)


def _two_bus_hand(spec: BaseSystemSpec) -> tuple[complex, complex]:
    """Exact two-bus solution by fixed point: V2 = V1 - Z * conj(S / V2), on a 100 MVA base.

    The transformer series impedance on its own base is vk (magnitude) with vkr (real part); on the
    system base it scales by S_base / (S_rated * units). Returns (V2 pu, S at the source pu).
    """
    group = spec.transformers[0]
    r = group.vkr_percent / 100
    x = math.sqrt((group.vk_percent / 100) ** 2 - r**2)
    z = complex(r, x) * 100.0 / (group.rating_mva * group.count)
    s_load = complex(spec.load_mw, spec.load_q_mvar) / 100.0
    v1 = complex(spec.grid_vm_pu, 0)
    v2 = v1
    for _ in range(100):
        v2 = v1 - z * (s_load / v2).conjugate()
    i = (s_load / v2).conjugate()
    return v2, v1 * i.conjugate()


def test_base_case_matches_hand_calculation() -> None:
    spec = BaseSystemSpec()
    assert spec.load_q_mvar == pytest.approx(50 * math.tan(math.acos(0.97)))  # 12.53 MVAr
    net = run_powerflow(build_base_network(spec))
    res = summarize_base_results(net)
    v2, s_src = _two_bus_hand(spec)
    bus = res["bus"].set_index("name")
    assert bus.loc["poi", "vm_pu"] == pytest.approx(1.0, abs=1e-12)
    assert bus.loc["mv", "vm_pu"] == pytest.approx(abs(v2), abs=1e-8)
    assert bus.loc["mv", "va_degree"] == pytest.approx(math.degrees(cmath.phase(v2)), abs=1e-6)
    grid = res["grid"].loc["grid"]
    assert grid["p_mw"] == pytest.approx(s_src.real * 100, abs=1e-5)
    assert grid["q_mvar"] == pytest.approx(s_src.imag * 100, abs=1e-5)
    # Loading by current: |I| on the 80 MVA base, at the MV side |S_load| / |V2|.
    expected_loading = math.hypot(spec.load_mw, spec.load_q_mvar) / abs(v2) / 80.0 * 100
    assert res["trafo"]["loading_percent"].iloc[0] == pytest.approx(expected_loading, abs=1e-5)


def test_closed_form_two_bus_voltage() -> None:
    """Closed form: V2^4 - (V1^2 - 2(RP + XQ)) V2^2 + |Z|^2 |S|^2 = 0, the larger root.

    The first-order drop (RP + XQ) alone is 1.75 % here; the exact drop is 1.99 %, so the second-order
    term matters at this loading and the test uses the exact quartic.
    """
    spec = BaseSystemSpec()
    net = run_powerflow(build_base_network(spec))
    vm = float(net.res_bus.vm_pu[net.bus.name == "mv"].iloc[0])
    r = 0.003 * 100 / 80
    x = math.sqrt(0.10**2 - 0.003**2) * 100 / 80
    p_pu, q_pu = spec.load_mw / 100, spec.load_q_mvar / 100
    b = 1.0 - 2 * (r * p_pu + x * q_pu)
    c = (r**2 + x**2) * (p_pu**2 + q_pu**2)
    v2 = math.sqrt((b + math.sqrt(b * b - 4 * c)) / 2)
    assert vm == pytest.approx(v2, abs=1e-9)
    assert 1 - vm == pytest.approx(0.0199, abs=1e-4)


def test_parallel_units_halve_the_impedance() -> None:
    one = BaseSystemSpec(transformers=(TransformerGroupSpec(rating_mva=40, count=2),))
    net = run_powerflow(build_base_network(one))
    v2, _ = _two_bus_hand(one)
    assert float(net.res_bus.vm_pu.iloc[1]) == pytest.approx(abs(v2), abs=1e-8)
    # Two 40 MVA units carry the same current as one 80 MVA unit: same percent loading.
    ref = run_powerflow(build_base_network(BaseSystemSpec()))
    assert float(net.res_trafo.loading_percent.iloc[0]) == pytest.approx(float(ref.res_trafo.loading_percent.iloc[0]))


def test_grid_strength_adds_thevenin_drop() -> None:
    """With S_sc = 1000 MVA at X/R 10: V_source = V_poi + Z_th * conj(S_poi / V_poi) must be 1.0 pu."""
    spec = BaseSystemSpec(grid_short_circuit_mva=1000.0)
    net = run_powerflow(build_base_network(spec))
    poi = net.bus.index[net.bus.name == "poi"][0]
    v_poi = cmath.rect(float(net.res_bus.vm_pu[poi]), math.radians(float(net.res_bus.va_degree[poi])))
    s_poi = complex(float(net.res_trafo.p_hv_mw.iloc[0]), float(net.res_trafo.q_hv_mvar.iloc[0])) / 100
    z_mag = 100 / 1000.0
    r = z_mag / math.sqrt(101)
    v_src = v_poi + complex(r, 10 * r) * (s_poi / v_poi).conjugate()
    assert abs(v_src - 1.0) < 1e-8
    assert 1 - abs(v_poi) > 0.02  # a weak grid sags the POI by ~2 % at 50 MW
    # The grid supplies the transformer flow plus the Thevenin impedance's losses.
    i2 = abs(s_poi / v_poi) ** 2
    assert float(net.res_ext_grid.p_mw.iloc[0]) == pytest.approx((s_poi.real + r * i2) * 100, abs=1e-5)


def test_bad_spec_names_field() -> None:
    with pytest.raises(ValueError, match="load_pf"):
        BaseSystemSpec(load_pf=1.2)
    with pytest.raises(ValueError, match=r"transformers\[0\]"):
        BaseSystemSpec(transformers=(TransformerGroupSpec(vk_percent=0.1, vkr_percent=0.3),))

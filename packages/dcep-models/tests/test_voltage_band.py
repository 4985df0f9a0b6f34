"""The one bus-band rule: the band of the bus listed at a voltage, else 0.95-1.05 pu."""

from __future__ import annotations

from dcep_models import parse_case


def test_voltage_band_of_a_bus_by_kv(case_dict) -> None:
    case_dict["topology"]["buses"] = [{"name": "mv", "voltage_kv": 34.5, "v_min_pu": 0.97, "v_max_pu": 1.03}]
    topo = parse_case(case_dict).topology
    assert topo.voltage_band(34.5) == (0.97, 1.03)
    assert topo.voltage_band(34.5 + 1e-9) == (0.97, 1.03)  # matched to 1e-6 kV
    assert topo.voltage_band(138.0) == (0.95, 1.05)  # no bus listed: the default band

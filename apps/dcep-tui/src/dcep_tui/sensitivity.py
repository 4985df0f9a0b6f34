"""Price sensitivity (seed page 5's toggles): scale the energy and ancillary-service prices before solving."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from dcep_opt import DispatchInputs

ENERGY_SCALES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
AS_SCALES = (0.0, 0.5, 1.0, 1.5, 2.0)


@dataclass(frozen=True)
class PriceScenario:
    """Multipliers on the case's prices: energy (LMP) and every ancillary-service product."""

    energy_scale: float = 1.0
    as_scale: float = 1.0

    @property
    def is_base(self) -> bool:
        """The case's own prices."""
        return self.energy_scale == 1.0 and self.as_scale == 1.0

    @property
    def label(self) -> str:
        """``energy x1.5, AS x0`` (or ``base prices``)."""
        return "base prices" if self.is_base else f"energy x{self.energy_scale:g}, AS x{self.as_scale:g}"


def scale_prices(inputs: DispatchInputs, scenario: PriceScenario) -> DispatchInputs:
    """``inputs`` with the LMP times ``energy_scale`` and every AS price times ``as_scale`` (adders unchanged)."""
    if scenario.is_base:
        return inputs
    products = tuple(
        replace(p, price_usd_per_mw_h=np.asarray(p.price_usd_per_mw_h, dtype=float) * scenario.as_scale)
        for p in inputs.products
    )
    energy = np.asarray(inputs.energy_price_usd_per_mwh, dtype=float) * scenario.energy_scale
    return replace(inputs, energy_price_usd_per_mwh=energy, products=products)

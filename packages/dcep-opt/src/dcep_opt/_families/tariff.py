"""A retail tariff on grid import: TOU energy charges and monthly demand charges.

Families:
    ``tariff-peak`` variable (charge key) MW: the highest import inside one demand charge's window
        (a billing month, whole or one TOU demand period), charged at the charge's $/MW-month.
    ``tariff-peak`` rows (charge key, t): ``peak - import[t] >= 0`` for every interval t of the
        window. The objective pushes each peak down onto the largest import it covers, so the battery,
        the generators and flexible load shave it wherever that costs less than the charge.
    ``tariff-fixed`` variable (): fixed at 1, carrying the fixed charges (a constant) so that the
        objective equals the net value to the cent.
TOU energy: every MWh imported in interval t pays the tariff's rate for t (on top of the wholesale
price, which a tariff case sets to zero).
"""

from __future__ import annotations

import numpy as np

from dcep_opt._model import DispatchModel


def define_tariff(m: DispatchModel) -> None:
    """Energy charges on import and one peak variable per demand charge; returns at once without a tariff."""
    tariff = m.inputs.tariff
    if tariff is None:
        return
    imports = m.index.variables["grid-import"]
    rate = tariff.energy_rate_usd_per_mwh
    for t in range(m.n):
        m.add_objective(imports[(t,)], -float(rate[t]) * m.h)
    if tariff.fixed_usd:
        fixed = m.add_var("tariff-fixed", (), 1.0, 1.0)
        m.add_objective(fixed, -tariff.fixed_usd)
    for charge in tariff.demand_charges:
        peak = m.add_var("tariff-peak", (charge.key,), 0.0, None)
        m.add_objective(peak, -charge.rate_usd_per_mw)
        for t in (int(i) for i in np.flatnonzero(charge.mask)):
            m.add_con("tariff-peak", (charge.key, t), [(peak, 1.0), (imports[(t,)], -1.0)], ">=", 0.0)

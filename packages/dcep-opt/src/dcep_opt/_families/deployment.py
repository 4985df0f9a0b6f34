"""Expected deployment of ancillary-service awards: the energy delivered on average, settled at the energy price.

An award of R MW of a product with expected deployment fraction f (``ReserveProduct.deployment_fraction``)
delivers ``f * R * h`` MWh in an interval of h hours when it is an up award (discharge, more generation,
less load) and absorbs as much when it is a down award; a symmetric award does both (net energy zero at
the price, the battery's round-trip loss remains). Per provider:

* battery: SOC falls by ``f*R*h/eta_dis`` (up) and rises by ``f*R*h*eta_ch`` (down), in the ``bess-soc``
  rows (:func:`dcep_opt._families.bess.define_soc_rows`);
* generator fleet: the delivered MWh burns fuel and VOM (``marginal_cost_usd_per_mwh``); a down award
  saves them;
* curtailable load (up only): the curtailed MWh pays the load's curtailment cost.

Every delivered MWh is sold (up) or bought (down) at the interval's energy price, without the import
adder or a tariff. The value is added straight to the objective and NOT routed through the ``balance``
row or the POI variables: it is an expectation over deployments within the interval, not a scheduled
flow, and the award's own MW (up to R, more than the f*R average) is what the headroom rows already
reserve at the provider (battery power, generator spin, sheddable load). The POI caps are not re-checked
for a deployment on top of the schedule (as before this module). Battery degradation on deployed
discharge is not charged. The economics line ``as_deployment_energy_usd`` recomputes the same value from
the award columns (:func:`deployment_value_usd`). With f = 0 (every shipped market's default) nothing here
adds a term, so the model is unchanged.
"""

from __future__ import annotations

import pulp

from dcep_opt._families.bess import battery_deploys, define_soc_rows
from dcep_opt._inputs import ReserveProduct
from dcep_opt._model import DispatchModel


def net_deployed_mwh_per_mw(prod: ReserveProduct, h: float) -> float:
    """Net MWh delivered per MW awarded in an interval of ``h`` hours: ``f*h`` up, ``-f*h`` down, 0 symmetric."""
    up = prod.deployment_fraction * h if prod.provides_up else 0.0
    down = prod.deployment_fraction * h if prod.provides_down else 0.0
    return up - down


def stored_mwh_per_mw(prod: ReserveProduct, h: float, eta_ch: float, eta_dis: float) -> float:
    """MWh out of a battery's store per MW awarded (negative = in): ``f*h/eta_dis`` up, ``-f*h*eta_ch`` down."""
    up = prod.deployment_fraction * h / eta_dis if prod.provides_up else 0.0
    down = prod.deployment_fraction * h * eta_ch if prod.provides_down else 0.0
    return up - down


def deployment_value_usd(prod: ReserveProduct, h: float, price_usd_per_mwh: float, cost_usd_per_mwh: float) -> float:
    """USD per MW awarded: net delivered MWh times (energy price - the provider's cost per delivered MWh)."""
    return net_deployed_mwh_per_mw(prod, h) * (price_usd_per_mwh - cost_usd_per_mwh)


def define_deployment(m: DispatchModel) -> None:
    """Objective terms of every award's expected deployment; the battery's SOC rows when it deploys.

    Called after the award variables exist (:func:`dcep_opt._families.reserves.define_reserves`).
    """
    inp, h = m.inputs, m.h
    v = m.index.variables
    price = inp.energy_price_usd_per_mwh
    deployed: dict[int, list[tuple[pulp.LpVariable, float]]] = {}
    b = inp.battery
    for prod in inp.products:
        if prod.deployment_fraction <= 0:
            continue
        for t in range(m.n):
            p_t = float(price[t])
            r = v.get("reserve-bess", {}).get((prod.name, t))
            if r is not None and b is not None:
                m.add_objective(r, deployment_value_usd(prod, h, p_t, 0.0))
                deployed.setdefault(t, []).append(
                    (r, stored_mwh_per_mw(prod, h, b.charge_efficiency, b.discharge_efficiency))
                )
            for fleet in inp.fleets:
                r = v.get("reserve-gen", {}).get((fleet.name, prod.name, t))
                if r is not None:
                    m.add_objective(r, deployment_value_usd(prod, h, p_t, fleet.marginal_cost_usd_per_mwh))
            for load in inp.loads:
                r = v.get("reserve-load", {}).get((load.name, prod.name, t))
                if r is not None:
                    m.add_objective(r, deployment_value_usd(prod, h, p_t, load.shed_cost_usd_per_mwh))
    if battery_deploys(m):
        define_soc_rows(m, deployed)

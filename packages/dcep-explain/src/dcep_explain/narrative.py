"""Plain-English explanations of each decision in one interval, built only from the data.

Three angles (the seed's Explainability section): the binding constraint, the opportunity cost or
price signal (energy price vs. the marginal value of stored energy = the SOC dual, or vs. a
generator's marginal cost), and the reliability requirement (ride-through floor, N+k, reserves).
Every number in a sentence comes from the inputs, the schedule or the duals of the fixed LP.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dcep_explain.binding import IDENTITY_FAMILIES, BindingLimit, limits_at
from dcep_explain.duals import DualSolution
from dcep_models import format_usd
from dcep_opt import DispatchInputs, FleetInputs, firm_capacity_mw

_MW_TOL = 1e-4


@dataclass(frozen=True)
class Narrative:
    """One explained decision.

    Attributes:
        subject: ``battery``, ``generator:<fleet>``, ``load:<name>`` or ``site``.
        decision: ``charge``, ``discharge``, ``idle``, ``start``, ``online``, ``offline``, ``curtail``,
            ``unserved`` or ``summary``.
        text: the paragraph.
        facts: the numbers the paragraph quotes, by name (USD/MWh, MW, MWh).
    """

    subject: str
    decision: str
    text: str
    facts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class IntervalView:
    """What the narratives read for one interval."""

    inputs: DispatchInputs
    timeseries: dict[str, np.ndarray]
    duals: DualSolution
    limits: list[BindingLimit]
    t: int

    def label(self, t: int | None = None) -> str:
        """Interval label (ISO start time when known, else the index)."""
        k = self.t if t is None else t
        starts = self.inputs.interval_starts
        return f"{starts[k]}" if starts else f"interval {k}"

    def col(self, name: str) -> float:
        """Value of a time-series column at this interval (0.0 when absent)."""
        arr = self.timeseries.get(name)
        return float(arr[self.t]) if arr is not None else 0.0

    def bound(self, name: str, *key: object) -> BindingLimit | None:
        """The binding limit ``name`` at this interval with the given leading key parts, if any."""
        for lim in limits_at(self.limits, self.t):
            if lim.name == name and tuple(lim.key[: len(key)]) == key:
                return lim
        return None


def _usd(x: float) -> str:
    return format_usd(_clean(x), unit="MWh")


def _clean(x: float) -> float:
    """Round-off noise (|x| < 5e-3, e.g. -0.0 from the solver) shown as 0."""
    return 0.0 if abs(x) < 0.005 else x


def site_summary(v: IntervalView) -> Narrative:
    """The interval's price signal and its most valuable binding limits."""
    inp, t = v.inputs, v.t
    lmp = float(inp.energy_price_usd_per_mwh[t])
    adder = float(inp.import_adder_usd_per_mwh[t])
    lam = v.duals.energy_price_usd_per_mwh(t)
    h = inp.interval_hours
    physical = limits_at(v.limits, t, skip=IDENTITY_FAMILIES)
    priced = [lim for lim in physical if lim.dual != 0.0][:3]
    parts = [f"{v.label()}: LMP {_usd(lmp)}" + (f" (+ import adder {_usd(adder)})" if adder else "")]
    parts.append(f"the marginal MWh at the site costs {_usd(lam)} (the power-balance dual)")
    text = "; ".join(parts) + "."
    if priced:
        text += " Limits binding with a price: " + ", ".join(
            f"{lim.name} ({lim.meaning}; relaxing it is worth {_usd(lim.value_usd_per_mwh(h))})" for lim in priced
        )
        text += "."
    return Narrative("site", "summary", text, {"lmp_usd_per_mwh": lmp, "site_price_usd_per_mwh": lam})


def battery_narrative(v: IntervalView) -> Narrative | None:
    """Why the battery charged, discharged or idled in this interval (None without a battery)."""
    b = v.inputs.battery
    if b is None:
        return None
    t, h, inp = v.t, v.inputs.interval_hours, v.inputs
    ch, dis, soc = v.col("bess_charge_mw"), v.col("bess_discharge_mw"), _clean(v.col("bess_soc_mwh"))
    soc_before = _clean(float(v.timeseries["bess_soc_mwh"][t - 1]) if t > 0 else b.soc_initial_mwh)
    lam = v.duals.energy_price_usd_per_mwh(t)
    mu = v.duals.stored_energy_value_usd_per_mwh(t)
    prices = np.asarray(inp.energy_price_usd_per_mwh, dtype=float)
    facts = {"site_price_usd_per_mwh": lam, "stored_value_usd_per_mwh": mu, "soc_mwh": soc}
    sentences: list[str] = []
    if ch > _MW_TOL:
        decision = "charge"
        later = prices[t + 1 :]
        sentences.append(
            f"The battery charged {ch:.2f} MW (SOC {soc_before:.2f} -> {soc:.2f} MWh) at LMP {_usd(prices[t])}: "
            f"energy cost {_usd(lam)} here, while each MWh stored was worth {_usd(mu)} later (the SOC dual), "
            f"i.e. {_usd(mu * b.charge_efficiency)} per MWh bought at {b.charge_efficiency:.0%} charge efficiency."
        )
        if later.size:
            k = int(np.argmax(later)) + t + 1
            facts["later_max_price_usd_per_mwh"] = float(prices[k])
            sentences.append(
                f"The highest later price is {_usd(prices[k])} at {v.label(k)}; after round-trip losses that is "
                f"worth {_usd(prices[k] * b.charge_efficiency * b.discharge_efficiency)} per MWh charged now."
            )
    elif dis > _MW_TOL:
        decision = "discharge"
        earlier = prices[:t]
        sentences.append(
            f"The battery discharged {dis:.2f} MW (SOC {soc_before:.2f} -> {soc:.2f} MWh) at LMP {_usd(prices[t])}: "
            f"energy was worth {_usd(lam)} here against {_usd(mu)} for keeping a MWh stored (the SOC dual), "
            f"i.e. {_usd(mu / b.discharge_efficiency)} per MWh delivered at {b.discharge_efficiency:.0%} "
            "discharge efficiency."
        )
        if earlier.size:
            k = int(np.argmin(earlier))
            facts["earlier_min_price_usd_per_mwh"] = float(prices[k])
            sentences.append(f"The cheapest earlier price was {_usd(prices[k])} at {v.label(k)}.")
    else:
        decision = "idle"
        sentences.append(
            f"The battery idled at {soc:.2f} MWh: charging would cost {_usd(lam)} per MWh for "
            f"{_usd(mu * b.charge_efficiency)} of stored value, discharging would earn "
            f"{_usd(lam * b.discharge_efficiency)} per stored MWh against {_usd(mu)} for keeping it."
        )
    sentences.extend(_battery_limits(v, b.floor_mwh, soc, h))
    sentences.extend(_reserve_awards(v, "bess"))
    return Narrative("battery", decision, " ".join(sentences), facts)


def _battery_limits(v: IntervalView, floor_mwh: float, soc: float, h: float) -> list[str]:
    out = []
    for name, what in (
        ("bess-charge-max", "it charged at its full power rating"),
        ("bess-discharge-max", "it discharged at its full power rating"),
        ("bess-soc-max", "it is full (maximum SOC)"),
        ("bess-soc-min", "it is empty (minimum SOC)"),
        ("bess-pcs", "the inverter MVA rating binds"),
        ("reserve-bess-up", "its up-reserve awards use all remaining discharge headroom"),
        ("reserve-bess-down", "its down-reserve awards use all remaining charge headroom"),
    ):
        lim = v.bound(name)
        if lim is not None:
            worth = f" (relaxing it is worth {_usd(lim.value_usd_per_mwh(h))})" if lim.dual else ""
            out.append(f"Binding: {what}{worth}.")
    floor = v.bound("bess-floor")
    if floor is not None and floor_mwh > 0:
        out.append(
            f"Reliability: the SOC sits on the ride-through floor of {floor_mwh:.2f} MWh (plus reserve backing); "
            "the energy below it cannot be used for market dispatch."
        )
    final = v.duals.rows.get("bess-final", {}).get(())
    if final is not None and v.t == v.inputs.n_intervals - 1 and final.slack <= 1e-6 and final.rhs > 0:
        out.append(f"The end-of-horizon SOC target of {final.rhs:.2f} MWh binds.")
    return out


def _reserve_awards(v: IntervalView, provider: str) -> list[str]:
    out = []
    for prod in v.inputs.products:
        mw = v.col(f"reserve_{prod.name}_{provider}_mw")
        if mw > _MW_TOL:
            price = float(prod.price_usd_per_mw_h[v.t])
            at = format_usd(price, unit="MW-h")
            out.append(f"It also held {mw:.2f} MW of {prod.name} ({prod.direction} reserve) at {at}.")
    return out


def generator_narrative(v: IntervalView, fleet: FleetInputs) -> Narrative:
    """Why the fleet's units started, ran, or stayed offline in this interval."""
    t, h, name = v.t, v.inputs.interval_hours, fleet.name
    units = v.col(f"gen_{name}_units_online")
    starts, p = v.col(f"gen_{name}_starts"), v.col(f"gen_{name}_mw")
    lam = v.duals.energy_price_usd_per_mwh(t)
    cost = fleet.marginal_cost_usd_per_mwh
    facts = {"units_online": units, "output_mw": p, "marginal_cost_usd_per_mwh": cost, "site_price_usd_per_mwh": lam}
    s: list[str] = []
    if units < 0.5:
        decision = "offline"
        if lam < cost - 1e-6:
            s.append(f"{name} stayed offline: its marginal cost {_usd(cost)} is above the site price {_usd(lam)}.")
        else:
            s.append(
                f"{name} stayed offline although the site energy price {_usd(lam)} covers its marginal cost "
                f"{_usd(cost)}: a start costs {format_usd(fleet.start_cost_usd)} and commits the unit for "
                f"{fleet.min_up_intervals} interval(s), which the surrounding prices do not repay."
            )
        if v.bound("gen-min-down", name) is not None and fleet.min_down_intervals > 1:
            s.append(f"Binding: minimum down time ({fleet.min_down_intervals} intervals) keeps it off.")
    else:
        decision = "start" if starts > 0.5 else "online"
        lead = f"{int(starts)} unit(s) of {name} started; " if starts > 0.5 else ""
        s.append(
            f"{lead}{name} ran {int(units)} unit(s) producing {p:.2f} MW at marginal cost {_usd(cost)} "
            f"against a site energy price of {_usd(lam)}."
        )
        poi = v.bound("poi-import")
        if poi is not None:
            worth = poi.value_usd_per_mwh(h)
            s.append(
                f"Binding: the POI import cap of {poi.limit:.2f} MW is reached, so the grid cannot supply more"
                + (f" (one more MW of import capacity would be worth {_usd(worth)})." if worth else ".")
            )
        if v.bound("gen-max", name) is not None and p > _MW_TOL:
            s.append("The units online are at full output.")
        synced = v.col(f"gen_{name}_units_synced")
        if synced < units - 0.5:
            s.append(f"{int(units - synced)} unit(s) are still inside their start time and produce nothing yet.")
        if v.bound("gen-min", name) is not None and p > _MW_TOL and lam < cost - 1e-6:
            s.append(f"It is held at minimum stable output ({fleet.p_min_mw:.2f} MW per unit) while committed.")
        if v.bound("gen-min-up", name) is not None and fleet.min_up_intervals > 1 and starts < 0.5:
            s.append(f"Binding: minimum up time ({fleet.min_up_intervals} intervals) holds the started unit(s) on.")
        n1 = _n1_sentence(v, fleet, facts)
        if n1:
            s.append(n1)
        q = v.col(f"gen_{name}_q_mvar")
        if abs(q) > _MW_TOL:
            s.append(f"It supplies {q:.2f} MVAr of reactive power.")
        was_on = t > 0 and float(v.timeseries[f"gen_{name}_units_online"][t - 1]) >= units - 0.5
        if lam < cost - 1e-6 and not (poi or n1):
            if p <= _MW_TOL and fleet.start_cost_usd == 0.0:
                s.append("It produces nothing; with no start cost, being committed costs nothing either.")
            elif was_on or starts < 0.5:
                s.append(
                    "It runs below its cost because keeping it committed is cheaper than stopping and restarting it."
                )
    s.extend(_reserve_awards(v, f"gen_{name}"))
    return Narrative(f"generator:{name}", decision, " ".join(s), facts)


def _n1_firm_mw(v: IntervalView, drop: str | None) -> float:
    """Firm MW after losing the ``redundancy_units`` largest synchronised units (one fewer of ``drop``)."""
    units = [
        (f.p_max_mw, round(v.col(f"gen_{f.name}_units_synced")) - (1 if f.name == drop else 0)) for f in v.inputs.fleets
    ]
    return firm_capacity_mw(units, v.inputs.redundancy_units) + v.col("n1_deliverable_mw")


def _n1_sentence(v: IntervalView, fleet: FleetInputs, facts: dict[str, float]) -> str:
    """Reliability angle: does N+k need this fleet's last synchronised unit? ('' when not asked or not)."""
    k = v.inputs.redundancy_units
    if k < 1 or v.col(f"gen_{fleet.name}_units_synced") < 0.5:
        return ""
    crit = float(v.inputs.critical_demand_mw[v.t])
    with_all, one_fewer = _n1_firm_mw(v, None), _n1_firm_mw(v, fleet.name)
    binding = any(lim.name == "n1-cover" for lim in limits_at(v.limits, v.t))
    if one_fewer >= crit - 1e-6 and not binding:
        return ""
    facts["critical_demand_mw"] = crit
    facts["n1_firm_mw"] = with_all
    return (
        f"Reliability: N+{k} requires these units: after losing the {k} largest unit(s), firm capacity "
        f"(generators plus battery deliverable) is {with_all:.2f} MW; with one unit fewer it would be "
        f"{one_fewer:.2f} MW, short of the {crit:.2f} MW of critical load."
        if one_fewer < crit - 1e-6
        else f"Reliability: N+{k} binds: firm capacity after losing {k} unit(s) must cover {crit:.2f} MW of critical "
        "load."
    )


def load_narratives(v: IntervalView) -> list[Narrative]:
    """Why load was curtailed (shed) or critical load went unserved in this interval (empty if neither)."""
    out: list[Narrative] = []
    t, h = v.t, v.inputs.interval_hours
    lam = v.duals.energy_price_usd_per_mwh(t)
    physical = [
        lim.meaning for lim in limits_at(v.limits, t) if lim.kind == "bound" or lim.name in ("poi-mva", "xfmr-mva")
    ]
    for load in v.inputs.loads:
        shed = v.col(f"shed_{load.name}_mw")
        if shed > _MW_TOL:
            text = (
                f"{load.name} curtailed {shed:.2f} MW: serving it would cost {_usd(lam)} at the margin, more than "
                f"its curtailment cost {_usd(load.shed_cost_usd_per_mwh)}."
            )
            if physical:
                text += " Limits binding: " + ", ".join(physical) + "."
            facts = {"shed_mw": shed, "shed_cost_usd_per_mwh": load.shed_cost_usd_per_mwh, "site_price": lam}
            out.append(Narrative(f"load:{load.name}", "curtail", text, facts))
    unserved = v.col("unserved_critical_mw")
    if unserved > _MW_TOL:
        text = (
            f"{unserved:.2f} MW of critical load went unserved (at VoLL {_usd(v.inputs.voll_usd_per_mwh)}): "
            "every source was at a limit: " + (", ".join(physical) or "none found") + "."
        )
        out.append(Narrative("load:critical", "unserved", text, {"unserved_mw": unserved, "interval_hours": h}))
    return out


def explain_interval(inputs: DispatchInputs, timeseries: dict[str, np.ndarray], duals: DualSolution,
                     limits: list[BindingLimit], t: int) -> list[Narrative]:  # fmt: skip
    """Every narrative of interval ``t``: site summary, battery, each generator fleet, curtailment.

    Raises:
        IndexError: ``t`` is outside the horizon.
    """
    if not 0 <= t < inputs.n_intervals:
        raise IndexError(f"interval {t} outside 0..{inputs.n_intervals - 1}")
    v = IntervalView(inputs, timeseries, duals, [lim for lim in limits if lim.interval == t], t)
    out = [site_summary(v)]
    bat = battery_narrative(v)
    if bat is not None:
        out.append(bat)
    out.extend(generator_narrative(v, f) for f in inputs.fleets)
    out.extend(load_narratives(v))
    return out

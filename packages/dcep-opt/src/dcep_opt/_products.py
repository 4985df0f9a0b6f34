"""Reserve products for the dispatch inputs, with market rules by date and the case's award caps.

A horizon that crosses a market rule change (e.g. ERCOT's 5 Dec 2025 durations) gets each day's rules
for that day's intervals: the product list is the first day's (the products the case is priced for),
and each interval takes its own local day's duration, or no award where that day's market does not
offer the product.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from dcep_iso import ISOAdapter, PriceSeries, adapter_for_case
from dcep_models import Case, CaseError, CaseIssue
from dcep_opt._inputs import ReserveProduct


def _award_caps(case: Case, adapter: ISOAdapter) -> dict[str, float]:
    """``market.max_award_mw`` keyed by the market's product names.

    Raises:
        CaseError: a key the market does not offer, or a cap that is negative (path ``market.max_award_mw.<key>``).
    """
    caps: dict[str, float] = {}
    issues = []
    for key, mw in case.market.max_award_mw.items():
        path = f"market.max_award_mw.{key}"
        if not adapter.offers(key):
            issues.append(CaseIssue(path, f"{adapter.name} has no product {key!r}; it offers {adapter.product_names}"))
        elif not mw >= 0:
            issues.append(CaseIssue(path, f"must be >= 0 MW, got {mw}"))
        else:
            caps[adapter.get_product(key).name] = float(mw)
    if issues:
        raise CaseError(issues)
    return caps


def _deployment_fractions(case: Case, adapter: ISOAdapter) -> dict[str, float]:
    """``market.deployment_fraction`` keyed by the market's product names.

    Raises:
        CaseError: a key the market does not offer, or a fraction outside [0, 1] (path
            ``market.deployment_fraction.<key>``).
    """
    out: dict[str, float] = {}
    issues = []
    for key, frac in case.market.deployment_fraction.items():
        path = f"market.deployment_fraction.{key}"
        if not adapter.offers(key):
            issues.append(CaseIssue(path, f"{adapter.name} has no product {key!r}; it offers {adapter.product_names}"))
        elif not 0.0 <= frac <= 1.0:
            issues.append(CaseIssue(path, f"must be a fraction in [0, 1], got {frac}"))
        else:
            out[adapter.get_product(key).name] = float(frac)
    if issues:
        raise CaseError(issues)
    return out


def reserve_products(case: Case, adapter: ISOAdapter, prices: PriceSeries) -> tuple[ReserveProduct, ...]:
    """Every product the case sells and the market offers on its first day, with per-interval rules.

    Raises:
        CaseError: bad ``market.max_award_mw`` or ``market.deployment_fraction`` keys or values.
    """
    days: list[date] = [s.date() for s in prices.interval_starts]
    first = case.time.start_aware.date()
    later = {d: adapter_for_case(case, d) for d in sorted(set(days)) if d != first}
    caps = _award_caps(case, adapter)
    fractions = _deployment_fractions(case, adapter)
    out = []
    for rule in adapter.as_products:
        price = prices.as_usd_per_mw_h.get(rule.name)
        if price is None:
            continue
        # the rule in force each day, asked once per day (not per interval: a year has 35,040 of them)
        by_day: dict[date, tuple[float, bool]] = {first: (rule.duration_hours, True)}
        for day, other in later.items():
            on = other.offers(rule.name)
            by_day[day] = (other.get_product(rule.name).duration_hours if on else rule.duration_hours, on)
        durations = np.fromiter((by_day[d][0] for d in days), dtype=float, count=len(days))
        offered = np.fromiter((by_day[d][1] for d in days), dtype=bool, count=len(days))
        varies = bool(np.any(durations != rule.duration_hours))
        out.append(
            ReserveProduct(
                name=rule.name,
                direction=rule.direction,
                duration_hours=rule.duration_hours,
                price_usd_per_mw_h=np.asarray(price, dtype=float),
                deploy_minutes=rule.deploy_minutes,
                storage_eligible=rule.storage_eligible,
                generator_eligible=rule.generator_eligible,
                load_eligible=rule.load_eligible,
                online_only=rule.online_only,
                symmetric=bool(getattr(rule, "symmetric", False)),
                duration_by_interval_h=durations if varies else None,
                offered_by_interval=None if bool(offered.all()) else offered,
                max_award_mw=caps.get(rule.name),
                deployment_fraction=fractions.get(rule.name, rule.deployment_fraction),
            )
        )
    return tuple(out)

"""`dcep validate CASE`: check a case file and its price data as `dcep run` would, without solving.

Reads the case (every field and cross-field problem in one pass), then builds the market and the
price series exactly as ``run`` does before its solve (dcep-iso: price files read and checked for gaps,
empty cells, a wrong location, a horizon outside the file), and prints every warning ``run`` would
print before solving (e.g. an AS product the market does not have). A retail ``tariff`` is read and
laid on the horizon too (its charges are summarised, its warnings printed). Exit 0 ok, 2 bad input.
"""

from __future__ import annotations

import argparse

from dcep_models import format_usd, load_case, plural, supply_warnings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``validate`` subcommand."""
    p = sub.add_parser("validate", help="check a case file and its price data; every problem with its JSON path")
    p.add_argument("case", help="case JSON file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate the case and its prices; CaseError (incl. PriceDataError) propagates to main (exit 2)."""
    from dcep_iso import adapter_for_case, build_price_series, build_tariff  # light: no solver, no pandapower

    case = load_case(args.case)
    adapter = adapter_for_case(case)
    prices = build_price_series(case, adapter)
    tariff = build_tariff(case)
    t = case.time
    print(
        f"ok: {case.name} | {case.iso} | {plural(t.n_intervals, 'interval')} of {t.interval_minutes} min "
        f"from {t.start_aware.isoformat()} | critical load {case.critical_load_mw:g} MW"
    )
    energy = prices.energy_usd_per_mwh
    print(
        f"prices: energy {prices.energy_source}, {format_usd(float(energy.min()), unit='MWh')} to "
        f"{format_usd(float(energy.max()), unit='MWh')}"
        + (f"; AS {', '.join(sorted(prices.as_usd_per_mw_h))}" if prices.as_usd_per_mw_h else "; no AS sold")
    )
    if tariff is not None:
        rates = tariff.energy_rate_usd_per_mwh
        print(
            f"tariff: {tariff.utility} {tariff.name}: energy {format_usd(float(rates.min()), unit='MWh')} to "
            f"{format_usd(float(rates.max()), unit='MWh')}, {plural(len(tariff.demand_charges), 'demand charge')}, "
            f"fixed {format_usd(tariff.fixed_usd)}"
        )
    for warning in [*prices.warnings, *(tariff.warnings if tariff is not None else []), *supply_warnings(case)]:
        print(f"warning: {warning}")
    return 0

"""The case's prices on its own intervals: energy, ancillary services and import adders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from dcep_iso.base import ISOAdapter
from dcep_iso.four_cp import import_adder_usd_per_mwh
from dcep_iso.gaps import fill_gaps
from dcep_iso.price_csv import ENERGY_COLUMNS, RawSeries, _find, read_price_csv
from dcep_iso.registry import adapter_for_case
from dcep_iso.resample import resample
from dcep_models import Case, CaseError, CaseIssue, did_you_mean

#: Warnings about suspect prices name at most this many rows each, then a count.
MAX_ROWS_NAMED = 5


@dataclass
class PriceSeries:
    """Prices on the case's intervals (arrays of length ``n_intervals``).

    ``as_usd_per_mw_h`` holds only products the case sells and the market offers, keyed by the
    product name; ``import_adder_usd_per_mwh`` is added to the import price (ERCOT 4CP; zeros when
    unused); ``warnings`` lists suspect or ignored input in plain words.
    """

    energy_usd_per_mwh: np.ndarray
    as_usd_per_mw_h: dict[str, np.ndarray]
    import_adder_usd_per_mwh: np.ndarray
    interval_starts: list[datetime]
    warnings: list[str] = field(default_factory=list)
    energy_source: str = "synthetic"


def _suspect(raw: RawSeries, column: str, lo: float, hi: float, start_s: int, end_s: int, unit: str) -> list[str]:
    """Rows inside the horizon whose price lies outside [lo, hi]."""
    use = (raw.end_s > start_s) & (raw.start_s < end_s)
    vals = raw.values[column]
    bad = np.flatnonzero(use & ((vals > hi) | (vals < lo)))
    if not bad.size:
        return []
    named = ", ".join(f"row {int(raw.rows[i])} = {vals[i]:g}" for i in bad[:MAX_ROWS_NAMED])
    more = f" and {bad.size - MAX_ROWS_NAMED} more" if bad.size > MAX_ROWS_NAMED else ""
    return [
        f"{raw.file}: {bad.size} {column!r} value(s) outside the market's range [{lo:g}, {hi:g}] {unit} "
        f"(suspect, used as given; check the file or set market.price_cap_usd_per_mwh): {named}{more}"
    ]


def _synthetic_energy(case: Case, starts: list[datetime]) -> np.ndarray:
    pr = case.prices
    base = float(pr.base_price_usd_per_mwh or 0.0)
    peak, off = set(pr.peak_hours), set(pr.offpeak_hours)
    mult = [pr.peak_multiplier if s.hour in peak else pr.offpeak_multiplier if s.hour in off else 1.0 for s in starts]
    return base * np.asarray(mult, dtype=float)


def _epoch_s(moment: datetime) -> int:
    return int((moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(seconds=1))


def build_price_series(case: Case, adapter: ISOAdapter | None = None) -> PriceSeries:
    """Energy, AS and import-adder prices on the case's intervals.

    Energy comes from the synthetic base/peak form or ``prices.energy_csv``; AS prices from the flat
    ``prices.as_prices_usd_per_mw_h`` and/or ``prices.as_csv`` (a CSV column wins over a flat price).
    Naive times in the files are read as ``prices.timestamps`` says; gaps inside the horizon are
    refused or filled by ``prices.gaps`` (filled gaps are reported in ``warnings``).
    CSV series are resampled to the case interval (finer averaged, coarser repeated). Prices outside
    the market's cap/floor are kept and reported in ``warnings``. ``adapter`` defaults to
    ``adapter_for_case(case)``.

    Raises:
        CaseError: bad market overrides, or a sold product with no price.
        PriceDataError: (a CaseError) a price file that cannot be read, has bad rows, duplicates or
            gaps, or does not cover the horizon; the message names the file and row.
    """
    adapter = adapter or adapter_for_case(case)
    t = case.time
    n = t.n_intervals
    starts = t.interval_starts()
    start_s = _epoch_s(t.start_aware)
    step_s = t.interval_minutes * 60
    end_s = start_s + n * step_s
    pr = case.prices
    warnings: list[str] = []
    cap, floor = adapter.price_cap_usd_per_mwh, adapter.price_floor_usd_per_mwh

    if pr.energy_csv is not None:
        path = case.resolve_path(pr.energy_csv)
        columns = [pr.energy_column] if pr.energy_column else None
        raw = read_price_csv(path, "prices.energy_csv", columns, t.timezone, pr.location, pr.timestamps)
        raw, notes = fill_gaps(raw, pr.gaps, pr.max_gap_hours * 3600.0, start_s, end_s)
        warnings += notes
        column = pr.energy_column or _find(list(raw.values), ENERGY_COLUMNS)
        if column is None:
            if len(raw.values) != 1:
                raise CaseError(
                    [
                        CaseIssue(
                            "prices.energy_column",
                            f"{path}: which of {list(raw.values)} is the price? name it in prices.energy_column",
                        )
                    ]
                )
            column = next(iter(raw.values))
        energy = resample(raw, column, start_s, step_s, n)
        warnings += _suspect(raw, column, floor, cap, start_s, end_s, "$/MWh")
        source = f"{path} [{column}]"
    else:
        energy = _synthetic_energy(case, starts)
        source = "synthetic"

    as_prices: dict[str, np.ndarray] = {}
    for name, price in pr.as_prices_usd_per_mw_h.items():
        if not adapter.offers(name):
            hint = did_you_mean(name, [p.name for p in adapter.as_products])
            warnings.append(f"prices.as_prices_usd_per_mw_h.{name}: {adapter.name} has no such product; ignored{hint}")
            continue
        as_prices[adapter.get_product(name).name] = np.full(n, float(price))
    if pr.as_csv is not None:
        path = case.resolve_path(pr.as_csv)
        raw_as = read_price_csv(path, "prices.as_csv", None, t.timezone, pr.location, pr.timestamps)
        raw_as, notes = fill_gaps(raw_as, pr.gaps, pr.max_gap_hours * 3600.0, start_s, end_s)
        warnings += notes
        for column in raw_as.values:
            if not adapter.offers(column):
                hint = did_you_mean(column, [p.name for p in adapter.as_products])
                warnings.append(f"{path}: column {column!r} is not a {adapter.name} product; ignored{hint}")
                continue
            key = adapter.get_product(column).name
            if key in as_prices and key in {
                adapter.get_product(k).name for k in pr.as_prices_usd_per_mw_h if adapter.offers(k)
            }:
                warnings.append(f"{path}: column {column!r} replaces the flat {key} price")
            as_prices[key] = resample(raw_as, column, start_s, step_s, n)
            warnings += _suspect(raw_as, column, -abs(cap), cap, start_s, end_s, "$/MW-h")

    if case.market.offered_products is not None:
        sold = {adapter.get_product(p).name for p in case.market.offered_products if adapter.offers(p)}
        unpriced = sorted(sold - set(as_prices))
        if unpriced:
            raise CaseError([CaseIssue("market.offered_products", f"no price given for {unpriced}")])
        as_prices = {k: v for k, v in as_prices.items() if k in sold}

    adder = np.zeros(n)
    spec = case.market.four_cp
    if spec is not None:
        if adapter.name == "ERCOT":
            adder = import_adder_usd_per_mwh(spec, starts, t.interval_minutes, t.timezone)
        else:
            warnings.append(f"market.four_cp: 4CP is an ERCOT charge; ignored for {adapter.name}")

    return PriceSeries(
        energy_usd_per_mwh=np.asarray(energy, dtype=float),
        as_usd_per_mw_h=as_prices,
        import_adder_usd_per_mwh=adder,
        interval_starts=starts,
        warnings=warnings,
        energy_source=source,
    )

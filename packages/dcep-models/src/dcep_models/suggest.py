"""Suggestions for misspelt names: field names, time zones, market products (difflib)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``choices`` that look like ``word`` (case-insensitive), best first."""
    options = list(dict.fromkeys(choices))
    by_fold = {c.casefold(): c for c in options}
    key = word.casefold()
    # a unit suffix left off (base_price -> base_price_usd_per_mwh) is the likeliest slip: rank it first
    extended = [f for f in by_fold if f.startswith(key + "_")]
    found = extended + [f for f in difflib.get_close_matches(key, list(by_fold), n=n, cutoff=0.6) if f not in extended]
    return [by_fold[f] for f in found[:n]]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'REGUP'?"`` (or ``" or "``-joined alternatives), or ``""`` when nothing is close."""
    found = close_matches(word, choices)
    if not found:
        return ""
    return "; did you mean " + " or ".join(repr(f) for f in found) + "?"

"""Load profiles expanded to the case's intervals."""

from __future__ import annotations

from dcep_models.resources import Load
from dcep_models.time_spec import TimeSpec


def load_profile_mw(load: Load, time: TimeSpec) -> list[float]:
    """Demand of ``load`` in every interval, MW.

    A 24-value profile is read by local hour of day (so it follows the case's time zone);
    a profile with one value per interval is used as is; no profile means flat ``power_mw``.
    """
    n = time.n_intervals
    if load.profile is None:
        return [load.power_mw] * n
    if len(load.profile) == n:
        return [load.power_mw * f for f in load.profile]
    return [load.power_mw * load.profile[ts.hour] for ts in time.interval_starts()]

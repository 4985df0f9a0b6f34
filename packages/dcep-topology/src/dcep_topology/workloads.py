"""Rack architectures and AI workload shapes for the feasibility simulation, each with its source.

Every number here is a planning ASSUMPTION chosen to be representative, not a measurement; the
sources named support the qualitative claim next to it. Change them here, in one place.

Rack architecture (how the MV bus sees the IT load)
---------------------------------------------------
``ac_racks`` (today's common design): MV -> LV transformer -> double-conversion UPS -> PDU ->
rack PSU (AC/DC, with active power-factor correction) -> 48/54 V DC in the rack.

* Chain efficiency 0.90 (ASSUMPTION): UPS ~0.96 in double conversion x LV transformer/PDU ~0.985 x
  PSU ~0.95 near half load. The PSU figure is the 80 PLUS Titanium requirement at 50 % load
  (96 % for 230 V internal-redundant units; source: CLEAResult/80 PLUS program specification);
  UPS and distribution losses of a few percent each are as reported in LBNL's "United States Data
  Center Energy Usage Report" (Shehabi et al., 2016).
* Power factor at the MV bus 0.97 lagging (ASSUMPTION; also the seed's base case): PSUs with
  active PFC present PF > 0.95 at load (80 PLUS requires PF >= 0.95 at 50 % load for Titanium);
  motors in cooling plants pull it down; 0.97 is a common aggregate planning value.

``dc_800v``: MV -> facility rectifier / solid-state transformer -> 800 V DC bus -> rack DC/DC.
This removes the rack PSU's AC/DC stage and the UPS double conversion (source: NVIDIA Technical
Blog, "NVIDIA 800 VDC Architecture Will Power the Next Generation of AI Factories", May 2025, which
states the design removes AC/DC conversion stages in the rack and claims up to 5 % end-to-end
efficiency improvement; the Open Compute Project's Mt Diablo +/-400 V DC rack work is similar).

* Chain efficiency 0.945 (ASSUMPTION): rectifier ~0.975 x DC/DC ~0.97; i.e. 5 % more useful
  power per MW drawn than ``ac_racks``, the top of NVIDIA's claim.
* Power factor 0.995 lagging (ASSUMPTION): a large active-front-end rectifier regulates its input
  near unity PF; IEEE 519 compliant AFE rectifiers commonly quote PF >= 0.99.

Workload shape (fraction of the site's peak IT demand, per local hour)
----------------------------------------------------------------------
* ``training``: flat and high, 0.95 every hour (ASSUMPTION). Large synchronous training jobs run
  around the clock near full power; their big swings are sub-second to minutes (Choukse et al.,
  "Power Stabilization for AI Training Datacenters", arXiv:2508.14318, 2025), which an hourly
  planning study averages out. Sub-hour oscillation is out of scope here.
* ``inference``: diurnal, ``0.65 + 0.25 cos(2 pi (h - 14) / 24)``: 0.40 at 02:00, 0.90 at 14:00
  (ASSUMPTION for the shape's numbers). Production LLM inference follows user traffic with a
  clear daily cycle (Patel et al., "Splitwise", ISCA 2024; Stojkovic et al., "DynamoLLM",
  HPCA 2025, both on Azure traces).
* ``mixed``: half training, half inference.

The site's ``load_mw`` is the peak draw of the ``ac_racks`` design; with ``dc_800v`` the same IT
work draws ``load_mw * 0.90 / 0.945``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["ARCHITECTURES", "MODES", "RackArchitecture", "workload_shape"]

MODES: tuple[str, ...] = ("training", "inference", "mixed")


@dataclass(frozen=True)
class RackArchitecture:
    """How the IT load appears at the MV bus (see the module docstring for sources)."""

    name: str
    power_factor: float  # lagging, at the MV bus
    chain_efficiency: float  # MV bus -> chips, fraction
    source: str


ARCHITECTURES: dict[str, RackArchitecture] = {
    "ac_racks": RackArchitecture(
        "ac_racks", 0.97, 0.90, "assumption; 80 PLUS Titanium PSU spec, LBNL 2016 data center energy report"
    ),
    "dc_800v": RackArchitecture(
        "dc_800v", 0.995, 0.945, "assumption; NVIDIA 800 VDC architecture blog (May 2025): up to 5 % efficiency"
    ),
}

TRAINING_LEVEL = 0.95
INFERENCE_MEAN = 0.65
INFERENCE_SWING = 0.25
INFERENCE_PEAK_HOUR = 14.0


def workload_shape(mode: str, hours_of_day: NDArray[np.float64]) -> NDArray[np.float64]:
    """Fraction of peak IT demand at each (fractional) local hour of day, 0..1.

    Raises:
        ValueError: unknown ``mode`` (lists the known ones).
    """
    h = np.asarray(hours_of_day, dtype=float)
    training = np.full_like(h, TRAINING_LEVEL)
    inference = INFERENCE_MEAN + INFERENCE_SWING * np.cos(2 * math.pi * (h - INFERENCE_PEAK_HOUR) / 24.0)
    if mode == "training":
        return training
    if mode == "inference":
        return inference
    if mode == "mixed":
        return 0.5 * training + 0.5 * inference
    raise ValueError(f"mode: must be one of {', '.join(MODES)}, got {mode!r}")

"""The economics line list, written once: every revenue and cost line of :class:`Economics` with its label.

The CLI's run summary, the TUI's economics page and the reports all list these lines in this order
with these labels; a test checks the signed lines add up to the net value, so a line added to
:class:`Economics` but not here fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dcep_opt._results import Economics

#: (field of :class:`Economics`, label, kind), in display order.
ECONOMICS_LINES: tuple[tuple[str, str, Literal["revenue", "cost"]], ...] = (
    ("energy_revenue_usd", "Energy Revenue", "revenue"),
    ("as_revenue_usd", "AS Revenue", "revenue"),
    ("as_deployment_energy_usd", "AS Deployment Energy", "revenue"),
    ("energy_cost_usd", "Energy Cost", "cost"),
    ("import_adder_cost_usd", "Import Adder Cost", "cost"),
    ("fuel_cost_usd", "Fuel Cost", "cost"),
    ("vom_cost_usd", "VOM Cost", "cost"),
    ("start_cost_usd", "Start-up Cost", "cost"),
    ("degradation_cost_usd", "Degradation", "cost"),
    ("curtailment_cost_usd", "Curtailment Cost", "cost"),
    ("unserved_cost_usd", "Unserved (VoLL)", "cost"),
    ("floor_use_penalty_usd", "Floor-use Penalty", "cost"),
    ("final_soc_shortfall_usd", "End-SOC Shortfall", "cost"),
    ("tariff_bill_usd", "Tariff Bill", "cost"),
)


@dataclass(frozen=True)
class EconomicsLine:
    """One line of the economics: ``usd`` as stored (costs positive), ``signed_usd`` as it adds to net value."""

    field: str
    label: str
    kind: Literal["revenue", "cost"]
    usd: float

    @property
    def signed_usd(self) -> float:
        """Revenue positive, cost negative, USD."""
        return self.usd if self.kind == "revenue" else -self.usd


def economics_lines(econ: Economics, as_by_product: bool = False) -> list[EconomicsLine]:
    """Every line of ``econ`` in display order.

    ``as_by_product`` replaces the ancillary-service total by one ``AS <product>`` line per product
    (field ``as_revenue_by_product_usd.<product>``). The tariff bill line appears only with a tariff, the
    AS deployment energy line (a signed revenue, may be negative) only when it is non-zero.
    Either way the signed lines sum to the net value.
    """
    out: list[EconomicsLine] = []
    for name, label, kind in ECONOMICS_LINES:
        if name == "tariff_bill_usd" and not econ.tariff_bill:
            continue  # no tariff: no bill line (it would be $0.00 on every wholesale case)
        if name == "as_deployment_energy_usd" and econ.as_deployment_energy_usd == 0.0:
            continue  # no deployment fraction (every shipped market's default): no line
        if as_by_product and name == "as_revenue_usd":
            for product, value in econ.as_revenue_by_product_usd.items():
                out.append(EconomicsLine(f"as_revenue_by_product_usd.{product}", f"AS {product}", "revenue", value))
            continue
        out.append(EconomicsLine(name, label, kind, float(getattr(econ, name))))
    return out

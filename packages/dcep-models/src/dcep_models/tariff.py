"""A retail tariff: the URDB JSON file that bills the site's grid import (read by dcep-iso)."""

from __future__ import annotations

from pydantic import Field

from dcep_models.base import StrictModel


class TariffSpec(StrictModel):
    """Bill grid import on a utility tariff from OpenEI's Utility Rate Database (URDB JSON export).

    The tariff's TOU energy rates are charged on import, its flat and TOU demand charges on the
    highest import of each billing month and window, its fixed charge per month. With a tariff the
    wholesale energy price (``prices``) must be zero: a retail customer does not also pay the LMP
    (exports then earn nothing). Path relative to the case file.
    """

    urdb_json: str = Field(min_length=1, description="URDB JSON export ({'items': [rate, ...]})")
    item: int | str | None = Field(None, description="Which rate: index into items, or the rate's label")

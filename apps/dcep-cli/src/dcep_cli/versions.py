"""The versions of dcep's packages and of the solvers and libraries a result depends on."""

from __future__ import annotations

from importlib import metadata

#: Distributions whose versions travel with every results file and report.
TRACKED_DISTRIBUTIONS: tuple[str, ...] = (
    "dcep-models",
    "dcep-iso",
    "dcep-topology",
    "dcep-opt",
    "dcep-explain",
    "dcep-cli",
    "pulp",
    "highspy",
    "pandapower",
    "numpy",
    "pydantic",
)


def package_versions() -> dict[str, str]:
    """``{distribution: version}`` of :data:`TRACKED_DISTRIBUTIONS` that are installed."""
    found: dict[str, str] = {}
    for name in TRACKED_DISTRIBUTIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found

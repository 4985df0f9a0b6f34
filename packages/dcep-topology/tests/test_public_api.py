"""Every name the package exports exists and public callables say what they do."""

from __future__ import annotations

import importlib.metadata
import inspect

import dcep_topology


def test_all_names_resolve_and_are_documented() -> None:
    for name in dcep_topology.__all__:
        obj = getattr(dcep_topology, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__ and len(obj.__doc__.strip()) > 20, name
    # the version is the installed metadata (read from the repository's VERSION at build time), never typed here
    assert dcep_topology.__version__ == importlib.metadata.version("dcep-topology")

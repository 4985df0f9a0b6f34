"""A pool of workers for independent tasks: serial, an embedded Dask LocalCluster, or a running cluster.

One pool serves several rounds of tasks (e.g. a year's pilot pass, then its windows) so that a
cluster is started once. Dask is optional (``pip install dcep-opt[dask]``) and imported only when a
pool on Dask is opened. The embedded cluster is ``LocalCluster(n_workers, threads_per_worker=1,
processes=True, dashboard_address=":0")``: one HiGHS per process, no fixed dashboard port.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]

#: Tasks handed to Dask per ``client.map`` call (see ``TaskPool.map``).
MAP_BATCH = 64


class TaskPool:
    """``map(fn, items)`` in order, on the pool's workers (or here when serial)."""

    def __init__(self, client: Any | None) -> None:
        self.client = client

    @property
    def serial(self) -> bool:
        """Tasks run in this process, one after another."""
        return self.client is None

    def map(self, fn: Callable[[T], R], items: Sequence[T], progress: Progress | None = None) -> list[R]:
        """``[fn(item) for item in items]``; ``progress(done, total)`` as tasks finish.

        ``fn`` must be importable on the workers (a module-level function of an installed package).
        """
        total = len(items)
        say = progress or (lambda _done, _total: None)
        if self.client is None or total == 0:
            out = []
            for k, item in enumerate(items):
                out.append(fn(item))
                say(k + 1, total)
            return out
        from dask.distributed import as_completed

        # submitted in batches: one graph per batch stays under Dask's "large graph" warning (10 MB) when
        # tasks carry models (a year's 365 bound tasks of 44 kB each made one 15 MB graph)
        futures = []
        for lo in range(0, total, MAP_BATCH):
            futures += self.client.map(fn, list(items[lo : lo + MAP_BATCH]), pure=False)
        index = {f.key: k for k, f in enumerate(futures)}
        results: list[Any] = [None] * total
        for done, future in enumerate(as_completed(futures), start=1):
            results[index[future.key]] = future.result()
            say(done, total)
        return results

    def warm(self) -> None:
        """Import the solver stack on every worker now (not inside the first timed task)."""
        if self.client is not None:
            self.client.run(_warm)

    def share(self, value: Any) -> Any:
        """``value`` sent once to every worker: a Dask future to pass in tasks (the value itself when serial)."""
        if self.client is None:
            return value
        # in a one-item list: Dask scatters a dict value by value under the dict's own keys, which a second
        # share of a like dict on the same pool re-used while the first round's futures were released
        return self.client.scatter([value], broadcast=True, hash=False)[0]

    def worker_peak_rss_mb(self) -> float | None:
        """The largest peak resident memory of any worker process, MB (None when serial)."""
        if self.client is None:
            return None
        peaks = self.client.run(_peak_rss_mb)
        return max(peaks.values()) if peaks else None


def _warm() -> bool:
    import dcep_opt._runner  # noqa: F401  (pulp, highspy and the model families)

    return True


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


@contextmanager
def task_pool(scheduler: str | None = None, n_workers: int = 2, serial: bool = False) -> Iterator[TaskPool]:
    """Open a pool: serial, an embedded LocalCluster of ``n_workers`` (``scheduler`` None) or ``Client(scheduler)``.

    Raises:
        ImportError: Dask is needed and not installed (``pip install 'dcep-opt[dask]'``).
        OSError: the scheduler address cannot be reached.
    """
    if serial:
        yield TaskPool(None)
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("Dask runs need dask[distributed]: pip install 'dcep-opt[dask]'") from exc
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # None still binds :8787 here (distributed 2025): a free port, no warning
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    else:
        client = Client(scheduler, timeout="10s")
    try:
        yield TaskPool(client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

"""TaskPool.map hands Dask its tasks in batches of MAP_BATCH and still returns every result in order."""

from __future__ import annotations

from dcep_opt.studies._pool import MAP_BATCH, task_pool


def test_map_over_several_batches_keeps_the_order() -> None:
    import dask.distributed  # noqa: F401  (dcep-opt[dask]: installed in every session testing dcep-opt)

    items = list(range(-(2 * MAP_BATCH + 5), 0))  # three batches, the last one short
    seen: list[tuple[int, int]] = []
    with task_pool(n_workers=1) as pool:
        out = pool.map(abs, items, lambda done, total: seen.append((done, total)))
    assert out == [-x for x in items]
    assert seen[-1] == (len(items), len(items)) and len(seen) == len(items)


def test_a_shared_dict_can_be_shared_again_on_the_same_pool() -> None:
    # Dask scatters a dict value by value under its own keys: sharing a case's dict twice on one pool
    # re-used the keys "name", "time", ... while the first round's futures were being released, and the
    # second sweep failed with "lost dependencies". A shared value is one future, whatever its type.
    case_like = {"name": "site", "time": {"horizon_hours": 24}, "resources": {}}
    with task_pool(n_workers=1) as pool:
        for _ in range(3):
            shared = pool.share(case_like)
            assert pool.map(sorted, [shared, shared]) == [sorted(case_like)] * 2
            del shared

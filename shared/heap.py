"""The garbage collector's settings for a serving process (`shared.runtime.serve` calls `settle_the_heap`)."""
from __future__ import annotations

import gc

YOUNG_GENERATION_OBJECTS = 7_000  # CPython's default is 700 (`gc.get_threshold()`)


def settle_the_heap() -> None:
    """Before serving, two changes to garbage collection, measured under `bench.gateway_read` at 200 requests/s
    with `bench/gc_probe` (issue 24, `docs/benchmarks.md`):

    - What start-up built (modules, routes, schemas: ~120 000 objects) is collected once and then left out of every
      later collection (`gc.freeze`). Spans wait up to 5 s for their batch export, so enough objects outlived two
      collections to start a full one every few seconds, and each walked the whole heap: up to 106 ms with the event
      loop stopped, 1.5 s of the registry's CPU in one run. Frozen, a full one took at most 16 ms.
    - The youngest generation is collected after 7 000 net new objects rather than 700. A request's objects are
      mostly freed by reference counting; at 700 a collection came every few requests and moved in-flight ones to
      the older generations, which the collector then walks again: ~2 700 collections and 1.4 s of the registry's CPU
      in one run, against 65 and 0.2 s.

    Cycles made later are still collected, a little later than before."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION_OBJECTS, *gc.get_threshold()[1:])

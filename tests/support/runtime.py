"""Running ServiceRuntimes inside the test process, against the real servers."""
from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager

from shared.runtime import ServiceRuntime


@asynccontextmanager
async def running(*runtimes: ServiceRuntime):
    for runtime in runtimes:
        await runtime.start()
    try:
        for runtime in runtimes:
            await until(lambda r=runtime: r.publisher.ready and (r.consumer is None or r.consumer.consuming))
        yield runtimes
    finally:
        for runtime in runtimes:
            await runtime.stop()


async def until(condition, timeout: float = 20.0, interval: float = 0.05, what: str = "condition"):
    """Poll a sync or async condition until it is truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(interval)

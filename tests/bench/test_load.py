"""The benchmarks' open-loop generator: it keeps its schedule when answers are slow (no coordinated omission),
measures latency from the scheduled time, and counts errors and timeouts instead of hiding them."""
import asyncio
import time

from bench.load import closed_loop, open_loop


async def test_slow_answers_do_not_slow_the_schedule_and_count_from_the_scheduled_time():
    async def slow(k: int) -> int:
        await asyncio.sleep(0.3)
        return 200

    started = time.perf_counter()
    run = await open_loop("slow", slow, rate=50, seconds=1)
    elapsed = time.perf_counter() - started
    assert len(run.latencies) == 50 and run.sent == 50
    assert elapsed < 1.0 + 0.3 + 0.5, "the generator waited for answers (closed loop)"
    assert min(run.latencies) >= 300 and run.p(50) < 600


async def test_a_stalled_server_shows_in_the_latencies_of_requests_scheduled_behind_it():
    release = time.perf_counter() + 0.5

    async def stalled(k: int) -> int:  # nothing answers before `release`, like a server pausing
        await asyncio.sleep(max(0.0, release - time.perf_counter()))
        return 200

    run = await open_loop("stall", stalled, rate=20, seconds=1)
    assert run.p(99) < 600 and max(run.latencies) >= 450 and min(run.latencies) < 100


async def test_errors_and_timeouts_are_counted_not_dropped():
    async def flaky(k: int) -> int:
        if k % 3 == 0:
            await asyncio.sleep(1)
        if k % 3 == 1:
            raise ConnectionResetError
        return 503 if k % 2 else 200

    run = await open_loop("flaky", flaky, rate=30, seconds=1, timeout=0.2)
    assert run.timeouts == 10 and run.errors["ConnectionResetError"] == 10
    assert run.errors["503"] + len(run.latencies) == 10 and run.sent == 30


async def test_the_closed_loop_reports_the_rate_it_achieved():
    async def fixed(k: int) -> int:
        await asyncio.sleep(0.05)
        return 200

    run = await closed_loop("sat", fixed, workers=4, seconds=0.5)
    assert 40 <= run.offered <= 85  # 4 workers × 20/s, less the scheduling overhead

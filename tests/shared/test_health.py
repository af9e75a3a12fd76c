"""Readiness: a slow check is reported down at the timeout and left to finish, never cancelled (cancelling a
database driver's operation mid-way once wedged a service's client for good)."""
import asyncio

from shared.health import HealthChecks


async def test_a_check_past_the_timeout_is_down_at_once_and_is_not_cancelled():
    finished, release = asyncio.Event(), asyncio.Event()

    async def slow_ping():
        try:
            await release.wait()
        finally:
            finished.set()  # reached on completion and on cancellation alike
        return {}

    checks = HealthChecks(timeout=0.05)
    checks.add("mongo", slow_ping)
    checks.add("broker", lambda: asyncio.sleep(0))
    ok, report = await asyncio.wait_for(checks.run(), timeout=1)
    assert not ok and report["mongo"]["status"] == "down" and report["broker"]["status"] == "up"
    await asyncio.sleep(0.05)
    assert not finished.is_set(), "the slow check was cancelled"
    release.set()
    await asyncio.wait_for(finished.wait(), timeout=1)


async def test_a_failing_check_is_down_with_its_reason():
    async def broken():
        raise ConnectionError("no route")

    checks = HealthChecks()
    checks.add("mongo", broken)
    ok, report = await checks.run()
    assert not ok and "no route" in report["mongo"]["error"]

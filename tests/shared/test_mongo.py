"""OutageGate: writes queued behind one lock fail together when the database fails, not one timeout each."""
import asyncio

import pytest

from shared.mongo import ConnectionFailure, OutageGate, ServerSelectionTimeoutError


async def test_writes_queued_before_a_failure_fail_at_once_and_later_ones_try_again():
    gate, lock, attempts = OutageGate("sequence store"), asyncio.Lock(), []

    async def write(name: str, fails: bool) -> None:
        queued_at = gate.queued()
        async with lock, gate.guard(queued_at):
            attempts.append(name)
            await asyncio.sleep(0.01)
            if fails:
                raise ServerSelectionTimeoutError("no server")

    results = await asyncio.gather(write("first", True), write("second", False), write("third", False),
                                   return_exceptions=True)
    assert attempts == ["first"]  # the two behind it never reached the database
    assert isinstance(results[0], ServerSelectionTimeoutError)
    assert all(isinstance(r, ConnectionFailure) and "sequence store" in str(r) for r in results[1:])
    await write("after", False)
    assert attempts == ["first", "after"]


async def test_other_errors_do_not_close_the_gate():
    gate = OutageGate("audit store")
    with pytest.raises(ValueError):
        async with gate.guard(gate.queued()):
            raise ValueError("a bug, not an outage")
    queued_at = gate.queued()
    async with gate.guard(queued_at):
        pass

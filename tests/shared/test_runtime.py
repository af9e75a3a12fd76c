"""Shutdown steps are bounded: a broker call that never answers cannot keep a stopping process alive."""
import asyncio
import logging

from shared import runtime


async def test_a_shutdown_step_that_never_finishes_is_abandoned_and_logged(monkeypatch, caplog):
    monkeypatch.setattr(runtime, "STOP_STEP_SECONDS", 0.05)
    never = asyncio.get_running_loop().create_future()
    with caplog.at_level(logging.WARNING, logger="shared.runtime"):
        await asyncio.wait_for(runtime._bounded(never, "cancelling the consumer"), timeout=5)
    assert never.cancelled()
    assert "cancelling the consumer did not finish at shutdown" in caplog.text


async def test_a_shutdown_step_that_fails_does_not_stop_the_next_one(caplog):
    async def refused():
        raise ConnectionError("channel closed")

    with caplog.at_level(logging.WARNING, logger="shared.runtime"):
        await runtime._bounded(refused(), "closing the broker connection")
    assert "ConnectionError('channel closed')" in caplog.text

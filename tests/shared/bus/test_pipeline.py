"""Outbox → relay → broker → consumer → inbox, on the real RabbitMQ and database server."""
import asyncio
import os
import sys
import time

import pytest

from shared.bus import parked
from shared.bus.publisher import envelope_message
from shared.events import EmployerRegistered, Envelope
from shared.runtime import ServiceRuntime
from tests.support.namespace import TEST_DELAYS
from tests.support.runtime import running, until

pytestmark = pytest.mark.infra


def registered(employer_id: str) -> EmployerRegistered:
    return EmployerRegistered(employer_id=employer_id, name="Unit", uscc="91110108551385082Q",
                              district_code="110108", registered_on="2026-11-20")


def consumer_runtime(settings_for, handler) -> ServiceRuntime:
    runtime = ServiceRuntime(settings_for("insurance"))
    runtime.subscribe({EmployerRegistered.type: handler})
    return runtime


async def test_an_event_saved_with_its_aggregate_reaches_the_consumer_once(settings_for):
    seen: list[str] = []

    async def handler(envelope: Envelope) -> None:
        seen.append(envelope.subject)

    producer = ServiceRuntime(settings_for("registry"))
    employers = producer.store("employers")
    async with running(producer, consumer_runtime(settings_for, handler)):
        await employers.save("e1", {"name": "Unit"}, [registered("e1")], loaded=None)
        await until(lambda: seen == ["e1"], what="the consumer to see e1")
        assert await _drained(producer)


async def _drained(runtime: ServiceRuntime) -> bool:
    await until(lambda: _zero(runtime), what="outbox drained")
    return True


async def _zero(runtime):
    return await runtime.relay.pending() == 0


async def test_events_left_behind_by_a_crash_are_published_by_the_sweep(settings_for):
    seen: list[str] = []

    async def handler(envelope: Envelope) -> None:
        seen.append(envelope.subject)

    crashed = ServiceRuntime(settings_for("registry", outbox_relay_enabled=False))
    await crashed.store("employers").save("e2", {"name": "Unit"}, [registered("e2")], loaded=None)
    await crashed.client.close()  # the process "dies" before its relay ran
    restarted = ServiceRuntime(settings_for("registry"))
    restarted.store("employers")
    async with running(restarted, consumer_runtime(settings_for, handler)):
        await until(lambda: seen == ["e2"], what="the left-behind event")
        assert await _drained(restarted)


async def test_a_duplicate_delivery_has_one_effect(settings_for):
    effects: list[str] = []

    async def handler(envelope: Envelope) -> None:
        effects.append(envelope.id)

    producer = ServiceRuntime(settings_for("registry"))
    async with running(producer, consumer_runtime(settings_for, handler)) as (_, consumer):
        envelope = Envelope.wrap(registered("e3"), source="/civic/test")
        for _ in range(3):
            await producer.publisher.publish(envelope)
        await until(lambda: effects == [envelope.id], what="one effect")
        await asyncio.sleep(0.5)  # give the two duplicates time to (wrongly) take effect
        assert effects == [envelope.id]
        assert await consumer.inbox.seen(envelope.id)


async def test_a_failing_handler_is_retried_with_growing_delays_then_parked_and_replayable(settings_for):
    attempts: list[float] = []
    healthy = False

    async def handler(envelope: Envelope) -> None:
        attempts.append(time.monotonic())
        if not healthy:
            raise RuntimeError("ledger offline")

    settings = settings_for("insurance")
    producer = ServiceRuntime(settings_for("registry"))
    async with running(producer, consumer_runtime(settings_for, handler)):
        await producer.publisher.publish(Envelope.wrap(registered("e4"), source="/civic/test"))
        await until(lambda: len(attempts) == 1 + len(TEST_DELAYS), what="all retries")
        gaps = [b - a for a, b in zip(attempts, attempts[1:])]
        assert all(gap >= delay * 0.9 for gap, delay in zip(gaps, TEST_DELAYS)), gaps
        assert gaps == sorted(gaps)
        listed = await until(lambda: parked.list_parked(settings, "insurance"), what="the parked message")
        assert listed[0].attempts == 1 + len(TEST_DELAYS) and "ledger offline" in listed[0].error
        assert len(await parked.list_parked(settings, "insurance")) == 1, "listing must not consume"
        healthy = True
        listing = await civic(settings, "parked", "list", "insurance")
        assert "1 parked message(s)" in listing and "ledger offline" in listing
        assert "replayed 1 message(s)" in await civic(settings, "parked", "replay", "insurance")
        await until(lambda: len(attempts) == 2 + len(TEST_DELAYS), what="the replayed message")
        await asyncio.sleep(0.3)
        assert await parked.list_parked(settings, "insurance") == []


async def civic(settings, *args: str) -> str:
    """Run the real `civic` command line in a subprocess, pointed at this test's namespace."""
    env = os.environ | {"CIVIC_NAMESPACE": settings.namespace, "AMQP_URL": settings.amqp_url}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "shared.cli.main", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await process.communicate()
    assert process.returncode == 0, out.decode()
    return out.decode()


async def test_an_invalid_message_is_parked_at_once(settings_for):
    async def handler(envelope: Envelope) -> None:
        raise AssertionError("must not be called")

    settings = settings_for("insurance")
    producer = ServiceRuntime(settings_for("registry"))
    async with running(producer, consumer_runtime(settings_for, handler)):
        message = envelope_message(Envelope.wrap(registered("e5"), source="/civic/test"), user="registry")
        message.body = b"not json"
        await producer.publisher._exchange.publish(message, routing_key=EmployerRegistered.type)
        listed = await until(lambda: parked.list_parked(settings, "insurance"), what="the parked message")
        assert "not a valid event envelope" in listed[0].error

"""RabbitMQ stops for a few seconds while registrations continue: nothing is lost, everyone reconnects."""
import asyncio

import aio_pika
import pytest

from shared.bus.topology import Topology
from tests.e2e.flows import account_of, register_employer
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e, pytest.mark.disrupts_broker]


async def test_no_event_is_lost_and_consumers_come_back(live_stack, gateway_client, infra):
    employers = [await register_employer(gateway_client) for _ in range(3)]
    await asyncio.to_thread(infra.broker_ctl, "stop_app")
    try:
        for _ in range(10):  # the outbox keeps these while the broker is away
            employers.append(await register_employer(gateway_client))
            await asyncio.sleep(0.3)
    finally:
        await asyncio.to_thread(infra.broker_ctl, "start_app")
        await asyncio.to_thread(infra.broker_ctl, "await_startup --timeout 60")
    for employer in employers:
        await account_of(gateway_client, employer["id"], timeout=90)
    assert await _consumers(infra.amqp_url, Topology(live_stack.env["CIVIC_NAMESPACE"]).queue("insurance")) == 1

    async def ready():
        return (await gateway_client.get("/health/ready")).json()["status"] == "ready"

    await until(ready, timeout=30, what="every process to report ready again")


async def _consumers(amqp_url: str, queue_name: str) -> int:
    async def count():
        connection = await aio_pika.connect(amqp_url)
        async with connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(queue_name, passive=True)
            return queue.declaration_result.consumer_count

    return await until(count, timeout=30, what=f"a consumer on {queue_name}")

"""Two replicas of one service against the same servers: each event is published once; a dead leader is replaced."""
import asyncio
import os

import aio_pika
import httpx
import pytest

from deploy.local import run as supervisor
from shared.bus.topology import Topology
from shared.events import EmployerRegistered, Envelope
from tests.e2e.flows import account_of, new_uscc

pytestmark = [pytest.mark.infra, pytest.mark.e2e, pytest.mark.disrupts_broker]


async def test_two_registry_replicas_publish_every_event_exactly_once(live_stack, gateway_client, infra):
    second = _start_second_registry(live_stack)
    try:
        async with _watch(infra.amqp_url, live_stack, EmployerRegistered.type) as watch:
            replicas = [f"http://127.0.0.1:{live_stack.ports['registry']}", second.url]
            await asyncio.to_thread(infra.broker_ctl, "stop_app")  # a backlog both relays will see at once
            try:
                ids = [await _register(replicas[i % 2]) for i in range(20)]
            finally:
                await asyncio.to_thread(infra.broker_ctl, "start_app")
                await asyncio.to_thread(infra.broker_ctl, "await_startup --timeout 60")
            live_stack.kill("registry")  # one replica dies (it may have been the relay's leader)
            ids += [await _register(second.url) for _ in range(10)]
            for employer_id in ids:
                await account_of(gateway_client, employer_id, timeout=60)
            await asyncio.sleep(1.5)  # a duplicate, if any, would arrive by now
        received = watch.received
        subjects = [e.subject for e in received]
        assert sorted(subjects) == sorted(ids), "every employer's event published, none twice"
        assert len({e.id for e in received}) == len(received)
    finally:
        supervisor.Stack([second]).stop()


def _start_second_registry(live_stack) -> supervisor.Child:
    port = supervisor.free_ports(["registry-2"])["registry-2"]
    env = supervisor.child_env(live_stack.env, live_stack.ports | {"registry": port}, "registry")
    child = supervisor.spawn("registry-2", "services.registry", env, live_stack.var_dir / "log", os.sys.executable)
    supervisor.wait_ready(supervisor.Stack([child]), timeout=60)
    return child


async def _register(base_url: str) -> str:
    body = {"name": "顺义区测试有限公司", "uscc": new_uscc(), "district_code": "110113"}
    async with httpx.AsyncClient(base_url=base_url, timeout=15) as client:
        response = await client.post("/api/v1/registry/employers", json=body)
    assert response.status_code == 201, response.text
    return response.json()["id"]


class _watch:
    """Collect every envelope of one type published on the namespace's exchange while the block runs.
    The queue is durable so it outlives a broker stop; it is read after the block, then deleted."""

    def __init__(self, amqp_url, live_stack, event_type):
        self._url, self._event_type = amqp_url, event_type
        self._topology = Topology(live_stack.env["CIVIC_NAMESPACE"])
        self._queue = f"{self._topology.namespace}.test-watch"
        self.received: list[Envelope] = []

    async def __aenter__(self):
        async with await aio_pika.connect(self._url) as connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(self._queue, durable=True)
            await queue.bind(self._topology.exchange, self._event_type)
        return self

    async def drain(self) -> None:
        async with await aio_pika.connect(self._url) as connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(self._queue, durable=True)
            while (message := await queue.get(no_ack=True, fail=False)) is not None:
                self.received.append(Envelope.model_validate_json(message.body))
            await queue.delete(if_unused=False, if_empty=False)

    async def __aexit__(self, *exc):
        await self.drain()
